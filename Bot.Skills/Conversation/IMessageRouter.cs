using Bot.Data.Inbox;

namespace Bot.Skills.Conversation;

/// <summary>
/// Turns one stored inbound message into the bot's replies. Every channel (WeCom, DingTalk, Sandbox) goes through it.
/// It may write (reports, corrections) but must be idempotent per inbox id: a message processed again after a crash
/// must not be recorded twice.
/// </summary>
public interface IMessageRouter
{
    Task<IReadOnlyList<BotReply>> RouteAsync(InboxMessage message, CancellationToken cancellationToken);
}
