using Bot.Host.Dashboard.Security;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard;

/// <summary>
/// Ledger links for chats: <c>/ledger/{token}</c>, where the token is the period code protected (encrypted and signed)
/// by ASP.NET Core data protection with an expiry of <see cref="DashboardOptions.LedgerLinkHours"/>. With 0 hours the
/// link is <c>/export?period=…</c>, which needs a dashboard sign-in.
/// </summary>
public sealed class LedgerLinks(IDataProtectionProvider protection, IOptions<DashboardOptions> options) : ILedgerLinks
{
    private const string Purpose = "TieXiBot.Ledger.Link.v1";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string CreateLink(Period period)
    {
        var hours = options.Value.LedgerLinkHours;
        var path = hours > 0
            ? $"/ledger/{Protector.Protect(PeriodCodes.Of(period), TimeSpan.FromHours(hours))}"
            : $"/export?period={Uri.EscapeDataString(PeriodCodes.Of(period))}";
        return string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? path : options.Value.PublicUrl.TrimEnd('/') + path;
    }

    /// <summary>The period of a token, or null when it is forged, expired or links are disabled.</summary>
    public Period? Read(string token)
    {
        if (options.Value.LedgerLinkHours <= 0)
        {
            return null;
        }

        try
        {
            return Period.ParseCode(Protector.Unprotect(token));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
