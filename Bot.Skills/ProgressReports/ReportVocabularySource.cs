using System.Data.Common;
using Bot.Data.Plans;
using Bot.Data.Units;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Skills.ProgressReports;

/// <summary>The parser vocabulary of the active plan and the unit roster.</summary>
public interface IReportVocabularySource
{
    /// <summary>The vocabulary, built once and cached until <see cref="Invalidate"/>.</summary>
    ValueTask<ReportVocabulary> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached vocabulary (call after a plan import or a roster change).</summary>
    void Invalidate();
}

/// <summary>
/// Builds the vocabulary from the database: the active plan (<see cref="IPlanRepository.GetActiveAsync"/>) and the
/// units (<see cref="IUnitRepository.ListAsync"/>). Until a plan is imported it reads the plan document named by
/// <c>Plan:Document</c> (default <c>seeds/tiexi-2018-action-plan.txt</c> under the content root) with
/// <see cref="PlanHeadings"/>; an empty roster is filled from the units the plan names.
/// </summary>
internal sealed class ReportVocabularySource(
    IPlanRepository plans,
    IUnitRepository units,
    IConfiguration configuration,
    ILogger<ReportVocabularySource> logger,
    IHostEnvironment? environment = null,
    Bot.Data.ReadModel.ReferenceVersion? version = null) : IReportVocabularySource
{
    public const string DefaultDocument = "seeds/tiexi-2018-action-plan.txt";

    private readonly Lock _gate = new();
    private Task<(ReportVocabulary Vocabulary, bool Keep)>? _cached;
    private long? _cachedAt;

    public async ValueTask<ReportVocabulary> GetAsync(CancellationToken cancellationToken = default)
    {
        // The plan and units change rarely: rebuilt when the read model's version counter moved (any host's write).
        long? now = version is null ? null : await version.CurrentAsync(cancellationToken);
        Task<(ReportVocabulary Vocabulary, bool Keep)> task;
        lock (_gate)
        {
            if (now != _cachedAt)
            {
                _cached = null;
                _cachedAt = now;
            }

            _cached ??= Task.Run(LoadAsync, CancellationToken.None);
            task = _cached;
        }

        var keep = false;
        try
        {
            var (vocabulary, cacheable) = await task.WaitAsync(cancellationToken);
            keep = cacheable;
            return vocabulary;
        }
        finally
        {
            if (!keep && task.IsCompleted)
            {
                // A failed load, or a fallback built while the database was unreachable, is tried again next time.
                lock (_gate)
                {
                    if (ReferenceEquals(_cached, task))
                    {
                        _cached = null;
                    }
                }
            }
        }
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _cached = null;
        }
    }

    private async Task<(ReportVocabulary, bool)> LoadAsync()
    {
        Plan? plan = null;
        IReadOnlyList<Unit> roster = [];
        var fromDatabase = true;
        try
        {
            plan = await plans.GetActiveAsync();
            roster = await units.ListAsync();
        }
        catch (DbException ex)
        {
            // No database (or no schema yet): the parser still works on the plan document.
            ParserLog.VocabularyFromDocument(logger, ex);
            fromDatabase = false;
        }

        if (plan is not null && plan.Actions.Count == 0 && !string.IsNullOrWhiteSpace(plan.Document))
        {
            plan = PlanHeadings.Extract(plan.Document, plan.Year);
        }

        if (plan is null)
        {
            var path = DocumentPath();
            if (!File.Exists(path))
            {
                ParserLog.NoPlan(logger, path);
                return (ReportVocabulary.Build(null, roster), fromDatabase);
            }

            ParserLog.PlanHeadingsFromDocument(logger, path);
            plan = PlanHeadings.Extract(await File.ReadAllTextAsync(path));
        }

        if (roster.Count == 0 && !string.IsNullOrWhiteSpace(plan.Document))
        {
            roster = PlanHeadings.ExtractUnits(plan.Document);
        }

        return (ReportVocabulary.Build(plan, roster), fromDatabase);
    }

    private string DocumentPath()
    {
        var document = configuration["Plan:Document"];
        if (string.IsNullOrWhiteSpace(document))
        {
            document = DefaultDocument;
        }

        return Path.IsPathRooted(document)
            ? document
            : Path.Combine(environment?.ContentRootPath ?? Directory.GetCurrentDirectory(), document);
    }
}
