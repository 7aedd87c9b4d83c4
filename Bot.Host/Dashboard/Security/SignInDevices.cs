using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// Device cookies (OWASP's defence against lockout through a shared address): a browser that signed in to an account
/// gets <see cref="CookieName"/>, the account and a random device id protected by data protection. On the next sign-in
/// to that account the throttle counts the device instead of the address, so wrong guesses by somebody else behind
/// the same NAT or proxy address never refuse the office's right password; guesses from that device still slow that
/// device. A cookie for another account, forged or expired counts for nothing (the address applies).
/// </summary>
public sealed class SignInDevices(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "tiexibot.device";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("TieXiBot.SignIn.Device.v1").ToTimeLimitedDataProtector();

    /// <summary>The throttle key of this request for <paramref name="account"/>: its device when it holds a valid cookie for it, else <paramref name="address"/>.</summary>
    public string ThrottleKey(HttpContext http, string? account, string address)
    {
        if (account is null || !http.Request.Cookies.TryGetValue(CookieName, out var cookie) || string.IsNullOrEmpty(cookie))
        {
            return address;
        }

        try
        {
            var value = _protector.Unprotect(cookie, out var expires);
            var cut = value.LastIndexOf('\n');
            return cut > 0 && expires > time.GetUtcNow() && string.Equals(value[..cut], account.Trim(), StringComparison.OrdinalIgnoreCase)
                ? "device:" + value[(cut + 1)..]
                : address;
        }
        catch (CryptographicException)
        {
            return address;
        }
    }

    /// <summary>Gives the browser a device cookie for <paramref name="account"/> (after a successful sign-in).</summary>
    public void Remember(HttpContext http, string account)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow() + Lifetime;
        http.Response.Cookies.Append(CookieName, _protector.Protect(account.Trim() + "\n" + id, expires), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/login",
            Expires = expires,
            IsEssential = true,
        });
    }
}
