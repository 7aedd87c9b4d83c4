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
    public const string MustChangeClaim = "tiexibot:must-change-password";
    public const string ChangePasswordPath = "/password";
    public const string FailedSignIn = "用户名或密码错误，请重新输入。";
    public const string TooManyFailures = "登录失败次数过多，请稍后再试";
    public const int MinPasswordLength = 12;

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext http, string? returnUrl, DashboardUserStore users) =>
            http.User.Identity?.IsAuthenticated == true
                ? Results.LocalRedirect(SafeReturnUrl(returnUrl))
                : LoginPage.Render(PageContext.From(http), SafeReturnUrl(returnUrl), null, null, users.UsesBootstrap));

        app.MapPost("/login", async (HttpContext http, DashboardUserStore users, SignInThrottle throttle, SignInDevices devices, IAntiforgery antiforgery, ILoggerFactory loggers) =>
        {
            if (!await IsValidAsync(antiforgery, http))
            {
                return Expired(http);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            string? name = form["username"], password = form["password"];
            var returnUrl = SafeReturnUrl(form["returnUrl"]);
            // The real client address: behind a proxy named in ForwardedHeaders, the forwarded one.
            var remote = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            // A browser that signed in to this account before is throttled as itself, not as its (shared) address.
            var address = devices.ThrottleKey(http, name, remote);
            var wait = throttle.RetryAfter(name, address);
            if (wait > TimeSpan.Zero)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return LoginPage.Render(PageContext.From(http), returnUrl, name, $"{TooManyFailures}（{seconds}秒后）。", users.UsesBootstrap, StatusCodes.Status429TooManyRequests);
            }

            var user = users.Authenticate(name, password);
            if (user is null)
            {
                throttle.Fail(name, address);
                DashboardLog.SignInFailed(loggers.CreateLogger("Bot.Host.Dashboard.SignIn"), name?.Trim(), remote);
                return LoginPage.Render(PageContext.From(http), returnUrl, name, FailedSignIn, users.UsesBootstrap, StatusCodes.Status401Unauthorized);
            }

            throttle.Succeed(name, address);
            devices.Remember(http, name!);
            await SignInAsync(http, user);
            return Results.LocalRedirect(user.MustChangePassword ? ChangePasswordPath : returnUrl);
        });

        app.MapGet(ChangePasswordPath, (HttpContext http) => LoginPage.ChangePassword(PageContext.From(http), null)).RequireAuthorization();
        app.MapPost(ChangePasswordPath, async (HttpContext http, DashboardUserStore users, IAntiforgery antiforgery, ILoggerFactory loggers) =>
        {
            if (!await IsValidAsync(antiforgery, http))
            {
                return Expired(http);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            string current = form["current"].ToString(), password = form["password"].ToString(), confirm = form["confirm"].ToString();
            var name = http.User.Identity!.Name!;
            string? error =
                users.Authenticate(name, current) is null ? "当前密码不正确。"
                : password.Length < MinPasswordLength ? $"新密码至少{MinPasswordLength}位。"
                : password != confirm ? "两次输入的新密码不一致。"
                : password == current ? "新密码不能与一次性密码相同。"
                : !users.ChangePassword(name, password) ? "该账号在配置文件中（Dashboard:Users），请用 dashboard hash-password 生成新哈希并更新配置。"
                : null;
            if (error is not null)
            {
                return LoginPage.ChangePassword(PageContext.From(http), error, StatusCodes.Status400BadRequest);
            }

            DashboardLog.PasswordChanged(loggers.CreateLogger("Bot.Host.Dashboard.SignIn"), name);
            await SignInAsync(http, users.Find(name)!);
            return Results.LocalRedirect("/");
        }).RequireAuthorization();

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

    private static Task SignInAsync(HttpContext http, DashboardUser user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
            new(StampClaim, DashboardPasswords.Stamp(user.PasswordHash)),
        };
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(MustChangeClaim, "1"));
        }

        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
    }

    /// <summary>
    /// While a signed-in account still has its one-time password, every request but the change form, sign-out and the
    /// style sheets is sent to <see cref="ChangePasswordPath"/> (pages) or refused with 403 (anything else).
    /// </summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (http.User.HasClaim(c => c.Type == MustChangeClaim) &&
            !path.Equals(ChangePasswordPath, StringComparison.Ordinal) && !path.Equals("/logout", StringComparison.Ordinal) &&
            !path.StartsWithSegments("/assets", StringComparison.Ordinal) && !path.StartsWithSegments("/webhooks", StringComparison.Ordinal) &&
            !path.StartsWithSegments("/healthz", StringComparison.Ordinal) && !path.StartsWithSegments("/readyz", StringComparison.Ordinal))
        {
            if (HttpMethods.IsGet(http.Request.Method))
            {
                http.Response.Redirect(ChangePasswordPath);
            }
            else
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        await next(http);
    });

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
        if (user is null || principal?.FindFirstValue(ClaimTypes.Role) != user.Role || (principal.HasClaim(c => c.Type == MustChangeClaim) != user.MustChangePassword) ||
            principal.FindFirstValue(StampClaim) != DashboardPasswords.Stamp(user.PasswordHash))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        return Task.CompletedTask;
    }
}
