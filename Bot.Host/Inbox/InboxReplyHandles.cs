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

    private readonly RecentEntries<long, Entry> _recent = new(Capacity, Lifetime, time, e => e.Since);

    /// <summary>Handles remembered now.</summary>
    public int Count => _recent.Entries.Count;

    /// <summary>The reply handle of inbox message <paramref name="inboxId"/>: remembered, or read from its row (null when there is none).</summary>
    public async ValueTask<string?> ReplyToAsync(long inboxId, CancellationToken cancellationToken) =>
        TryGet(inboxId, out var replyTo) ? replyTo : (await inbox.GetAsync(inboxId, cancellationToken))?.ReplyTo;

    /// <summary>The reply handle of inbox message <paramref name="inboxId"/> when this host remembers it.</summary>
    public bool TryGet(long inboxId, out string? replyTo)
    {
        if (_recent.Entries.TryGetValue(inboxId, out var entry) && time.GetUtcNow() - entry.Since <= Lifetime)
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
        _recent.Entries[message.Id] = entry;
        _recent.Remember(message.Id, entry);
    }

    public void Failed(InboxMessage message)
    {
    }

    private sealed record Entry(DateTimeOffset Since, string? ReplyTo);
}
