using Microsoft.Extensions.Logging;

namespace Bot.Skills.Plans;

/// <summary>Source-generated log messages of plan import and the LLM target extraction (event ids 7050–7099).</summary>
internal static partial class PlanImportLog
{
    [LoggerMessage(EventId = 7051, Level = LogLevel.Information, Message = "{Summary}")]
    public static partial void Imported(ILogger logger, string summary);

    [LoggerMessage(EventId = 7060, Level = LogLevel.Information, Message = "LLM plan extraction: {Accepted} target(s) accepted from {Sentences} sentence(s)")]
    public static partial void LlmAccepted(ILogger logger, int accepted, int sentences);

    [LoggerMessage(EventId = 7061, Level = LogLevel.Warning, Message = "LLM plan extraction timed out after {Seconds} s; keeping the rules' result")]
    public static partial void LlmTimedOut(ILogger logger, double seconds);

    [LoggerMessage(EventId = 7062, Level = LogLevel.Warning, Message = "LLM plan extraction failed ({Error}); keeping the rules' result")]
    public static partial void LlmFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 7063, Level = LogLevel.Warning, Message = "LLM plan extraction: the answer holds no JSON object")]
    public static partial void LlmNoJson(ILogger logger);

    [LoggerMessage(EventId = 7064, Level = LogLevel.Warning, Message = "LLM plan extraction: malformed JSON ({Error})")]
    public static partial void LlmMalformed(ILogger logger, string error);

    [LoggerMessage(EventId = 7065, Level = LogLevel.Warning, Message = "LLM plan extraction: no \"targets\" array in the answer")]
    public static partial void LlmNoTargets(ILogger logger);

    [LoggerMessage(EventId = 7066, Level = LogLevel.Debug, Message = "LLM plan extraction: rejected {Item}")]
    public static partial void LlmRejected(ILogger logger, string item);
}
