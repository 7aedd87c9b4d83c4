using Bot.Data.Common;

namespace Bot.Data.Outbox;

/// <summary>Where an outbound message comes from.</summary>
public static class OutboxSources
{
    public const string Reply = "reply";
    public const string Reminder = "reminder";
    public const string Digest = "digest";
    public const string Command = "command";
}

/// <summary>An outbound message. Every message is a row before it is sent.</summary>
public sealed class OutboxMessage : LeasedRow
{
    public long Id { get; set; }

    public string Platform { get; set; } = "";

    /// <summary>How it is delivered: robot_webhook, app, app_chat, aibot, session_webhook, openapi, custom_robot, sandbox …</summary>
    public string Channel { get; set; } = "";

    /// <summary>Chat id, user id, webhook key or URL, depending on the channel.</summary>
    public string Target { get; set; } = "";

    /// <summary>text, markdown or image.</summary>
    public string MsgType { get; set; } = "text";

    public string Payload { get; set; } = "";

    /// <summary>JSON array of user ids to @-mention.</summary>
    public string? Mentions { get; set; }

    public string Source { get; set; } = OutboxSources.Reply;

    public long? InboxId { get; set; }

    /// <summary>Optional idempotency key: a second row with the same key is not stored.</summary>
    public string? DedupeKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// When a delivery through a channel without an idempotency key began (mark-before-send); null when none is in
    /// flight. A claimed row with a value was being sent when its host died: its outcome is unknown.
    /// </summary>
    public DateTimeOffset? SendStartedAt { get; set; }

    /// <summary>W3C traceparent of the work that queued the row (set on insert from the current activity).</summary>
    public string? TraceParent { get; set; }
}
