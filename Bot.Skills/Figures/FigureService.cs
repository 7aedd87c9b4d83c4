using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Skills.Calendar;

namespace Bot.Skills.Figures;

/// <summary>
/// The one place figures come from. Chat answers, digests, reminders, scorecards, the dashboard and the ledger all
/// ask here, so every surface shows the same figure for the same period. A figure is bounded by the period's first
/// and last day and by its "as of" day: only reports whose work date is in the period and not after the as-of day
/// count, and only the versions that were live at the end of that day (or now, when that is earlier) — withdrawn
/// reports never, corrected reports by their version of that moment. Aggregation runs in SQL (<see cref="IReportFigures"/>).
/// </summary>
public sealed class FigureService(IReportFigures figures, IMemberRepository members, TimeProvider time)
{
    /// <summary>Roles expected to report progress.</summary>
    public static readonly IReadOnlySet<string> ReportingRoles = new HashSet<string>(StringComparer.Ordinal) { Roles.Leader, Roles.Department };

    /// <summary>
    /// The filter of <paramref name="period"/> as of <paramref name="asOf"/>: work dates from the period's start to
    /// its end or the as-of day, whichever is earlier; versions live at the end of <paramref name="recordedBy"/>
    /// (default the as-of day), or now when that is earlier.
    /// </summary>
    public FigureFilter Filter(Period period, DateOnly asOf, DateOnly? recordedBy = null)
    {
        var to = period.End < asOf ? period.End : asOf;
        var endOfDay = BusinessClock.StartOf((recordedBy ?? asOf).AddDays(1));
        // A moment that is not in the past is "now": the current versions, read by their flags alone.
        return new FigureFilter(period.Start, to, endOfDay < time.GetUtcNow() ? endOfDay : DateTimeOffset.MaxValue);
    }

    /// <summary>Metric totals per member (leaders and others) over the period as of a day.</summary>
    public Task<IReadOnlyList<MetricTotal>> MetricsByMemberAsync(Period period, DateOnly asOf, DateOnly? recordedBy = null, CancellationToken cancellationToken = default) =>
        figures.SumByMemberAsync(Filter(period, asOf, recordedBy), cancellationToken);

    /// <summary>The same narrowed to one member (their id, or their name when no id was stored): a single leader's card.</summary>
    public Task<IReadOnlyList<MetricTotal>> MetricsByMemberAsync(Member member, Period period, DateOnly asOf, DateOnly? recordedBy = null, CancellationToken cancellationToken = default) =>
        figures.SumByMemberAsync(Filter(period, asOf, recordedBy) with { MemberId = member.Id, MemberName = member.Name }, cancellationToken);

    /// <summary>
    /// <see cref="MetricsByMemberAsync(Member, Period, DateOnly, DateOnly?, CancellationToken)"/> for several periods at once
    /// (a leader's standing line: this month and this year): one query over the daily rollup when the periods end on the
    /// same counted day, one per period otherwise. Result i belongs to <paramref name="periods"/>[i].
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<MetricTotal>>> MetricsByMemberAsync(Member member, IReadOnlyList<Period> periods, DateOnly asOf, DateOnly? recordedBy = null, CancellationToken cancellationToken = default)
    {
        var filters = periods.Select(p => Filter(p, asOf, recordedBy) with { MemberId = member.Id, MemberName = member.Name }).ToList();
        if (filters.Count > 1 && filters.All(f => f.To == filters[0].To && f.AsOf == filters[0].AsOf))
        {
            return await figures.SumByMemberOverRangesAsync(filters[0], filters.Select(f => f.From).ToList(), cancellationToken);
        }

        var results = new List<IReadOnlyList<MetricTotal>>();
        foreach (var filter in filters)
        {
            results.Add(await figures.SumByMemberAsync(filter, cancellationToken));
        }

        return results;
    }

    /// <summary>One member's metric totals (reports stored for the member, or for their name without a member id).</summary>
    public async Task<IReadOnlyDictionary<string, double>> MetricsOfAsync(Member member, Period period, DateOnly asOf, int? action = null, CancellationToken cancellationToken = default) =>
        Totals(await figures.SumByMemberAsync(Filter(period, asOf) with { MemberId = member.Id, MemberName = member.Name, Action = action }, cancellationToken));

