using Microsoft.Extensions.Logging;

namespace Bot.Skills.Conversation;

/// <summary>Source-generated log messages of the conversation (event ids 2100–2199). Ids only, never message text.</summary>
internal static partial class ConversationLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning,
        Message = "Ignoring {Platform} message {MessageId} from chat {ChatId}: the chat is not whitelisted (add it to the chats table or the channel's AllowedChats)")]
    public static partial void ChatNotAllowed(ILogger logger, string platform, string messageId, string chatId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "{Platform} user {SenderId} is not on the roster; asked them to register (message {MessageId} kept)")]
    public static partial void UnknownSender(ILogger logger, string platform, string senderId, string messageId);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "LLM question answering failed; falling back to the help text")]
    public static partial void LlmAnswerFailed(ILogger logger, Exception exception);
}
