using System.Globalization;
using Bot.Data.Outbox;
using Bot.Host.Channels;

namespace Bot.Host.Outbox;

/// <summary>
/// The one way to queue outbound messages: splits text that is too long for its channel into parts (each its own
/// row, with the dedupe key suffixed by the part number) and wakes the sender.
/// </summary>
public sealed class OutboxWriter(IOutboxRepository outbox, IEnumerable<IOutboundChannel> channels, OutboxSignal signal)
{
    private readonly Dictionary<string, IOutboundChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>Queues <paramref name="message"/> (split when needed); returns the number of rows stored.</summary>
    public Task<int> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default) => StoreAsync(message, true, cancellationToken);

    /// <summary>
    /// Like <see cref="EnqueueAsync"/> without waking the sender: inside a unit of work, whose caller wakes it after the
    /// commit (before it, the rows are not visible).
    /// </summary>
    public Task<int> EnqueueQuietlyAsync(OutboxMessage message, CancellationToken cancellationToken = default) => StoreAsync(message, false, cancellationToken);

    /// <summary>
    /// Stores rows made by <see cref="Prepare"/> (the replies of one or more inbox messages) with one statement, without
    /// waking the sender (the caller's unit of work commits first); returns the number of rows stored.
    /// </summary>
    public Task<int> StoreQuietlyAsync(IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken = default) =>
        outbox.EnqueueManyAsync(rows, cancellationToken);

    private async Task<int> StoreAsync(OutboxMessage message, bool notify, CancellationToken cancellationToken)
    {
        var stored = 0;
        foreach (var row in Prepare(message))
        {
            if (await outbox.EnqueueAsync(row, cancellationToken))
            {
                stored++;
            }
        }

        if (stored > 0 && notify)
        {
            signal.Signal.Notify();
        }

        return stored;
    }

    /// <summary>The rows <see cref="EnqueueAsync"/> would store for <paramref name="message"/>, without storing them (dry runs).</summary>
    public IReadOnlyList<OutboxMessage> Prepare(OutboxMessage message)
    {
        var parts = message.MsgType is "text" or "markdown" && _channels.TryGetValue(message.Channel, out var channel)
            ? TextSplitter.Split(message.Payload, channel.MaxBytes(message.MsgType))
            : [message.Payload];
        var rows = new List<OutboxMessage>();
        for (var i = 0; i < parts.Count; i++)
        {
            var row = Copy(message);
            row.Payload = parts[i];
            if (parts.Count > 1 && message.DedupeKey is not null)
            {
                row.DedupeKey = message.DedupeKey + ":p" + i.ToString(CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>True when a channel of that name is registered and can post images.</summary>
    public bool SupportsImages(string channel) => _channels.TryGetValue(channel, out var c) && c.SupportsImages;

    private static OutboxMessage Copy(OutboxMessage m) => new()
    {
        Platform = m.Platform,
        Channel = m.Channel,
        Target = m.Target,
        MsgType = m.MsgType,
        Payload = m.Payload,
        Mentions = m.Mentions,
        Source = m.Source,
        InboxId = m.InboxId,
        DedupeKey = m.DedupeKey,
        NextAttemptAt = m.NextAttemptAt,
        TraceParent = m.TraceParent,
    };
}
