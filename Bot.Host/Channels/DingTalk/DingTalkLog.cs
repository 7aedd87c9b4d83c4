namespace Bot.Host.Channels.DingTalk;

/// <summary>Source-generated log messages of the DingTalk channel (event ids 4100–4199). No message text.</summary>
internal static partial class DingTalkLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Another host holds the DingTalk stream; waiting")]
    public static partial void StreamHeldElsewhere(ILogger logger);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "DingTalk stream connection failed ({Error}); reconnecting in {Delay}")]
    public static partial void StreamFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Could not renew the DingTalk stream lease: {Error}")]
    public static partial void StreamLeaseRenewalFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "The DingTalk stream lease passed to another host; closing this connection")]
    public static partial void StreamLeaseLost(ILogger logger);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "DingTalk stream connected to {Endpoint}")]
    public static partial void StreamConnected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Information, Message = "DingTalk stream closed by the server ({Status}); reconnecting")]
    public static partial void StreamClosedByServer(ILogger logger, string? status);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "DingTalk stream silent for {Timeout}; reconnecting")]
    public static partial void StreamSilent(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "Unreadable DingTalk stream frame of {Length} characters ignored")]
    public static partial void StreamFrameUnreadable(ILogger logger, int length);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information, Message = "DingTalk stream disconnect requested: {Data}")]
    public static partial void StreamDisconnectRequested(ILogger logger, string? data);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Error, Message = "DingTalk stream message {MessageId} could not be stored")]
    public static partial void StreamMessageNotStored(ILogger logger, Exception exception, string? messageId);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Could not release the DingTalk stream lease: {Error}")]
    public static partial void StreamLeaseReleaseFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4120, Level = LogLevel.Information, Message = "DingTalk access token obtained; refresh in {Seconds} s")]
    public static partial void TokenObtained(ILogger logger, int seconds);

    [LoggerMessage(EventId = 4121, Level = LogLevel.Information, Message = "DingTalk rejected the access token ({Code}); refreshing once")]
    public static partial void TokenRejected(ILogger logger, string code);

    [LoggerMessage(EventId = 4130, Level = LogLevel.Information, Message = "DingTalk sessionWebhook for outbox message {Id} is {Why}; sending through the OpenAPI to {Target}")]
    public static partial void SessionWebhookFallback(ILogger logger, long id, string why, string? target);

    [LoggerMessage(EventId = 4140, Level = LogLevel.Warning, Message = "DingTalk {Via} message rejected: {Error}")]
    public static partial void MessageRejected(ILogger logger, string via, string? error);

    [LoggerMessage(EventId = 4141, Level = LogLevel.Information, Message = "DingTalk {Via} message {MsgId} of type {MsgType} ignored")]
    public static partial void MessageIgnored(ILogger logger, string via, string msgId, string msgType);

    [LoggerMessage(EventId = 4142, Level = LogLevel.Information, Message = "DingTalk {Via} message {MsgId} is a duplicate; dropped")]
    public static partial void MessageDuplicate(ILogger logger, string via, string msgId);

    [LoggerMessage(EventId = 4143, Level = LogLevel.Information, Message = "DingTalk {Via} message {MsgId} from {Sender} stored")]
    public static partial void MessageStored(ILogger logger, string via, string msgId, string sender);

    [LoggerMessage(EventId = 4144, Level = LogLevel.Warning, Message = "Could not record DingTalk chat {ChatId}")]
    public static partial void ChatNotRecorded(ILogger logger, Exception exception, string? chatId);

    [LoggerMessage(EventId = 4150, Level = LogLevel.Warning, Message = "DingTalk callback from {Remote} rejected: {Reason}")]
    public static partial void CallbackRejected(ILogger logger, System.Net.IPAddress? remote, string reason);

    [LoggerMessage(EventId = 4151, Level = LogLevel.Warning, Message = "DingTalk callback from {Remote} rejected: its signature was already used by another message (replay)")]
    public static partial void CallbackReplayed(ILogger logger, System.Net.IPAddress? remote);
}
