using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Channels.WeCom;

/// <summary>Error codes of Tencent's WXBizMsgCrypt samples (wecom.md §1.7).</summary>
public enum WeComCryptoError
{
    ValidateSignature = -40001,
    Parse = -40002,
    ComputeSignature = -40003,
    IllegalAesKey = -40004,
    ValidateReceiveId = -40005,
    EncryptAes = -40006,
    DecryptAes = -40007,
    IllegalBuffer = -40008,
    EncodeBase64 = -40009,
    DecodeBase64 = -40010,
}

/// <summary>A callback payload that fails the WeCom crypto checks.</summary>
public sealed class WeComCryptoException : Exception
{
    public WeComCryptoException()
    {
    }

    public WeComCryptoException(string message)
        : base(message)
    {
    }

    public WeComCryptoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeComCryptoException(WeComCryptoError error, string message, Exception? innerException = null)
        : base($"{message} ({(int)error})", innerException)
    {
        Error = error;
    }

    public WeComCryptoError Error { get; }
}

/// <summary>
/// WeCom's callback crypto (WXBizMsgCrypt, wecom.md §1): SHA1 signature over the ordinally sorted
/// token/timestamp/nonce/encrypt, AES-256-CBC with IV = key[0..16), PKCS#7 padding to 32-byte blocks done by hand,
/// plaintext = 16 random bytes ‖ big-endian byte length ‖ message ‖ receiveid. The receiveid is the CorpId for a
/// self-built app and "" for the intelligent robot.
/// </summary>
public sealed class WeComCrypto
{
    private const int BlockSize = 32;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [ThreadStatic]
    private static Aes? t_cipher;

    [ThreadStatic]
    private static byte[]? t_cipherKey;

