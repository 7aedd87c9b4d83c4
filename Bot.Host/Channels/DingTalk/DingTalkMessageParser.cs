using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bot.Host.Channels.DingTalk;

/// <summary>One person @-mentioned in a message: <c>staffId</c> only for members of the organisation.</summary>
public sealed record DingTalkAtUser(string? DingTalkId, string? StaffId);

/// <summary>A robot message (HTTP-mode body or the decoded <c>data</c> of a Stream frame), normalised.</summary>
public sealed record DingTalkIncoming
{
    public required string MsgId { get; init; }

    public required string MsgType { get; init; }

    /// <summary>The encrypted conversation id (<c>cid…</c>); the <c>openConversationId</c> of the OpenAPI group send.</summary>
    public string? ConversationId { get; init; }

    /// <summary><c>"1"</c> one-on-one, <c>"2"</c> group.</summary>
    public string ConversationType { get; init; } = DingTalkConversationTypes.Group;

    public string? ConversationTitle { get; init; }

    /// <summary>The sender's userid in the organisation; missing for outsiders.</summary>
    public string? SenderStaffId { get; init; }

    /// <summary>The encrypted sender id; used as the sender only when there is no staff id.</summary>
    public string? SenderId { get; init; }

    public string? SenderNick { get; init; }

    /// <summary>The text with the leading space and the robot's @-mention removed.</summary>
    public string Text { get; init; } = "";

    /// <summary>Pictures in the message (a picture message is one; richText counts its picture items).</summary>
    public int Images { get; init; }

    public string? SessionWebhook { get; init; }

    /// <summary>When <see cref="SessionWebhook"/> expires, in epoch milliseconds.</summary>
    public long? SessionWebhookExpiredTime { get; init; }

    /// <summary>Message time in epoch milliseconds.</summary>
    public long? CreateAt { get; init; }

    public string? RobotCode { get; init; }

    public IReadOnlyList<DingTalkAtUser> AtUsers { get; init; } = [];

    public bool IsGroup => ConversationType == DingTalkConversationTypes.Group;
}

/// <summary>The <c>conversationType</c> values (strings, not numbers).</summary>
public static class DingTalkConversationTypes
{
    public const string OneOnOne = "1";
    public const string Group = "2";
}

public enum DingTalkParseStatus
{
    Ok,

    /// <summary>Not a JSON object, or no <c>msgId</c>.</summary>
    Malformed,

    /// <summary>A well-formed message of a type the bot does not read (video, file, unknownMsgType).</summary>
    Unsupported,
}

public sealed record DingTalkParseResult(DingTalkParseStatus Status, DingTalkIncoming? Message, string? Error);

/// <summary>
/// Reads robot messages (dingtalk.md §1.2, §1.3) the same way for HTTP mode and Stream mode: text, richText (text items
/// joined by lines, picture items counted), picture, and audio through its speech recognition. Numbers may arrive as
/// strings and strings as numbers; both are accepted.
/// </summary>
public static class DingTalkMessageParser
{
    public static DingTalkParseResult Parse(string json, string? robotName = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: a lone surrogate (invalid UTF-16)
        {
            return new(DingTalkParseStatus.Malformed, null, "消息体不是合法的 JSON / body is not valid JSON: " + ex.Message);
        }

        using (document)
        {
            try
            {
                return Parse(document.RootElement, robotName);
            }
            catch (InvalidOperationException ex) // a string with a lone surrogate escape (\ud800): valid JSON text, no valid string
            {
                return new(DingTalkParseStatus.Malformed, null, "消息体含有无效的 Unicode 转义 / body has an invalid \\u escape: " + ex.Message);
            }
        }
    }

    public static DingTalkParseResult Parse(JsonElement root, string? robotName = null)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new(DingTalkParseStatus.Malformed, null, "消息体须为 JSON 对象 / body must be a JSON object");
        }

        var msgId = String(root, "msgId");
        if (string.IsNullOrEmpty(msgId))
        {
            return new(DingTalkParseStatus.Malformed, null, "缺少 msgId / msgId is missing");
        }

        var msgType = String(root, "msgtype") ?? "text";
        var content = root.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        string? text;
        var images = 0;
        switch (msgType)
        {
            case "text":
                text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "content") : null;
                break;
            case "richText":
                (text, images) = RichText(content);
                break;
            case "picture":
                text = "";
                images = 1;
                break;
            case "audio":
                text = content.ValueKind == JsonValueKind.Object ? String(content, "recognition") : null;
                break;
            default:
                text = null;
                break;
        }

        var message = new DingTalkIncoming
        {
            MsgId = msgId,
            MsgType = msgType,
            ConversationId = String(root, "conversationId"),
            ConversationType = String(root, "conversationType") ?? DingTalkConversationTypes.Group,
            ConversationTitle = String(root, "conversationTitle"),
            SenderStaffId = NullIfEmpty(String(root, "senderStaffId")),
            SenderId = NullIfEmpty(String(root, "senderId")),
            SenderNick = String(root, "senderNick"),
            Text = StripMention(text ?? "", robotName),
            Images = images,
            SessionWebhook = NullIfEmpty(String(root, "sessionWebhook")),
            SessionWebhookExpiredTime = Long(root, "sessionWebhookExpiredTime"),
            CreateAt = Long(root, "createAt") ?? Long(root, "createA"),
            RobotCode = NullIfEmpty(String(root, "robotCode")),
            AtUsers = AtUsers(root),
        };

        return text is null
            ? new(DingTalkParseStatus.Unsupported, message, $"暂不支持的消息类型 / unsupported msgtype '{msgType}'")
            : new(DingTalkParseStatus.Ok, message, null);
    }

    /// <summary>Trims the text (DingTalk leaves a space where it removed the @robot) and a leading "@robot name" typed as text.</summary>
    public static string StripMention(string text, string? robotName)
    {
        var trimmed = text.Trim();
        if (!string.IsNullOrEmpty(robotName) && trimmed.StartsWith("@" + robotName, StringComparison.Ordinal))
        {
            trimmed = trimmed[(robotName.Length + 1)..].Trim();
        }

        return trimmed;
    }

    private static (string? Text, int Images) RichText(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty("richText", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return (null, 0);
        }

        var text = new StringBuilder();
        var images = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (String(item, "text") is { } line)
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(line.Trim());
            }
            else if (String(item, "type") == "picture" || item.TryGetProperty("downloadCode", out _) || item.TryGetProperty("pictureDownloadCode", out _))
            {
                images++;
            }
        }

        return (text.ToString(), images);
    }

    private static List<DingTalkAtUser> AtUsers(JsonElement root)
    {
        var users = new List<DingTalkAtUser>();
        if (root.TryGetProperty("atUsers", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var user in array.EnumerateArray())
            {
                if (user.ValueKind == JsonValueKind.Object)
                {
                    users.Add(new DingTalkAtUser(NullIfEmpty(String(user, "dingtalkId")), NullIfEmpty(String(user, "staffId"))));
                }
            }
        }

        return users;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var number) => number,
                JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
