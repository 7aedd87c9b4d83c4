using Bot.Data.Inbox;
using Bot.Host.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Host.Inbox;

/// <summary>
/// The acknowledgement path's door to the inbox: a callback's insert runs on its own small connection pool (the
/// <see cref="InboxServiceKeys.Ingest"/> inbox repository, <c>Database:IngestPoolSize</c> connections), at most
/// <see cref="DeliveryOptions.AckConcurrency"/> at a time, so the backlog's work never queues in front of it. A callback
/// that would wait longer than <see cref="DeliveryOptions.AckWaitBudget"/> for its turn, or arrives while the inbox
/// backlog is at <see cref="DeliveryOptions.MaxInboxBacklog"/>, is shed: <see cref="InboxShedException"/>, answered 503
/// with <c>Retry-After</c> (WeCom and DingTalk deliver a callback again when it was not answered 200), long before the
/// platform's own limit (WeCom 5 s). Nothing is stored for a shed callback, and its retry is stored once (the inbox's
/// unique key).
/// </summary>
public sealed class InboxAdmission : IDisposable
{
    private readonly IInboxRepository _inbox;
    private readonly IOptions<DeliveryOptions> _options;
    private readonly SemaphoreSlim _slots;
    private long _backlog;
    private long _shed;

    public InboxAdmission([FromKeyedServices(InboxServiceKeys.Ingest)] IInboxRepository inbox, IOptions<DeliveryOptions> options)
    {
        _inbox = inbox;
        _options = options;
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.AckConcurrency));
    }

    /// <summary>Callbacks shed so far.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    /// <summary>The inbox backlog (pending and in-process rows) last sampled by the backlog sampler.</summary>
    public long Backlog => Interlocked.Read(ref _backlog);

    /// <summary>The inbox backlog (pending and in-process rows) last sampled by the backlog sampler.</summary>
    public void ObserveBacklog(long depth) => Interlocked.Exchange(ref _backlog, depth);

    /// <summary>Stores a callback's message (false when it was stored before) or sheds it with <see cref="InboxShedException"/>.</summary>
    public async Task<bool> TryAddAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        using var slot = await EnterAsync(cancellationToken);
        return await _inbox.TryAddAsync(message, cancellationToken);
    }

    /// <summary>Takes one acknowledgement slot (dispose it to give it back), or sheds with <see cref="InboxShedException"/>.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        if (settings.MaxInboxBacklog > 0 && Interlocked.Read(ref _backlog) >= settings.MaxInboxBacklog)
        {
            Interlocked.Increment(ref _shed);
            throw new InboxShedException($"the inbox backlog is at its limit of {settings.MaxInboxBacklog} messages");
        }

        if (!await _slots.WaitAsync(settings.AckWaitBudget, cancellationToken))
        {
            Interlocked.Increment(ref _shed);
            throw new InboxShedException($"no acknowledgement slot within {settings.AckWaitBudget.TotalMilliseconds:0} ms");
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>A callback was not taken (load shedding): answered 503 with <c>Retry-After</c>, nothing stored.</summary>
public sealed class InboxShedException(string reason) : Exception(reason)
{
    /// <summary>The Retry-After the platform is asked to wait, in seconds.</summary>
    public const int RetryAfterSeconds = 1;
}
