using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Data.Common;

namespace Bot.Host.Channels.DingTalk;

/// <summary>Message bodies and size limits for the three DingTalk send paths (dingtalk.md §2, §4.2, §5.2).</summary>
public static class DingTalkMessages
{
    /// <summary>The OpenAPI <c>msgParam</c> limit (dingtalk.md §5.2).</summary>
    public const int MaxMsgParamBytes = 15_000;

    /// <summary>
    /// Largest text or markdown part in UTF-8 bytes on every DingTalk channel: the 15,000-byte <c>msgParam</c> limit less
    /// room for JSON escaping, the title and appended @-mentions, so a sessionWebhook reply that falls back to the
    /// OpenAPI still fits. The other paths document no limit of their own.
    /// </summary>
    public const int MaxTextBytes = 12_000;

    private const int MaxTitleLength = 20;

    /// <summary>
    /// A sessionWebhook or custom-robot body: <c>{"msgtype":"text","text":{"content"}}</c> or
    /// <c>{"msgtype":"markdown","markdown":{"title","text"}}</c>, with <c>at.atUserIds</c>; each @-mentioned user id is
    /// also written into the text, where DingTalk renders the mention.
    /// </summary>
    public static Dictionary<string, object?> WebhookBody(string msgType, string text, IReadOnlyList<string> atUserIds, string fallbackTitle, string? msgUuid = null)
    {
        var content = WithMentions(text, atUserIds);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (msgType == "markdown")
        {
            body["msgtype"] = "markdown";
            body["markdown"] = new { title = Title(text, fallbackTitle), text = content };
        }
        else
        {
            body["msgtype"] = "text";
            body["text"] = new { content };
        }

        if (atUserIds.Count > 0)
        {
            body["at"] = new { atUserIds, isAtAll = false };
        }

        if (msgUuid is not null)
        {
            body["msgUuid"] = msgUuid;
        }

        return body;
    }

    /// <summary>The OpenAPI <c>msgKey</c> and <c>msgParam</c> (a JSON string): sampleMarkdown {title, text} or sampleText {content}.</summary>
    public static (string MsgKey, string MsgParam) OpenApiMessage(string msgType, string text, string fallbackTitle) =>
        msgType == "markdown"
            ? ("sampleMarkdown", JsonSerializer.Serialize(new { title = Title(text, fallbackTitle), text }, DingTalkApiClient.JsonOptions))
            : ("sampleText", JsonSerializer.Serialize(new { content = text }, DingTalkApiClient.JsonOptions));

    /// <summary>The markdown title (shown in the chat list and notifications): the first line without markdown marks, at most 20 characters.</summary>
    public static string Title(string markdown, string fallback)
    {
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim().TrimStart('#', '>', '-', '*', '+', ' ', '\t').Replace("**", "", StringComparison.Ordinal).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var info = new StringInfo(line);
            return info.LengthInTextElements <= MaxTitleLength ? line : info.SubstringByTextElements(0, MaxTitleLength) + "…";
        }

        return fallback;
    }

    /// <summary>The user ids of an outbox row's <c>Mentions</c> JSON array.</summary>
    public static IReadOnlyList<string> Mentions(string? json)
    {
        try
        {
            return Json.Deserialize<List<string>>(json, []).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static int Utf8Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    private static string WithMentions(string text, IReadOnlyList<string> atUserIds)
    {
        var missing = atUserIds.Where(id => !text.Contains("@" + id, StringComparison.Ordinal)).Select(id => "@" + id).ToList();
        return missing.Count == 0 ? text : text + "\n" + string.Join(' ', missing);
    }
}
