using Bot.Data.Common;

namespace Bot.Host.Channels.DingTalk;

/// <summary>
/// What a DingTalk reply needs, kept as the inbox row's <c>ReplyTo</c> JSON: the temporary sessionWebhook and its expiry,
/// and the conversation and sender for the OpenAPI once the session has expired.
/// </summary>
public sealed record DingTalkReplyHandle
{
    public string? SessionWebhook { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long? SessionWebhookExpiredTime { get; init; }

    public string? ConversationId { get; init; }

    public string ConversationType { get; init; } = DingTalkConversationTypes.Group;

    public string? SenderStaffId { get; init; }

    public string? RobotCode { get; init; }

    public bool IsGroup => ConversationType == DingTalkConversationTypes.Group;

    public DateTimeOffset? ExpiresAt => SessionWebhookExpiredTime is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>True when the sessionWebhook can still be used at <paramref name="now"/> with <paramref name="margin"/> to spare.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan margin) =>
        SessionWebhook is not null && ExpiresAt is DateTimeOffset expires && now + margin < expires;

    /// <summary>The OpenAPI target for this conversation: the group's conversation id, or <c>user:{staffId}</c> for 1:1.</summary>
    public string? OpenApiTarget => IsGroup ? ConversationId : SenderStaffId is null ? null : DingTalkTargets.User(SenderStaffId);

    public static DingTalkReplyHandle From(DingTalkIncoming message) => new()
    {
        SessionWebhook = message.SessionWebhook,
        SessionWebhookExpiredTime = message.SessionWebhookExpiredTime,
        ConversationId = message.ConversationId,
        ConversationType = message.ConversationType,
        SenderStaffId = message.SenderStaffId,
        RobotCode = message.RobotCode,
    };

    public string ToJson() => Json.Serialize(this);

    public static DingTalkReplyHandle? Read(string? json)
    {
        try
        {
            return Json.Deserialize<DingTalkReplyHandle?>(json, null);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>Outbox targets of the <c>openapi</c> channel: a group's conversation id, or <c>user:{userid}</c> for a 1:1 message.</summary>
public static class DingTalkTargets
{
    public const string UserPrefix = "user:";

    public static string User(string staffId) => UserPrefix + staffId;

    public static bool IsUser(string target, out string staffId)
    {
        if (target.StartsWith(UserPrefix, StringComparison.Ordinal))
        {
            staffId = target[UserPrefix.Length..];
            return true;
        }

        staffId = "";
        return false;
    }
}