    private readonly byte[] _key;
    private readonly byte[] _iv;

    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(receiveId);
        Token = token;
        ReceiveId = receiveId;
        _key = DecodeKey(encodingAesKey);
        _iv = _key[..16];
    }

    public string Token { get; }

    /// <summary>The receiveid every decrypted payload must end with.</summary>
    public string ReceiveId { get; }

    /// <summary>True when <paramref name="encodingAesKey"/> is a valid 43-character EncodingAESKey.</summary>
    public static bool IsValidKey(string? encodingAesKey)
    {
        try
        {
            _ = DecodeKey(encodingAesKey);
            return true;
        }
        catch (WeComCryptoException)
        {
            return false;
        }
    }

    /// <summary>lowercase hex SHA1 over the four strings sorted ordinally and concatenated (UTF-8).</summary>
    [SuppressMessage("Security", "CA5350", Justification = "The WeCom callback protocol mandates SHA1 for msg_signature.")]
    public static string ComputeSignature(string token, string timestamp, string nonce, string encrypt)
    {
        string[] parts = [token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Signs <paramref name="encrypt"/> with this token.</summary>
    public string Sign(string timestamp, string nonce, string encrypt) => ComputeSignature(Token, timestamp, nonce, encrypt);

    /// <summary>Compares the expected signature with <paramref name="signature"/> in constant time.</summary>
    public bool VerifySignature(string? signature, string timestamp, string nonce, string encrypt)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, nonce, encrypt));
        var actual = Encoding.UTF8.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Verifies the signature and decrypts; throws <see cref="WeComCryptoException"/> on any failure.</summary>
    public string VerifyAndDecrypt(string? signature, string timestamp, string nonce, string encrypt)
    {
        if (!VerifySignature(signature, timestamp, nonce, encrypt))
        {
            throw new WeComCryptoException(WeComCryptoError.ValidateSignature, "签名校验失败 / signature mismatch");
        }

        return Decrypt(encrypt);
    }

    /// <summary>Decrypts a base64 ciphertext and checks its length field and receiveid.</summary>
    public string Decrypt(string encrypt)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypt);
        }
        catch (FormatException ex)
        {
            throw new WeComCryptoException(WeComCryptoError.DecodeBase64, "密文不是合法的 Base64 / ciphertext is not base64", ex);
        }

        var plain = DecryptBlocks(cipher);

        // PKCS#7 to 32-byte blocks; like the official samples, a pad byte outside 1..32 counts as no padding.
        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length)
        {
            pad = 0;
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < 20)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "解密结果过短 / decrypted buffer too short");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(content[16..20]);
        if (length < 0 || length > content.Length - 20)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "消息长度字段非法 / message length out of range");
        }

        string message, receiveId;
        try
        {
            message = StrictUtf8.GetString(content.Slice(20, length));
            receiveId = StrictUtf8.GetString(content[(20 + length)..]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "解密结果不是 UTF-8 / decrypted buffer is not UTF-8", ex);
        }

        if (!string.Equals(receiveId, ReceiveId, StringComparison.Ordinal))
        {
            throw new WeComCryptoException(WeComCryptoError.ValidateReceiveId, "ReceiveId 校验错误 / receiveid mismatch");
        }

        return message;
    }

    /// <summary>AES-256-CBC without padding removal (IV = the key's first 16 bytes) of whole 16-byte blocks.</summary>
    private byte[] DecryptBlocks(byte[] cipher)
    {
        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "密文长度非法 / ciphertext length is not a multiple of 16");
        }

        try
        {
            return Cipher().DecryptCbc(cipher, _iv, PaddingMode.None);
        }
        catch (CryptographicException ex)
        {
            throw new WeComCryptoException(WeComCryptoError.DecryptAes, "AES 解密失败 / AES decryption failed", ex);
        }
    }

    /// <summary>
    /// Decrypts an intelligent-robot media download (image or file from its URL): AES-256-CBC with the EncodingAESKey,
    /// IV = the key's first 16 bytes, PKCS#7 padding to 32-byte blocks; the plaintext is the file itself.
    /// </summary>
    public byte[] DecryptMedia(byte[] cipher)
    {
        var plain = DecryptBlocks(cipher);

        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "填充非法 / media padding is invalid");
        }

        return plain[..^pad];
    }

    /// <summary>The inverse of <see cref="DecryptMedia"/> (what the platform does; used by the fake platform in tests).</summary>
    public byte[] EncryptMedia(byte[] plain)
    {
        var pad = BlockSize - (plain.Length % BlockSize);
        var padded = new byte[plain.Length + pad];
        plain.CopyTo(padded, 0);
        padded.AsSpan(plain.Length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = _key;
        return aes.EncryptCbc(padded, _iv, PaddingMode.None);
    }

    /// <summary>Encrypts <paramref name="message"/> with a fresh random prefix.</summary>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts with the given 16-byte random prefix (fixed prefixes reproduce the test vectors).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != 16)
        {
            throw new ArgumentException("The random prefix must be 16 bytes.", nameof(random));
        }

        var body = Encoding.UTF8.GetBytes(message);
        var receiveId = Encoding.UTF8.GetBytes(ReceiveId);
        var length = 20 + body.Length + receiveId.Length;
        var pad = BlockSize - (length % BlockSize);
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain, 20);
        receiveId.CopyTo(plain, 20 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        return Convert.ToBase64String(Cipher().EncryptCbc(plain, _iv, PaddingMode.None));
    }

    /// <summary>
    /// This thread's AES object keyed with this key: creating one and setting its key for every callback and stream
    /// refresh was a visible share of the host's CPU under load (issue 18 profile). The one-shot CBC calls keep no state
    /// between calls, and a thread uses its object for one call at a time.
    /// </summary>
    private Aes Cipher()
    {
        if (!ReferenceEquals(t_cipherKey, _key))
        {
            t_cipher ??= Aes.Create();
            t_cipher.Key = _key;
            t_cipherKey = _key;
        }

        return t_cipher!;
    }

    private static byte[] DecodeKey(string? encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 })
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalAesKey, "EncodingAESKey 必须为 43 个字符 / EncodingAESKey must be 43 characters");
        }

        try
        {
            var key = Convert.FromBase64String(encodingAesKey + "=");
            return key.Length == 32
                ? key
                : throw new WeComCryptoException(WeComCryptoError.IllegalAesKey, "EncodingAESKey 非法 / EncodingAESKey does not decode to 32 bytes");
        }
        catch (FormatException ex)
        {
            throw new WeComCryptoException(WeComCryptoError.IllegalAesKey, "EncodingAESKey 不是合法的 Base64 / EncodingAESKey is not base64", ex);
        }
    }
}
