using System.Security.Cryptography;
using System.Text;
using Bot.Data.Callbacks;
using Bot.Data.Members;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

/// <summary>
/// <c>POST /webhooks/dingtalk</c>: the HTTP-mode robot callback. Verifies the <c>timestamp</c>/<c>sign</c> headers before
/// reading the body, refuses a signature already accepted for another message (the sign covers only the timestamp, so
/// it is remembered cluster-wide for its validity window), stores the message in the inbox (once per msgId) and answers
/// 200 at once; the reply goes out later through the sessionWebhook or the OpenAPI. Stream mode needs no public endpoint
/// and is the recommended set-up.
/// </summary>
public static class DingTalkWebhookEndpoints
{
    public const string Path = "/webhooks/dingtalk";

    /// <summary>Largest accepted callback body.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapDingTalk(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync).WithName("DingTalkCallback").WithTags("DingTalk");
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        DingTalkInbound inbound,
        IOptions<DingTalkOptions> options,
        ICallbackSignatureRepository signatures,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.CallbackConfigured)
        {
            return Error(StatusCodes.Status503ServiceUnavailable,
                "钉钉机器人未配置，请设置 DingTalk:AppSecret / DingTalk is not configured: set DingTalk:AppSecret.");
        }

        var check = DingTalkSignature.Verify(request.Headers["timestamp"], request.Headers["sign"], settings.AppSecret, time.GetUtcNow(), settings.SignatureWindow);
        if (check != DingTalkSignatureCheck.Valid)
        {
            DingTalkLog.CallbackRejected(loggers.CreateLogger(typeof(DingTalkWebhookEndpoints).FullName!), request.HttpContext.Connection.RemoteIpAddress, check.ToString());
            return Error(StatusCodes.Status401Unauthorized, "签名或时间戳校验失败 / invalid sign or timestamp.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = await ReadBodyAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return TooLarge();
        }

        var parsed = DingTalkMessageParser.Parse(body, settings.RobotName);
        if (parsed.Message is { } message)
        {
            var timestamp = long.Parse(request.Headers["timestamp"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
            var expires = DateTimeOffset.FromUnixTimeMilliseconds(timestamp) + settings.SignatureWindow + TimeSpan.FromSeconds(1);
            var signature = $"{timestamp}:{request.Headers["sign"]}";
            if (!await signatures.TryUseAsync(Platforms.DingTalk, signature, MessageKey(message.MsgId), expires, cancellationToken))
            {
                DingTalkLog.CallbackReplayed(loggers.CreateLogger(typeof(DingTalkWebhookEndpoints).FullName!), request.HttpContext.Connection.RemoteIpAddress);
                return Error(StatusCodes.Status401Unauthorized, "签名已被使用 / this sign was already used for another message.");
            }
        }

        var result = await inbound.IngestAsync(body, "http", cancellationToken);
        return result.Outcome == DingTalkIngestOutcome.Malformed
            ? Error(StatusCodes.Status400BadRequest, result.Error ?? "消息格式错误 / malformed message.")
            : Results.Json(new { }, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>Reads the body as UTF-8, or null when it exceeds <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<string?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The msgId as remembered with its signature; a long one by its hash.</summary>
    private static string MessageKey(string msgId) =>
        msgId.Length <= 128 ? msgId : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(msgId)));

    private static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, "消息体超过 1 MB / body exceeds 1 MB.");

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);
}
