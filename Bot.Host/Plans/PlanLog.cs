namespace Bot.Host.Plans;

/// <summary>Source-generated log messages of the plan import at start-up (event ids 7000–7049).</summary>
internal static partial class PlanLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Plan:Document is empty; no plan imported at start-up")]
    public static partial void NoDocument(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Plan document {Path} not found; no plan imported at start-up")]
    public static partial void DocumentMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Importing the plan document {Path} failed")]
    public static partial void ImportFailed(ILogger logger, Exception exception, string path);
}
