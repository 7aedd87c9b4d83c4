using System.Collections.Concurrent;
using System.Diagnostics;
using Bot.Data.Outbox;
using Bot.Data.Telemetry;
using Bot.Host.Channels;
using Bot.Host.Queues;
using Microsoft.Extensions.Options;

namespace Bot.Host.Outbox;

/// <summary>
/// Delivers outbox rows: claims them with a lease (several hosts never send one row twice), keeps each target under
/// its per-minute limit by deferring, retries transient failures with exponential backoff, and marks a row failed
/// after <see cref="DeliveryOptions.OutboxMaxAttempts"/> attempts or on a permanent error. One target's rows are sent
/// in order (a retried row holds back the rows behind it); up to <see cref="DeliveryOptions.Concurrency"/> targets at
/// a time; deliveries are marked sent in batches.
/// </summary>
public sealed class OutboxSender(
    IOutboxRepository outbox,
    IEnumerable<IOutboundChannel> channels,
    RateLimiter limiter,
    OutboxSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : LeasedQueueWorker<OutboxMessage>(signal.Signal, time, logger)
{
    /// <summary>The error of a row whose interrupted send is not repeated.</summary>
    public const string InDoubtError = "发送过程中断，无法确认是否已送达；为避免重复发送，不再重发 / the send was interrupted and may have been delivered; not sent again (at most once).";

    private readonly string _worker = $"{Environment.MachineName}-{Environment.ProcessId}-outbox";
    private readonly Dictionary<string, IOutboundChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    // Rows this process marked as "send begun" (or tried to) and knows it did not hand to the platform: the mark or
    // its clearing may have been stored while the database's answer was lost (an outage). This host may send them;
    // any other host still sees the mark and keeps them at most once.
    private readonly ConcurrentDictionary<long, byte> _markedNotSent = new();

    protected override int Consumers => options.Value.Concurrency;

    protected override int BatchSize => options.Value.BatchSize;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override TimeSpan Linger => options.Value.Linger;

    /// <summary>Claims and handles one batch; returns how many rows were delivered or failed (deferred rows do not count).</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken) =>
        (await RunOneBatchAsync(options.Value.Concurrency, cancellationToken)).Handled;

    protected override Task<IReadOnlyList<OutboxMessage>> ClaimAsync(int limit, CancellationToken cancellationToken) =>
        outbox.ClaimAsync(_worker, limit, options.Value.Lease, cancellationToken);

    protected override string OrderKey(OutboxMessage item) => $"{item.Channel}\n{item.Target}";

    protected override long Id(OutboxMessage item) => item.Id;

    protected override string LeaseOwnerOf(OutboxMessage item) => item.LeaseOwner!;

    protected override Task CompleteManyAsync(IReadOnlyCollection<long> ids, string leaseOwner, CancellationToken cancellationToken) =>
        outbox.CompleteManyAsync(ids, leaseOwner, cancellationToken);

    protected override Task DeferAsync(OutboxMessage item, DateTimeOffset until, CancellationToken cancellationToken) =>
        outbox.DeferAsync(item.Id, item.LeaseOwner!, until, cancellationToken);

    protected override DateTimeOffset BlockedUntil(OutboxMessage item) => item.NextAttemptAt;

    /// <summary>Sends one claimed row.</summary>
    protected override async Task<QueueOutcome> HandleAsync(OutboxMessage message, ClaimedBatch<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var activity = BotTelemetry.StartFrom("outbox.send", ActivityKind.Consumer, message.TraceParent);
        activity?.SetTag("tiexibot.outbox.id", message.Id);
        activity?.SetTag("tiexibot.channel", message.Channel);
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            OutboxLog.UnknownChannel(logger, message.Id, message.Channel);
            Count(message.Channel, "failed");
            await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, $"unknown channel {message.Channel}", null, cancellationToken);
            return QueueOutcome.Settled;
        }

        if (channel.PerMinuteLimit is int limit && limiter.TryAcquire($"{channel.Name}|{message.Target}", limit) is DateTimeOffset freeAt)
        {
            await outbox.DeferAsync(message.Id, message.LeaseOwner!, freeAt, cancellationToken);
            message.NextAttemptAt = freeAt;
            Count(channel.Name, "deferred");
            return QueueOutcome.Deferred;
        }

        if (!channel.Idempotent)
        {
            if (message.SendStartedAt is { } began && !_markedNotSent.ContainsKey(message.Id))
            {
                // Its host died (or stopped) between starting the send and recording the answer: the platform may show
                // it already, and this channel has no idempotency key. Never send it twice: at most once.
                OutboxLog.InDoubt(logger, message.Id, channel.Name, began);
                Count(channel.Name, "in_doubt");
                await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, InDoubtError, null, cancellationToken);
                return QueueOutcome.Settled;
            }

            _markedNotSent[message.Id] = 0; // if the mark is stored but its answer lost, this host knows it sent nothing
            if (!await outbox.BeginSendAsync(message.Id, message.LeaseOwner!, cancellationToken))
            {
                _markedNotSent.TryRemove(message.Id, out _);
                return QueueOutcome.Settled; // the lease went to another worker: it is theirs now
            }

            _markedNotSent.TryRemove(message.Id, out _); // from here on the platform may have it
        }

        DeliveryResult result;
        var start = Stopwatch.GetTimestamp();
        using (var call = BotTelemetry.Source.StartActivity("platform.call", ActivityKind.Client))
        {
            call?.SetTag("tiexibot.channel", channel.Name);
            try
            {
                result = await channel.DeliverAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.ExecutionRejectedException && !cancellationToken.IsCancellationRequested)
            {
                result = DeliveryResult.Transient(ex.Message) with { Code = ex is HttpRequestException { StatusCode: { } status } ? $"http_{(int)status}" : ex.GetType().Name };
            }

            BotTelemetry.PlatformCallDuration.Record(BotTelemetry.Seconds(start), new KeyValuePair<string, object?>("channel", channel.Name));
            if (!result.Delivered)
            {
                call?.SetStatus(ActivityStatusCode.Error, result.Code);
                BotTelemetry.PlatformErrors.Add(1, new KeyValuePair<string, object?>("channel", channel.Name), new KeyValuePair<string, object?>("code", result.Code ?? "other"));
            }
        }

        if (result.Delivered)
        {
            Count(channel.Name, "delivered");
            OutboxLog.Delivered(logger, message.Id, channel.Name, message.Attempts, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return QueueOutcome.Completed;
        }

        var giveUp = !result.Retry || message.Attempts >= settings.OutboxMaxAttempts;
        var next = giveUp ? (DateTimeOffset?)null : Time.GetUtcNow() + (result.RetryAfter ?? settings.Backoff(message.Attempts));
        if (giveUp)
        {
            OutboxLog.GaveUp(logger, message.Id, message.Channel, message.Attempts, result.Code ?? "other", result.Error);
        }
        else
        {
            OutboxLog.WillRetry(logger, message.Id, message.Channel, message.Attempts, result.Code ?? "other", result.Error, next);
        }

        Count(channel.Name, giveUp ? "failed" : "retry");
        if (!channel.Idempotent)
        {
            // The platform answered (or the call timed out): the row was not taken, so a retry shows it at most once.
            _markedNotSent[message.Id] = 0;
            await outbox.EndSendAsync(message.Id, message.LeaseOwner!, cancellationToken);
            _markedNotSent.TryRemove(message.Id, out _);
        }

        await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, result.Error ?? "delivery failed", next, cancellationToken);
        if (next is null)
        {
            return QueueOutcome.Settled;
        }

        message.NextAttemptAt = next.Value;
        return QueueOutcome.Rescheduled;
    }

    private static void Count(string channel, string outcome) =>
        BotTelemetry.OutboxSends.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));
}

