using Bot.Data.Members;
using Bot.Host.Dashboard.Security;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard;

/// <summary>What a ledger link's token carries: the period and who asked for it, in which role.</summary>
public sealed record LedgerGrant(Period Period, string Requester, string Role);

/// <summary>
/// Ledger links for chats: <c>/ledger/{token}</c>, where the token (period code, asker and role) is protected
/// (encrypted and signed) by ASP.NET Core data protection with an expiry of <see cref="DashboardOptions.LedgerLinkHours"/>
/// (default 24). With 0 hours the link is <c>/export?period=…</c>, which needs a dashboard sign-in. Links are absolute:
/// <c>Dashboard:PublicUrl</c>, or for the Sandbox the host's own first address (<c>Urls</c>).
/// </summary>
public sealed class LedgerLinks(IDataProtectionProvider protection, IOptions<DashboardOptions> options, IConfiguration configuration, TimeProvider time) : ILedgerLinks
{
    private const string Purpose = "TieXiBot.Ledger.Link.v2";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string CreateLink(Period period) =>
        CreateLink(period, Platforms.Sandbox, "", Roles.Office)?.Url ?? Path(period, "", Roles.Office, out _);

    public LedgerLink? CreateLink(Period period, string platform, string requester, string role)
    {
        var root = BaseUrl(platform);
        if (root is null)
        {
            return null;
        }

        var path = Path(period, requester, role, out var expires);
        return new LedgerLink(root + path, expires);
    }

    /// <summary>The grant of a token, or null when it is forged, expired or links are disabled.</summary>
    public LedgerGrant? Read(string token)
    {
        if (options.Value.LedgerLinkHours <= 0)
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(token).Split('\n');
            return parts.Length == 3 && Period.ParseCode(parts[0]) is { } period ? new LedgerGrant(period, parts[1], parts[2]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The absolute base address for links sent to a chat of <paramref name="platform"/>, or null.</summary>
    public string? BaseUrl(string platform)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            return options.Value.PublicUrl.TrimEnd('/');
        }

        if (platform != Platforms.Sandbox)
        {
            return null;
        }

        var own = (configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return own is not null && Uri.TryCreate(own.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
    }

    private string Path(Period period, string requester, string role, out DateTimeOffset? expires)
    {
        var hours = options.Value.LedgerLinkHours;
        if (hours <= 0)
        {
            expires = null;
            return $"/export?period={Uri.EscapeDataString(PeriodCodes.Of(period))}";
        }

        var lifetime = TimeSpan.FromHours(hours);
        expires = time.GetUtcNow() + lifetime;
        var payload = $"{PeriodCodes.Of(period)}\n{requester.Replace('\n', ' ')}\n{role}";
        return $"/ledger/{Protector.Protect(payload, lifetime)}";
    }
}

/// <summary>
/// Warns at start-up when a chat platform is configured but <c>Dashboard:PublicUrl</c> is not: links sent to WeCom or
/// DingTalk chats must be absolute, so 导出 cannot send one and answers how to set it.
/// </summary>
public sealed class PublicUrlCheck(IOptions<DashboardOptions> dashboard, IConfiguration configuration, ILogger<PublicUrlCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(dashboard.Value.PublicUrl) && PlatformConfigured(configuration))
        {
            DashboardLog.PublicUrlMissing(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when WeCom or DingTalk credentials are configured.</summary>
    public static bool PlatformConfigured(IConfiguration configuration) =>
        PlatformKeys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    private static readonly string[] PlatformKeys = ["WeCom:Token", "WeCom:CorpId", "WeCom:Secret", "DingTalk:AppKey", "DingTalk:AppSecret"];
}
