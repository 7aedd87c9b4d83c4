namespace Bot.Host.Queues;

/// <summary>Source-generated log messages of the leased-queue workers (event ids 2050–2099).</summary>
internal static partial class QueueLog
{
    [LoggerMessage(EventId = 2051, Level = LogLevel.Error, Message = "{Worker} could not claim rows; retrying")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string worker);

    [LoggerMessage(EventId = 2052, Level = LogLevel.Error, Message = "{Worker} could not handle row {Id}")]
    public static partial void HandleFailed(ILogger logger, Exception exception, string worker, long id);

    [LoggerMessage(EventId = 2053, Level = LogLevel.Error, Message = "{Worker} could not mark {Count} rows finished")]
    public static partial void CompleteFailed(ILogger logger, Exception exception, string worker, int count);
}