    /// <summary>Metric totals of every report (optionally one action's) over the period.</summary>
    public async Task<IReadOnlyDictionary<string, double>> MetricsAsync(Period period, DateOnly asOf, int? action = null, CancellationToken cancellationToken = default) =>
        Canonical((await figures.SumByActionAsync(Filter(period, asOf) with { Action = action }, cancellationToken))
            .GroupBy(t => t.Metric, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Sum(t => t.Value))));

    /// <summary>Reports and metric totals per plan action (key null = reports without an action).</summary>
    public Task<IReadOnlyDictionary<int, ActionFigures>> ByActionAsync(Period period, DateOnly asOf, Member? member = null, CancellationToken cancellationToken = default) =>
        ByActionAsync(period, asOf, member, null, null, cancellationToken);

    /// <summary>The same narrowed to one action and/or the reports about one unit (grouped in SQL on the report rows).</summary>
    public async Task<IReadOnlyDictionary<int, ActionFigures>> ByActionAsync(Period period, DateOnly asOf, Member? member, int? action, UnitScope? unit, CancellationToken cancellationToken = default)
    {
        var filter = Filter(period, asOf) with { MemberId = member?.Id, MemberName = member?.Name, Action = action, Unit = unit };
        var counts = await figures.CountByActionAsync(filter, cancellationToken);
        var sums = await figures.SumByActionAsync(filter, cancellationToken);
        return counts.Select(c => c.Key).Concat(sums.Select(s => s.Action)).Distinct()
            .ToDictionary(
                a => a ?? 0,
                a => new ActionFigures(
                    counts.Where(c => c.Key == a).Sum(c => c.Count),
                    Canonical(sums.Where(s => s.Action == a).Select(s => (s.Metric, s.Value)))));
    }

    /// <summary>Number of reports (optionally of one member or one action).</summary>
    public Task<int> ReportCountAsync(Period period, DateOnly asOf, Member? member = null, int? action = null, CancellationToken cancellationToken = default) =>
        figures.CountAsync(Filter(period, asOf) with { MemberId = member?.Id, MemberName = member?.Name, Action = action }, cancellationToken);

    /// <summary>Number of reports per member.</summary>
    public Task<IReadOnlyList<ReportCount<long?>>> ReportCountsByMemberAsync(Period period, DateOnly asOf, CancellationToken cancellationToken = default) =>
        figures.CountByMemberAsync(Filter(period, asOf), cancellationToken);

    /// <summary>Number of reports per member for one action.</summary>
    public Task<IReadOnlyList<ReportCount<long?>>> ReportCountsByMemberAsync(Period period, DateOnly asOf, int action, CancellationToken cancellationToken = default) =>
        figures.CountByMemberAsync(Filter(period, asOf) with { Action = action }, cancellationToken);

    /// <summary>Metric totals per member for one action (null = all).</summary>
    public Task<IReadOnlyList<MetricTotal>> MetricsByMemberAsync(Period period, DateOnly asOf, int? action, CancellationToken cancellationToken = default) =>
        figures.SumByMemberAsync(Filter(period, asOf) with { Action = action }, cancellationToken);

    /// <summary>Number of reports per work date.</summary>
    public Task<IReadOnlyList<ReportCount<DateOnly>>> ReportCountsByDayAsync(Period period, DateOnly asOf, int? action = null, Member? member = null, UnitScope? unit = null, CancellationToken cancellationToken = default) =>
        figures.CountByDayAsync(Filter(period, asOf) with { Action = action, MemberId = member?.Id, MemberName = member?.Name, Unit = unit }, cancellationToken);

    /// <summary>Number of reports per member that name the unit as a place or unit (the board's 走访覆盖 of one unit).</summary>
    public Task<IReadOnlyList<ReportCount<long?>>> VisitsOfUnitAsync(Period period, DateOnly asOf, UnitScope unit, Member? member = null, int? action = null, CancellationToken cancellationToken = default) =>
        figures.CountByMemberAsync(Filter(period, asOf) with { Action = action, MemberId = member?.Id, MemberName = member?.Name, Unit = unit.Named() }, cancellationToken);

    /// <summary>The counted reports, newest work date first.</summary>
    public Task<IReadOnlyList<ProgressReport>> ReportsAsync(Period period, DateOnly asOf, int limit, Member? member = null, int? action = null, CancellationToken cancellationToken = default) =>
        figures.ListAsync(Filter(period, asOf) with { MemberId = member?.Id, MemberName = member?.Name, Action = action }, limit, cancellationToken);

    /// <summary>One page of the counted reports, newest work date first (for a caller that knows the total already).</summary>
    public Task<IReadOnlyList<ProgressReport>> ReportPageOnlyAsync(Period period, DateOnly asOf, int pageSize, int page, Member? member = null, int? action = null, UnitScope? unit = null, CancellationToken cancellationToken = default) =>
        figures.ListAsync(Filter(period, asOf) with { MemberId = member?.Id, MemberName = member?.Name, Action = action, Unit = unit }, pageSize, Math.Max(0, page - 1) * pageSize, cancellationToken);

    /// <summary>One page of the counted reports, newest work date first, and how many there are in all.</summary>
    public async Task<(IReadOnlyList<ProgressReport> Page, int Total)> ReportPageAsync(Period period, DateOnly asOf, int pageSize, int page, Member? member = null, int? action = null, UnitScope? unit = null, CancellationToken cancellationToken = default)
    {
        var total = await figures.CountAsync(Filter(period, asOf) with { MemberId = member?.Id, MemberName = member?.Name, Action = action, Unit = unit }, cancellationToken);
        return (await ReportPageOnlyAsync(period, asOf, pageSize, page, member, action, unit, cancellationToken), total);
    }

    /// <summary>Number of counted reports per place or unit they name and per member.</summary>
    public Task<IReadOnlyList<PlaceVisits>> VisitsByPlaceAsync(Period period, DateOnly asOf, Member? member = null, int? action = null, CancellationToken cancellationToken = default) =>
        figures.VisitsByPlaceAsync(Filter(period, asOf) with { MemberId = member?.Id, MemberName = member?.Name, Action = action }, cancellationToken);

    /// <summary>Withdrawn reports with a work date in the period (the ledger lists them on their own sheet).</summary>
    public Task<IReadOnlyList<ProgressReport>> WithdrawnAsync(Period period, int limit, CancellationToken cancellationToken = default) =>
        figures.ListWithdrawnAsync(period.Start, period.End, limit, cancellationToken);

    /// <summary>
    /// Active leaders and department members with no counted report (sent by them or about them) whose work date is in
    /// the period up to the as-of day; an undated report counts by the day it was stored.
    /// </summary>
    public async Task<IReadOnlyList<Member>> NonReportersAsync(Period period, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var filter = Filter(period, asOf);
        var expected = (await members.ListAsync(cancellationToken)).Where(m => m.Active && ReportingRoles.Contains(m.Role)).ToList();
        var reported = (await figures.ReportingNamesAsync(filter, BusinessClock.StartOf(filter.From), BusinessClock.StartOf(filter.To.AddDays(1)),
                expected.Select(m => m.Name).ToList(), cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return expected.Where(m => !reported.Contains(m.Name)).ToList();
    }

    /// <summary>A member's total of one metric in a list of per-member totals (their id, or their name when no id was stored).</summary>
    public static double Of(IEnumerable<MetricTotal> totals, Member member, string metric) =>
        totals.Where(t => t.Metric == metric && (t.MemberId == member.Id || (t.MemberId is null && t.MemberName == member.Name))).Sum(t => t.Value);

    private static Dictionary<string, double> Totals(IEnumerable<MetricTotal> totals) =>
        Canonical(totals.GroupBy(t => t.Metric, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(t => t.Value))));

    /// <summary>Metric totals in the catalogue's canonical order (专题调研 before 调研天数 …), unknown keys last.</summary>
    private static Dictionary<string, double> Canonical(IEnumerable<(string Metric, double Value)> totals)
    {
        var order = Scorecards.MetricCatalog.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        return totals.OrderBy(t => order.GetValueOrDefault(t.Metric, int.MaxValue)).ThenBy(t => t.Metric, StringComparer.Ordinal)
            .ToDictionary(t => t.Metric, t => t.Value, StringComparer.Ordinal);
    }
}

/// <summary>Reports and metric totals of one plan action over a period.</summary>
public sealed record ActionFigures(int Reports, IReadOnlyDictionary<string, double> Metrics);
