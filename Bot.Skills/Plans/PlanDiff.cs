using System.Globalization;
using Bot.Data.Plans;
using Bot.Data.Tasks;

namespace Bot.Skills.Plans;

/// <summary>How an item of the uploaded plan compares with the active plan.</summary>
public enum PlanChangeKind
{
    Added,
    Changed,
    Removed,
}

/// <summary>One difference: what kind of item (行动, 节点, 指标, 职责, 责任), where, and the old and new text.</summary>
public sealed record PlanChange(PlanChangeKind Kind, string Item, int? ActionNumber, string? Old, string? New);

/// <summary>
/// The uploaded plan against the active plan, before anything is stored: new, changed and removed actions,
/// milestones, targets, duties and responsibilities; the tasks the import would open (a milestone not in the active
/// plan) and the open tasks it would close (their milestone is gone); and the units not yet on the roster.
/// </summary>
public sealed class PlanDiff
{
    public required bool HasActivePlan { get; init; }

    public required bool Identical { get; init; }

    public required IReadOnlyList<PlanChange> Changes { get; init; }

    /// <summary>Titles of the tasks new milestones would open.</summary>
    public required IReadOnlyList<string> TasksToOpen { get; init; }

    /// <summary>Open tasks of the active plan whose milestone the upload no longer has.</summary>
    public required IReadOnlyList<PlanTask> TasksToClose { get; init; }

    public required IReadOnlyList<string> NewUnits { get; init; }

    public int Count(PlanChangeKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>Compares <paramref name="upload"/> with <paramref name="active"/> (null: nothing imported yet).</summary>
    public static PlanDiff Compare(PlanImportResult upload, Plan? active, IReadOnlyList<PlanTask> activeTasks, IReadOnlyCollection<string> knownUnits)
    {
        var plan = upload.Plan;
        var changes = new List<PlanChange>();
        var oldActions = (active?.Actions ?? []).ToDictionary(a => a.Number);
        var newActions = plan.Actions.ToDictionary(a => a.Number);
        foreach (var action in plan.Actions)
        {
            if (!oldActions.TryGetValue(action.Number, out var old))
            {
                changes.Add(new PlanChange(PlanChangeKind.Added, "行动", action.Number, null, Describe(action)));
                continue;
            }

            if (Describe(old) != Describe(action))
            {
                changes.Add(new PlanChange(PlanChangeKind.Changed, "行动", action.Number, Describe(old), Describe(action)));
            }
        }

        changes.AddRange(oldActions.Values.Where(a => !newActions.ContainsKey(a.Number))
            .Select(a => new PlanChange(PlanChangeKind.Removed, "行动", a.Number, Describe(a), null)));

        Compare(changes, "节点", Items(active, a => a.Milestones, m => m.Text.Trim(), Describe), Items(plan, a => a.Milestones, m => m.Text.Trim(), Describe));
        Compare(changes, "指标", Items(active, a => a.Targets, TargetKey, Describe), Items(plan, a => a.Targets, TargetKey, Describe));
        Compare(changes, "职责", Items(active, a => a.Duties, d => d.Text.Trim(), Describe), Items(plan, a => a.Duties, d => d.Text.Trim(), Describe));
        Compare(changes, "职责", PlanWideDuties(active), PlanWideDuties(plan));
        Compare(changes, "责任", Items(active, a => a.Responsibilities, r => $"{r.Kind}:{r.Name}", Describe), Items(plan, a => a.Responsibilities, r => $"{r.Kind}:{r.Name}", Describe));

        var oldMilestones = (active?.Actions ?? []).SelectMany(a => a.Milestones.Select(m => (a.Number, m))).ToList();
        var newMilestoneKeys = plan.Actions.SelectMany(a => a.Milestones.Select(m => (a.Number, Text: m.Text.Trim()))).ToHashSet();
        var oldMilestoneKeys = oldMilestones.Select(x => (x.Number, Text: x.m.Text.Trim())).ToHashSet();
        var toOpen = plan.Actions.SelectMany(a => a.Milestones.Where(m => !oldMilestoneKeys.Contains((a.Number, m.Text.Trim())))
            .Select(m => PlanService.TaskTitle(a, m))).ToList();
        var removedMilestoneIds = oldMilestones.Where(x => !newMilestoneKeys.Contains((x.Number, x.m.Text.Trim()))).Select(x => x.m.Id).ToHashSet();
        var toClose = activeTasks.Where(t => t.Status == TaskStatuses.Open && t.MilestoneId is long id && removedMilestoneIds.Contains(id)).ToList();
        var known = knownUnits.ToHashSet(StringComparer.Ordinal);

        return new PlanDiff
        {
            HasActivePlan = active is not null,
            Identical = active is not null && string.Equals(active.ContentHash, plan.ContentHash, StringComparison.Ordinal) && active.Year == plan.Year,
            Changes = changes,
            TasksToOpen = toOpen,
            TasksToClose = toClose,
            NewUnits = upload.Units.Where(u => !known.Contains(u.Name)).Select(u => u.Name).ToList(),
        };
    }

    private static void Compare(List<PlanChange> changes, string item, Dictionary<(int, string), string> before, Dictionary<(int, string), string> after)
    {
        foreach (var (key, text) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                changes.Add(new PlanChange(PlanChangeKind.Added, item, Number(key.Item1), null, text));
            }
            else if (old != text)
            {
                changes.Add(new PlanChange(PlanChangeKind.Changed, item, Number(key.Item1), old, text));
            }
        }

        changes.AddRange(before.Where(kv => !after.ContainsKey(kv.Key)).Select(kv => new PlanChange(PlanChangeKind.Removed, item, Number(kv.Key.Item1), kv.Value, null)));
    }

