using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// Who may call the Sandbox JSON API (<c>/sandbox/messages</c>), which speaks as any roster name:
/// <list type="bullet">
/// <item>With a platform configured (WeCom or DingTalk) it is off unless <see cref="DashboardOptions.SandboxApi"/> is
/// true, and then only for a signed-in dashboard admin. A connection from loopback proves nothing (a local process, or
/// a reverse proxy on the same box).</item>
/// <item>With no platform configured (development), a signed-in admin, or, unless
/// <see cref="DashboardOptions.SandboxApiOnLoopback"/> is off, a local tool on 127.0.0.1 / ::1 not behind a proxy.</item>
/// </list>
/// A signed-in admin's POST must carry the anti-forgery header the chat page sends. Everybody else gets 401 or 403.
/// </summary>
internal sealed class SandboxApiAccess(
    IOptions<DashboardOptions> options,
    IOptions<WeComOptions> wecom,
    IOptions<DingTalkOptions> dingtalk,
    IAntiforgery antiforgery) : IEndpointFilter
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"];

    public const string OffMessage = "已配置企业微信或钉钉，沙盒对话已关闭；如需使用请设置 Dashboard:SandboxApi=true 并以管理员登录。";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var platform = PlatformConfigured;
        if (!(options.Value.SandboxApi ?? !platform))
        {
            return Results.Json(new { error = OffMessage }, statusCode: StatusCodes.Status403Forbidden);
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            if (!http.User.IsInRole(DashboardRoles.Admin))
            {
                return Results.Json(new { error = "沙盒对话仅限管理员使用。" }, statusCode: StatusCodes.Status403Forbidden);
            }

            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                try
                {
                    await antiforgery.ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return Results.Json(new { error = "页面已过期，请刷新后重试。" }, statusCode: StatusCodes.Status400BadRequest);
                }
            }

            return await next(context);
        }

        if (!platform && options.Value.SandboxApiOnLoopback && IsLocal(http))
        {
            return await next(context);
        }

        return Results.Json(new { error = "请先登录仪表盘。" }, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>True when WeCom or DingTalk has credentials (callbacks, API or robots): the bot serves real people.</summary>
    public bool PlatformConfigured
    {
        get
        {
            var w = wecom.Value;
            var d = dingtalk.Value;
            return w.AppCallbackConfigured || w.AiBotCallbackConfigured || w.AppApiConfigured || w.RobotWebhooks.Count > 0 ||
                d.CallbackConfigured || d.OpenApiConfigured || d.Stream.Enabled || d.CustomRobots.Count > 0;
        }
    }

    /// <summary>A direct connection from this machine, not relayed by a reverse proxy.</summary>
    public static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address) &&
        !ProxyHeaders.Any(h => http.Request.Headers.ContainsKey(h));
}
