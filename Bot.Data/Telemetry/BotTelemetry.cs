using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Bot.Data.Telemetry;

/// <summary>
/// The bot's one <see cref="Meter"/> and one <see cref="ActivitySource"/> (both named <see cref="Name"/>), shared by
/// every project so that the skills (parser, LLM calls, reminders) and the host (webhooks, inbox, outbox) report
/// through the same instruments. Tags carry ids and categories only, never message text.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "TieXiBot";

    public static readonly ActivitySource Source = new(Name, "1.0");

    public static readonly Meter Meter = new(Name, "1.0");

    public static readonly Counter<long> MessagesAccepted =
        Meter.CreateCounter<long>("tiexibot.messages.accepted", "{message}", "Inbound messages stored in the inbox (duplicates not counted)");

    public static readonly Counter<long> MessagesProcessed =
        Meter.CreateCounter<long>("tiexibot.messages.processed", "{message}", "Inbox messages routed and answered");

    public static readonly Counter<long> MessagesFailed =
        Meter.CreateCounter<long>("tiexibot.messages.failed", "{message}", "Inbox processing attempts that failed (retried or given up)");

    public static readonly Histogram<double> AckDuration =
        Meter.CreateHistogram<double>("tiexibot.webhook.ack.duration", "s", "Time from a webhook request to its answer");

    public static readonly Histogram<double> ParseDuration =
        Meter.CreateHistogram<double>("tiexibot.parse.duration", "s", "Time to parse one report message");

    public static readonly Histogram<double> ReplyDuration =
        Meter.CreateHistogram<double>("tiexibot.reply.duration", "s", "Time from receiving a message to its replies being queued");

    public static readonly Counter<long> OutboxSends =
        Meter.CreateCounter<long>("tiexibot.outbox.sends", "{message}", "Outbox delivery attempts by channel and outcome");

    public static readonly Histogram<double> PlatformCallDuration =
        Meter.CreateHistogram<double>("tiexibot.platform.call.duration", "s", "Duration of one delivery call to a platform");

    public static readonly Counter<long> PlatformErrors =
        Meter.CreateCounter<long>("tiexibot.platform.errors", "{error}", "Failed platform calls by channel and error code");

    public static readonly Counter<long> LlmCalls =
        Meter.CreateCounter<long>("tiexibot.llm.calls", "{call}", "Calls to the language model by purpose and outcome");

    public static readonly Histogram<double> LlmDuration =
        Meter.CreateHistogram<double>("tiexibot.llm.duration", "s", "Duration of one call to the language model");

    public static readonly Counter<long> RemindersSent =
        Meter.CreateCounter<long>("tiexibot.reminders.sent", "{message}", "Reminder messages queued");

    public static readonly Counter<long> DigestsSent =
        Meter.CreateCounter<long>("tiexibot.digests.sent", "{message}", "Digest messages queued");

    private static QueueBacklog _inbox = QueueBacklog.Empty;
    private static QueueBacklog _outbox = QueueBacklog.Empty;

    static BotTelemetry()
    {
        Meter.CreateObservableGauge("tiexibot.inbox.depth", () => _inbox.Depth, "{message}", "Inbox messages not yet processed");
        Meter.CreateObservableGauge("tiexibot.inbox.oldest_age", () => _inbox.OldestAgeSeconds, "s", "Age of the oldest unprocessed inbox message");
        Meter.CreateObservableGauge("tiexibot.outbox.depth", () => _outbox.Depth, "{message}", "Outbox messages not yet sent");
        Meter.CreateObservableGauge("tiexibot.outbox.oldest_age", () => _outbox.OldestAgeSeconds, "s", "Age of the oldest unsent outbox message");
    }

    /// <summary>The backlog the gauges report (set by the host's sampler, which reads the database periodically).</summary>
    public static void SetBacklog(QueueBacklog inbox, QueueBacklog outbox)
    {
        _inbox = inbox;
        _outbox = outbox;
    }

    /// <summary>
    /// Starts an activity that continues the trace of <paramref name="traceParent"/> (a W3C <c>traceparent</c> stored
    /// with a queued row), so that one message's stages form one trace across the database hop.
    /// </summary>
    public static Activity? StartFrom(string name, ActivityKind kind, string? traceParent)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent))
        {
            return Source.StartActivity(name, kind, parent);
        }

        return Source.StartActivity(name, kind);
    }

    /// <summary>The W3C id of the current activity, to store with a queued row.</summary>
    public static string? CurrentTraceParent =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The kind tag of an inbound message: <c>text</c>, <c>image</c> or <c>text_image</c> (never its content).</summary>
    public static string Kind(Inbox.InboxMessage message) =>
        message.Images > 0 ? (string.IsNullOrWhiteSpace(message.Text) ? "image" : "text_image") : "text";

    /// <summary>Platform and kind tags of an inbound message.</summary>
    public static TagList Tags(Inbox.InboxMessage message) => new()
    {
        { "platform", message.Platform },
        { "kind", Kind(message) },
    };

    /// <summary>Seconds elapsed since <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public static double Seconds(long start) => Stopwatch.GetElapsedTime(start).TotalSeconds;
}

/// <summary>How many rows wait in a queue table and for how long the oldest has waited.</summary>
public sealed record QueueBacklog(long Depth, double OldestAgeSeconds)
{
    public static readonly QueueBacklog Empty = new(0, 0);
}
