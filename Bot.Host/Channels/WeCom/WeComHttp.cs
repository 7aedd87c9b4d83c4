using System.Globalization;
using System.Text;

namespace Bot.Host.Channels.WeCom;

/// <summary>The query parameters every WeCom callback carries.</summary>
public sealed record WeComCallbackQuery(string? Signature, string Timestamp, string Nonce)
{
    /// <summary>Reads <c>msg_signature</c>, <c>timestamp</c> and <c>nonce</c> (ASP.NET Core has URL-decoded them once already).</summary>
    public static WeComCallbackQuery? From(HttpRequest request)
    {
        var signature = request.Query["msg_signature"].ToString();
        var timestamp = request.Query["timestamp"].ToString();
        var nonce = request.Query["nonce"].ToString();
        return signature.Length == 0 || timestamp.Length == 0 || nonce.Length == 0 ? null : new WeComCallbackQuery(signature, timestamp, nonce);
    }

    /// <summary>False when the timestamp is not a number or further than <paramref name="toleranceSeconds"/> from now (0: no check).</summary>
    public bool IsFresh(int toleranceSeconds, TimeProvider time)
    {
        if (!long.TryParse(Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        return toleranceSeconds <= 0 || Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) <= toleranceSeconds;
    }
}

/// <summary>HTTP plumbing shared by the WeCom callbacks: bounded body reads and short bilingual error answers.</summary>
public static class WeComHttp
{
    /// <summary>Largest callback body accepted; larger ones are answered 413 without being stored.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Reads the body as UTF-8, or returns null as soon as it exceeds <see cref="MaxBodyBytes"/> (whatever the header says).</summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IResult NotConfigured(string chinese, string english, string keys) =>
        Results.Text($"{chinese}未配置 / {english} is not configured (set {keys}).", "text/plain", Encoding.UTF8, StatusCodes.Status503ServiceUnavailable);

    public static IResult Unauthorized(string reason) =>
        Results.Text(reason, "text/plain", Encoding.UTF8, StatusCodes.Status401Unauthorized);

    public static IResult BadRequest(string reason) =>
        Results.Text(reason, "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);

    public static IResult TooLarge() =>
        Results.Text("请求体超过 1 MB / request body exceeds 1 MB.", "text/plain", Encoding.UTF8, StatusCodes.Status413PayloadTooLarge);

    /// <summary>The answer to a crypto failure: 401 for a bad signature or a payload not addressed to us, 400 otherwise.</summary>
    public static IResult CryptoFailure(WeComCryptoException ex) => ex.Error is WeComCryptoError.ValidateSignature or WeComCryptoError.ValidateReceiveId
        ? Unauthorized(ex.Message)
        : BadRequest(ex.Message);

    /// <summary>GET URL verification: checks the signature over echostr and answers the bare decrypted plaintext.</summary>
    public static IResult Verify(HttpRequest request, WeComCrypto crypto, int toleranceSeconds, TimeProvider time)
    {
        var query = WeComCallbackQuery.From(request);
        var echo = request.Query["echostr"].ToString();
        if (query is null)
        {
            return Unauthorized("缺少签名参数 / msg_signature, timestamp and nonce are required.");
        }

        if (echo.Length == 0)
        {
            return BadRequest("缺少 echostr / echostr is required.");
        }

        if (!query.IsFresh(toleranceSeconds, time))
        {
            return Unauthorized("时间戳无效或已过期 / timestamp is invalid or outside the allowed window.");
        }

        try
        {
            var plain = crypto.VerifyAndDecrypt(query.Signature, query.Timestamp, query.Nonce, echo);
            return Results.Text(plain, "text/plain", new UTF8Encoding(false));
        }
        catch (WeComCryptoException ex)
        {
            return CryptoFailure(ex);
        }
    }
}
