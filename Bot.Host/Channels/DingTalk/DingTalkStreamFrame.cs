using System.Text.Json;

namespace Bot.Host.Channels.DingTalk;

/// <summary>
/// A downstream Stream frame (dingtalk.md §3.3): <c>type</c> SYSTEM/EVENT/CALLBACK, string-valued <c>headers</c>
/// (topic, messageId …) and <c>data</c>, which is JSON encoded as a string.
/// </summary>
public sealed record DingTalkStreamFrame(string Type, string? Topic, string? MessageId, string Data)
{
    public const string System = "SYSTEM";
    public const string Event = "EVENT";
    public const string Callback = "CALLBACK";
    public const string PingTopic = "ping";
    public const string DisconnectTopic = "disconnect";

    /// <summary>The <c>data</c> of a robot-message ACK.</summary>
    public const string CallbackAckData = "{\"response\":null}";

    /// <summary>The <c>data</c> of an EVENT ACK.</summary>
    public const string EventAckData = "{\"status\":\"SUCCESS\",\"message\":\"success\"}";

    /// <summary>Reads a frame; null when it is not a JSON object with a type.</summary>
    public static DingTalkStreamFrame? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            string? topic = null, messageId = null;
            if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
            {
                topic = Header(headers, "topic");
                messageId = Header(headers, "messageId");
            }

            var data = root.TryGetProperty("data", out var d)
                ? d.ValueKind switch
                {
                    JsonValueKind.String => d.GetString() ?? "",
                    JsonValueKind.Null => "",
                    _ => d.GetRawText(),
                }
                : "";
            return new DingTalkStreamFrame(type.GetString()!, topic, messageId, data);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) // a lone surrogate, raw or \ud800-escaped
        {
            return null;
        }
    }

    /// <summary>
    /// The ACK for a frame (dingtalk.md §3.4): <c>{"code","headers":{"contentType","messageId"},"message","data"}</c>
    /// with the frame's messageId echoed.
    /// </summary>
    public static string Ack(string messageId, int code, string message, string data) =>
        JsonSerializer.Serialize(new
        {
            code,
            headers = new { contentType = "application/json", messageId },
            message,
            data,
        }, DingTalkApiClient.JsonOptions);

    private static string? Header(JsonElement headers, string name) =>
        headers.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
