using System.Collections.Concurrent;

namespace Bot.Host.Channels;

/// <summary>
/// Sliding one-minute windows per (channel, target): at most N sends in any 60 seconds. The platforms block a robot
/// that sends more than 20 per minute (DingTalk for 10 minutes), so the sender waits instead.
/// </summary>
public sealed class RateLimiter(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes a slot for <paramref name="key"/> when one is free and returns null; otherwise returns the time the next
    /// slot frees up.
    /// </summary>
    public DateTimeOffset? TryAcquire(string key, int perMinute)
    {
        var now = time.GetUtcNow();
        var queue = _sent.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.Count > 0 && now - queue.Peek() >= Window)
            {
                queue.Dequeue();
            }

            if (queue.Count < perMinute)
            {
                queue.Enqueue(now);
                return null;
            }

            return queue.Peek() + Window;
        }
    }
}
