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
}
