using Bot.Data.Common;

namespace Bot.Data.Inbox;

/// <summary>A raw inbound chat message, stored before the platform gets its acknowledgement.</summary>
public sealed class InboxMessage : LeasedRow
{
    public long Id { get; set; }

    public string Platform { get; set; } = "";

    /// <summary>The platform's own message id; unique per platform, so a redelivery is dropped.</summary>
    public string MessageId { get; set; } = "";

    public string? ChatId { get; set; }

    public string SenderId { get; set; } = "";

    public string? SenderName { get; set; }

    /// <summary>The text with @-mentions stripped.</summary>
    public string Text { get; set; } = "";

    public int Images { get; set; }

    /// <summary>The decrypted platform payload, kept for audit and replay.</summary>
    public string? Raw { get; set; }

    /// <summary>Channel-specific reply handle (response_url, sessionWebhook and its expiry …) as JSON.</summary>
    public string? ReplyTo { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    /// <summary>W3C traceparent of the request that stored the message (set on insert from the current activity).</summary>
    public string? TraceParent { get; set; }
}