/// <summary>
/// Source-generated log messages of the outbox sender (event ids 3000–3099). Platform error texts are logged at
/// Warning/Error only: they describe the platform's answer, never the message sent.
/// </summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Outbox {OutboxId} delivered via {Channel} on attempt {Attempt} in {ElapsedMs:0.0} ms")]
    public static partial void Delivered(ILogger logger, long outboxId, string channel, int attempt, double elapsedMs);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Outbox {OutboxId} via {Channel} attempt {Attempt} failed ({Code}): {Error}; retry at {Next}")]
    public static partial void WillRetry(ILogger logger, long outboxId, string channel, int attempt, string code, string? error, DateTimeOffset? next);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Outbox {OutboxId} via {Channel} failed after {Attempts} attempt(s) ({Code}): {Error}")]
    public static partial void GaveUp(ILogger logger, long outboxId, string channel, int attempts, string code, string? error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Outbox {OutboxId} names unknown channel {Channel}; marked failed")]
    public static partial void UnknownChannel(ILogger logger, long outboxId, string channel);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Outbox {OutboxId} via {Channel} was being sent since {Began} when its host stopped; it may have been delivered and is not sent again")]
    public static partial void InDoubt(ILogger logger, long outboxId, string channel, DateTimeOffset began);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Outbox sender could not claim messages; retrying")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);
}
