using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Inbox;

namespace Bot.Host.Channels.WeCom;

/// <summary>
/// What this host knows about the intelligent robot's open streams, so that WeCom's stream refreshes (one a second per
/// open stream) are answered from memory instead of the database: a stream is <em>pending</em> from the moment its
/// message is stored here until the inbox worker queued its reply, then <em>ready</em> with the reply parts (filled
/// right after the reply's unit of work committed), then <em>answered</em>. Bounded (<see cref="Capacity"/> streams,
/// oldest dropped first) and forgetting a stream after WeCom's refresh window; anything it does not know (after a
/// restart, a dropped entry, a message another host of a cluster stored or processed) is looked up in the database by
/// <see cref="WeComBotCallback"/>. A pending stream is looked up in the database again every
/// <see cref="PendingRecheck"/> as well, for the case that another host processed it.
/// </summary>
public sealed class WeComStreamReplies(TimeProvider time) : IInboxOutcomeObserver
{
    /// <summary>At most this many streams are remembered (≈ 6 minutes of 1,000 robot messages a second is more).</summary>
    public const int Capacity = 200_000;

    /// <summary>How long a stream is remembered: WeCom refreshes for up to 6 minutes after the user's message.</summary>
    public static readonly TimeSpan Lifetime = WeComAiBotChannel.StreamWindow + TimeSpan.FromMinutes(2);

    /// <summary>How often a stream still pending here is looked up in the database (another host may have processed it).</summary>
    public static readonly TimeSpan PendingRecheck = TimeSpan.FromSeconds(60);

    private readonly RecentEntries<string, Entry> _recent = new(Capacity, Lifetime, time, e => e.Since);

    /// <summary>Streams remembered now.</summary>
    public int Count => _recent.Entries.Count;

    /// <summary>The stream's message was stored (or found unprocessed in the database): its refreshes answer finish:false.</summary>
    public void Pending(string streamId)
    {
        var entry = new Entry(time.GetUtcNow(), 0, null, null, false);
        if (_recent.Entries.TryAdd(streamId, entry))
        {
            Remember(streamId, entry);
        }
    }

    /// <summary>
    /// The stream was finished on arrival with <paramref name="content"/> (a deep backlog): a refresh, should one come,
    /// gets the same answer, and the reply, once processed, is left to the <c>response_url</c> sender.
    /// </summary>
    public void Closed(string streamId, string content)
    {
        var entry = new Entry(time.GetUtcNow(), 0, null, content, false);
        _recent.Entries[streamId] = entry;
        Remember(streamId, entry);
    }

    /// <summary>What this host knows about a stream; null when nothing (ask the database).</summary>
    public Entry? Find(string streamId)
    {
        if (!_recent.Entries.TryGetValue(streamId, out var entry))
        {
            return null;
        }

        if (time.GetUtcNow() - entry.Since > Lifetime)
        {
            _recent.Entries.TryRemove(new KeyValuePair<string, Entry>(streamId, entry));
            return null;
        }

        return entry;
    }

    /// <summary>The stream was answered with finish:true and <paramref name="content"/>: a repeated refresh gets the same answer.</summary>
    public void Answered(string streamId, Entry entry, string content) =>
        _recent.Entries.TryUpdate(streamId, entry with { Parts = null, Content = content }, entry);

    /// <summary>Forgets a stream (its state is only known to the database now).</summary>
    public void Forget(string streamId) => _recent.Entries.TryRemove(streamId, out _);

    /// <summary>Called by the inbox worker after a message's replies were committed.</summary>
    public void Processed(InboxMessage message, IReadOnlyList<OutboxMessage> replies)
    {
        if (StreamOf(message) is not { } streamId)
        {
            return;
        }

        var parts = replies.Where(r => r.Channel == WeComAiBotChannel.ChannelName && r.DedupeKey is not null)
            .Select(r => new Part(r.DedupeKey!, r.Payload))
            .ToArray();
        Set(streamId, new Entry(time.GetUtcNow(), message.Id, parts, null, false));
    }

    /// <summary>A stream whose processed message and reply rows were read from the database; returns its entry.</summary>
    public Entry Ready(string streamId, long inboxId, IReadOnlyList<Part> parts, bool messageFailed)
    {
        var entry = new Entry(time.GetUtcNow(), inboxId, parts, null, messageFailed);
        Set(streamId, entry);
        return entry;
    }

    /// <summary>Called by the inbox worker when a message failed for good.</summary>
    public void Failed(InboxMessage message)
    {
        if (StreamOf(message) is { } streamId)
        {
            Set(streamId, new Entry(time.GetUtcNow(), message.Id, [], null, true));
        }
    }

    private static string? StreamOf(InboxMessage message) =>
        message.Platform == Platforms.WeCom && message.MessageId.StartsWith(WeComInbound.AiBotIdPrefix, StringComparison.Ordinal)
            ? WeComReplyTo.Parse(message.ReplyTo)?.StreamId
            : null;

    /// <summary>Records a stream's state; a stream already answered (or finished on arrival) keeps its answer.</summary>
    private void Set(string streamId, Entry entry)
    {
        var added = false;
        _recent.Entries.AddOrUpdate(streamId, _ => { added = true; return entry; }, (_, old) => old.Content is null ? entry : old);
        if (added)
        {
            Remember(streamId, entry);
        }
    }

    private void Remember(string streamId, Entry entry) => _recent.Remember(streamId, entry);

    /// <summary>One reply part: its outbox dedupe key (to mark it delivered) and its text.</summary>
    public sealed record Part(string DedupeKey, string Payload);

    /// <summary>
    /// A stream's state: pending (<see cref="Parts"/> null, <see cref="Content"/> null), ready (<see cref="Parts"/>),
    /// failed for good, or answered (<see cref="Content"/>).
    /// </summary>
    public sealed record Entry(DateTimeOffset Since, long InboxId, IReadOnlyList<Part>? Parts, string? Content, bool MessageFailed)
    {
        public bool IsPending => Parts is null && Content is null;

        /// <summary>Dedupe keys of the parts a stream answer of this host delivered (marked sent); lock it to use it.</summary>
        public HashSet<string> Mine { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The encrypted "not ready yet" answer of this stream (it never changes), made once: a refresh of a pending
        /// stream then costs a signature, not a JSON document and an AES encryption.
        /// </summary>
        public string? PendingEncrypt { get; set; }
    }
}
