using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Evidence;

/// <summary>Where evidence bytes live, addressed by their SHA-256 (lower-case hex): the same bytes are kept once.</summary>
public interface IEvidenceStore
{
    /// <summary>Stores the bytes (nothing when already there) and returns their SHA-256.</summary>
    Task<string> PutAsync(byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The bytes, or null when they are not (or no longer) stored.</summary>
    Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken = default);

    Task DeleteAsync(string sha256, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default store: a local folder (<see cref="EvidenceOptions.Folder"/>, <c>data/evidence/</c>) with the file
/// <c>ab/abcdef….bin</c> for the hash <c>abcdef…</c>. Written to a temporary name and moved into place, so a crash never
/// leaves a partial file under a hash.
/// </summary>
public sealed class LocalEvidenceStore(IOptions<EvidenceOptions> options, IHostEnvironment environment) : IEvidenceStore
{
    private string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public async Task<string> PutAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var path = PathOf(sha);
        if (File.Exists(path))
        {
            return sha;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // stored by a concurrent writer: the same bytes
        }

        return sha;
    }

    public async Task<byte[]?> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    /// <summary>Only a 64-digit hex hash names a file: nothing else can reach outside the folder.</summary>
    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
        }

        var sha = sha256.ToLowerInvariant();
        return Path.Combine(Root, sha[..2], sha + ".bin");
    }
}
