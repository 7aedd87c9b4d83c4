using Microsoft.Extensions.Options;

namespace Bot.Tests.Support;

/// <summary>A fixed <see cref="IOptionsMonitor{TOptions}"/> for constructing services by hand.</summary>
public sealed class TestOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue { get; set; } = value;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
