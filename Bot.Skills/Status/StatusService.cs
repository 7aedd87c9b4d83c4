using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Calendar;
using Bot.Skills.Scorecards;

namespace Bot.Skills.Status;

/// <summary>A task with its light.</summary>
public sealed record TaskView(PlanTask Task, Light Light, string? OwnerUnit, int? Action);

/// <summary>Progress of one plan action over a period.</summary>
public sealed record ActionProgress(PlanAction Action, Period Period, int Reports, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<TaskView> Tasks, IReadOnlyList<ProgressReport> Latest);

/// <summary>
/// Read-only status queries behind chat answers, digests and the dashboard: who has not reported, tasks and their
/// lights, action progress, unit coverage, recent reports. Every number comes from the database.
/// </summary>
public sealed class StatusService(
    IPlanRepository plans,
    IMemberRepository members,
    IUnitRepository units,
    ITaskRepository tasks,
    IProgressReportRepository reports,
    WorkingCalendar calendar)
{
    /// <summary>Roles expected to report progress.</summary>
    public static readonly IReadOnlySet<string> ReportingRoles = new HashSet<string>(StringComparer.Ordinal) { Roles.Leader, Roles.Department };

    /// <summary>Active leaders and department members with no report (sent or as subject) created in the period.</summary>
    public async Task<IReadOnlyList<Member>> NonReportersAsync(Period period, CancellationToken cancellationToken = default)
    {
        var reported = (await reports.ReportingNamesAsync(BusinessClock.StartOf(period.Start), BusinessClock.StartOf(period.End.AddDays(1)), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return (await members.ListAsync(cancellationToken))
            .Where(m => m.Active && ReportingRoles.Contains(m.Role) && !reported.Contains(m.Name))
            .ToList();
    }

    /// <summary>Every task of the active plan (and office-added ones) with its light on <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<TaskView>> TasksAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        var unitNames = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.Id, u => u.Name);
        var actionNumbers = plan?.Actions.ToDictionary(a => a.Id, a => a.Number) ?? [];
        return (await tasks.ListAsync(cancellationToken: cancellationToken))
            .Where(t => t.PlanId is null || t.PlanId == plan?.Id)
            .Where(t => t.Status != TaskStatuses.Cancelled)
            .Select(t => new TaskView(
                t,
                TrafficLights.ForTask(t.Status == TaskStatuses.Done, t.Recurrence is null ? t.DueEnd : null, today, calendar),
                t.OwnerUnitId is long u && unitNames.TryGetValue(u, out var name) ? name : null,
                t.ActionId is long a && actionNumbers.TryGetValue(a, out var n) ? n : null))
            .ToList();
    }

    /// <summary>Open, dated tasks whose window has ended.</summary>
    public async Task<IReadOnlyList<TaskView>> OverdueAsync(DateOnly today, CancellationToken cancellationToken = default) =>
        (await TasksAsync(today, cancellationToken)).Where(t => t.Light == Light.Red).ToList();

    /// <summary>Open, dated tasks due within <paramref name="days"/> calendar days.</summary>
    public async Task<IReadOnlyList<TaskView>> UpcomingAsync(DateOnly today, int days, CancellationToken cancellationToken = default) =>
        (await TasksAsync(today, cancellationToken))
            .Where(t => t.Task.Status == TaskStatuses.Open && t.Task.Recurrence is null && t.Task.DueEnd is DateOnly due && due >= today && due <= today.AddDays(days))
            .ToList();

    /// <summary>Progress of the action numbered <paramref name="number"/> over a period.</summary>
    public async Task<ActionProgress?> ActionProgressAsync(int number, Period period, DateOnly today, CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        var action = plan?.Actions.FirstOrDefault(a => a.Number == number);
        if (action is null)
        {
            return null;
        }

        var list = await reports.ListAsync(period.Start, period.End, action: number, limit: 10_000, cancellationToken: cancellationToken);
        var metrics = list.SelectMany(r => r.Metrics)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal);
        var actionTasks = (await TasksAsync(today, cancellationToken)).Where(t => t.Action == number).ToList();
        return new ActionProgress(action, period, list.Count, metrics, actionTasks, list.Take(5).ToList());
    }

    /// <summary>Units of the given types that none of <paramref name="member"/>'s reports in the period names as a place or unit.</summary>
    public async Task<IReadOnlyList<Unit>> UnvisitedUnitsAsync(Member member, Period period, IReadOnlyCollection<string> unitTypes, CancellationToken cancellationToken = default)
    {
        var visited = (await reports.ListAsync(period.Start, period.End, memberId: member.Id, limit: 10_000, cancellationToken: cancellationToken))
            .SelectMany(r => r.Places.Concat(r.Units))
            .ToHashSet(StringComparer.Ordinal);
        return (await units.ListAsync(cancellationToken))
            .Where(u => unitTypes.Count == 0 || unitTypes.Contains(u.Type))
            .Where(u => !visited.Contains(u.Name) && !u.Aliases.Any(visited.Contains))
            .ToList();
    }

    public Task<IReadOnlyList<ProgressReport>> RecentReportsAsync(int limit, CancellationToken cancellationToken = default) =>
        reports.RecentAsync(limit, cancellationToken);
}
