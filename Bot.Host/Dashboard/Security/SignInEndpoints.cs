using System.Security.Claims;
using Bot.Host.Dashboard.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Bot.Host.Dashboard.Security;

/// <summary><c>/login</c>, <c>/logout</c> and <c>/denied</c>: cookie sign-in against <see cref="DashboardUserStore"/>.</summary>
public static class SignInEndpoints
{
    public const string StampClaim = "tiexibot:stamp";
    public const string FailedSignIn = "用户名或密码错误，请重新输入。";
    public const string TooManyFailures = "登录失败次数过多，请15分钟后再试。";

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext http, string? returnUrl, DashboardUserStore users) =>
            http.User.Identity?.IsAuthenticated == true
                ? Results.LocalRedirect(SafeReturnUrl(returnUrl))
                : LoginPage.Render(PageContext.From(http), SafeReturnUrl(returnUrl), null, null, users.UsesBootstrap));

        app.MapPost("/login", async (HttpContext http, DashboardUserStore users, SignInThrottle throttle, IAntiforgery antiforgery, ILoggerFactory loggers) =>
        {
            if (!await IsValidAsync(antiforgery, http))
            {
                return Expired(http);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            string? name = form["username"], password = form["password"];
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.IsBlocked(address))
            {
                return LoginPage.Render(PageContext.From(http), returnUrl, name, TooManyFailures, users.UsesBootstrap, StatusCodes.Status429TooManyRequests);
            }

            var user = users.Authenticate(name, password);
            if (user is null)
            {
                throttle.Fail(address);
                loggers.CreateLogger("Bot.Host.Dashboard.SignIn").LogWarning("Failed dashboard sign-in for {Name} from {Address}", name?.Trim(), address);
                return LoginPage.Render(PageContext.From(http), returnUrl, name, FailedSignIn, users.UsesBootstrap, StatusCodes.Status401Unauthorized);
            }

            throttle.Succeed(address);

            var identity = new ClaimsIdentity(
                [
                    new Claim(ClaimTypes.Name, user.Name),
                    new Claim(ClaimTypes.Role, user.Role),
                    new Claim(StampClaim, DashboardPasswords.Stamp(user.PasswordHash)),
                ],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(returnUrl);
        });

        app.MapPost("/logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await IsValidAsync(antiforgery, http))
            {
                return Expired(http);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });

        app.MapGet("/denied", (HttpContext http) =>
            Layout.Message(PageContext.From(http), "无权访问", "您的账号无权访问该页面，请联系管理员。", StatusCodes.Status403Forbidden));
        return app;
    }

    /// <summary>Checks the anti-forgery token of a form post.</summary>
    public static async Task<bool> IsValidAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    public static IResult Expired(HttpContext http) =>
        Layout.Message(PageContext.From(http), "页面已过期", "表单已过期或来源不明（防伪校验未通过），请返回刷新页面后重试。", StatusCodes.Status400BadRequest);

    /// <summary>Only a local path of this site; anything else (//evil, https://…) becomes "/".</summary>
    public static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";

    /// <summary>Signs a cookie out when its account was removed, its role changed or its password changed.</summary>
    public static Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<DashboardUserStore>();
        var principal = context.Principal;
        var user = users.Find(principal?.Identity?.Name);
        if (user is null || principal?.FindFirstValue(ClaimTypes.Role) != user.Role ||
            principal.FindFirstValue(StampClaim) != DashboardPasswords.Stamp(user.PasswordHash))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        return Task.CompletedTask;
    }
}
