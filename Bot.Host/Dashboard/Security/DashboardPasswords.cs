using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// Password hashes of dashboard accounts: <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>, where SALT (16 bytes) and HASH
/// (32 bytes) are Base64 and HASH = PBKDF2-HMAC-SHA256(UTF-8 password, SALT, ITERATIONS). Verification compares in
/// constant time. <c>dotnet run --project Bot.Host -- dashboard hash-password</c> makes one.
/// </summary>
public static class DashboardPasswords
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 600_000;
    public const int MinIterations = 10_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified when the user name is unknown, so that both cases take the same time.
    private static readonly Lazy<string> Decoy = new(() => Hash(Guid.NewGuid().ToString("N")));

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool IsWellFormed(string? encoded) => TryParse(encoded, out _, out _, out _);

    /// <summary>True when <paramref name="password"/> matches <paramref name="encoded"/>; false for a malformed hash.</summary>
    public static bool Verify(string password, string? encoded)
    {
        if (!TryParse(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of a verification without a real hash (unknown user name).</summary>
    public static bool VerifyDecoy(string password)
    {
        Verify(password, Decoy.Value);
        return false;
    }

    /// <summary>A random password of 16 letters and digits without look-alikes (0/O, 1/l/I).</summary>
    public static string Generate() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789", 16);

    /// <summary>A short fingerprint of a hash: sign-ins made before a password change stop working.</summary>
    public static string Stamp(string encoded) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)))[..16];

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = (encoded ?? "").Trim().Split('$');
        if (parts.Length != 4 || parts[0] != Scheme ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) ||
            iterations < MinIterations || iterations > 10_000_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