    private static int? Number(int n) => n == 0 ? null : n;

    private static Dictionary<(int, string), string> Items<T>(Plan? plan, Func<PlanAction, List<T>> of, Func<T, string> key, Func<T, string> describe)
    {
        var items = new Dictionary<(int, string), string>();
        foreach (var action in plan?.Actions ?? [])
        {
            foreach (var item in of(action))
            {
                items.TryAdd((action.Number, key(item)), describe(item));
            }
        }

        return items;
    }

    private static Dictionary<(int, string), string> PlanWideDuties(Plan? plan)
    {
        var items = new Dictionary<(int, string), string>();
        foreach (var duty in plan?.Duties ?? [])
        {
            items.TryAdd((0, duty.Text.Trim()), Describe(duty));
        }

        return items;
    }

    private static string TargetKey(Target t) => $"{t.Metric}/{t.Per}/{t.AppliesTo}";

    private static string Describe(PlanAction a) =>
        $"{a.Title}（{a.Period ?? "未注明时段"}{Range(a.StartDate, a.EndDate)}）";

    private static string Describe(Milestone m) => $"{m.Text.Trim()}{Range(m.StartDate, m.EndDate)}{(m.Recurrence is null ? "" : $" 每{m.Recurrence}")}";

    private static string Describe(Target t) =>
        $"{t.Text.Trim()}（{t.Metric} 每{t.Per} {Value(t.MinValue)}–{Value(t.MaxValue)}{(t.Threshold is double th ? $" 门槛{Value(th)}" : "")}，{t.AppliesTo}）";

    private static string Describe(Duty d) => $"{d.Text.Trim()}（每{d.Every}{(d.Level is null ? "" : $"，{d.Level}级")}{(d.PhotoRequired ? "，须附照片" : "")}）";

    private static string Describe(Responsibility r) => $"{(r.Kind == ResponsibilityKinds.Leader ? "牵头领导" : "责任单位")} {r.Name}";

    private static string Range(DateOnly? start, DateOnly? end) =>
        start is null && end is null ? "" : $"，{Day(start)}至{Day(end)}";

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…";

    private static string Value(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "…";
}
