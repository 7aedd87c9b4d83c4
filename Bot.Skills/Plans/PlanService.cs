using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Plans;

/// <summary>Parses plan documents (rules, then the LLM when configured) without touching the database.</summary>
public interface IPlanParser
{
    /// <summary><paramref name="year"/>, else <c>Plan:Year</c>, else the current year in Asia/Shanghai.</summary>
    int ResolveYear(int? year = null);

    /// <summary>Parses a document without storing anything.</summary>
    Task<PlanImportResult> ParseAsync(string text, int? year = null, CancellationToken cancellationToken = default);
}

/// <summary>Imports plan documents: parse, then store units, plan version and tasks.</summary>
public interface IPlanService : IPlanParser
{
    /// <summary>
    /// Parses and stores a document: upserts the units it names, saves the plan (the same text and year again changes
    /// nothing; a changed text becomes the next version and the active plan) and creates one task per milestone of
    /// the stored version that has none yet. Throws <see cref="InvalidDataException"/> (nothing stored) when the
    /// document yields no action or is too large to store.
    /// </summary>
    Task<PlanImportOutcome> ImportAsync(string text, int? year = null, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IPlanService.ImportAsync"/> did.</summary>
public sealed record PlanImportOutcome(long PlanId, int Version, bool Created, int TasksCreated, PlanImportResult Result)
{
    /// <summary>One line of Chinese for operators and the command line.</summary>
    public string Summary
    {
        get
        {
            var plan = Result.Plan;
            var milestones = plan.Actions.Sum(a => a.Milestones.Count);
            var targets = plan.Actions.Sum(a => a.Targets.Count);
            var duties = plan.Duties.Count + plan.Actions.Sum(a => a.Duties.Count);
            var head = Created
                ? $"已导入方案《{plan.Title}》第{Version}版（{plan.Year}年）"
                : $"方案《{plan.Title}》（{plan.Year}年）未变化，仍为第{Version}版";
            return $"{head}：{plan.Actions.Count}项行动、{milestones}个节点、{targets}项指标、{duties}项职责、{Result.Units.Count}个单位，" +
                   $"新建任务{TasksCreated}项，未识别{Result.Unparsed.Count}行。";
        }
    }
}

internal sealed class PlanParser(PlanImporter importer, IPlanLlmExtractor llm, IOptions<PlanOptions> options, TimeProvider time) : IPlanParser
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public int ResolveYear(int? year = null) =>
        year ?? options.Value.Year ?? TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai).Year;

    public async Task<PlanImportResult> ParseAsync(string text, int? year = null, CancellationToken cancellationToken = default)
    {
        var result = importer.Parse(text, ResolveYear(year));
        await llm.EnrichAsync(result, cancellationToken);
        return result;
    }
}

internal sealed class PlanService(
    IPlanParser parser,
    PlanImporter importer,
    IPlanLlmExtractor llm,
    IPlanRepository plans,
    IUnitRepository units,
    ITaskRepository tasks,
    Bot.Skills.ProgressReports.IReportVocabularySource vocabulary,
    ILogger<PlanService> logger) : IPlanService
{
    /// <summary>MEDIUMTEXT holds 16 MB; at up to 4 bytes a character this keeps every document storable.</summary>
    internal const int MaxStoredChars = 4_000_000;

    internal const string TaskAuthor = "plan-import";

    public int ResolveYear(int? year = null) => parser.ResolveYear(year);

    public Task<PlanImportResult> ParseAsync(string text, int? year = null, CancellationToken cancellationToken = default) =>
        parser.ParseAsync(text, year, cancellationToken);

    public async Task<PlanImportOutcome> ImportAsync(string text, int? year = null, CancellationToken cancellationToken = default)
    {
        var result = importer.Parse(text, ResolveYear(year));
        var plan = result.Plan;
        if (plan.Document.Length > MaxStoredChars)
        {
            throw new InvalidDataException($"方案文档过大（{plan.Document.Length} 字符，上限 {MaxStoredChars}）/ plan document too large.");
        }

        // An empty or unreadable document must not replace the active plan.
        if (plan.Actions.Count == 0)
        {
            throw new InvalidDataException(
                $"方案中没有识别出任何行动或任务，未导入（未识别 {result.Unparsed.Count} 行）/ no actions or tasks recognised; nothing stored.");
        }

        // The same document again: no LLM call, nothing new — only missing units and tasks are repaired.
        var existing = (await plans.ListAsync(cancellationToken))
            .FirstOrDefault(p => p.Year == plan.Year && string.Equals(p.ContentHash, plan.ContentHash, StringComparison.Ordinal));
        if (existing is null)
        {
            await llm.EnrichAsync(result, cancellationToken);
        }

        // A responsibility names its unit as that line of the plan writes it: by the unit's name or one of its forms.
        var unitIds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var unit in result.Units)
        {
            var id = await units.UpsertAsync(unit, cancellationToken);
            foreach (var alias in unit.Aliases)
            {
                unitIds.TryAdd(alias, id);
            }

            unitIds[unit.Name] = id;
        }

        foreach (var responsibility in plan.Actions.SelectMany(a => a.Responsibilities).Where(r => r.Kind == ResponsibilityKinds.Unit))
        {
            responsibility.UnitId = unitIds.TryGetValue(responsibility.Name, out var id) ? id : null;
        }

        var (planId, created) = await plans.SaveAsync(plan, cancellationToken);
        var stored = created ? plan : await plans.GetAsync(planId, cancellationToken) ?? plan;
        var tasksCreated = await CreateMissingTasksAsync(stored, cancellationToken);
        vocabulary.Invalidate(); // Reports are read against the plan and unit roster just stored.
        var outcome = new PlanImportOutcome(planId, stored.Version, created, tasksCreated, result);
        PlanImportLog.Imported(logger, outcome.Summary);
        return outcome;
    }

    private async Task<int> CreateMissingTasksAsync(Plan plan, CancellationToken cancellationToken)
    {
        var existing = (await tasks.ListAsync(plan.Id, cancellationToken: cancellationToken))
            .Select(t => t.MilestoneId).OfType<long>().ToHashSet();
        var created = 0;
        foreach (var action in plan.Actions)
        {
            var owner = PlanImportResult.OwnerOf(action)?.UnitId;
            foreach (var milestone in action.Milestones.Where(m => m.Id != 0 && !existing.Contains(m.Id)))
            {
                await tasks.AddAsync(new PlanTask
                {
                    PlanId = plan.Id,
                    ActionId = action.Id,
                    MilestoneId = milestone.Id,
                    Title = TaskTitle(action, milestone),
                    DueStart = milestone.StartDate,
                    DueEnd = milestone.EndDate,
                    Recurrence = milestone.Recurrence,
                    OwnerUnitId = owner,
                    CreatedBy = TaskAuthor,
                }, cancellationToken);
                created++;
            }
        }

        return created;
    }

    /// <summary>"5月下旬，赴江苏、广州、深圳招商引资活动（“大考察大招商”行动）".</summary>
    internal static string TaskTitle(PlanAction action, Milestone milestone)
    {
        var text = milestone.Text.Trim();
        var stop = text.IndexOfAny(['。', '；', ';', '：', ':']);
        var first = (stop > 0 ? text[..stop] : text).TrimEnd('，', ',');
        if (first.Length > 80)
        {
            first = first[..80] + "…";
        }

        if (action.Title.Length == 0 || first.StartsWith(action.Title, StringComparison.Ordinal) || action.Title.StartsWith(first, StringComparison.Ordinal))
        {
            return first.Length > 0 ? first : action.Title;
        }

        return $"{first}（{action.Title}）";
    }
}
