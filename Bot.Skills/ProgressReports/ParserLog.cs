using Microsoft.Extensions.Logging;

namespace Bot.Skills.ProgressReports;

/// <summary>Source-generated log messages of the report parser's set-up and LLM fallback (event ids 2200–2249). No message text.</summary>
internal static partial class ParserLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Plan or units could not be read from the database; using the plan document")]
    public static partial void VocabularyFromDocument(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "No plan imported and no plan document at {Path}: actions cannot be recognised")]
    public static partial void NoPlan(ILogger logger, string path);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "No plan imported yet; reading the action headings of {Path}")]
    public static partial void PlanHeadingsFromDocument(ILogger logger, string path);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "LLM call failed ({Error}{Status}); keeping the rules result")]
    public static partial void LlmFailed(ILogger logger, string error, string status);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "LLM answer was not a usable JSON record; keeping the rules result")]
    public static partial void LlmUnusable(ILogger logger);
}
