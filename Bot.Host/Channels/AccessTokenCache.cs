namespace Bot.Host.Channels;

/// <summary>
/// The access-token cache of every platform client (WeCom <c>gettoken</c>, DingTalk <c>oauth2/accessToken</c>): the
/// cached token while it may be used, else one fetch at a time (single flight: callers waiting on a refresh get its
/// result); a token the platform rejected is replaced unless another caller already replaced it.
/// </summary>
public sealed class AccessTokenCache(TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile Entry? _entry;

    /// <summary>What a fetch returns: the token and how long it may be used (already shortened by the caller's margin), or null.</summary>
    public readonly record struct Fetched(string? Token, TimeSpan UsableFor);

    public void Dispose() => _lock.Dispose();

    /// <summary>
    /// The cached token, or the one <paramref name="fetch"/> brings (null when it failed; the caller keeps the reason).
    /// With <paramref name="rejected"/> set, a cached token equal to it is not returned.
    /// </summary>
    public async Task<string?> GetAsync(Func<CancellationToken, Task<Fetched>> fetch, string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(rejected) is { } cached)
        {
            return cached;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (Usable(rejected) is { } fresh)
            {
                return fresh;
            }

            var fetched = await fetch(cancellationToken);
            if (fetched.Token is not { Length: > 0 } token)
            {
                return null;
            }

            _entry = new Entry(token, time.GetUtcNow() + fetched.UsableFor);
            return token;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> when it is still the cached one, so the next call fetches a new one.</summary>
    public void Invalidate(string token)
    {
        if (_entry is { } entry && string.Equals(entry.Token, token, StringComparison.Ordinal))
        {
            _entry = null;
        }
    }

    private string? Usable(string? rejected) =>
        _entry is { } entry && entry.UsableUntil > time.GetUtcNow() && !string.Equals(entry.Token, rejected, StringComparison.Ordinal) ? entry.Token : null;

    private sealed record Entry(string Token, DateTimeOffset UsableUntil);
}
