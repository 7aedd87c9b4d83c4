using System.Globalization;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Units;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using TaskView = Bot.Skills.Status.TaskView;

namespace Bot.Host.Dashboard;

/// <summary>The board's filters, from the query string: <c>?period=2026Q2&amp;action=1&amp;leader=2&amp;unit=5&amp;page=2</c>.</summary>
public sealed record BoardFilter(Period Period, int? Action, long? LeaderId, long? UnitId)
{
    /// <summary>The page of the report list (1-based).</summary>
    public int Page { get; init; } = 1;

    public string PeriodCode => PeriodCodes.Of(Period);

    /// <summary>Unknown or malformed values fall back to no filter; the period defaults to the current quarter.</summary>
    public static BoardFilter Parse(IQueryCollection query, DateOnly today)
    {
        var period = query["period"].ToString() is { Length: > 0 } code && Period.ParseCode(code) is { } parsed ? parsed : Period.Quarter(today);
        var page = int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 1_000_000 ? p : 1;
        return new BoardFilter(
            period with { Label = PeriodCodes.Describe(period) },
            int.TryParse(query["action"], NumberStyles.None, CultureInfo.InvariantCulture, out var action) ? action : null,
            long.TryParse(query["leader"], NumberStyles.None, CultureInfo.InvariantCulture, out var leader) ? leader : null,
            long.TryParse(query["unit"], NumberStyles.None, CultureInfo.InvariantCulture, out var unit) ? unit : null) { Page = page };
    }

    /// <summary>The query string of these filters (for links that keep them).</summary>
    public string Query()
    {
        var parts = new List<string> { $"period={Uri.EscapeDataString(PeriodCode)}" };
        if (Action is int a)
        {
            parts.Add($"action={a.ToString(CultureInfo.InvariantCulture)}");
        }

        if (LeaderId is long l)
        {
            parts.Add($"leader={l.ToString(CultureInfo.InvariantCulture)}");
        }

        if (UnitId is long u)
        {
            parts.Add($"unit={u.ToString(CultureInfo.InvariantCulture)}");
        }

        return "?" + string.Join('&', parts);
    }
}

/// <summary>A unit outside the departments (乡, 街道, 园区) and who visited it in the period.</summary>
public sealed record CoverageRow(Unit Unit, int Visits, IReadOnlyList<string> Leaders);

/// <summary>One plan action on the board.</summary>
public sealed record ActionRow(PlanAction? Action, Light Light, int Reports, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<TaskView> Tasks);

/// <summary>Reports whose work date falls in the week starting <see cref="Start"/>.</summary>
public sealed record WeekCount(DateOnly Start, int Count);

/// <summary>A leader's count of one metric against the pro-rated pace and the target.</summary>
public sealed record PaceRow(string Leader, double Actual, double Pace, double Target, Light Light);

/// <summary>Everything the board shows, already filtered.</summary>
public sealed class Board
{
    public required Plan? Plan { get; init; }
    public required DateOnly Today { get; init; }
    public required BoardFilter Filter { get; init; }
    public required IReadOnlyList<Member> Members { get; init; }
    public required IReadOnlyList<Unit> Units { get; init; }
    /// <summary>One page of the period's reports (<see cref="BoardQuery.PageSize"/> at most), newest work date first.</summary>
    public required IReadOnlyList<ProgressReport> Reports { get; init; }

    /// <summary>How many reports the period has in all (the tile, the pager).</summary>
    public required int ReportTotal { get; init; }

    public int Pages => Math.Max(1, (ReportTotal + BoardQuery.PageSize - 1) / BoardQuery.PageSize);
    public required IReadOnlyList<TaskView> Tasks { get; init; }
    public required IReadOnlyList<TaskView> Overdue { get; init; }
    public required IReadOnlyList<TaskView> Upcoming { get; init; }
    public required IReadOnlyList<Scorecard> Cards { get; init; }
    public required IReadOnlyList<Member> NonReporters { get; init; }
    public required IReadOnlyList<CoverageRow> Coverage { get; init; }
    public required IReadOnlyList<ActionRow> Actions { get; init; }
    public required IReadOnlyList<WeekCount> Weeks { get; init; }
    public required string? PaceMetric { get; init; }
    public required IReadOnlyList<PaceRow> Pace { get; init; }

