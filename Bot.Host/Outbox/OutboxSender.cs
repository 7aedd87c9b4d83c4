using Bot.Data.Outbox;
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
    private readonly string _worker = $"{Environment.MachineName}-{Environment.ProcessId}-outbox";
    private readonly Dictionary<string, IOutboundChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

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
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            logger.LogError("Outbox message {Id} names unknown channel {Channel}; marked failed", message.Id, message.Channel);
            await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, $"unknown channel {message.Channel}", null, cancellationToken);
            return QueueOutcome.Settled;
        }

        if (channel.PerMinuteLimit is int limit && limiter.TryAcquire($"{channel.Name}|{message.Target}", limit) is DateTimeOffset freeAt)
        {
            await outbox.DeferAsync(message.Id, message.LeaseOwner!, freeAt, cancellationToken);
            message.NextAttemptAt = freeAt;
            return QueueOutcome.Deferred;
        }

        DeliveryResult result;
        try
        {
            result = await channel.DeliverAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            result = DeliveryResult.Transient(ex.Message);
        }

        if (result.Delivered)
        {
            return QueueOutcome.Completed;
        }

        var giveUp = !result.Retry || message.Attempts >= settings.OutboxMaxAttempts;
        var next = giveUp ? (DateTimeOffset?)null : Time.GetUtcNow() + (result.RetryAfter ?? settings.Backoff(message.Attempts));
        if (giveUp)
        {
            logger.LogError("Outbox message {Id} to {Channel}/{Target} failed after {Attempts} attempts: {Error}",
                message.Id, message.Channel, message.Target, message.Attempts, result.Error);
        }
        else
        {
            logger.LogWarning("Outbox message {Id} to {Channel} attempt {Attempt} failed: {Error}; retry at {Next}",
                message.Id, message.Channel, message.Attempts, result.Error, next);
        }

        await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, result.Error ?? "delivery failed", next, cancellationToken);
        if (next is null)
        {
            return QueueOutcome.Settled;
        }

        message.NextAttemptAt = next.Value;
        return QueueOutcome.Rescheduled;
    }
}
