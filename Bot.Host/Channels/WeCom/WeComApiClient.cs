using System.Globalization;
using System.Net;
using System.Text.Json;
using Bot.Data.Common;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>The answer of a WeCom API call: HTTP status plus <c>errcode</c>/<c>errmsg</c>.</summary>
public sealed record WeComApiResult(int ErrCode, string? ErrMsg, HttpStatusCode Status)
{
    /// <summary>errcode 40014 (invalid) and 42001 (expired): refresh the access token once and retry (wecom.md §4.2, §4.5).</summary>
    public bool IsTokenError => ErrCode is 40014 or 42001;

    public bool Ok => (int)Status is >= 200 and < 300 && ErrCode == 0;

    /// <summary>
    /// Transient: HTTP 5xx/429, -1 (busy), 45009 (frequency limit), 45033 (concurrency limit) and token errors that
    /// survived a refresh; they go back to the sender's exponential backoff. Everything else (invalid key 93000,
    /// invalid user 81013, IP not trusted 60020, over-long content 40058 …) is permanent.
    /// </summary>
    public DeliveryResult ToDelivery()
    {
        if (Ok)
        {
            return DeliveryResult.Ok;
        }

        var error = (int)Status is >= 200 and < 300
            ? $"errcode {ErrCode.ToString(CultureInfo.InvariantCulture)}: {ErrMsg}"
            : $"HTTP {((int)Status).ToString(CultureInfo.InvariantCulture)}: {ErrMsg}";
        var transient = (int)Status >= 500 || Status == HttpStatusCode.TooManyRequests || ErrCode is -1 or 45009 or 45033 || IsTokenError;
        return transient ? DeliveryResult.Transient(error) : DeliveryResult.Permanent(error);
    }
}