    public IEnumerable<Member> Leaders => Members.Where(m => m.Active && m.Role == Roles.Leader);
}

/// <summary>
/// Loads the board from the figure, status and scorecard services of Bot.Skills, so the board shows the figures the
/// chat, digests and ledger show for the same period. Counts per action, per week and per place (coverage) are grouped
/// in SQL (the rollup for the current period) and the report list is one page; a unit filter is matched in SQL too
/// (<see cref="Scope"/>: places, units and the reporters' own units), on the report rows instead of the rollup.
/// </summary>
public sealed class BoardQuery(
    IPlanRepository plans,
    IMemberRepository members,
    IUnitRepository units,
    Bot.Skills.Figures.FigureService figures,
    StatusService status,
    ScorecardService scorecards,
    BusinessClock clock)
{
    public const int UpcomingDays = 14;

    /// <summary>Reports per page of the board's and /reports' lists.</summary>
    public const int PageSize = 50;

    public async Task<Board> LoadAsync(BoardFilter filter, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var period = filter.Period;
        var plan = await plans.GetActiveAsync(cancellationToken);
        var roster = await members.ListAsync(cancellationToken);
        var unitList = await units.ListAsync(cancellationToken);
        var byId = roster.ToDictionary(m => m.Id);
        var byName = roster.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var leader = filter.LeaderId is long lid && byId.TryGetValue(lid, out var l) ? l : null;
        var unit = filter.UnitId is long uid ? unitList.FirstOrDefault(u => u.Id == uid) : null;
        var ledUnits = leader is null ? [] : (await members.GetLedUnitsAsync(leader.Id, cancellationToken)).ToHashSet();

        // One page of the period's reports and the grouped figures, all narrowed in SQL (by unit too: its places, members
        // and reporters are matched by the database, so no surface reads more reports than it shows).
        var scope = unit is null ? null : Scope(unit, roster, byName);
        // The total is the sum of the per-day counts (same filter), so the page needs no count statement of its own.
        var pageReports = await figures.ReportPageOnlyAsync(period, today, PageSize, filter.Page, leader, filter.Action, scope, cancellationToken);
        var grouped = await figures.ByActionAsync(period, today, leader, filter.Action, scope, cancellationToken);
        var perDay = await figures.ReportCountsByDayAsync(period, today, filter.Action, leader, scope, cancellationToken);
        var total = perDay.Sum(c => c.Count);

        // Tasks, narrowed the same way; the board lists those of the period, overdue and upcoming ones whatever their period.
        var allTasks = (await status.TasksAsync(today, cancellationToken))
            .Where(t => filter.Action is null || t.Action == filter.Action)
            .Where(t => leader is null || t.Task.LeaderId == leader.Id || (t.Task.OwnerUnitId is long o && ledUnits.Contains(o)))
            .Where(t => unit is null || t.Task.OwnerUnitId == unit.Id)
            .ToList();
        var tasks = allTasks.Where(t => LedgerExporter.InPeriod(t.Task, period)).ToList();
        var overdue = allTasks.Where(t => t.Light == Light.Red).ToList();
        var upcoming = allTasks
            .Where(t => t.Task.Status == Bot.Data.Tasks.TaskStatuses.Open && t.Task.Recurrence is null && t.Task.DueEnd is DateOnly due && due >= today && due <= today.AddDays(UpcomingDays))
            .ToList();

        var cards = (await scorecards.ForLeadersAsync(today, cancellationToken))
            .Where(c => leader is null || c.Member.Id == leader.Id)
            .ToList();
        if (unit is not null)
        {
            var inCharge = new List<Scorecard>();
            foreach (var card in cards)
            {
                if ((await members.GetLedUnitsAsync(card.Member.Id, cancellationToken)).Contains(unit.Id) || card.Member.UnitId == unit.Id)
                {
                    inCharge.Add(card);
                }
            }

            cards = inCharge;
        }

        var silent = (await status.NonReportersAsync(period, cancellationToken))
            .Where(m => leader is null || m.Id == leader.Id || m.LeaderId == leader.Id)
            .Where(m => unit is null || m.UnitId == unit.Id)
            .ToList();

        var places = unit is null ? await figures.VisitsByPlaceAsync(period, today, leader, filter.Action, cancellationToken) : [];
        var unitVisits = scope is null ? [] : await figures.VisitsOfUnitAsync(period, today, scope, leader, filter.Action, cancellationToken);
        var coverage = unitList
            .Where(u => u.Type != UnitTypes.Department && (unit is null || u.Id == unit.Id))
            .Select(u =>
            {
                if (unit is null)
                {
                    // Counted per distinct place text of a report: a report naming a unit by its name and by an alias counts twice.
                    var named = places.Where(v => v.Place == u.Name || u.Aliases.Contains(v.Place, StringComparer.Ordinal)).ToList();
                    return new CoverageRow(u, named.Sum(v => v.Reports), named.Select(v => v.MemberName).Distinct(StringComparer.Ordinal).ToList());
                }

                return new CoverageRow(u, unitVisits.Sum(v => v.Count), unitVisits.Select(v => v.Name).Distinct(StringComparer.Ordinal).ToList());
            })
            .ToList();

        var actions = new List<ActionRow>();
        foreach (var action in plan?.Actions.Where(a => filter.Action is null || a.Number == filter.Action) ?? [])
        {
            var actionTasks = tasks.Where(t => t.Action == action.Number).ToList();
            var f = grouped.GetValueOrDefault(action.Number);
            actions.Add(new ActionRow(action, Worst(actionTasks), f?.Reports ?? 0, f?.Metrics ?? new Dictionary<string, double>(), actionTasks));
        }

        var loose = tasks.Where(t => t.Action is null || plan?.Actions.Any(a => a.Number == t.Action) != true).ToList();
        if (loose.Count > 0 && filter.Action is null)
        {
            var f = grouped.GetValueOrDefault(0);
            actions.Add(new ActionRow(null, Worst(loose), f?.Reports ?? 0, f?.Metrics ?? new Dictionary<string, double>(), loose));
        }

        var weeks = new List<WeekCount>();
        for (var start = Period.Week(period.Start).Start; start <= period.End; start = start.AddDays(7))
        {
            var end = start.AddDays(6);
            weeks.Add(new WeekCount(start, perDay.Where(c => c.Key >= start && c.Key <= end).Sum(c => c.Count)));
        }

        var paceMetric = cards.SelectMany(c => c.Lines).Any(x => x.Metric == "research_days") ? "research_days"
            : cards.SelectMany(c => c.Lines).Select(x => x.Metric).FirstOrDefault();
        var pace = cards
            .Select(c => (c.Member, Line: c.Lines.Where(x => x.Metric == paceMetric).OrderByDescending(x => x.Period.End.DayNumber - x.Period.Start.DayNumber).FirstOrDefault()))
            .Where(x => x.Line is not null)
            .Select(x => new PaceRow(x.Member.Name, x.Line!.Actual,
                TrafficLights.ExpectedByNow(x.Line.Min ?? 0, x.Line.Period.Start, x.Line.Period.End, today), x.Line.Min ?? 0, x.Line.Light))
            .ToList();

        return new Board
        {
            Plan = plan,
            Today = today,
            Filter = filter,
            Members = roster,
            Units = unitList,
            Reports = pageReports,
            ReportTotal = total,
            Tasks = tasks,
            Overdue = overdue,
            Upcoming = upcoming,
            Cards = cards,
            NonReporters = silent,
            Coverage = coverage,
            Actions = actions,
            Weeks = weeks,
            PaceMetric = paceMetric,
            Pace = pace,
        };
    }

    /// <summary>
    /// The reports about <paramref name="unit"/> as the board has always matched them: naming it (or an alias) as a place
    /// or unit, stored for one of its members (by id; by name when the id is not on the roster) or sent by one of them
    /// (a name stands for the first roster member of that name).
    /// </summary>
    public static UnitScope Scope(Unit unit, IReadOnlyList<Member> roster, IReadOnlyDictionary<string, Member> byName) => new(
        [unit.Name, .. unit.Aliases],
        roster.Where(m => m.UnitId == unit.Id).Select(m => m.Id).ToList(),
        byName.Where(kv => kv.Value.UnitId == unit.Id).Select(kv => kv.Key).ToList(),
        roster.Select(m => m.Id).ToList());

    private static Light Worst(List<TaskView> tasks) => tasks.Count == 0 ? Light.Green : tasks.Max(t => t.Light);
}
