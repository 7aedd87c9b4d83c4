namespace Bot.Host.Channels.WeCom;

/// <summary>Source-generated log messages of the WeCom channel (event ids 4000–4099). No message text.</summary>
internal static partial class WeComLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "WeCom media/get answered HTTP {Status}, errcode {ErrCode} {ErrMsg}")]
    public static partial void MediaFailed(ILogger logger, int status, int errCode, string? errMsg);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "WeCom access token rejected by {Api} (errcode {ErrCode}); refreshing once")]
    public static partial void TokenRejected(ILogger logger, string api, int errCode);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "WeCom gettoken failed: HTTP {Status}, errcode {ErrCode} {ErrMsg}")]
    public static partial void TokenFailed(ILogger logger, int status, int errCode, string? errMsg);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "WeCom access token obtained, valid for {Seconds} s")]
    public static partial void TokenObtained(ILogger logger, int seconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "WeCom {Api} answered HTTP {Status}, errcode {ErrCode} {ErrMsg}")]
    public static partial void ApiFailed(ILogger logger, string api, int status, int errCode, string? errMsg);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Rejected WeCom {Kind} callback: {Reason}")]
    public static partial void CallbackRejected(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "WeCom {Kind} event acknowledged and not stored")]
    public static partial void EventAcknowledged(ILogger logger, string kind);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "WeCom {Kind} message {MessageId} from {Sender} in {ChatId} stored")]
    public static partial void MessageStored(ILogger logger, string kind, string messageId, string sender, string chatId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Information, Message = "WeCom {Kind} message {MessageId} delivered again; dropped")]
    public static partial void MessageDuplicate(ILogger logger, string kind, string messageId);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "WeCom stream refresh for unknown stream {StreamId}")]
    public static partial void StreamUnknown(ILogger logger, string streamId);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "WeCom stream {StreamId} finished with {Parts} of {Total} part(s); the others went through response_url")]
    public static partial void StreamFinishedPartly(ILogger logger, string streamId, int parts, int total);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Information, Message = "WeCom stream {StreamId} answered with {Parts} part(s)")]
    public static partial void StreamAnswered(ILogger logger, string streamId, int parts);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Information, Message = "WeCom stream {StreamId} finished on arrival (inbox backlog {Backlog}); its reply goes through response_url")]
    public static partial void StreamHandedOver(ILogger logger, string streamId, long backlog);
}
