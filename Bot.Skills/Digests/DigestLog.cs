using Microsoft.Extensions.Logging;

namespace Bot.Skills.Digests;

/// <summary>Source-generated log messages of the digests (event ids 6100–6149).</summary>
internal static partial class DigestLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Digest chart skipped: no CJK font file found ({Fonts})")]
    public static partial void NoFont(ILogger logger, string fonts);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Digest chart could not be rendered")]
    public static partial void ChartFailed(ILogger logger, Exception exception);
}
