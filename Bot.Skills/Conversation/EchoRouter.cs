using Bot.Data.Inbox;

namespace Bot.Skills.Conversation;

/// <summary>The placeholder router: confirms receipt. Replaced by the conversation router.</summary>
internal sealed class EchoRouter : IMessageRouter
{
    public Task<IReadOnlyList<BotReply>> RouteAsync(InboxMessage message, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotReply>>([new BotReply($"已收到：{message.Text}")]);
}