/// <summary>
/// WeCom's HTTP API over the named <see cref="HttpClientName"/> client (base address <c>WeCom:ApiBaseUrl</c>): the
/// access token (cached, refreshed once with single flight on 40014/42001, then the call is retried once), app
/// <c>message/send</c> and <c>appchat/send</c>, the group robot webhook and the intelligent robot's <c>response_url</c>.
/// Secrets, tokens and webhook keys are never logged (the factory's URL logging is switched off for this client).
/// </summary>
public sealed class WeComApiClient(IHttpClientFactory httpClients, IOptions<WeComOptions> options, TimeProvider time, ILogger<WeComApiClient> logger)
    : IDisposable
{
    public const string HttpClientName = "wecom";

    private readonly AccessTokenCache _tokens = new(time);

    public void Dispose() => _tokens.Dispose();

    public Task<WeComApiResult> SendAppMessageAsync(object body, CancellationToken cancellationToken) =>
        CallWithTokenAsync("cgi-bin/message/send", body, cancellationToken);

    public Task<WeComApiResult> SendAppChatAsync(object body, CancellationToken cancellationToken) =>
        CallWithTokenAsync("cgi-bin/appchat/send", body, cancellationToken);

    /// <summary>Posts to the group robot webhook of <paramref name="key"/>.</summary>
    public Task<WeComApiResult> SendRobotAsync(string key, object body, CancellationToken cancellationToken)
    {
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.WebhookBaseUrl) ? options.Value.ApiBaseUrl : options.Value.WebhookBaseUrl;
        return PostAsync(new Uri($"{baseUrl.TrimEnd('/')}/cgi-bin/webhook/send?key={Uri.EscapeDataString(key)}"), body, "webhook/send", cancellationToken);
    }

    /// <summary>Posts plaintext JSON to the intelligent robot's one-shot <c>response_url</c>.</summary>
    public Task<WeComApiResult> PostResponseUrlAsync(Uri responseUrl, object body, CancellationToken cancellationToken) =>
        PostAsync(responseUrl, body, "aibot/response", cancellationToken);

    /// <summary>
    /// Downloads media by its MediaId (<c>cgi-bin/media/get</c>): the bytes, or the error. An expired token is refreshed once.
    /// </summary>
    public async Task<(byte[]? Content, WeComApiResult Result)> DownloadMediaAsync(string mediaId, CancellationToken cancellationToken)
    {
        string? rejected = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (token, failure) = await GetTokenAsync(rejected, cancellationToken);
            if (token is null)
            {
                return (null, failure!);
            }

            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(new Uri(
                $"cgi-bin/media/get?access_token={Uri.EscapeDataString(token)}&media_id={Uri.EscapeDataString(mediaId)}", UriKind.Relative), cancellationToken);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType is not ("application/json" or "text/plain"))
            {
                return (await response.Content.ReadAsByteArrayAsync(cancellationToken), new WeComApiResult(0, null, response.StatusCode));
            }

            var (result, _) = await ReadAsync(response, cancellationToken);
            if (!result.IsTokenError)
            {
                WeComLog.MediaFailed(logger, (int)result.Status, result.ErrCode, result.ErrMsg);
                return (null, result.ErrCode == 0 ? result with { ErrCode = -1, ErrMsg = "media/get returned no media" } : result);
            }

            rejected = token;
        }

        return (null, new WeComApiResult(42001, "access_token expired twice", HttpStatusCode.OK));
    }

    /// <summary>Fetches an intelligent-robot media URL (valid five minutes); the bytes are still encrypted with the robot's key.</summary>
    public async Task<(byte[]? Content, WeComApiResult Result)> DownloadRobotMediaAsync(Uri url, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.GetAsync(url, cancellationToken);
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadAsByteArrayAsync(cancellationToken), new WeComApiResult(0, null, response.StatusCode))
            : (null, new WeComApiResult(0, $"HTTP {(int)response.StatusCode}", response.StatusCode));
    }

    private async Task<WeComApiResult> CallWithTokenAsync(string path, object body, CancellationToken cancellationToken)
    {
        var (token, failure) = await GetTokenAsync(null, cancellationToken);
        if (token is null)
        {
            return failure!;
        }

        var result = await PostAsync(new Uri($"{path}?access_token={Uri.EscapeDataString(token)}", UriKind.Relative), body, path, cancellationToken);
        if (!result.IsTokenError)
        {
            return result;
        }

        WeComLog.TokenRejected(logger, path, result.ErrCode);
        (token, failure) = await GetTokenAsync(token, cancellationToken);
        if (token is null)
        {
            return failure!;
        }

        return await PostAsync(new Uri($"{path}?access_token={Uri.EscapeDataString(token)}", UriKind.Relative), body, path, cancellationToken);
    }

    /// <summary>
    /// The cached token, or a new one. With <paramref name="rejected"/> set, the cached token is replaced unless another
    /// caller already did (single flight: concurrent rejections cause one <c>gettoken</c>).
    /// </summary>
    private async Task<(string? Token, WeComApiResult? Failure)> GetTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.AppApiConfigured)
        {
            return (null, new WeComApiResult(-2, "企业微信应用接口未配置 / WeCom:CorpId, WeCom:Secret and WeCom:AgentId are not configured", HttpStatusCode.OK));
        }

        WeComApiResult? failure = null;
        var token = await _tokens.GetAsync(async ct =>
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.GetAsync(new Uri(
                $"cgi-bin/gettoken?corpid={Uri.EscapeDataString(settings.CorpId)}&corpsecret={Uri.EscapeDataString(settings.Secret)}", UriKind.Relative), ct);
            var (result, json) = await ReadAsync(response, ct);
            if (!result.Ok || json is null || !json.Value.TryGetProperty("access_token", out var tokenElement) || tokenElement.GetString() is not { Length: > 0 } fetched)
            {
                WeComLog.TokenFailed(logger, (int)result.Status, result.ErrCode, result.ErrMsg);
                failure = result.Ok ? result with { ErrCode = -1, ErrMsg = "gettoken returned no access_token" } : result;
                return default;
            }

            var expiresIn = json.Value.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 7200;
            WeComLog.TokenObtained(logger, expiresIn);
            // Renew five minutes early (at least a minute of use), as tokens may also be revoked before they expire.
            return new AccessTokenCache.Fetched(fetched, TimeSpan.FromSeconds(Math.Max(60, expiresIn - 300)));
        }, rejected, cancellationToken);
        return (token, token is null ? failure ?? new WeComApiResult(-1, "gettoken failed", HttpStatusCode.OK) : null);
    }

    private async Task<WeComApiResult> PostAsync(Uri uri, object body, string api, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PostAsJsonAsync(uri, body, Json.Options, cancellationToken);
        var (result, _) = await ReadAsync(response, cancellationToken);
        if (!result.Ok)
        {
            WeComLog.ApiFailed(logger, api, (int)result.Status, result.ErrCode, result.ErrMsg);
        }

        return result;
    }

    private static async Task<(WeComApiResult Result, JsonElement? Json)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            var errCode = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var c) ? c : 0;
            var errMsg = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errmsg", out var msg) ? msg.GetString() : null;
            return (new WeComApiResult(errCode, errMsg, response.StatusCode), root);
        }
        catch (JsonException)
        {
            var snippet = text.Length > 200 ? text[..200] : text;
            // A 2xx without JSON is not a confirmed delivery: report it as "busy" so that it is retried.
            return (new WeComApiResult(response.IsSuccessStatusCode ? -1 : 0, $"non-JSON answer: {snippet}", response.StatusCode), null);
        }
    }
}
