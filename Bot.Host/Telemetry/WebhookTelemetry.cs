using System.Diagnostics;
using Bot.Data.Telemetry;

namespace Bot.Host.Telemetry;

/// <summary>
/// Wraps every inbound message request (<c>/webhooks/…</c> and the Sandbox API) in a <c>webhook.receive</c> activity —
/// the root of a message's trace, stored with its inbox row — and records the time to the answer (the ack latency).
/// </summary>
public static class WebhookTelemetry
{
    public static IApplicationBuilder UseWebhookTelemetry(this IApplicationBuilder app) =>
        app.UseWhen(IsInbound, branch => branch.Use(async (context, next) =>
        {
            var platform = Platform(context.Request.Path);
            var start = Stopwatch.GetTimestamp();
            using var activity = BotTelemetry.Source.StartActivity("webhook.receive", ActivityKind.Server);
            activity?.SetTag("tiexibot.platform", platform);
            activity?.SetTag("http.request.method", context.Request.Method);
            try
            {
                await next(context);
            }
            finally
            {
                activity?.SetTag("http.response.status_code", context.Response.StatusCode);
                BotTelemetry.AckDuration.Record(BotTelemetry.Seconds(start),
                    new KeyValuePair<string, object?>("platform", platform),
                    new KeyValuePair<string, object?>("status", context.Response.StatusCode));
            }
        }));

    private static bool IsInbound(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) &&
        (context.Request.Path.StartsWithSegments("/webhooks", StringComparison.OrdinalIgnoreCase) || context.Request.Path.StartsWithSegments("/sandbox/messages", StringComparison.OrdinalIgnoreCase));

    /// <summary>The platform a request path belongs to: <c>/webhooks/wecom/bot</c> → <c>wecom</c>.</summary>
    internal static string Platform(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0] == "webhooks" ? segments[1] : segments.Length > 0 ? segments[0] : "unknown";
    }
}
