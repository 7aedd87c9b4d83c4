using System.Globalization;
using Bot.Data.Inbox;
using Bot.Data.Outbox;
using Bot.Host.Channels;
using Bot.Host.Outbox;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Inbox;

/// <summary>
/// Processes stored inbound messages: claims them with a lease, lets the <see cref="AccessGate"/> drop messages from
/// unknown chats and answer unknown senders, runs the router for the rest, queues the replies in the outbox
/// (dedupe keys per inbox id, so a message processed again after a crash does not answer twice), then marks them done.
/// A failure is recorded and retried with backoff; one bad message never stops the worker.
/// </summary>
public sealed class InboxWorker(
    IInboxRepository inbox,
    IMessageRouter router,
    AccessGate gate,
    IEnumerable<IReplyAddresser> addressers,
    OutboxWriter outbox,
    InboxSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<InboxWorker> logger) : BackgroundService
{
    private readonly string _worker = $"{Environment.MachineName}-{Environment.ProcessId}-inbox";
    private readonly Dictionary<string, IReplyAddresser> _addressers = addressers.ToDictionary(a => a.Platform, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await ProcessBatchAsync(stoppingToken);
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
                logger.LogError(ex, "Inbox worker could not claim messages; retrying");
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
    /// Claims and processes one batch; returns how many messages were claimed. Conversations (platform and chat, or
    /// sender for 1:1) are independent: each one's messages are processed in order, up to
    /// <see cref="DeliveryOptions.Concurrency"/> conversations at a time.
    /// </summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batch = await inbox.ClaimAsync(_worker, settings.BatchSize, settings.Lease, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var processed = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(
            batch.GroupBy(m => (m.Platform, m.ChatId ?? m.SenderId)),
            new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (conversation, token) =>
            {
                foreach (var message in conversation)
                {
                    if (await ProcessAsync(message, settings, token))
                    {
                        processed.Add(message.Id);
                    }
                }
            });

        // One statement for the batch: a crash before it only means the batch is processed again, which the dedupe
        // keys of the replies (and the routers' idempotency per inbox id) make harmless.
        await inbox.CompleteManyAsync(processed.ToArray(), batch[0].LeaseOwner!, cancellationToken);
        return batch.Count;
    }

    /// <summary>Routes one message and queues its replies; false when it failed and was rescheduled.</summary>
    private async Task<bool> ProcessAsync(InboxMessage message, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            var replies = await gate.CheckAsync(message, cancellationToken) ?? await router.RouteAsync(message, cancellationToken);
            for (var i = 0; i < replies.Count; i++)
            {
                var row = Address(message, replies[i]);
                row.Source = OutboxSources.Reply;
                row.InboxId = message.Id;
                row.DedupeKey = $"reply:{message.Id}:{i.ToString(CultureInfo.InvariantCulture)}";
                await outbox.EnqueueAsync(row, cancellationToken);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var next = message.Attempts >= settings.InboxMaxAttempts ? (DateTimeOffset?)null : time.GetUtcNow() + settings.Backoff(message.Attempts);
            logger.LogError(ex, "Inbox message {MessageId} ({Platform}) failed on attempt {Attempt}; {Outcome}",
                message.MessageId, message.Platform, message.Attempts, next is null ? "giving up" : "will retry");
            await inbox.RescheduleAsync(message.Id, message.LeaseOwner!, ex.Message, next, cancellationToken);
            return false;
        }
    }

    private OutboxMessage Address(InboxMessage message, BotReply reply) =>
        _addressers.TryGetValue(message.Platform, out var addresser)
            ? addresser.Address(message, reply)
            : throw new InvalidOperationException($"No reply channel for platform '{message.Platform}'.");
}
