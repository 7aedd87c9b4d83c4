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
    IUnitRepository units,
    ITaskRepository tasks,
    IProgressReportRepository reports,
    Figures.FigureService figures,
    BusinessClock clock,
    WorkingCalendar calendar)
{
    /// <summary>Roles expected to report progress.</summary>
    public static readonly IReadOnlySet<string> ReportingRoles = Figures.FigureService.ReportingRoles;

    /// <summary>
    /// Active leaders and department members with no report (sent or as subject) about work in the period up to today.
    /// </summary>
    public Task<IReadOnlyList<Member>> NonReportersAsync(Period period, CancellationToken cancellationToken = default) =>
        figures.NonReportersAsync(period, clock.Today, cancellationToken);

    /// <summary>The same as of a day (a reminder or digest of that day).</summary>
    public Task<IReadOnlyList<Member>> NonReportersAsync(Period period, DateOnly asOf, CancellationToken cancellationToken = default) =>
        figures.NonReportersAsync(period, asOf, cancellationToken);

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

        // Counted in SQL, bounded by the period and by today (a past "today" sees that day's state).
        var count = await figures.ReportCountAsync(period, today, action: number, cancellationToken: cancellationToken);
        var metrics = await figures.MetricsAsync(period, today, number, cancellationToken);
        var latest = await figures.ReportsAsync(period, today, 5, action: number, cancellationToken: cancellationToken);
        var actionTasks = (await TasksAsync(today, cancellationToken)).Where(t => t.Action == number).ToList();
        return new ActionProgress(action, period, count, metrics, actionTasks, latest);
    }

    /// <summary>Units of the given types that none of <paramref name="member"/>'s reports in the period names as a place or unit.</summary>
    public async Task<IReadOnlyList<Unit>> UnvisitedUnitsAsync(Member member, Period period, IReadOnlyCollection<string> unitTypes, CancellationToken cancellationToken = default)
    {
        var visited = (await figures.VisitsByPlaceAsync(period, clock.Today, member, cancellationToken: cancellationToken))
            .Select(v => v.Place)
            .ToHashSet(StringComparer.Ordinal);
        return (await units.ListAsync(cancellationToken))
            .Where(u => unitTypes.Count == 0 || unitTypes.Contains(u.Type))
            .Where(u => !visited.Contains(u.Name) && !u.Aliases.Any(visited.Contains))
            .ToList();
    }

    public Task<IReadOnlyList<ProgressReport>> RecentReportsAsync(int limit, CancellationToken cancellationToken = default) =>
        reports.RecentAsync(limit, cancellationToken);
}
