using System.Collections.Concurrent;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed sign-ins from one address within
/// <see cref="Window"/>, that address is refused until the window has passed. In memory, per host.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    public bool IsBlocked(string key)
    {
        if (!_failures.TryGetValue(key, out var queue))
        {
            return false;
        }

        lock (queue)
        {
            Prune(queue);
            return queue.Count >= MaxFailures;
        }
    }

    public void Fail(string key)
    {
        var queue = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Prune(queue);
            queue.Enqueue(time.GetUtcNow());
        }
    }

    public void Succeed(string key) => _failures.TryRemove(key, out _);

    private void Prune(Queue<DateTimeOffset> queue)
    {
        var since = time.GetUtcNow() - Window;
        while (queue.Count > 0 && queue.Peek() < since)
        {
            queue.Dequeue();
        }
    }
}
