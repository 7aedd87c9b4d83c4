using System.Collections.Concurrent;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// Slows password guessing with exponential delays, in memory per host, on two keys:
/// <list type="bullet">
/// <item>the address: past <see cref="FreeFailuresPerAddress"/> failures (on any account) the address waits
/// <see cref="FirstDelay"/>, then twice as long after each further failure, up to <see cref="MaxDelay"/>;</item>
/// <item>the account as tried from one address: the same past <see cref="FreeFailuresPerAccount"/> failures.</item>
/// </list>
/// Failures from one address never delay another address, so nobody can lock an account by guessing wrong passwords
/// from elsewhere (or behind the same proxy once <c>ForwardedHeaders</c> names it). Failures are forgotten after
/// <see cref="ForgetAfter"/> without one; a success clears its account key.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int FreeFailuresPerAddress = 10;
    public const int FreeFailuresPerAccount = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="address"/> must still wait before trying <paramref name="account"/>; zero when it may try now.</summary>
    public TimeSpan RetryAfter(string? account, string address)
    {
        var now = time.GetUtcNow();
        var wait = Wait(AddressKey(address), FreeFailuresPerAddress, now);
        var accountWait = Wait(AccountKey(account, address), FreeFailuresPerAccount, now);
        return accountWait > wait ? accountWait : wait;
    }

    public void Fail(string? account, string address)
    {
        var now = time.GetUtcNow();
        foreach (var key in new[] { AddressKey(address), AccountKey(account, address) })
        {
            _failures.AddOrUpdate(key, _ => new Failures(1, now), (_, f) => now - f.Last > ForgetAfter ? new Failures(1, now) : new Failures(f.Count + 1, now));
        }

        if (_failures.Count > 100_000)
        {
            foreach (var (key, failures) in _failures)
            {
                if (now - failures.Last > ForgetAfter)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    public void Succeed(string? account, string address) => _failures.TryRemove(AccountKey(account, address), out _);

    /// <summary>The delay after <paramref name="failures"/> failures when the first <paramref name="free"/> cost nothing.</summary>
    public static TimeSpan DelayAfter(int failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 20);
        var delay = FirstDelay * Math.Pow(2, doublings);
        return delay > MaxDelay ? MaxDelay : delay;
    }

    private TimeSpan Wait(string key, int free, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures) || now - failures.Last > ForgetAfter)
        {
            return TimeSpan.Zero;
        }

        var left = failures.Last + DelayAfter(failures.Count, free) - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static string AddressKey(string address) => "ip|" + address;

    private static string AccountKey(string? account, string address) => "account|" + (account?.Trim() ?? "") + "|" + address;

    private sealed record Failures(int Count, DateTimeOffset Last);
}
