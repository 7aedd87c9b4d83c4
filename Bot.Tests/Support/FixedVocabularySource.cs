using Bot.Skills.ProgressReports;

namespace Bot.Tests.Support;

/// <summary>An <see cref="IReportVocabularySource"/> that always answers the same vocabulary (the seed plan by default).</summary>
public sealed class FixedVocabularySource(ReportVocabulary? vocabulary = null) : IReportVocabularySource
{
    public ReportVocabulary Vocabulary { get; } = vocabulary ?? SeedPlan.Vocabulary;

    public ValueTask<ReportVocabulary> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Vocabulary);

    public void Invalidate()
    {
    }
}
