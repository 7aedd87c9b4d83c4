using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;

namespace Bot.Benchmarks.Load;

/// <summary>
/// The secrets a load run shares with the host it drives, the roster of senders bound to both platforms, and the
/// callbacks as the platforms send them: WeCom intelligent-robot messages and stream refreshes (AES-encrypted and
/// SHA1-signed with <see cref="WeComCrypto"/>), DingTalk HTTP-mode messages (HMAC-signed headers).
/// </summary>
public sealed class LoadCallbacks
{
    public const string WeComPath = "webhooks/wecom/bot";
    public const string DingTalkPath = "webhooks/dingtalk";

    private readonly WeComCrypto _crypto;
    private int _nonce;

    public LoadCallbacks()
    {
        WeComToken = "load" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        WeComAesKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        DingTalkAppKey = "dingload" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        DingTalkAppSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _crypto = new WeComCrypto(WeComToken, WeComAesKey, "");
    }

    public string WeComToken { get; }

    public string WeComAesKey { get; }

    public string DingTalkAppKey { get; }

    public string DingTalkAppSecret { get; }

    /// <summary>The WeCom user id of sender <paramref name="n"/> (roster column 企业微信账号).</summary>
    public static string WeComUser(int n) => "lw" + n.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The DingTalk staff id of sender <paramref name="n"/> (roster column 钉钉账号).</summary>
    public static string DingTalkUser(int n) => "ld" + n.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Writes a roster of <paramref name="senders"/> department members bound to both platforms.</summary>
    public static void WriteRoster(string path, int senders)
    {
        var csv = new StringBuilder("姓名,职务,角色,单位,分管单位,河长级别,企业微信账号,钉钉账号\n");
        for (var n = 0; n < senders; n++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"压测员{n:D4},联络员,部门,区发改局,,,{WeComUser(n)},{DingTalkUser(n)}\n");
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
    }

    /// <summary>Host settings (configuration keys) that make the bot accept these callbacks and reply to <paramref name="platform"/>.</summary>
    public Dictionary<string, string?> HostSettings(FakePlatform platform, string rosterPath) => new(StringComparer.Ordinal)
    {
        ["WeCom:Token"] = WeComToken,
        ["WeCom:EncodingAesKey"] = WeComAesKey,
        ["WeCom:ApiBaseUrl"] = platform.BaseAddress.ToString(),
        ["DingTalk:AppKey"] = DingTalkAppKey,
        ["DingTalk:AppSecret"] = DingTalkAppSecret,
        ["DingTalk:ApiBaseUrl"] = platform.BaseAddress.ToString().TrimEnd('/'),
        ["DingTalk:OapiBaseUrl"] = platform.BaseAddress.ToString().TrimEnd('/'),
        ["DingTalk:AllowedWebhookHosts:0"] = platform.BaseAddress.ToString().TrimEnd('/'),
        ["Plan:Roster"] = rosterPath,
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>The inbox message id the bot stores for WeCom message <paramref name="msgId"/>.</summary>
    public static string WeComInboxId(string msgId) => WeComInbound.AiBotIdPrefix + msgId;

    /// <summary>A signed, encrypted intelligent-robot 1:1 text message from sender <paramref name="sender"/>.</summary>
    public HttpRequestMessage WeComMessage(string msgId, int sender, string text, string responseUrl) =>
        WeComPost(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["msgid"] = msgId,
            ["aibotid"] = "AIBOTLOAD",
            ["chattype"] = "single",
            ["from"] = new { userid = WeComUser(sender) },
            ["response_url"] = responseUrl,
            ["msgtype"] = "text",
            ["text"] = new { content = text },
        }));

    /// <summary>A stream refresh for the answer to <paramref name="msgId"/>.</summary>
    public HttpRequestMessage WeComRefresh(string msgId, int sender) =>
        WeComPost(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["msgid"] = "refresh-" + Guid.NewGuid().ToString("N"),
            ["aibotid"] = "AIBOTLOAD",
            ["chattype"] = "single",
            ["from"] = new { userid = WeComUser(sender) },
            ["msgtype"] = "stream",
            ["stream"] = new { id = WeComInbound.StreamIdFor(msgId) },
        }));

    /// <summary>Checks and decrypts the robot's passive reply; returns (finish, content) of its stream.</summary>
    public (bool Finish, string Content) ReadStream(string body)
    {
        using var envelope = JsonDocument.Parse(body);
        var root = envelope.RootElement;
        var plain = _crypto.VerifyAndDecrypt(
            root.GetProperty("msgsignature").GetString(),
            root.GetProperty("timestamp").GetInt64().ToString(CultureInfo.InvariantCulture),
            root.GetProperty("nonce").GetString()!,
            root.GetProperty("encrypt").GetString()!);
        using var document = JsonDocument.Parse(plain);
        var stream = document.RootElement.GetProperty("stream");
        return (stream.GetProperty("finish").GetBoolean(), stream.GetProperty("content").GetString() ?? "");
    }

    /// <summary>A signed DingTalk HTTP-mode 1:1 text message whose sessionWebhook is <paramref name="sessionWebhook"/>.</summary>
    public HttpRequestMessage DingTalkMessage(string msgId, int sender, string text, string sessionWebhook)
    {
        var now = DateTimeOffset.UtcNow;
        var staff = DingTalkUser(sender);
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["conversationId"] = "cidload" + staff,
            ["chatbotUserId"] = "$:LWCP_v1:$load",
            ["msgId"] = msgId,
            ["senderNick"] = "压测员",
            ["isAdmin"] = false,
            ["sessionWebhookExpiredTime"] = now.AddHours(1).ToUnixTimeMilliseconds(),
            ["createAt"] = now.ToUnixTimeMilliseconds(),
            ["conversationType"] = "1",
            ["senderId"] = "$:LWCP_v1:$" + staff,
            ["senderStaffId"] = staff,
            ["robotCode"] = DingTalkAppKey,
            ["sessionWebhook"] = sessionWebhook,
            ["text"] = new { content = text },
            ["msgtype"] = "text",
        });
        var timestamp = NextTimestamp(now.ToUnixTimeMilliseconds());
        var request = new HttpRequestMessage(HttpMethod.Post, DingTalkPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("sign", DingTalkSignature.Compute(timestamp, DingTalkAppSecret));
        return request;
    }

    private long _lastTimestamp;

    /// <summary>A millisecond timestamp later than the last one: the host refuses a DingTalk sign reused for another message.</summary>
    private long NextTimestamp(long now)
    {
        long last, next;
        do
        {
            last = Interlocked.Read(ref _lastTimestamp);
            next = Math.Max(last + 1, now);
        }
        while (Interlocked.CompareExchange(ref _lastTimestamp, next, last) != last);
        return next;
    }

    private HttpRequestMessage WeComPost(string plaintext)
    {
        var encrypt = _crypto.Encrypt(plaintext);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);
        var signature = _crypto.Sign(timestamp, nonce, encrypt);
        return new HttpRequestMessage(HttpMethod.Post, $"{WeComPath}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { encrypt }), Encoding.UTF8, "application/json"),
        };
    }
}
