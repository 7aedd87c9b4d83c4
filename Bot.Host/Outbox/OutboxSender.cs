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
                if (await SendBatchAsync(stoppingToken) > 0)
                {
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

    /// <summary>Claims and handles one batch; returns how many rows were delivered or failed (deferred rows do not count).</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batch = await outbox.ClaimAsync(_worker, settings.BatchSize, settings.Lease, cancellationToken);
        var handled = 0;
        foreach (var message in batch)
        {
            if (!_channels.TryGetValue(message.Channel, out var channel))
            {
                logger.LogError("Outbox message {Id} names unknown channel {Channel}; marked failed", message.Id, message.Channel);
                await outbox.RescheduleAsync(message.Id, message.LeaseOwner!, $"unknown channel {message.Channel}", null, cancellationToken);
                handled++;
                continue;
            }

            if (channel.PerMinuteLimit is int limit && limiter.TryAcquire($"{channel.Name}|{message.Target}", limit) is DateTimeOffset freeAt)
            {
                await outbox.DeferAsync(message.Id, message.LeaseOwner!, freeAt, cancellationToken);
                continue;
            }

            handled++;
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
                continue;
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
        }

        return handled;
    }
}
