using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Channels.DingTalk;

/// <summary>Why an HTTP-mode callback signature was rejected (or <see cref="Valid"/>).</summary>
public enum DingTalkSignatureCheck
{
    Valid,
    Missing,
    BadTimestamp,
    Expired,
    Mismatch,
}

/// <summary>
/// The robot signature (dingtalk.md §1.1, §4.1): <c>Base64(HmacSHA256(key = secret, timestamp + "\n" + secret))</c>
/// over UTF-8, timestamps in milliseconds. HTTP-mode callbacks carry it plain in the <c>sign</c> header; a custom robot
/// URL carries it URL-encoded exactly once.
/// </summary>
public static class DingTalkSignature
{
    /// <summary>The Base64 signature of <paramref name="timestamp"/> (ms) under <paramref name="secret"/>.</summary>
    public static string Compute(long timestamp, string secret) => Convert.ToBase64String(Hmac(timestamp.ToString(CultureInfo.InvariantCulture), secret));

    /// <summary>
    /// Checks an HTTP-mode callback: both headers present, the timestamp within <paramref name="window"/> of
    /// <paramref name="now"/> (inclusive), and the signature equal in constant time. The header is plain Base64; a
    /// URL-encoded value does not match.
    /// </summary>
    public static DingTalkSignatureCheck Verify(string? timestamp, string? sign, string secret, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(sign) || string.IsNullOrEmpty(secret))
        {
            return DingTalkSignatureCheck.Missing;
        }

        if (timestamp.Length > 19 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return DingTalkSignatureCheck.BadTimestamp;
        }

        if (Math.Abs((double)now.ToUnixTimeMilliseconds() - milliseconds) > window.TotalMilliseconds)
        {
            return DingTalkSignatureCheck.Expired;
        }

        var expected = Hmac(timestamp, secret);
        var provided = new byte[expected.Length];
        if (sign.Length != 44 || !Convert.TryFromBase64String(sign, provided, out var written) || written != expected.Length)
        {
            return DingTalkSignatureCheck.Mismatch;
        }

        return CryptographicOperations.FixedTimeEquals(expected, provided) ? DingTalkSignatureCheck.Valid : DingTalkSignatureCheck.Mismatch;
    }

    /// <summary>
    /// The signed custom-robot URL: <c>{webhook}&amp;timestamp={ms}&amp;sign={urlencode(sign)}</c>, encoded once (uppercase
    /// percent escapes); the webhook unchanged when there is no secret.
    /// </summary>
    public static string SignCustomRobotUrl(string webhook, string? secret, long timestamp)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return webhook;
        }

        var separator = webhook.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"{webhook}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(Compute(timestamp, secret))}");
    }

    private static byte[] Hmac(string timestamp, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret));
}
