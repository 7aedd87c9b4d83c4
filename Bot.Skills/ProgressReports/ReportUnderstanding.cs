using Bot.Skills.Llm;
using Microsoft.Extensions.Options;

namespace Bot.Skills.ProgressReports;

/// <summary>What the rest of the bot calls to understand a message.</summary>
public interface IReportUnderstanding
{
    /// <summary>
    /// The record of a message against the active plan: the rules first, then — when an LLM is configured,
    /// <paramref name="allowLlm"/> is true and the rules' confidence is below <see cref="LlmOptions.ConfidenceThreshold"/>
    /// — the LLM's validated answer merged in. LLM failures fall back to the rules result.
    /// </summary>
    Task<ParsedReport> UnderstandAsync(ReportMessage message, bool allowLlm = true, CancellationToken cancellationToken = default);
}

internal sealed class ReportUnderstanding(
    IReportVocabularySource vocabularies,
    ReportParser parser,
    ILlmReportExtractor llm,
    IOptionsMonitor<LlmOptions> options) : IReportUnderstanding
{
    public async Task<ParsedReport> UnderstandAsync(ReportMessage message, bool allowLlm = true, CancellationToken cancellationToken = default)
    {
        var vocabulary = await vocabularies.GetAsync(cancellationToken);
        var rules = parser.Parse(message, vocabulary);
        var o = options.CurrentValue;
        if (!allowLlm || !o.IsConfigured || rules.Confidence >= o.ConfidenceThreshold)
        {
            return rules;
        }

        return await llm.ExtractAsync(message, rules, vocabulary, cancellationToken) ?? rules;
    }
}
