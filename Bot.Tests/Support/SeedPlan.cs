using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.ProgressReports;

namespace Bot.Tests.Support;

/// <summary>
/// The seed plan (seeds/tiexi-2018-action-plan.txt) read with the light heading extraction of
/// <see cref="PlanHeadings"/>: its 10 actions with their text, the units it names, and the parser vocabulary built
/// from both. Stands in for the plan importer's output in the parser tests.
/// </summary>
public static class SeedPlan
{
    private static readonly Lazy<string> LazyDocument = new(() => File.ReadAllText(DocumentPath));
    private static readonly Lazy<ReportVocabulary> LazyVocabulary = new(() => ReportVocabulary.Build(Plan(), Units()));

    public static string DocumentPath => Path.Combine(AppContext.BaseDirectory, "TestData", "seeds", "tiexi-2018-action-plan.txt");

    public static string Document => LazyDocument.Value;

    /// <summary>The vocabulary of the seed plan and its units (shared, immutable).</summary>
    public static ReportVocabulary Vocabulary => LazyVocabulary.Value;

    /// <summary>A fresh plan object (callers may store it).</summary>
    public static Plan Plan() => PlanHeadings.Extract(Document, 2026);

    /// <summary>A fresh unit list (callers may store it).</summary>
    public static IReadOnlyList<Unit> Units() => PlanHeadings.ExtractUnits(Document);
}
