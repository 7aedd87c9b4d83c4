namespace Bot.Host.Channels;

/// <summary>Wakes a worker early when new rows are stored, so replies do not wait for the next poll.</summary>
public sealed class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits for a notification or the timeout.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>The inbox's signal.</summary>
public sealed class InboxSignal : IDisposable
{
    public void Dispose() => Signal.Dispose();

    public WorkSignal Signal { get; } = new();
}

/// <summary>The outbox's signal.</summary>
public sealed class OutboxSignal : IDisposable
{
    public void Dispose() => Signal.Dispose();

    public WorkSignal Signal { get; } = new();
}
