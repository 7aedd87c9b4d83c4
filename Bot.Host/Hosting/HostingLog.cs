namespace Bot.Host.Hosting;

/// <summary>Source-generated log messages of the request pipeline and the command line (event ids 9000–9099).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: shed ({Reason})")]
    public static partial void Shed(ILogger logger, string method, string? path, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the database is unavailable ({Error})")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, string? path, string error);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Warning, Message = "Database not available; parsing against the plan document")]
    public static partial void ParseWithoutDatabase(ILogger logger, Exception exception);
}
