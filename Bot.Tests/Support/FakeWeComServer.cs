using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>One request the fake WeCom API received.</summary>
public sealed record FakeWeComRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, string Body, DateTimeOffset At, int ErrCode, int Status)
{
    /// <summary>The JSON body (for POSTs).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public bool Succeeded => Status == 200 && ErrCode == 0;

    /// <summary>text.content or markdown.content of a send body.</summary>
    public string? Content
    {
        get
        {
            var json = Json;
            foreach (var kind in new[] { "text", "markdown" })
            {
                if (json.TryGetProperty(kind, out var part) && part.TryGetProperty("content", out var content))
                {
                    return content.GetString();
                }
            }

            return null;
        }
    }
}

/// <summary>
/// A local stand-in for qyapi.weixin.qq.com over real HTTP on 127.0.0.1: <c>gettoken</c>, <c>message/send</c>,
/// <c>appchat/send</c>, <c>webhook/send</c> and the intelligent robot's <c>response_url</c>. Records every request
/// (stamped with the given clock) and can be told to answer errors (45009, 42001, HTTP 500 …) for a while, or to
/// expire the current access token.
/// </summary>
public sealed class FakeWeComServer : IAsyncDisposable
{
    public const string CorpId = "wwfakecorp0000001";
    public const string Secret = "fake-app-secret";
    public const int AgentId = 1000002;

