namespace Bot.Host.Evidence;

/// <summary>Source-generated log messages of the evidence downloads (event ids 5000–5099).</summary>
internal static partial class EvidenceLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Evidence download batch failed; retrying shortly")]
    public static partial void BatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Evidence retention removed {Count} items older than {Days} days")]
    public static partial void RetentionApplied(ILogger logger, int count, int days);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Evidence download {Key} failed")]
    public static partial void DownloadCrashed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Evidence download {Key} from {Platform} failed on attempt {Attempt}: {Error}")]
    public static partial void DownloadFailed(ILogger logger, string key, string platform, int attempt, string? error);
}
