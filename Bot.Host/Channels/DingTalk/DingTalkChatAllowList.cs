using Bot.Data.Members;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

/// <summary><c>DingTalk:AllowedChats</c> as a chat allow list for the <see cref="AccessGate"/>.</summary>
internal sealed class DingTalkChatAllowList(IOptions<DingTalkOptions> options) : IChatAllowList
{
    public bool Allows(string platform, string chatId) =>
        platform == Platforms.DingTalk && options.Value.AllowedChats.Contains(chatId, StringComparer.Ordinal);
}
