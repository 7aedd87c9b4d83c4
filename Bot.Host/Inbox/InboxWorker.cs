using System.Diagnostics;
using System.Globalization;
using Bot.Data.Inbox;
using Bot.Data.Outbox;
using Bot.Data.Telemetry;
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
                InboxLog.ClaimFailed(logger, ex);
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
        var start = Stopwatch.GetTimestamp();
        using var activity = BotTelemetry.StartFrom("inbox.process", ActivityKind.Consumer, message.TraceParent);
        activity?.SetTag("tiexibot.inbox.id", message.Id);
        activity?.SetTag("tiexibot.platform", message.Platform);
        try
        {
            var replies = await gate.CheckAsync(message, cancellationToken);
            var outcome = replies is null ? "routed" : "gated";
            if (replies is null)
            {
                using var route = BotTelemetry.Source.StartActivity("router.route");
                replies = await router.RouteAsync(message, cancellationToken);
                route?.SetTag("tiexibot.replies", replies.Count);
            }

            for (var i = 0; i < replies.Count; i++)
            {
                var row = Address(message, replies[i]);
                row.Source = OutboxSources.Reply;
                row.InboxId = message.Id;
                row.DedupeKey = $"reply:{message.Id}:{i.ToString(CultureInfo.InvariantCulture)}";
                await outbox.EnqueueAsync(row, cancellationToken);
            }

            var tags = BotTelemetry.Tags(message);
            BotTelemetry.MessagesProcessed.Add(1, tags);
            if (replies.Count > 0)
            {
                BotTelemetry.ReplyDuration.Record(Math.Max(0, (time.GetUtcNow() - message.ReceivedAt).TotalSeconds), tags);
            }

            InboxLog.Processed(logger, message.Id, message.Platform, BotTelemetry.Kind(message), outcome, replies.Count, message.Attempts,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var next = message.Attempts >= settings.InboxMaxAttempts ? (DateTimeOffset?)null : time.GetUtcNow() + settings.Backoff(message.Attempts);
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            BotTelemetry.MessagesFailed.Add(1, BotTelemetry.Tags(message));
            InboxLog.Failed(logger, ex, message.Id, message.Platform, message.Attempts, next is null ? "giving up" : "will retry");
            await inbox.RescheduleAsync(message.Id, message.LeaseOwner!, ex.Message, next, cancellationToken);
            return false;
        }
    }

    private OutboxMessage Address(InboxMessage message, BotReply reply) =>
        _addressers.TryGetValue(message.Platform, out var addresser)
            ? addresser.Address(message, reply)
            : throw new InvalidOperationException($"No reply channel for platform '{message.Platform}'.");
}

/// <summary>Source-generated log messages of the inbox worker (event ids 2000–2099): ids and categories, never message text.</summary>
internal static partial class InboxLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Inbox {InboxId} processed: platform {Platform}, kind {Kind}, {Outcome}, {Replies} repl(ies), attempt {Attempt}, {ElapsedMs:0.0} ms")]
    public static partial void Processed(ILogger logger, long inboxId, string platform, string kind, string outcome, int replies, int attempt, double elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Inbox {InboxId} ({Platform}) failed on attempt {Attempt}; {Outcome}")]
    public static partial void Failed(ILogger logger, Exception exception, long inboxId, string platform, int attempt, string outcome);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Inbox worker could not claim messages; retrying")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);
}
