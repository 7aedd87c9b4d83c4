using Bot.Data.Outbox;

namespace Bot.Host.Channels;

/// <summary>The outcome of one delivery attempt.</summary>
public sealed record DeliveryResult(bool Delivered, bool Retry, string? Error, TimeSpan? RetryAfter = null)
{
    public static readonly DeliveryResult Ok = new(true, false, null);

    /// <summary>The platform's error code (<c>errcode</c>, DingTalk <c>code</c> or <c>http_503</c>) for the error metrics.</summary>
    public string? Code { get; init; }

    /// <summary>A passing failure (5xx, timeout, rate limit): try again later.</summary>
    public static DeliveryResult Transient(string error, TimeSpan? after = null) => new(false, true, error, after);

    /// <summary>A failure that will not heal by retrying (bad target, invalid key).</summary>
    public static DeliveryResult Permanent(string error) => new(false, false, error);
}

/// <summary>One way of delivering outbox rows (a WeCom group robot webhook, the DingTalk OpenAPI, the Sandbox …).</summary>
public interface IOutboundChannel
{
    /// <summary>The <see cref="OutboxMessage.Channel"/> value this channel delivers.</summary>
    string Name { get; }

    /// <summary>Messages allowed per minute to one target, or null for no limit.</summary>
    int? PerMinuteLimit { get; }

    /// <summary>Largest payload in UTF-8 bytes for a message type; longer text is split at line boundaries.</summary>
    int MaxBytes(string msgType);

    /// <summary>Whether rows of type <c>image</c> (base64 PNG payload) can be delivered; digest charts go only where it is true.</summary>
    bool SupportsImages => false;

    /// <summary>
    /// True when delivering the same row twice shows it once: the channel sends an idempotency key the platform
    /// honours (DingTalk custom robot <c>msgUuid</c>), the platform accepts its address once (WeCom robot
    /// <c>response_url</c>, its stream answered by id), or nothing leaves the host (Sandbox). Such rows are simply
    /// sent again after a crash. For the others the sender marks the row before sending (mark-before-send) and never
    /// resends a row whose send was interrupted: at most once, so a reply can be lost, never shown twice.
    /// </summary>
    bool Idempotent => false;

    Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Knows how to address a reply to a message received on one platform.</summary>
public interface IReplyAddresser
{
    string Platform { get; }

    /// <summary>Fills channel, target, type and mentions of a reply row for <paramref name="inbound"/>.</summary>
    OutboxMessage Address(Bot.Data.Inbox.InboxMessage inbound, Bot.Skills.Conversation.BotReply reply);
}
