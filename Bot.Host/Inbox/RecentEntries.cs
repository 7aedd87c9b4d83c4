using System.Collections.Concurrent;

namespace Bot.Host.Inbox;

/// <summary>
/// A concurrent map of recent entries, bounded in count (<paramref name="capacity"/>) and age (<paramref name="lifetime"/>):
/// entries are dropped oldest first, in the order they were remembered. Used by the in-memory answers of the hot paths
/// (reply handles, WeCom stream replies), which fall back to the database for anything dropped.
/// </summary>
public sealed class RecentEntries<TKey, TValue>(int capacity, TimeSpan lifetime, TimeProvider time, Func<TValue, DateTimeOffset> since)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentQueue<(TKey Key, TValue Value)> _order = new();
    private readonly Lock _trim = new();

    public ConcurrentDictionary<TKey, TValue> Entries { get; } = new();

    /// <summary>Records that <paramref name="value"/> was just stored under <paramref name="key"/>; drops what is too old or too many.</summary>
    public void Remember(TKey key, TValue value)
    {
        _order.Enqueue((key, value));
        if (Entries.Count <= capacity && (!_order.TryPeek(out var head) || time.GetUtcNow() - since(head.Value) <= lifetime))
        {
            return;
        }

        lock (_trim)
        {
            var now = time.GetUtcNow();
            while (_order.TryPeek(out var oldest) && (Entries.Count > capacity || now - since(oldest.Value) > lifetime))
            {
                _order.TryDequeue(out _);
                Entries.TryRemove(new KeyValuePair<TKey, TValue>(oldest.Key, oldest.Value));
            }
        }
    }
}
