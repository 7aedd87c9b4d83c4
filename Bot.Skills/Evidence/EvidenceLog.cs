using Microsoft.Extensions.Logging;

namespace Bot.Skills.Evidence;

/// <summary>Source-generated log messages of the evidence store (event ids 5100–5149).</summary>
internal static partial class EvidenceLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Evidence {SourceKey} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string sourceKey, string reason);
}
