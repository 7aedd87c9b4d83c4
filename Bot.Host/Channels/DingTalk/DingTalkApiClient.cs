using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

/// <summary>The reply of a legacy webhook (sessionWebhook, custom robot): HTTP status plus the <c>errcode</c>/<c>errmsg</c> envelope.</summary>
public sealed record DingTalkWebhookReply(HttpStatusCode Status, long? ErrCode, string? ErrMsg, string Body);

/// <summary>A Stream connection grant: the WebSocket endpoint and its one-time ticket.</summary>
public sealed record DingTalkStreamTicket(string Endpoint, string Ticket);

/// <summary>A DingTalk configuration problem that retrying cannot fix (bad AppKey/AppSecret, robot code, permissions).</summary>
public sealed class DingTalkConfigurationException(string message) : Exception(message);

/// <summary>
/// HTTP calls to DingTalk: the access token (cached until 5 minutes before expiry, fetched by one caller at a time,
/// refreshed once when a call reports it invalid), the OpenAPI robot sends, plain webhook posts and the Stream
/// <c>connections/open</c> call (dingtalk.md §3.1, §5).
/// </summary>
public sealed class DingTalkApiClient(IHttpClientFactory http, IOptions<DingTalkOptions> options, TimeProvider time, ILogger<DingTalkApiClient> logger)
    : IDisposable
{
    public const string HttpClientName = "dingtalk";
    public const string BotMessageTopic = "/v1.0/im/bot/messages/get";
    public const string TokenPath = "/v1.0/oauth2/accessToken";
    public const string GroupSendPath = "/v1.0/robot/groupMessages/send";
    public const string OneOnOneSendPath = "/v1.0/robot/oToMessages/batchSend";

    /// <summary>Body serialisation: camelCase, Chinese unescaped (byte limits count real bytes), nulls omitted.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly TimeSpan RefreshEarly = TimeSpan.FromMinutes(5);
    private readonly AccessTokenCache _tokens = new(time);

    public void Dispose() => _tokens.Dispose();

    /// <summary>A valid access token: the cached one, or a new one fetched by exactly one caller.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.OpenApiConfigured)
        {
            throw new DingTalkConfigurationException(
                "未配置钉钉应用凭据 / DingTalk:AppKey and DingTalk:AppSecret are required for the OpenAPI.");
        }

        return (await _tokens.GetAsync(async ct =>
        {
            using var response = await PostJsonAsync(Combine(settings.ApiBaseUrl, TokenPath), new { appKey = settings.AppKey, appSecret = settings.AppSecret }, null, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            ThrowOnFailure(response.StatusCode, body, "access token");
            using var json = JsonDocument.Parse(body);
            var token = json.RootElement.TryGetProperty("accessToken", out var value) ? value.GetString() : null;
            if (string.IsNullOrEmpty(token))
            {
                throw new DingTalkConfigurationException($"钉钉未返回 accessToken / no accessToken in the reply: {Shorten(body)}");
            }

            var lifetime = TimeSpan.FromSeconds(json.RootElement.TryGetProperty("expireIn", out var expire) && expire.TryGetInt64(out var seconds) ? seconds : 7200);
            var usable = lifetime > 2 * RefreshEarly ? lifetime - RefreshEarly : lifetime / 2;
            DingTalkLog.TokenObtained(logger, (int)usable.TotalSeconds);
            return new AccessTokenCache.Fetched(token, usable);
        }, rejected: null, cancellationToken))!;
    }

    /// <summary>Forgets <paramref name="token"/> when it is still the cached one, so the next call fetches a new one.</summary>
    public void InvalidateAccessToken(string token) => _tokens.Invalidate(token);

    public Task<DeliveryResult> SendGroupAsync(string openConversationId, string msgKey, string msgParam, CancellationToken cancellationToken) =>
        CallOpenApiAsync(GroupSendPath, new
        {
            robotCode = options.Value.EffectiveRobotCode,
            openConversationId,
            msgKey,
            msgParam,
        }, null, cancellationToken);

    /// <summary>Sends 1:1 to up to 20 users (<c>oToMessages/batchSend</c>); flow-controlled users make it a transient failure.</summary>
    public Task<DeliveryResult> SendOneOnOneAsync(IReadOnlyList<string> userIds, string msgKey, string msgParam, CancellationToken cancellationToken) =>
        CallOpenApiAsync(OneOnOneSendPath, new
        {
            robotCode = options.Value.EffectiveRobotCode,
            userIds,
            msgKey,
            msgParam,
        }, static body =>
        {
            if (NonEmptyList(body, "invalidStaffIdList") is { } invalid)
            {
                return DeliveryResult.Permanent($"无效的用户 / invalid staff ids: {invalid}");
            }

            return NonEmptyList(body, "flowControlledStaffIdList") is { } limited
                ? DeliveryResult.Transient($"发送过快被限流 / flow controlled: {limited}")
                : null;
        }, cancellationToken);

    /// <summary>Posts a message body to a webhook URL (sessionWebhook or custom robot) and reads the errcode envelope.</summary>
    public async Task<DingTalkWebhookReply> PostWebhookAsync(string url, object body, CancellationToken cancellationToken)
    {
        using var response = await PostJsonAsync(url, body, null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        long? errCode = null;
        string? errMsg = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (json.RootElement.TryGetProperty("errcode", out var code) && code.TryGetInt64(out var number))
                {
                    errCode = number;
                }

                errMsg = json.RootElement.TryGetProperty("errmsg", out var message) ? message.ToString() : null;
            }
        }
        catch (JsonException)
        {
            // Not the envelope (an HTML error page from a proxy, say): the status decides.
        }

        return new DingTalkWebhookReply(response.StatusCode, errCode, errMsg, text);
    }

    /// <summary>Asks the gateway for a Stream connection (a fresh one-time ticket each call).</summary>
    public async Task<DingTalkStreamTicket> OpenStreamConnectionAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var response = await PostJsonAsync(settings.Stream.GatewayUrl, new
        {
            clientId = settings.AppKey,
            clientSecret = settings.AppSecret,
            subscriptions = new[] { new { type = "CALLBACK", topic = BotMessageTopic } },
            ua = "tiexibot/1.0",
        }, null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        ThrowOnFailure(response.StatusCode, body, "stream connections/open");
        using var json = JsonDocument.Parse(body);
        var endpoint = json.RootElement.TryGetProperty("endpoint", out var e) ? e.GetString() : null;
        var ticket = json.RootElement.TryGetProperty("ticket", out var t) ? t.GetString() : null;
        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(ticket))
        {
            throw new HttpRequestException($"connections/open returned no endpoint or ticket: {Shorten(body)}");
        }

        return new DingTalkStreamTicket(endpoint, ticket);
    }

    public const string MessageFileDownloadPath = "/v1.0/robot/messageFiles/download";

    /// <summary>
    /// Downloads a picture or file a user sent the robot: <c>messageFiles/download</c> with its downloadCode gives a
    /// temporary URL, which is then fetched. The bytes, or why not (transient failures are worth retrying).
    /// </summary>
    public async Task<(byte[]? Content, DeliveryResult Result)> DownloadMessageFileAsync(string downloadCode, string? robotCode, CancellationToken cancellationToken)
    {
        string? downloadUrl = null;
        var result = await CallOpenApiAsync(MessageFileDownloadPath, new { downloadCode, robotCode = robotCode ?? options.Value.EffectiveRobotCode }, json =>
        {
            downloadUrl = json.TryGetProperty("downloadUrl", out var url) ? url.GetString() : null;
            return downloadUrl is { Length: > 0 } ? null : DeliveryResult.Transient("messageFiles/download returned no downloadUrl");
        }, cancellationToken);
        if (!result.Delivered || downloadUrl is not { Length: > 0 } link)
        {
            return (null, result);
        }

        var client = http.CreateClient(HttpClientName);
        using var response = await client.GetAsync(new Uri(link), cancellationToken);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadAsByteArrayAsync(cancellationToken), DeliveryResult.Ok)
            : (null, DeliveryResult.Transient($"download HTTP {(int)response.StatusCode}"));
    }

    private async Task<DeliveryResult> CallOpenApiAsync(string path, object payload, Func<JsonElement, DeliveryResult?>? inspect, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            string token;
            try
            {
                token = await GetAccessTokenAsync(cancellationToken);
            }
            catch (DingTalkConfigurationException ex)
            {
                return DeliveryResult.Permanent(ex.Message);
            }
            catch (HttpRequestException ex)
            {
                return DeliveryResult.Transient("获取 access token 失败 / access token request failed: " + ex.Message);
            }

            using var response = await PostJsonAsync(Combine(options.Value.ApiBaseUrl, path), payload, token, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                if (inspect is null)
                {
                    return DeliveryResult.Ok;
                }

                try
                {
                    using var json = JsonDocument.Parse(body);
                    return inspect(json.RootElement) ?? DeliveryResult.Ok;
                }
                catch (JsonException)
                {
                    return DeliveryResult.Ok;
                }
            }

            var (code, message) = ReadError(body);
            if (IsInvalidToken(response.StatusCode, code) && attempt == 0)
            {
                DingTalkLog.TokenRejected(logger, code);
                InvalidateAccessToken(token);
                continue;
            }

            var error = $"{path} HTTP {(int)response.StatusCode} {code}: {message}";
            return IsTransient(response.StatusCode, code) ? DeliveryResult.Transient(error) : DeliveryResult.Permanent(error);
        }
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string url, object payload, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(payload, JsonOptions), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (accessToken is not null)
        {
            request.Headers.Add("x-acs-dingtalk-access-token", accessToken);
        }

        var client = http.CreateClient(HttpClientName);
        return await client.SendAsync(request, cancellationToken);
    }

    private static void ThrowOnFailure(HttpStatusCode status, string body, string what)
    {
        if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests)
        {
            throw new HttpRequestException($"{what}: HTTP {(int)status} {Shorten(body)}", null, status);
        }

        if ((int)status >= 400)
        {
            var (code, message) = ReadError(body);
            throw new DingTalkConfigurationException($"钉钉拒绝了请求（请检查 AppKey/AppSecret 与权限）/ {what} refused: HTTP {(int)status} {code}: {message}");
        }
    }

    private static (string Code, string Message) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                return (root.TryGetProperty("code", out var code) ? code.ToString() : "",
                        root.TryGetProperty("message", out var message) ? message.ToString() : Shorten(body));
            }
        }
        catch (JsonException)
        {
            // Fall through: not JSON.
        }

        return ("", Shorten(body));
    }

    private static bool IsInvalidToken(HttpStatusCode status, string code) =>
        status == HttpStatusCode.Unauthorized
        || code.Contains("InvalidAuthentication", StringComparison.OrdinalIgnoreCase)
        || code.Contains("accessToken", StringComparison.OrdinalIgnoreCase)
        || code.Contains("access_token", StringComparison.OrdinalIgnoreCase);

    private static bool IsTransient(HttpStatusCode status, string code) =>
        (int)status >= 500
        || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || code.Contains("Throttling", StringComparison.OrdinalIgnoreCase)
        || code.Contains("tooFast", StringComparison.OrdinalIgnoreCase)
        || code.Contains("too.fast", StringComparison.OrdinalIgnoreCase)
        || code.Contains("flowControl", StringComparison.OrdinalIgnoreCase)
        || code.Contains("ServiceUnavailable", StringComparison.OrdinalIgnoreCase);

    private static string? NonEmptyList(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? list.GetRawText()
            : null;

    internal static string Combine(string baseUrl, string path) => baseUrl.TrimEnd('/') + path;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
