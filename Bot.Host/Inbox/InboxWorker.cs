using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Bot.Data.Connections;
using Bot.Data.Inbox;
using Bot.Data.Outbox;
using Bot.Data.Telemetry;
using Bot.Host.Channels;
using Bot.Host.Outbox;
using Bot.Host.Queues;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Inbox;

/// <summary>
/// Processes stored inbound messages: claims them with a lease, lets the <see cref="AccessGate"/> drop messages from
/// unknown chats and answer unknown senders, runs the router for the rest and queues the replies in the outbox — all
/// of one message in one <see cref="UnitOfWork"/> (one transaction, begun by its first write), with dedupe keys per
/// inbox id, so a message processed again after a crash does not answer twice. A batch's conversation states and
/// stored reports are read with one statement each (<see cref="InboxBatchReads"/>); completions are batched.
/// Messages of one sender in one chat are processed in order (a follow-up answer never overtakes its question), by
/// <see cref="DeliveryOptions.InboxConsumers"/> consumers. A failure is recorded and retried with backoff; one bad
/// message never stops the worker.
/// </summary>
public sealed class InboxWorker(
    IInboxRepository inbox,
    IInboxBatchReader batchReader,
    IDbConnectionFactory connections,
    IMessageRouter router,
    AccessGate gate,
    IEnumerable<IReplyAddresser> addressers,
    OutboxWriter outbox,
    OutboxSignal outboxSignal,
    Bot.Host.Evidence.EvidenceCapture evidence,
    IEnumerable<IInboxOutcomeObserver> observers,
    InboxSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<InboxWorker> logger) : LeasedQueueWorker<InboxMessage>(signal.Signal, time, logger)
{
    private const int TransientRetries = 3;

    private readonly string _worker = $"{Environment.MachineName}-{Environment.ProcessId}-inbox";
    private readonly Dictionary<string, IReplyAddresser> _addressers = addressers.ToDictionary(a => a.Platform, StringComparer.Ordinal);
    private readonly IInboxOutcomeObserver[] _observers = observers.ToArray();

    protected override int Consumers => options.Value.EffectiveInboxConsumers;

    protected override int BatchSize => options.Value.BatchSize;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override TimeSpan Linger => options.Value.Linger;

    /// <summary>Claims and processes one batch; returns how many messages were claimed.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken) =>
        (await RunOneBatchAsync(options.Value.Concurrency, cancellationToken)).Claimed;

    protected override Task<IReadOnlyList<InboxMessage>> ClaimAsync(int limit, CancellationToken cancellationToken) =>
        inbox.ClaimAsync(_worker, limit, options.Value.Lease, cancellationToken);

    /// <summary>One conversation: the sender in its chat (platform, chat or 1:1, sender).</summary>
    protected override string OrderKey(InboxMessage item) => $"{item.Platform}\n{item.ChatId}\n{item.SenderId}";

    protected override long Id(InboxMessage item) => item.Id;

    protected override string LeaseOwnerOf(InboxMessage item) => item.LeaseOwner!;

    protected override async Task<object?> PrepareAsync(IReadOnlyList<InboxMessage> batch, IReadOnlySet<string> busyKeys, CancellationToken cancellationToken) =>
        // A conversation with a message of an earlier batch still in flight is read when its turn comes, not now.
        await batchReader.ReadAsync(batch, busyKeys.Count == 0 ? null : m => busyKeys.Contains(OrderKey(m)), cancellationToken);

    protected override Task CompleteManyAsync(IReadOnlyCollection<long> ids, string leaseOwner, CancellationToken cancellationToken) =>
        inbox.CompleteManyAsync(ids, leaseOwner, cancellationToken);

    protected override Task DeferAsync(InboxMessage item, DateTimeOffset until, CancellationToken cancellationToken) =>
        inbox.RescheduleAsync(item.Id, item.LeaseOwner!, "waits for an earlier message of its conversation", until, cancellationToken);

    protected override DateTimeOffset BlockedUntil(InboxMessage item) => item.NextAttemptAt;

    protected override int MaxTogether => options.Value.InboxTogether;

    /// <summary>
    /// Routes the messages waiting for one consumer in ONE unit of work (one transaction: a START and a COMMIT for all
    /// of them instead of for each, issue 18). Anything going wrong — a bad message, a deadlock, a failed commit — rolls
    /// the whole group back; each message is then processed alone (<see cref="HandleAsync"/>), which retries, reschedules
    /// or fails only the message at fault. Replies are woken and observed after the commit, as for one message.
    /// </summary>
    protected override async Task<bool> TryHandleTogetherAsync(IReadOnlyList<(InboxMessage Item, ClaimedBatch<InboxMessage> Batch)> rows, CancellationToken cancellationToken)
    {
        var routed = new List<Routed>(rows.Count);
        var stored = 0;
        try
        {
            await using var unit = UnitOfWork.Begin(connections);
            foreach (var (message, batch) in rows)
            {
                using var scope = (batch.Context as InboxBatchReads)?.Enter();
                using var activity = StartProcessing(message);
                routed.Add(await RouteAsync(message, Stopwatch.GetTimestamp(), cancellationToken));
            }

            // The replies of the whole group: one multi-row INSERT.
            stored = await outbox.StoreQuietlyAsync([.. routed.SelectMany(r => r.Rows)], cancellationToken);
            await unit.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing of the group was stored: what the batch reads learnt from it is forgotten, and each message goes alone.
            foreach (var (message, batch) in rows)
            {
                (batch.Context as InboxBatchReads)?.Forget(message);
            }

            InboxLog.GroupRolledBack(logger, rows.Count, ex.GetType().Name);
            return false;
        }

        foreach (var done in routed)
        {
            Processed(done);
        }

        if (stored > 0)
        {
            outboxSignal.Signal.Notify();
        }

        return true;
    }

    /// <summary>Routes one message and queues its replies in one unit of work.</summary>
    protected override async Task<QueueOutcome> HandleAsync(InboxMessage message, ClaimedBatch<InboxMessage> batch, CancellationToken cancellationToken)
    {
        var reads = batch.Context as InboxBatchReads;
        using var scope = reads?.Enter();
        var start = Stopwatch.GetTimestamp();
        using var activity = StartProcessing(message);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Routed routed;
                int stored;
                await using (var unit = UnitOfWork.Begin(connections))
                {
                    routed = await RouteAsync(message, start, cancellationToken);
                    stored = await outbox.StoreQuietlyAsync(routed.Rows, cancellationToken);
                    await unit.CommitAsync(cancellationToken);
                }

                Processed(routed);
                if (stored > 0)
                {
                    outboxSignal.Signal.Notify();
                }

                return QueueOutcome.Completed;
            }
            catch (DbException ex) when (attempt < TransientRetries && SqlDialect.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                // A deadlock or busy database rolled the whole unit back: run it again.
                reads?.Forget(message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                reads?.Forget(message);
                var settings = options.Value;
                var next = message.Attempts >= settings.InboxMaxAttempts ? (DateTimeOffset?)null : Time.GetUtcNow() + settings.Backoff(message.Attempts);
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                BotTelemetry.MessagesFailed.Add(1, BotTelemetry.Tags(message));
                InboxLog.Failed(logger, ex, message.Id, message.Platform, message.Attempts, next is null ? "giving up" : "will retry");
                await inbox.RescheduleAsync(message.Id, message.LeaseOwner!, ex.Message, next, cancellationToken);
                if (next is null)
                {
                    foreach (var observer in _observers)
                    {
                        observer.Failed(message);
                    }

                    return QueueOutcome.Settled;
                }

                message.NextAttemptAt = next.Value;
                return QueueOutcome.Rescheduled;
            }
        }
    }

    /// <summary>
    /// The gate, the router and the reply rows of one message, inside the caller's unit of work (not committed here);
    /// the caller stores the rows (<see cref="OutboxWriter.StoreQuietlyAsync"/>), for a group with one statement.
    /// </summary>
    private async Task<Routed> RouteAsync(InboxMessage message, long start, CancellationToken cancellationToken)
    {
        var gated = await gate.CheckAsync(message, cancellationToken);

        // A photo or file with no text is evidence for the sender's report (or a plan file): no reply of its own.
        var media = gated is null ? Evidence.MediaReferences.Of(message) : [];
        var mediaOnly = media.Count > 0 && string.IsNullOrWhiteSpace(message.Text);
        var outcome = gated is not null ? "gated" : mediaOnly ? "media" : "routed";
        IReadOnlyList<BotReply> replies;
        if (mediaOnly)
        {
            replies = [];
        }
        else if (gated is null)
        {
            using var route = BotTelemetry.Source.StartActivity("router.route");
            replies = await router.RouteAsync(message, cancellationToken);
            route?.SetTag("tiexibot.replies", replies.Count);
        }
        else
        {
            replies = gated;
        }

        var rows = new List<OutboxMessage>();
        var traceParent = BotTelemetry.CurrentTraceParent; // this message's span, also when the rows are stored for a group
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = Address(message, replies[i]);
            reply.Source = OutboxSources.Reply;
            reply.InboxId = message.Id;
            reply.DedupeKey = $"reply:{message.Id}:{i.ToString(CultureInfo.InvariantCulture)}";
            reply.TraceParent = traceParent;
            rows.AddRange(outbox.Prepare(reply));
        }

        if (outcome != "gated")
        {
            await evidence.CaptureAsync(message, media, cancellationToken); // photos and files: a durable download each
        }

        return new Routed(message, replies.Count, rows, outcome, start);
    }

    /// <summary>One message's trace span (continuing the trace of the callback that stored it).</summary>
    private static Activity? StartProcessing(InboxMessage message)
    {
        var activity = BotTelemetry.StartFrom("inbox.process", ActivityKind.Consumer, message.TraceParent);
        activity?.SetTag("tiexibot.inbox.id", message.Id);
        activity?.SetTag("tiexibot.platform", message.Platform);
        return activity;
    }

    /// <summary>
    /// After the commit, before the caller wakes the outbox sender (which may use what the observers remember):
    /// observers, metrics and the log line.
    /// </summary>
    private void Processed(Routed routed)
    {
        var message = routed.Message;
        foreach (var observer in _observers)
        {
            observer.Processed(message, routed.Rows);
        }

        var tags = BotTelemetry.Tags(message);
        BotTelemetry.MessagesProcessed.Add(1, tags);
        if (routed.Replies > 0)
        {
            BotTelemetry.ReplyDuration.Record(Math.Max(0, (Time.GetUtcNow() - message.ReceivedAt).TotalSeconds), tags);
        }

        InboxLog.Processed(logger, message.Id, message.Platform, BotTelemetry.Kind(message), routed.Outcome, routed.Replies, message.Attempts,
            Stopwatch.GetElapsedTime(routed.Start).TotalMilliseconds);
    }

    private OutboxMessage Address(InboxMessage message, BotReply reply) =>
        _addressers.TryGetValue(message.Platform, out var addresser)
            ? addresser.Address(message, reply)
            : throw new InvalidOperationException($"No reply channel for platform '{message.Platform}'.");
}

/// <summary>One message routed inside a unit of work: what to do once that unit committed.</summary>
internal sealed record Routed(InboxMessage Message, int Replies, List<OutboxMessage> Rows, string Outcome, long Start);

/// <summary>Source-generated log messages of the inbox worker (event ids 2000–2099): ids and categories, never message text.</summary>
internal static partial class InboxLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Inbox {InboxId} processed: platform {Platform}, kind {Kind}, {Outcome}, {Replies} repl(ies), attempt {Attempt}, {ElapsedMs:0.0} ms")]
    public static partial void Processed(ILogger logger, long inboxId, string platform, string kind, string outcome, int replies, int attempt, double elapsedMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Inbox {InboxId} ({Platform}) failed on attempt {Attempt}; {Outcome}")]
    public static partial void Failed(ILogger logger, Exception exception, long inboxId, string platform, int attempt, string outcome);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "A group of {Count} inbox messages was rolled back ({Error}); each is processed alone")]
    public static partial void GroupRolledBack(ILogger logger, int count, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Inbox worker could not claim messages; retrying")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);
}
