using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;

namespace Bot.Host.Channels.Sandbox;

/// <summary>One line of a Sandbox conversation.</summary>
public sealed record SandboxLine(string Direction, string Sender, string Text, string Format, DateTimeOffset At, long? InboxId, string State);

/// <summary>Puts Sandbox messages through the same inbox → worker → outbox path as the real platforms.</summary>
public sealed class SandboxService(IInboxRepository inbox, IOutboxRepository outbox, InboxSignal signal, TimeProvider time)
{
    public const string DefaultChat = "sandbox";
    public const string BotName = "铁西小助手";

    /// <summary>Stores a message from <paramref name="sender"/> (a roster name) and wakes the worker; returns the inbox row.</summary>
    public async Task<InboxMessage> SubmitAsync(string sender, string text, string? chat = null, int images = 0, string? messageId = null, CancellationToken cancellationToken = default)
    {
        var message = new InboxMessage
        {
            Platform = Platforms.Sandbox,
            MessageId = messageId ?? Guid.NewGuid().ToString("N"),
            ChatId = string.IsNullOrWhiteSpace(chat) ? DefaultChat : chat,
            SenderId = sender,
            SenderName = sender,
            Text = text,
            Images = images,
            Raw = Json.Serialize(new { sender, text, chat, images }),
            ReceivedAt = time.GetUtcNow(),
        };
        await inbox.TryAddAsync(message, cancellationToken);
        signal.Signal.Notify();
        return (await inbox.FindAsync(Platforms.Sandbox, message.MessageId, cancellationToken))!;
    }

    /// <summary>The conversation of a chat: inbound and outbound lines in time order.</summary>
    public async Task<IReadOnlyList<SandboxLine>> ConversationAsync(string? chat, int limit = 200, CancellationToken cancellationToken = default)
    {
        var chatId = string.IsNullOrWhiteSpace(chat) ? DefaultChat : chat;
        var inbound = await inbox.ListByChatAsync(Platforms.Sandbox, chatId, limit, cancellationToken);
        var outbound = await outbox.ListByTargetAsync(Platforms.Sandbox, chatId, limit, cancellationToken);
        return inbound.Select(m => new SandboxLine("in", m.SenderName ?? m.SenderId, m.Text, "text", m.ReceivedAt, m.Id, m.State))
            .Concat(outbound.Select(m => new SandboxLine("out", BotName, m.Payload, m.MsgType, m.CreatedAt, m.InboxId, m.State)))
            .OrderBy(l => l.At)
            .ThenBy(l => l.Direction == "in" ? 0 : 1)
            .TakeLast(limit)
            .ToList();
    }

    /// <summary>Waits until the inbox row is processed (or failed) and returns its replies.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> WaitForRepliesAsync(long inboxId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var row = await inbox.GetAsync(inboxId, cancellationToken);
            if (row is { State: WorkStates.Done or WorkStates.Failed })
            {
                return await outbox.ListByInboxAsync(inboxId, cancellationToken);
            }

            await Task.Delay(50, cancellationToken);
        }

        return await outbox.ListByInboxAsync(inboxId, cancellationToken);
    }
}
