using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Benchmarks.Load;

/// <summary>
/// The platforms' reply side on 127.0.0.1 for load and fault runs: DingTalk's sessionWebhook
/// (<c>/robot/sendBySession?session=</c>), the WeCom intelligent robot's <c>response_url</c>
/// (<c>/cgi-bin/aibot/response?response_code=</c>), and token/OpenAPI stubs for fallbacks. Counts every successful
/// reply per session or response code, so a lost or repeated reply shows; can answer errors for a while (WeCom 45009,
/// DingTalk 130101, HTTP 500) to play a throttling or failing platform.
/// </summary>
public sealed class FakePlatform : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _sessionReplies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _responseUrlReplies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _other = new(StringComparer.Ordinal);
    private long _failUntilTicks;
    private int _failErrCode;
    private int _failStatus;
    private int _failuresAnswered;

    private FakePlatform(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Successful sessionWebhook replies per session.</summary>
    public IReadOnlyDictionary<string, int> SessionReplies => _sessionReplies;

    /// <summary>Successful response_url replies per response code.</summary>
    public IReadOnlyDictionary<string, int> ResponseUrlReplies => _responseUrlReplies;

    /// <summary>Requests to anything else (OpenAPI fallbacks, unknown paths) per path.</summary>
    public IReadOnlyDictionary<string, int> OtherRequests => _other;

    /// <summary>How many requests were answered with a scripted failure.</summary>
    public int FailuresAnswered => Volatile.Read(ref _failuresAnswered);

    public static async Task<FakePlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var platform = new FakePlatform(app);
        app.MapPost("/robot/sendBySession", (Func<HttpContext, Task<IResult>>)platform.SessionAsync);
        app.MapPost("/cgi-bin/aibot/response", (Func<HttpContext, Task<IResult>>)platform.ResponseUrlAsync);
        app.MapPost("/v1.0/oauth2/accessToken", () => Results.Json(new { accessToken = "fake-token", expireIn = 7200 }));
        app.MapGet("/cgi-bin/gettoken", () => Results.Json(new { errcode = 0, errmsg = "ok", access_token = "fake-token", expires_in = 7200 }));
        app.MapFallback((Func<HttpContext, Task<IResult>>)platform.Other);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        platform.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return platform;
    }

    /// <summary>A sessionWebhook URL whose replies are counted under <paramref name="session"/>.</summary>
    public string SessionWebhook(string session) => new Uri(BaseAddress, "robot/sendBySession?session=" + Uri.EscapeDataString(session)).ToString();

    /// <summary>A response_url whose replies are counted under <paramref name="code"/>.</summary>
    public string ResponseUrl(string code) => new Uri(BaseAddress, "cgi-bin/aibot/response?response_code=" + Uri.EscapeDataString(code)).ToString();

    /// <summary>
    /// For <paramref name="duration"/>, every reply is answered with the error: HTTP <paramref name="status"/> with an
    /// errcode body (WeCom 45009 and DingTalk 130101 come with HTTP 200; a 500 with errcode 0 is a bare server error).
    /// </summary>
    public void FailFor(TimeSpan duration, int errCode, int status = 200)
    {
        _failErrCode = errCode;
        _failStatus = status;
        Volatile.Write(ref _failUntilTicks, DateTime.UtcNow.Add(duration).Ticks);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private bool Failing(out IResult answer)
    {
        if (DateTime.UtcNow.Ticks < Volatile.Read(ref _failUntilTicks))
        {
            Interlocked.Increment(ref _failuresAnswered);
            answer = Results.Json(new { errcode = _failErrCode, errmsg = "scripted failure" }, statusCode: _failStatus);
            return true;
        }

        answer = Results.Empty;
        return false;
    }

    private async Task<IResult> SessionAsync(HttpContext context)
    {
        await Drain(context);
        if (Failing(out var failure))
        {
            return failure;
        }

        _sessionReplies.AddOrUpdate(context.Request.Query["session"].ToString(), 1, (_, n) => n + 1);
        return Results.Json(new { errcode = 0, errmsg = "ok" });
    }

    private async Task<IResult> ResponseUrlAsync(HttpContext context)
    {
        await Drain(context);
        if (Failing(out var failure))
        {
            return failure;
        }

        _responseUrlReplies.AddOrUpdate(context.Request.Query["response_code"].ToString(), 1, (_, n) => n + 1);
        return Results.Json(new { errcode = 0, errmsg = "ok" });
    }

    private async Task<IResult> Other(HttpContext context)
    {
        await Drain(context);
        _other.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
        return Results.Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["processQueryKey"] = "fake" });
    }

    private static async Task Drain(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        await reader.ReadToEndAsync(context.RequestAborted);
    }
}
