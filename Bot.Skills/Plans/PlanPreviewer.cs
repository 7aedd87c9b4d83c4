using System.Globalization;
using System.Text.Json;
using Bot.Data.Imports;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;

namespace Bot.Skills.Plans;

/// <summary>A plan document waiting for 确认导入: its text and the year it is read for.</summary>
public sealed record StagedPlan(string Text, int? Year)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static StagedPlan FromJson(string json) => JsonSerializer.Deserialize<StagedPlan>(json) ?? new StagedPlan("", null);
}

/// <summary>What confirming a staged plan did: the summary, or why nothing was imported.</summary>
public sealed record PlanConfirmation(string? Summary, string? Error, PlanImportOutcome? Outcome);

/// <summary>
/// Preview and confirmation of a staged plan document, for the console and for plan files sent in chat: the parse
/// (nothing stored), the diff against the active plan and its tasks, and 确认导入 through <see cref="IPlanService"/>,
/// audited. Closed tasks whose milestone the new version keeps stay closed in the new version.
/// </summary>
public sealed class PlanPreviewer(
    IPlanParser parser,
    IPlanService importer,
    IPlanRepository plans,
    ITaskRepository tasks,
    IUnitRepository units,
    IStagedImportRepository staged,
    Bot.Data.Audit.IAuditRepository audit)
{
    public async Task<(PlanImportResult Result, PlanDiff Diff)> PreviewAsync(StagedPlan upload, CancellationToken cancellationToken)
    {
        var result = await parser.ParseAsync(upload.Text, upload.Year, cancellationToken);
        var active = await plans.GetActiveAsync(cancellationToken);
        var activeTasks = active is null ? [] : await tasks.ListAsync(active.Id, cancellationToken: cancellationToken);
        var known = (await units.ListAsync(cancellationToken)).Select(u => u.Name).ToList();
        return (result, PlanDiff.Compare(result, active, activeTasks, known));
    }

    public async Task<PlanConfirmation> ConfirmAsync(long stagedId, string actor, CancellationToken cancellationToken)
    {
        var upload = await staged.GetAsync(stagedId, cancellationToken);
        if (upload is not { Kind: StagedImportKinds.Plan })
        {
            return new PlanConfirmation(null, $"没有编号为 {stagedId} 的方案上传记录。", null);
        }

        if (upload.State != StagedImportStates.Pending)
        {
            return new PlanConfirmation(null, $"该方案文件已处理过（{upload.Result}）。", null);
        }

        var document = StagedPlan.FromJson(upload.Payload);
        var before = await plans.GetActiveAsync(cancellationToken);
        PlanImportOutcome outcome;
        try
        {
            outcome = await importer.ImportAsync(document.Text, document.Year, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            return new PlanConfirmation(null, ex.Message, null);
        }

        if (outcome.Created && before is not null)
        {
            await CarryOverClosedTasksAsync(before, outcome.PlanId, cancellationToken);
        }

        if (!await staged.DecideAsync(stagedId, StagedImportStates.Imported, actor, outcome.Summary, cancellationToken))
        {
            return new PlanConfirmation(outcome.Summary, null, outcome);
        }

        await audit.AddAsync(new Bot.Data.Audit.AuditEntry
        {
            Actor = actor,
            Action = "plan.import",
            Entity = "plans",
            EntityId = outcome.PlanId.ToString(CultureInfo.InvariantCulture),
            OldValue = before is null ? null : Bot.Data.Common.Json.Serialize(new { before.Id, before.Version, before.Title }),
            NewValue = Bot.Data.Common.Json.Serialize(new { id = outcome.PlanId, outcome.Version, file = upload.FileName, summary = outcome.Summary }),
        }, cancellationToken);
        return new PlanConfirmation(outcome.Summary, null, outcome);
    }

    /// <summary>A milestone kept by the new version keeps its done task: the new version's task is closed the same way.</summary>
    private async Task CarryOverClosedTasksAsync(Plan before, long newPlanId, CancellationToken cancellationToken)
    {
        var oldMilestones = before.Actions.SelectMany(a => a.Milestones.Select(m => (m.Id, Key: (a.Number, m.Text.Trim())))).ToDictionary(x => x.Id, x => x.Key);
        var done = (await tasks.ListAsync(before.Id, TaskStatuses.Done, cancellationToken))
            .Where(t => t.MilestoneId is long m && oldMilestones.ContainsKey(m))
            .GroupBy(t => oldMilestones[t.MilestoneId!.Value]).ToDictionary(g => g.Key, g => g.First());
        if (done.Count == 0 || await plans.GetAsync(newPlanId, cancellationToken) is not { } after)
        {
            return;
        }

        var newMilestones = after.Actions.SelectMany(a => a.Milestones.Select(m => (m.Id, Key: (a.Number, m.Text.Trim())))).ToDictionary(x => x.Id, x => x.Key);
        foreach (var task in await tasks.ListAsync(newPlanId, TaskStatuses.Open, cancellationToken))
        {
            if (task.MilestoneId is long m && newMilestones.TryGetValue(m, out var key) && done.TryGetValue(key, out var closed))
            {
                await tasks.CloseAsync(task.Id, closed.ClosedBy ?? "plan-import", closed.Evidence, cancellationToken);
            }
        }
    }
}
