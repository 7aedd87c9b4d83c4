using Bot.Data.Inbox;
using Bot.Data.Outbox;
using Bot.Host.Channels;
using Bot.Host.Outbox;
using Bot.Skills.Conversation;

namespace Bot.Host.Dashboard.Admin;

/// <summary>Tells a chat about a change the office made on the console, as a reply to the message it concerns.</summary>
public sealed class ChatNotifier(IInboxRepository inbox, IEnumerable<IReplyAddresser> addressers, OutboxWriter outbox)
{
    private readonly Dictionary<string, IReplyAddresser> _addressers = addressers.ToDictionary(a => a.Platform, StringComparer.Ordinal);

    /// <summary>False when there is no message to answer (a report entered another way) or no channel for its platform.</summary>
    public async Task<bool> ReplyAsync(long? inboxId, string text, string dedupeKey, CancellationToken cancellationToken)
    {
        if (inboxId is not long id || await inbox.GetAsync(id, cancellationToken) is not { } message || !_addressers.TryGetValue(message.Platform, out var addresser))
        {
            return false;
        }

        OutboxMessage row;
        try
        {
            row = addresser.Address(message, new BotReply(text));
        }
        catch (InvalidOperationException)
        {
            return false; // the message carries no reply handle (e.g. entered by hand)
        }

        row.Source = OutboxSources.Command;
        row.DedupeKey = dedupeKey;
        row.InboxId = message.Id;
        return await outbox.EnqueueAsync(row, cancellationToken) > 0;
    }
}
