using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// Who may call the Sandbox JSON API (<c>/sandbox/messages</c>): a signed-in dashboard admin (a POST must carry the
/// anti-forgery header the chat page sends), or, unless <see cref="DashboardOptions.SandboxApiOnLoopback"/> is off,
/// a local tool on 127.0.0.1 / ::1 without a cookie and not behind a proxy. Everybody else gets 401 or 403.
/// </summary>
internal sealed class SandboxApiAccess(IOptions<DashboardOptions> options, IAntiforgery antiforgery) : IEndpointFilter
{
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
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

        if (options.Value.SandboxApiOnLoopback && IsLocal(http))
        {
            return await next(context);
        }

        return Results.Json(new { error = "请先登录仪表盘。" }, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>A direct connection from this machine, not relayed by a reverse proxy.</summary>
    public static bool IsLocal(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address) &&
        !ProxyHeaders.Any(h => http.Request.Headers.ContainsKey(h));
}
