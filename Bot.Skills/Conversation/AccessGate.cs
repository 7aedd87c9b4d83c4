using Bot.Data.Chats;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Microsoft.Extensions.Logging;

namespace Bot.Skills.Conversation;

/// <summary>A channel's configured list of group chats the bot serves (besides the whitelisted rows of the chats table).</summary>
public interface IChatAllowList
{
    bool Allows(string platform, string chatId);
}

/// <summary>
/// Decides, for every platform but the Sandbox, whether a stored message reaches the router:
/// <list type="bullet">
/// <item>A group message (one with a <see cref="InboxMessage.ChatId"/>; channels store 1:1 messages without one) from a
/// chat that is neither whitelisted in the chats table nor in a channel's <see cref="IChatAllowList"/> is logged and
/// ignored: the row stays in the inbox (audit) and is completed without a reply.</item>
/// <item>A sender whose platform user id is not bound to an active roster member gets <see cref="UnknownSenderReply"/>;
/// the message is kept. Its <c>我是XXX</c> goes on to the router, which files a binding request.</item>
/// </list>
/// The Sandbox is open to anyone: its senders are roster names, resolved by the router.
/// </summary>
public sealed class AccessGate(IChatRepository chats, IMemberRepository members, IEnumerable<IChatAllowList> allowLists, ILogger<AccessGate> logger)
{
    public const string UnknownSenderReply =
        "您好！您的账号还没有登记到铁西小助手的人员名单中，暂时无法处理您的消息（消息已保存）。请回复“我是XXX”（您的姓名），由区政府办（督查室）确认登记后即可正常使用。";

    private readonly IReadOnlyList<IChatAllowList> _allowLists = allowLists.ToList();

    /// <summary>Null when the message may go to the router; otherwise the replies to send instead (empty: ignore).</summary>
    public async Task<IReadOnlyList<BotReply>?> CheckAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Platform == Platforms.Sandbox)
        {
            return null;
        }

        if (message.ChatId is { Length: > 0 } chatId && !await IsChatAllowedAsync(message.Platform, chatId, cancellationToken))
        {
            ConversationLog.ChatNotAllowed(logger, message.Platform, message.MessageId, chatId);
            return [];
        }

        var member = await members.FindByAccountAsync(message.Platform, message.SenderId, cancellationToken);
        if (member is not { Active: true } && Roster.BindingService.ClaimedName(message.Text) is not null)
        {
            // 我是XXX from an unknown account goes on to the router, which files the binding request for the office.
            return null;
        }

        if (member is not { Active: true })
        {
            ConversationLog.UnknownSender(logger, message.Platform, message.SenderId, message.MessageId);
            return [new BotReply(UnknownSenderReply)];
        }

        return null;
    }

    /// <summary>True when the bot serves group chat <paramref name="chatId"/> of <paramref name="platform"/>.</summary>
    public async Task<bool> IsChatAllowedAsync(string platform, string chatId, CancellationToken cancellationToken)
    {
        if (platform == Platforms.Sandbox || _allowLists.Any(list => list.Allows(platform, chatId)))
        {
            return true;
        }

        return await chats.FindAsync(platform, chatId, cancellationToken) is { Whitelisted: true };
    }
}
