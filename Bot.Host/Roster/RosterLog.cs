namespace Bot.Host.Roster;

/// <summary>Source-generated log messages of the roster seeding (event ids 7200–7249).</summary>
internal static partial class RosterLog
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Roster file {Path} not found; starting with an empty roster")]
    public static partial void FileMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Information, Message = "Roster seeded from {Path}: {Added} added, {Errors} errors")]
    public static partial void Seeded(ILogger logger, string path, int added, int errors);
}
