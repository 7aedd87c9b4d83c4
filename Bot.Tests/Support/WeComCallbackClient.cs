using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.Host.Channels.WeCom;

namespace Bot.Tests.Support;

/// <summary>Plays WeCom's side of the callbacks against a running host: encrypts, signs and posts, decrypts answers.</summary>
public sealed class WeComCallbackClient(HttpClient client, string token, string encodingAesKey, string corpId, TimeProvider? clock = null)
{
    public const string AppPath = "/webhooks/wecom/app";
    public const string BotPath = "/webhooks/wecom/bot";

    private readonly WeComCrypto _app = new(token, encodingAesKey, corpId);
    private readonly WeComCrypto _bot = new(token, encodingAesKey, "");
    private int _nonce = 1000;

    /// <summary>An app text message as WeCom's XML plaintext.</summary>
    public static string AppText(string from, string content, long msgId) => $"""
        <xml><ToUserName><![CDATA[{FakeWeComServer.CorpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId.ToString(CultureInfo.InvariantCulture)}</MsgId><AgentID>{FakeWeComServer.AgentId.ToString(CultureInfo.InvariantCulture)}</AgentID></xml>
        """;

    /// <summary>An intelligent-robot text message (JSON plaintext).</summary>
    public static string BotText(string msgId, string userId, string content, string? chatId, string? responseUrl) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["msgid"] = msgId,
            ["aibotid"] = "AIBOTID",
            ["chatid"] = chatId,
            ["chattype"] = chatId is null ? "single" : "group",
            ["from"] = new { userid = userId },
            ["response_url"] = responseUrl,
            ["msgtype"] = "text",
            ["text"] = new { content },
        });

    /// <summary>A stream refresh callback for <paramref name="streamId"/>.</summary>
    public static string BotRefresh(string streamId, string userId, string? chatId) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["msgid"] = "refresh-" + Guid.NewGuid().ToString("N"),
            ["aibotid"] = "AIBOTID",
            ["chatid"] = chatId,
            ["chattype"] = chatId is null ? "single" : "group",
            ["from"] = new { userid = userId },
            ["msgtype"] = "stream",
            ["stream"] = new { id = streamId },
        });

    public string Timestamp() => (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The encrypted XML envelope of an app message and its query string.</summary>
    public (string Query, string Body) SignApp(string plaintext)
    {
        var encrypt = _app.Encrypt(plaintext);
        var (timestamp, nonce) = (Timestamp(), NextNonce());
        var body = $"<xml><ToUserName><![CDATA[{FakeWeComServer.CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[{FakeWeComServer.AgentId}]]></AgentID></xml>";
        return (Query(_app.Sign(timestamp, nonce, encrypt), timestamp, nonce), body);
    }

    public Task<HttpResponseMessage> PostAppAsync(string plaintext)
    {
        var (query, body) = SignApp(plaintext);
        return PostAsync(AppPath + query, body, "text/xml");
    }

    public Task<HttpResponseMessage> PostBotAsync(string plaintext)
    {
        var encrypt = _bot.Encrypt(plaintext);
        var (timestamp, nonce) = (Timestamp(), NextNonce());
        return PostAsync(BotPath + Query(_bot.Sign(timestamp, nonce, encrypt), timestamp, nonce), JsonSerializer.Serialize(new { encrypt }), "application/json");
    }

    /// <summary>A URL-verification GET for <paramref name="path"/> whose echostr decrypts to <paramref name="echo"/>.</summary>
    public Task<HttpResponseMessage> VerifyAsync(string path, string echo)
    {
        var crypto = path == BotPath ? _bot : _app;
        var echostr = crypto.Encrypt(echo);
        var (timestamp, nonce) = (Timestamp(), NextNonce());
        return client.GetAsync(new Uri(path + Query(crypto.Sign(timestamp, nonce, echostr), timestamp, nonce) + "&echostr=" + Uri.EscapeDataString(echostr), UriKind.Relative));
    }

    /// <summary>Checks the signature of the robot's encrypted passive reply and returns its decrypted JSON.</summary>
    public async Task<JsonElement> ReadBotAnswerAsync(HttpResponseMessage response)
    {
        using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = envelope.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("timestamp").ValueKind);
        var plain = _bot.VerifyAndDecrypt(
            root.GetProperty("msgsignature").GetString(),
            root.GetProperty("timestamp").GetInt64().ToString(CultureInfo.InvariantCulture),
            root.GetProperty("nonce").GetString()!,
            root.GetProperty("encrypt").GetString()!);
        return JsonDocument.Parse(plain).RootElement.Clone();
    }

    public Task<HttpResponseMessage> PostAsync(string pathAndQuery, string body, string mediaType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return client.PostAsync(new Uri(pathAndQuery, UriKind.Relative), content);
    }

    public static string Query(string signature, string timestamp, string nonce) =>
        $"?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}";

    private string NextNonce() => Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
}
