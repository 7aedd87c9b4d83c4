using System.Collections.Concurrent;
using Bot.Data.Inbox;
using Bot.Data.Outbox;

namespace Bot.Host.Inbox;

/// <summary>
/// The reply handles (<see cref="InboxMessage.ReplyTo"/>: a DingTalk sessionWebhook, a WeCom response_url) of messages
/// this host processed a moment ago, so that sending their replies does not read the inbox row back (issue 18: one
/// SELECT per reply). Filled after a message's unit of work committed; bounded (<see cref="Capacity"/> messages, oldest
/// dropped first) and forgetting a handle after <see cref="Lifetime"/>. A handle it does not know (another host
/// processed the message, a restart, a late retry) is read from the database as before; the handle is the one stored
/// in the inbox row, so both give the same answer.
/// </summary>
public sealed class InboxReplyHandles(IInboxRepository inbox, TimeProvider time) : IInboxOutcomeObserver
{
    /// <summary>At most this many handles are remembered (≈ 2 minutes of 1,000 messages a second).</summary>
    public const int Capacity = 120_000;

    /// <summary>How long a handle is remembered: replies are normally sent within seconds of processing.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentQueue<(long InboxId, Entry Entry)> _order = new();
    private readonly Lock _trim = new();

    /// <summary>Handles remembered now.</summary>
    public int Count => _entries.Count;

    /// <summary>The reply handle of inbox message <paramref name="inboxId"/>: remembered, or read from its row (null when there is none).</summary>
    public async ValueTask<string?> ReplyToAsync(long inboxId, CancellationToken cancellationToken) =>
        TryGet(inboxId, out var replyTo) ? replyTo : (await inbox.GetAsync(inboxId, cancellationToken))?.ReplyTo;

    /// <summary>The reply handle of inbox message <paramref name="inboxId"/> when this host remembers it.</summary>
    public bool TryGet(long inboxId, out string? replyTo)
    {
        if (_entries.TryGetValue(inboxId, out var entry) && time.GetUtcNow() - entry.Since <= Lifetime)
        {
            replyTo = entry.ReplyTo;
            return true;
        }

        replyTo = null;
        return false;
    }

    public void Processed(InboxMessage message, IReadOnlyList<OutboxMessage> replies)
    {
        if (replies.Count == 0 || message.Id == 0)
        {
            return; // nothing will be sent for it
        }

        var entry = new Entry(time.GetUtcNow(), message.ReplyTo);
        _entries[message.Id] = entry;
        _order.Enqueue((message.Id, entry));
        Trim();
    }

    public void Failed(InboxMessage message)
    {
    }

    private void Trim()
    {
        if (_entries.Count <= Capacity && (!_order.TryPeek(out var head) || time.GetUtcNow() - head.Entry.Since <= Lifetime))
        {
            return;
        }

        lock (_trim)
        {
            var now = time.GetUtcNow();
            while (_order.TryPeek(out var oldest) && (_entries.Count > Capacity || now - oldest.Entry.Since > Lifetime))
            {
                _order.TryDequeue(out _);
                _entries.TryRemove(new KeyValuePair<long, Entry>(oldest.InboxId, oldest.Entry));
            }
        }
    }

    private sealed record Entry(DateTimeOffset Since, string? ReplyTo);
}