    private readonly WebApplication _app;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<FakeWeComRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int ErrCode, int Status)>> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _robotKeys = new(StringComparer.Ordinal);
    private readonly Lock _tokenLock = new();
    private int _tokenNumber;
    private string? _token;
    private readonly HashSet<string> _expired = new(StringComparer.Ordinal);

    private FakeWeComServer(WebApplication app, TimeProvider clock)
    {
        _app = app;
        _clock = clock;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>App media served by <c>cgi-bin/media/get</c>, by MediaId.</summary>
    public ConcurrentDictionary<string, byte[]> Media { get; } = new(StringComparer.Ordinal);

    /// <summary>Files served at <c>/files/{name}</c> (the intelligent robot's encrypted image URLs).</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    private int _mediaOutages;

    /// <summary>How many media requests still answer 503 (a platform outage).</summary>
    public int MediaOutages { get => Volatile.Read(ref _mediaOutages); set => Volatile.Write(ref _mediaOutages, value); }

    /// <summary>The URL of a file in <see cref="Files"/>.</summary>
    public Uri FileUrl(string name) => new(BaseAddress, "files/" + Uri.EscapeDataString(name));

    /// <summary>Settings that point the bot's WeCom API at this server, with a configured app.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["WeCom:ApiBaseUrl"] = BaseAddress.ToString(),
        ["WeCom:CorpId"] = CorpId,
        ["WeCom:Secret"] = Secret,
        ["WeCom:AgentId"] = AgentId.ToString(CultureInfo.InvariantCulture),
    };

    public IReadOnlyList<FakeWeComRequest> Requests => _requests.ToList();

    /// <summary>Requests to one API, e.g. "webhook/send", "message/send", "gettoken", "aibot/response".</summary>
    public IReadOnlyList<FakeWeComRequest> To(string api) =>
        _requests.Where(r => r.Path.EndsWith("/" + api, StringComparison.Ordinal)).ToList();

    /// <summary>Successful sends to one API.</summary>
    public IReadOnlyList<FakeWeComRequest> Delivered(string api) => To(api).Where(r => r.Succeeded).ToList();

    public static async Task<FakeWeComServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeWeComServer(app, clock ?? TimeProvider.System);
        app.MapGet("/cgi-bin/gettoken", server.GetToken);
        app.MapPost("/cgi-bin/message/send", (Func<HttpContext, Task<IResult>>)server.SendWithTokenAsync);
        app.MapPost("/cgi-bin/appchat/send", (Func<HttpContext, Task<IResult>>)server.SendWithTokenAsync);
        app.MapPost("/cgi-bin/webhook/send", (Func<HttpContext, Task<IResult>>)server.WebhookAsync);
        app.MapPost("/cgi-bin/aibot/response", (Func<HttpContext, Task<IResult>>)server.ResponseUrlAsync);
        app.MapGet("/cgi-bin/media/get", (HttpContext c) =>
        {
            if (Interlocked.Decrement(ref server._mediaOutages) >= 0)
            {
                return Results.StatusCode(503);
            }

            var token = c.Request.Query["access_token"].ToString();
            lock (server._tokenLock)
            {
                if (token.Length == 0 || token != server._token)
                {
                    return Results.Json(new { errcode = 42001, errmsg = "access_token expired" });
                }
            }

            return server.Media.TryGetValue(c.Request.Query["media_id"].ToString(), out var bytes)
                ? Results.File(bytes, "image/jpeg")
                : Results.Json(new { errcode = 40007, errmsg = "invalid media_id" });
        });
        app.MapGet("/files/{name}", (string name) =>
            Interlocked.Decrement(ref server._mediaOutages) >= 0 ? Results.StatusCode(503)
            : server.Files.TryGetValue(name, out var bytes) ? Results.File(bytes, "application/octet-stream") : Results.NotFound());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Accepts <paramref name="key"/> as a group robot webhook key (others get errcode 93000).</summary>
    public FakeWeComServer WithRobotKey(string key)
    {
        lock (_robotKeys)
        {
            _robotKeys.Add(key);
        }

        return this;
    }

    /// <summary>The next <paramref name="count"/> calls to <paramref name="api"/> answer the error (errcode, or an HTTP status with an error body).</summary>
    public void FailNext(string api, int count, int errCode = 0, int status = 200)
    {
        var queue = _failures.GetOrAdd(api, _ => new ConcurrentQueue<(int, int)>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue((errCode, status));
        }
    }

    /// <summary>Expires the current access token: calls with it answer 42001 until the bot fetches a new one.</summary>
    public void ExpireToken()
    {
        lock (_tokenLock)
        {
            if (_token is not null)
            {
                _expired.Add(_token);
            }

            _token = null;
        }
    }

    /// <summary>A response_url as the intelligent robot's callback would carry it.</summary>
    public string ResponseUrl(string code) => new Uri(BaseAddress, $"cgi-bin/aibot/response?response_code={Uri.EscapeDataString(code)}").ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult GetToken(HttpContext context)
    {
        var query = Query(context);
        if (!query.TryGetValue("corpid", out var corp) || corp != CorpId || !query.TryGetValue("corpsecret", out var secret) || secret != Secret)
        {
            return Record(context, query, "", 40001, 200, "invalid credential");
        }

        if (TakeFailure("gettoken") is { } failure)
        {
            return Record(context, query, "", failure.ErrCode, failure.Status, "scripted failure");
        }

        string token;
        lock (_tokenLock)
        {
            token = _token ??= "token-" + (++_tokenNumber).ToString(CultureInfo.InvariantCulture);
        }

        Record(context, query, "", 0, 200, "ok");
        return Results.Json(new { errcode = 0, errmsg = "ok", access_token = token, expires_in = 7200 });
    }

    private async Task<IResult> SendWithTokenAsync(HttpContext context)
    {
        var query = Query(context);
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        query.TryGetValue("access_token", out var token);
        lock (_tokenLock)
        {
            if (token is null || _expired.Contains(token))
            {
                return Record(context, query, body, 42001, 200, "access_token expired");
            }

            if (token != _token)
            {
                return Record(context, query, body, 40014, 200, "invalid access_token");
            }
        }

        var api = context.Request.Path.Value!["/cgi-bin/".Length..];
        return TakeFailure(api) is { } failure
            ? Record(context, query, body, failure.ErrCode, failure.Status, "scripted failure")
            : Record(context, query, body, 0, 200, "ok");
    }

    private async Task<IResult> WebhookAsync(HttpContext context)
    {
        var query = Query(context);
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        bool known;
        lock (_robotKeys)
        {
            known = query.TryGetValue("key", out var key) && _robotKeys.Contains(key);
        }

        if (!known)
        {
            return Record(context, query, body, 93000, 200, "invalid webhook url");
        }

        return TakeFailure("webhook/send") is { } failure
            ? Record(context, query, body, failure.ErrCode, failure.Status, "scripted failure")
            : Record(context, query, body, 0, 200, "ok");
    }

    private async Task<IResult> ResponseUrlAsync(HttpContext context)
    {
        var query = Query(context);
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        return TakeFailure("aibot/response") is { } failure
            ? Record(context, query, body, failure.ErrCode, failure.Status, "scripted failure")
            : Record(context, query, body, 0, 200, "ok");
    }

    private (int ErrCode, int Status)? TakeFailure(string api) =>
        _failures.TryGetValue(api, out var queue) && queue.TryDequeue(out var failure) ? failure : null;

    private IResult Record(HttpContext context, Dictionary<string, string> query, string body, int errCode, int status, string message)
    {
        _requests.Enqueue(new FakeWeComRequest(context.Request.Method, context.Request.Path.Value!, query, body, _clock.GetUtcNow(), errCode, status));
        return Results.Json(new { errcode = errCode == 0 && status != 200 ? -1 : errCode, errmsg = message }, statusCode: status);
    }

    private static Dictionary<string, string> Query(HttpContext context) =>
        context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
}
