using Bot.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>
/// The real bot host listening on 127.0.0.1 with a free port, configured by key/value settings (the same keys as
/// appsettings.json / environment variables). Tests talk to it over real HTTP.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<RunningHost> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0" };
        if (!settings.ContainsKey("Schedule:Enabled"))
        {
            args.Add("--Schedule:Enabled=false"); // Tests opt in to the scheduler: it would post reminders at real times.
        }

        args.AddRange(settings.Select(kv => $"--{kv.Key}={kv.Value}"));
        var builder = BotHost.CreateBuilder([.. args], b => configure?.Invoke(b.Services));
        var app = builder.Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
