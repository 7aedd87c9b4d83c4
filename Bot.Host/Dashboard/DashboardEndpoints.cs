using System.Globalization;
using Bot.Data.Audit;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Host.Dashboard.Pages;
using Bot.Host.Dashboard.Security;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard;

/// <summary>
/// The office dashboard on the bot's own port: cookie sign-in, the board (<c>/</c>), reports (<c>/reports</c>,
/// <c>/reports/{id}</c>), the ledger (<c>/export?period=2026Q2</c>, <c>/ledger/{token}</c>), the Sandbox chat page
/// (<c>/sandbox</c>) and the system page (<c>/admin</c>). Webhooks and <c>/healthz</c> stay outside the sign-in.
/// </summary>
public static class DashboardEndpoints
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddBotDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton<DashboardUserStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignInDevices>();
        services.AddProxyHeaders();
        services.AddHostedService<DashboardBootstrapService>();
        services.AddSingleton<BoardQuery>();
        services.AddSingleton<LedgerLinks>();
        services.AddSingleton<ILedgerLinks>(sp => sp.GetRequiredService<LedgerLinks>());
        Admin.AdminConsole.AddAdminConsole(services);
        services.AddHostedService<PublicUrlCheck>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "tiexibot.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = SignInEndpoints.ValidatePrincipalAsync;
            o.Events.OnRedirectToLogin = context => Challenge(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Challenge(context, StatusCodes.Status403Forbidden);
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<DashboardOptions>>((o, dashboard) => o.ExpireTimeSpan = TimeSpan.FromHours(dashboard.Value.SessionHours));
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardRoles.ViewerPolicy, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Viewer, DashboardRoles.Admin))
            .AddPolicy(DashboardRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(DashboardRoles.Admin));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "tiexibot.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        return services;
    }

    /// <summary>Adds sign-in to the pipeline and maps the dashboard's routes.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UsePasswordChangeGate();
        app.UseAuthorization();
        app.UseAntiforgery();

        DashboardAssets.Map(app);
        app.MapSignIn();

        var viewer = app.MapGroup("").RequireAuthorization(DashboardRoles.ViewerPolicy);
        viewer.MapGet("/", async (HttpContext http, BoardQuery query, BusinessClock clock, Bot.Data.Evidence.IEvidenceRepository evidence, CancellationToken cancellationToken) =>
        {
            var filter = BoardFilter.Parse(http.Request.Query, clock.Today);
            var board = await query.LoadAsync(filter, cancellationToken);
            var patrols = await evidence.CountWithPhotosAsync(Bot.Skills.ProgressReports.Activities.RiverChief, filter.Period.Start, filter.Period.End, cancellationToken);
            return BoardPage.Render(PageContext.From(http), board, patrols);
        });
        viewer.MapGet("/reports", async (HttpContext http, BoardQuery query, BusinessClock clock, CancellationToken cancellationToken) =>
            ReportPages.List(PageContext.From(http), await query.LoadAsync(BoardFilter.Parse(http.Request.Query, clock.Today), cancellationToken)));
        viewer.MapGet("/reports/{id:long}", ReportAsync);
        viewer.MapGet("/export", async (HttpContext http, string? period, LedgerExporter exporter, BusinessClock clock, CancellationToken cancellationToken) =>
        {
            var chosen = string.IsNullOrWhiteSpace(period) ? Period.Quarter(clock.Today) : Period.ParseCode(period);
            return chosen is null
                ? Layout.Message(PageContext.From(http), "无法导出", "时间段格式不正确，应为 2026Q2、2026-06、2026H1 或 2026。", StatusCodes.Status400BadRequest)
                : await LedgerFileAsync(http, exporter, chosen, cancellationToken);
        });

        var admin = app.MapGroup("").RequireAuthorization(DashboardRoles.AdminPolicy);
        admin.MapGet("/sandbox", async (HttpContext http, string? chat, string? sender, IMemberRepository members, CancellationToken cancellationToken) =>
            SandboxPage.Render(PageContext.From(http), await members.ListAsync(cancellationToken),
                string.IsNullOrWhiteSpace(chat) ? Channels.Sandbox.SandboxService.DefaultChat : chat.Trim(), sender));
        admin.MapGet("/admin", (HttpContext http, DashboardUserStore users) => AdminPage.Render(PageContext.From(http), users));
        admin.MapPost("/admin/hash", async (HttpContext http, DashboardUserStore users, IAntiforgery antiforgery) =>
        {
            if (!await SignInEndpoints.IsValidAsync(antiforgery, http))
            {
                return SignInEndpoints.Expired(http);
            }

            var password = (await http.Request.ReadFormAsync(http.RequestAborted))["password"].ToString();
            return password.Length < 10
                ? AdminPage.Render(PageContext.From(http), users, error: "密码至少10位。")
                : AdminPage.Render(PageContext.From(http), users, hash: DashboardPasswords.Hash(password));
        });

        Admin.AdminConsole.Map(viewer, admin);
        Evidence.EvidenceEndpoints.Map(viewer, app);

        // The link a chat reply carries: its token is the authorisation, so it works without a sign-in until it expires.
        // Every download through a link is audited under the asker and role the link was made for.
        app.MapGet("/ledger/{token}", async (HttpContext http, string token, LedgerLinks links, LedgerExporter exporter, IAuditRepository audit, CancellationToken cancellationToken) =>
        {
            if (links.Read(token) is not { } grant || !Skills.Conversation.Permissions.MayExport(new Bot.Data.Members.Member { Name = grant.Requester, Role = grant.Role }))
            {
                return Layout.Message(PageContext.From(http), "链接已失效", "该台账下载链接无效或已过期，请在群里重新发送“导出”，或登录仪表盘下载。", StatusCodes.Status404NotFound);
            }

            await audit.AddAsync(new AuditEntry
            {
                Actor = grant.Requester.Length > 0 ? grant.Requester : "ledger-link",
                Action = "ledger.download",
                Entity = "ledger",
                EntityId = PeriodCodes.Of(grant.Period),
                NewValue = Bot.Data.Common.Json.Serialize(new { role = grant.Role, ip = http.Connection.RemoteIpAddress?.ToString() }),
            }, cancellationToken);
            return await LedgerFileAsync(http, exporter, grant.Period, cancellationToken);
        });
        return app;
    }

    private static async Task<IResult> ReportAsync(HttpContext http, long id, IProgressReportRepository reports, IPlanRepository plans, IAuditRepository audit,
        Bot.Data.Evidence.IEvidenceRepository evidence, CancellationToken cancellationToken)
    {
        var report = await reports.GetAsync(id, cancellationToken);
        if (report is null)
        {
            return Layout.Message(PageContext.From(http), "找不到汇报", $"没有编号为 {id} 的汇报。", StatusCodes.Status404NotFound);
        }

        var versions = await reports.GetVersionsAsync(report.RootId ?? report.Id, cancellationToken);
        var entries = new List<AuditEntry>();
        foreach (var version in versions.Select(v => v.Id).Append(report.RootId ?? report.Id).Distinct())
        {
            entries.AddRange((await audit.ListAsync(entityId: version.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken))
                .Where(e => e.Entity.Contains("report", StringComparison.Ordinal)));
        }

        var plan = await plans.GetActiveAsync(cancellationToken);
        var action = report.Action is int n ? Labels.Action(n, plan) : null;
        var page = PageContext.From(http);
        var photos = await evidence.ListForReportsAsync(versions.Select(v => v.Id).Append(report.Id).ToList(), cancellationToken);
        var console = Html.HtmlContent.Format($"""
            <section class="card" id="report-evidence"><h2>佐证材料（{photos.Count}）</h2>{EvidenceHtml.Gallery(photos)}</section>
            {Admin.AdminReportEndpoints.Forms(page, report)}
            """);
        return ReportPages.Detail(page, report, versions,
            entries.DistinctBy(e => e.Id).OrderBy(e => e.At).ToList(), action, console);
    }

    private static async Task<IResult> LedgerFileAsync(HttpContext http, LedgerExporter exporter, Period period, CancellationToken cancellationToken)
    {
        var export = await exporter.CreateAsync(period, cancellationToken);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(export.Content, XlsxContentType, export.FileName);
    }

    /// <summary>Pages redirect to the sign-in page; API calls and downloads by scripts get the status code.</summary>
    private static Task Challenge(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        var accept = context.Request.Headers.Accept.ToString();
        var isApi = context.Request.Path.StartsWithSegments("/sandbox/messages", StringComparison.Ordinal) ||
                    (accept.Contains("application/json", StringComparison.Ordinal) && !accept.Contains("text/html", StringComparison.Ordinal));
        if (isApi)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
