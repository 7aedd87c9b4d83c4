using Bot.Data.Outbox;
using Bot.Host.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Host.Outbox;

/// <summary>
/// Delivers outbox rows: claims them with a lease (several hosts never send one row twice), keeps each target under
/// its per-minute limit by deferring, retries transient failures with exponential backoff, and marks a row failed
/// after <see cref="DeliveryOptions.OutboxMaxAttempts"/> attempts or on a permanent error.
/// </summary>
public sealed class OutboxSender(
    IOutboxRepository outbox,
    IEnumerable<IOutboundChannel> channels,
    RateLimiter limiter,
    OutboxSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly string _worker = $"{Environment.MachineName}-{Environment.ProcessId}-outbox";
    private readonly Dictionary<string, IOutboundChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await SendBatchAsync(stoppingToken);
                if (count > 0)
                {
                    // A partial batch: let a few more rows arrive, so that claims are not paid per row under load.
                    if (count < options.Value.BatchSize && options.Value.Linger > TimeSpan.Zero)
                    {
                        await Task.Delay(options.Value.Linger, stoppingToken);
                    }

                    continue;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox sender could not claim messages; retrying");
            }

            try
            {
                await signal.Signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Claims and handles one batch; returns how many rows were delivered or failed (deferred rows do not count).
    /// Targets are independent: each one's rows are sent in order, up to <see cref="DeliveryOptions.Concurrency"/>
    /// targets at a time.
    /// </summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batch = await outbox.ClaimAsync(_worker, settings.BatchSize, settings.Lease, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var handled = 0;
        await Parallel.ForEachAsync(
            batch.GroupBy(m => (m.Channel, m.Target)),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (target, token) =>
            {
                foreach (var message in target)
                {
                    if (await SendAsync(message, settings, token))
                    {
                        Interlocked.Increment(ref handled);
                    }
                }
            });
        return handled;
    }

    /// <summary>Sends one claimed row; false when it was deferred by the rate limit.</summary>
    private async Task<bool> SendAsync(OutboxMessage message, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(message.Channel, out var channel))
        {
            logger.LogError("Outbox message {Id} names unknown channel {Channel}; marked failed", message.Id, message.Channel);
            await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, $"unknown channel {message.Channel}", null, cancellationToken);
            return true;
        }

        if (channel.PerMinuteLimit is int limit && limiter.TryAcquire($"{channel.Name}|{message.Target}", limit) is DateTimeOffset freeAt)
        {
            await outbox.DeferAsync(message.Id, message.LeaseOwner!, freeAt, cancellationToken);
            return false;
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
            await outbox.CompleteAsync(message.Id, message.LeaseOwner!, cancellationToken);
            return true;
        }

        var giveUp = !result.Retry || message.Attempts >= settings.OutboxMaxAttempts;
        var next = giveUp ? (DateTimeOffset?)null : time.GetUtcNow() + (result.RetryAfter ?? settings.Backoff(message.Attempts));
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
        return true;
    }
}
