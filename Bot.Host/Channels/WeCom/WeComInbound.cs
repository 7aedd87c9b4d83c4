using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Bot.Data.Inbox;
using Bot.Data.Members;

namespace Bot.Host.Channels.WeCom;

/// <summary>A callback payload that is not what the protocol promises (answered with 400).</summary>
public sealed class WeComFormatException : Exception
{
    public WeComFormatException()
    {
    }

    public WeComFormatException(string message)
        : base(message)
    {
    }

    public WeComFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Normalises decrypted WeCom callbacks into inbox rows (wecom.md §3.1, §4.1).</summary>
public static partial class WeComInbound
{
    /// <summary>Inbox message ids of the self-built app start with this (its MsgId is a 64-bit number).</summary>
    public const string AppIdPrefix = "app:";

    /// <summary>Inbox message ids of the intelligent robot start with this (its msgid is an opaque string).</summary>
    public const string AiBotIdPrefix = "bot:";

    private static readonly XmlReaderSettings SafeXml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreProcessingInstructions = true,
        IgnoreComments = true,
    };

    /// <summary>Parses XML with DTDs and external entities disabled (no XXE, no entity expansion).</summary>
    public static XElement ParseXml(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), SafeXml);
            return XElement.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new WeComFormatException("XML 格式错误 / malformed XML: " + ex.Message, ex);
        }
    }

    /// <summary>The <c>Encrypt</c> field of an app callback's XML envelope.</summary>
    public static string EncryptOfXml(string xml) =>
        ParseXml(xml).Element("Encrypt")?.Value is { Length: > 0 } encrypt
            ? encrypt
            : throw new WeComFormatException("缺少 Encrypt 字段 / the envelope has no Encrypt element");

    /// <summary>The <c>encrypt</c> field of the robot's JSON envelope <c>{"encrypt": …}</c>.</summary>
    public static string EncryptOfJson(string json) => Checked(() => EncryptOfJsonCore(json));

    /// <summary>
    /// Runs a JSON reader; a string holding a lone surrogate escape (<c>\ud800</c>, valid JSON text but no valid string)
    /// makes <see cref="JsonElement.GetString"/> throw <see cref="InvalidOperationException"/>: it is a format error too.
    /// </summary>
    private static T Checked<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex)
        {
            throw new WeComFormatException("JSON 含有无效的 Unicode 转义 / invalid \\u escape in a string: " + ex.Message, ex);
        }
    }

    private static string EncryptOfJsonCore(string json)
    {
        using var document = ParseJson(json);
        if (document.RootElement.ValueKind == JsonValueKind.Object &&
            (document.RootElement.TryGetProperty("encrypt", out var encrypt) || document.RootElement.TryGetProperty("Encrypt", out encrypt)) &&
            encrypt.ValueKind == JsonValueKind.String && encrypt.GetString() is { Length: > 0 } value)
        {
            return value;
        }

        throw new WeComFormatException("缺少 encrypt 字段 / the envelope has no encrypt field");
    }

    public static JsonDocument ParseJson(string json)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException) // ArgumentException: a lone surrogate (invalid UTF-16)
        {
            throw new WeComFormatException("JSON 格式错误 / malformed JSON: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The inbox row of a decrypted app message (XML, wecom.md §4.1), or null for events (acknowledged, not stored).
    /// </summary>
    public static InboxMessage? FromAppMessage(string plaintext, int? agentId, DateTimeOffset receivedAt)
    {
        var xml = ParseXml(plaintext);
        var msgType = xml.Element("MsgType")?.Value ?? throw new WeComFormatException("缺少 MsgType / MsgType is missing");
        if (string.Equals(msgType, "event", StringComparison.Ordinal))
        {
            return null;
        }

        var msgId = xml.Element("MsgId")?.Value is { Length: > 0 } id ? id : throw new WeComFormatException("缺少 MsgId / MsgId is missing");
        var from = xml.Element("FromUserName")?.Value is { Length: > 0 } user ? user : throw new WeComFormatException("缺少 FromUserName / FromUserName is missing");
        var text = msgType switch
        {
            "text" => xml.Element("Content")?.Value ?? "",
            "voice" => xml.Element("Recognition")?.Value ?? "",
            _ => "",
        };
        if (int.TryParse(xml.Element("AgentID")?.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var agent))
        {
            agentId = agent;
        }

        return new InboxMessage
        {
            Platform = Platforms.WeCom,
            MessageId = AppIdPrefix + msgId,
            ChatId = null,
            SenderId = from,
            Text = text.Trim(),
            Images = string.Equals(msgType, "image", StringComparison.Ordinal) ? 1 : 0,
            Raw = plaintext,
            ReplyTo = new WeComReplyTo { Kind = WeComReplyTo.App, ChatType = "single", UserId = from, AgentId = agentId }.Serialize(),
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>A decrypted robot callback: a message to store, a stream refresh, or an event.</summary>
    public sealed record AiBotCallback(string MsgType, InboxMessage? Message, string? StreamId, string? ChatType, string? ChatId);

    /// <summary>Reads a decrypted intelligent-robot callback (JSON, wecom.md §3.1); mentions are stripped from the text.</summary>
    public static AiBotCallback FromAiBotMessage(string plaintext, IEnumerable<string> mentionNames, DateTimeOffset receivedAt) =>
        Checked(() => FromAiBotMessageCore(plaintext, mentionNames, receivedAt));

    private static AiBotCallback FromAiBotMessageCore(string plaintext, IEnumerable<string> mentionNames, DateTimeOffset receivedAt)
    {
        using var document = ParseJson(plaintext);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new WeComFormatException("回调不是 JSON 对象 / the callback is not a JSON object");
        }

        var msgType = String(root, "msgtype") ?? throw new WeComFormatException("缺少 msgtype / msgtype is missing");
        if (string.Equals(msgType, "stream", StringComparison.Ordinal))
        {
            var streamId = root.TryGetProperty("stream", out var stream) ? String(stream, "id") : null;
            return new AiBotCallback(msgType, null, streamId ?? throw new WeComFormatException("缺少 stream.id / stream.id is missing"), null, null);
        }

        if (string.Equals(msgType, "event", StringComparison.Ordinal))
        {
            return new AiBotCallback(msgType, null, null, String(root, "chattype"), String(root, "chatid"));
        }

        var msgId = String(root, "msgid") ?? throw new WeComFormatException("缺少 msgid / msgid is missing");
        var userId = root.TryGetProperty("from", out var from) ? String(from, "userid") : null;
        if (string.IsNullOrEmpty(userId))
        {
            throw new WeComFormatException("缺少 from.userid / from.userid is missing");
        }

        var chatType = String(root, "chattype") ?? "single";
        var chatId = string.Equals(chatType, "group", StringComparison.Ordinal) ? String(root, "chatid") : null;
        var (text, images) = msgType switch
        {
            "text" => (Nested(root, "text", "content") ?? "", 0),
            "voice" => (Nested(root, "voice", "content") ?? "", 0),
            "image" => ("", 1),
            "mixed" => MixedContent(root),
            _ => ("", 0),
        };
        var streamIdOut = StreamIdFor(msgId);
        return new AiBotCallback(msgType, new InboxMessage
        {
            Platform = Platforms.WeCom,
            MessageId = AiBotIdPrefix + msgId,
            ChatId = chatId,
            SenderId = userId,
            Text = StripMentions(text, mentionNames),
            Images = images,
            Raw = plaintext,
            ReplyTo = new WeComReplyTo
            {
                Kind = WeComReplyTo.AiBot,
                ChatType = chatType,
                ChatId = chatId,
                UserId = userId,
                ResponseUrl = String(root, "response_url"),
                StreamId = streamIdOut,
            }.Serialize(),
            ReceivedAt = receivedAt,
        }, streamIdOut, chatType, chatId);
    }

    /// <summary>Our stream id for a robot message: its msgid, base64url-encoded (reversible, so a refresh finds the inbox row).</summary>
    public static string StreamIdFor(string msgId) => "tx" + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(msgId));

    /// <summary>The robot msgid of one of our stream ids, or null when it is not ours.</summary>
    public static string? MsgIdOfStream(string streamId)
    {
        if (!streamId.StartsWith("tx", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(streamId.AsSpan(2)));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes @-mentions of the robot: a leading run of mentions (a group message to the robot starts with one), and
    /// mentions of <paramref name="mentionNames"/> anywhere. WeCom ends a mention with a space or U+2005.
    /// </summary>
    public static string StripMentions(string text, IEnumerable<string> mentionNames)
    {
        foreach (var name in mentionNames.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            text = Regex.Replace(text, "@" + Regex.Escape(name.Trim()) + @"(?=\s|$)", "", RegexOptions.None, TimeSpan.FromSeconds(1));
        }

        return LeadingMentions().Replace(text, "").Trim();
    }

    [GeneratedRegex(@"^(?:\s*@[^\s@]+(?:\s+|$))+")]
    private static partial Regex LeadingMentions();

    private static (string Text, int Images) MixedContent(JsonElement root)
    {
        var text = new StringBuilder();
        var images = 0;
        if (root.TryGetProperty("mixed", out var mixed) && mixed.TryGetProperty("msg_item", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                switch (String(item, "msgtype"))
                {
                    case "text":
                        text.Append(Nested(item, "text", "content")).Append('\n');
                        break;
                    case "image":
                        images++;
                        break;
                }
            }
        }

        return (text.ToString().Trim(), images);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Nested(JsonElement element, string outer, string inner) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(outer, out var value) ? String(value, inner) : null;
}
