using System.Globalization;
using Bot.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.ProgressReports;

/// <summary>
/// What a figure counts: the report versions that were live just before <see cref="AsOf"/> (stored before it, not
/// replaced by a correction or withdrawn before it) whose work date lies in [<see cref="From"/>, <see cref="To"/>], optionally narrowed
/// to one member, one action or one activity.
/// </summary>
public sealed record FigureFilter(DateOnly From, DateOnly To, DateTimeOffset AsOf)
{
    public long? MemberId { get; init; }

    /// <summary>Matches reports stored for this name without a member id (with <see cref="MemberId"/>).</summary>
    public string? MemberName { get; init; }

    public int? Action { get; init; }

    public string? Activity { get; init; }

    /// <summary>Only reports about one unit (matched in SQL on the versioned rows, never from the rollup).</summary>
    public UnitScope? Unit { get; init; }
}

/// <summary>
/// The reports about a unit: naming it (<see cref="Places"/>: its name and aliases) as a place or unit, or stored for one
/// of its members (<see cref="MemberIds"/>; by <see cref="MemberNames"/> when the report's member id is none of
/// <see cref="RosterIds"/>), or sent by one of them (<see cref="MemberNames"/> as the reporter). Empty lists match nothing.
/// </summary>
public sealed record UnitScope(IReadOnlyList<string> Places, IReadOnlyList<long> MemberIds, IReadOnlyList<string> MemberNames, IReadOnlyList<long> RosterIds)
{
    /// <summary>Only the reports that name the unit as a place or unit (走访覆盖).</summary>
    public UnitScope Named() => new(Places, [], [], []);
}

/// <summary>A metric total of one plan action.</summary>
public sealed record ActionMetricTotal(int? Action, string Metric, double Value);

/// <summary>How many counted reports of <see cref="MemberName"/> name <see cref="Place"/> (as a place or a unit).</summary>
public sealed record PlaceVisits(string Place, long? MemberId, string MemberName, int Reports);

/// <summary>
/// Live river patrols from <see cref="Start"/> to <see cref="End"/> by or about <see cref="Name"/> (its member name,
/// reporter or one of its people) stored for member <see cref="MemberId"/>; <see cref="Photos"/> when one carries photos.
/// </summary>
public sealed record PatrolSpan(DateOnly Start, DateOnly End, long? MemberId, string Name, bool Photos);

/// <summary>A number of reports per key (member id/name, action or work date).</summary>
public sealed record ReportCount<TKey>(TKey Key, string Name, int Count);

/// <summary>
/// Grouped figures over live report versions, aggregated in SQL (GROUP BY over a work-date range, served by the
/// (is_current, withdrawn, member_id|action, work_date) indexes), never by loading reports into memory.
/// </summary>
public interface IReportFigures
{
    /// <summary>Sums of each metric per member.</summary>
    Task<IReadOnlyList<MetricTotal>> SumByMemberAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="SumByMemberAsync"/> for several ranges that share the filter's end and as-of (a month and a year up to
    /// today, a leader's standing line): range i starts on <paramref name="starts"/>[i] (the filter's own start is not
    /// used). One query over the daily rollup when the rollup answers the filter; one query per range otherwise.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<MetricTotal>>> SumByMemberOverRangesAsync(FigureFilter filter, IReadOnlyList<DateOnly> starts, CancellationToken cancellationToken = default);

    /// <summary>Sums of each metric per plan action (null = reports without an action).</summary>
    Task<IReadOnlyList<ActionMetricTotal>> SumByActionAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Number of reports per member (key = member id, name = member name).</summary>
    Task<IReadOnlyList<ReportCount<long?>>> CountByMemberAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Number of reports per plan action.</summary>
    Task<IReadOnlyList<ReportCount<int?>>> CountByActionAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Number of reports per work date.</summary>
    Task<IReadOnlyList<ReportCount<DateOnly>>> CountByDayAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Number of reports.</summary>
    Task<int> CountAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Names that sent or are the subject of a counted report (undated reports count by their creation day). With
    /// <paramref name="among"/>, only those names are looked up (one indexed probe each instead of every name of the
    /// period); names of undated reports may still come back beyond them.
    /// </summary>
    Task<IReadOnlyList<string>> ReportingNamesAsync(FigureFilter filter, DateTimeOffset createdFromUtc, DateTimeOffset createdToUtc, IReadOnlyCollection<string>? among = null, CancellationToken cancellationToken = default);

    /// <summary>The counted reports themselves, newest work date first (for lists, the ledger and highlights).</summary>
    Task<IReadOnlyList<ProgressReport>> ListAsync(FigureFilter filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>One page of the counted reports, newest work date first: rows [<paramref name="offset"/>, offset + limit).</summary>
    Task<IReadOnlyList<ProgressReport>> ListAsync(FigureFilter filter, int limit, int offset, CancellationToken cancellationToken = default);

    /// <summary>Number of counted reports per place or unit they name and per member (a report counts once per distinct text).</summary>
    Task<IReadOnlyList<PlaceVisits>> VisitsByPlaceAsync(FigureFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The live river patrols (activity 河长 or a positive patrols count) whose work date is in [from, to], per person
    /// each is by or about, from the rollup (kind 3): a few rows per day instead of every patrol report of the period.
    /// </summary>
    Task<IReadOnlyList<PatrolSpan>> PatrolsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Withdrawn reports (current versions) with a work date in the range, for the ledger's own sheet.</summary>
    Task<IReadOnlyList<ProgressReport>> ListWithdrawnAsync(DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken = default);
}

internal sealed class ReportFigures(IDbConnectionFactory connections, ProgressReportRepository reports, TimeProvider time) : RepositoryBase(connections), IReportFigures
{
    public Task<IReadOnlyList<MetricTotal>> SumByMemberAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 1);
            return QueryAsync<MetricTotal>($"""
                SELECT NULLIF(u.member_id, 0) AS MemberId, u.member_name AS MemberName, u.name AS Metric, SUM(u.value) AS Value
                FROM {on}
                GROUP BY u.member_id, u.member_name, u.name HAVING SUM(u.reports) > 0
                ORDER BY u.member_name, u.name
                """, values, cancellationToken);
        }

        var (from, where, parameters) = Source(filter);
        return QueryAsync<MetricTotal>($"""
            SELECT r.member_id AS MemberId, r.member_name AS MemberName, m.metric AS Metric, SUM(m.value) AS Value
            FROM {from} JOIN report_metrics m ON m.report_id = r.id
            WHERE {where}
            GROUP BY r.member_id, r.member_name, m.metric
            ORDER BY r.member_name, m.metric
            """, parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<IReadOnlyList<MetricTotal>>> SumByMemberOverRangesAsync(FigureFilter filter, IReadOnlyList<DateOnly> starts, CancellationToken cancellationToken = default)
    {
        var results = new List<IReadOnlyList<MetricTotal>>();
        if (starts.Count < 2 || !FromRollup(filter))
        {
            foreach (var start in starts)
            {
                results.Add(await SumByMemberAsync(filter with { From = start }, cancellationToken));
            }

            return results;
        }

        // Each range is its own rollup source (whole months from the month rows, the rest from the daily rows), tagged
        // with its number; the union of them is grouped once.
        var values = new DynamicParameters();
        var ranges = new List<string>();
        for (var i = 0; i < starts.Count; i++)
        {
            var tag = string.Create(CultureInfo.InvariantCulture, $"R{i}");
            var (source, _) = RollupSource(filter with { From = starts[i] }, 1, parameters: values, tag: tag);
            ranges.Add(string.Create(CultureInfo.InvariantCulture, $"SELECT {i} AS range_no, u.* FROM {source}"));
        }

        var rows = await QueryAsync<RangeRow>($"""
            SELECT u.range_no AS RangeNo, NULLIF(u.member_id, 0) AS MemberId, u.member_name AS MemberName, u.name AS Metric, SUM(u.value) AS Value
            FROM ({string.Join(" UNION ALL ", ranges)}) u
            GROUP BY u.range_no, u.member_id, u.member_name, u.name HAVING SUM(u.reports) > 0
            ORDER BY u.member_name, u.name
            """, values, cancellationToken);
        for (var i = 0; i < starts.Count; i++)
        {
            results.Add(rows.Where(r => r.RangeNo == i).Select(r => new MetricTotal { MemberId = r.MemberId, MemberName = r.MemberName, Metric = r.Metric, Value = r.Value }).ToList());
        }

        return results;
    }

    public async Task<IReadOnlyList<ActionMetricTotal>> SumByActionAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 1);
            return (await QueryAsync<ActionRow>($"""
                SELECT NULLIF(u.action, 0) AS Action, u.name AS Metric, SUM(u.value) AS Value
                FROM {on}
                GROUP BY u.action, u.name HAVING SUM(u.reports) > 0
                """, values, cancellationToken)).Select(r => new ActionMetricTotal(r.Action, r.Metric, r.Value)).ToList();
        }

        var (from, where, parameters) = Source(filter);
        return (await QueryAsync<ActionRow>($"""
            SELECT r.action AS Action, m.metric AS Metric, SUM(m.value) AS Value
            FROM {from} JOIN report_metrics m ON m.report_id = r.id
            WHERE {where}
            GROUP BY r.action, m.metric
            """, parameters, cancellationToken)).Select(r => new ActionMetricTotal(r.Action, r.Metric, r.Value)).ToList();
    }

    public async Task<IReadOnlyList<ReportCount<long?>>> CountByMemberAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 0);
            return (await QueryAsync<MemberCountRow>($"""
                SELECT NULLIF(u.member_id, 0) AS MemberId, u.member_name AS MemberName, SUM(u.reports) AS Count
                FROM {on}
                GROUP BY u.member_id, u.member_name HAVING SUM(u.reports) > 0
                """, values, cancellationToken)).Select(r => new ReportCount<long?>(r.MemberId, r.MemberName, (int)r.Count)).ToList();
        }

        var (from, where, parameters) = Source(filter);
        return (await QueryAsync<MemberCountRow>($"""
            SELECT r.member_id AS MemberId, r.member_name AS MemberName, COUNT(*) AS Count
            FROM {from} WHERE {where}
            GROUP BY r.member_id, r.member_name
            """, parameters, cancellationToken)).Select(r => new ReportCount<long?>(r.MemberId, r.MemberName, (int)r.Count)).ToList();
    }

    public async Task<IReadOnlyList<ReportCount<int?>>> CountByActionAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 0);
            return (await QueryAsync<ActionCountRow>($"""
                SELECT NULLIF(u.action, 0) AS Action, SUM(u.reports) AS Count FROM {on}
                GROUP BY u.action HAVING SUM(u.reports) > 0
                """, values, cancellationToken)).Select(r => new ReportCount<int?>(r.Action, "", (int)r.Count)).ToList();
        }

        var (from, where, parameters) = Source(filter);
        return (await QueryAsync<ActionCountRow>($"""
            SELECT r.action AS Action, COUNT(*) AS Count FROM {from} WHERE {where} GROUP BY r.action
            """, parameters, cancellationToken)).Select(r => new ReportCount<int?>(r.Action, "", (int)r.Count)).ToList();
    }

    public async Task<IReadOnlyList<ReportCount<DateOnly>>> CountByDayAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 0, daily: true);
            return (await QueryAsync<DayCountRow>($"""
                SELECT u.work_date AS Day, SUM(u.reports) AS Count FROM {on}
                GROUP BY u.work_date HAVING SUM(u.reports) > 0 ORDER BY u.work_date
                """, values, cancellationToken)).Select(r => new ReportCount<DateOnly>(r.Day, "", (int)r.Count)).ToList();
        }

        var (from, where, parameters) = Source(filter);
        return (await QueryAsync<DayCountRow>($"""
            SELECT r.work_date AS Day, COUNT(*) AS Count FROM {from} WHERE {where} GROUP BY r.work_date ORDER BY r.work_date
            """, parameters, cancellationToken)).Select(r => new ReportCount<DateOnly>(r.Day, "", (int)r.Count)).ToList();
    }

    public async Task<int> CountAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 0);
            return (int)(await ScalarAsync<long?>($"SELECT SUM(u.reports) FROM {on}", values, cancellationToken) ?? 0);
        }

        var (from, where, parameters) = Source(filter);
        return (int)await ScalarAsync<long>($"SELECT COUNT(*) FROM {from} WHERE {where}", parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReportingNamesAsync(FigureFilter filter, DateTimeOffset createdFromUtc, DateTimeOffset createdToUtc,
        IReadOnlyCollection<string>? among = null, CancellationToken cancellationToken = default)
    {
        if (among is not null && FromRollup(filter))
        {
            // SQLite allows at most 500 terms in a compound SELECT: a large roster is probed in chunks, one statement each.
            var distinct = among.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count <= ProbesPerStatement)
            {
                return await ReportedAmongAsync(filter, createdFromUtc, createdToUtc, distinct, cancellationToken);
            }

            var reported = new List<string>();
            foreach (var chunk in distinct.Chunk(ProbesPerStatement))
            {
                reported.AddRange(await ReportedAmongAsync(filter, createdFromUtc, createdToUtc, chunk, cancellationToken));
            }

            return reported.Distinct(StringComparer.Ordinal).ToList();
        }

        var names = await NamesAsync(filter, createdFromUtc, createdToUtc, cancellationToken);
        if (among is null)
        {
            return names;
        }

        var wanted = among.ToHashSet(StringComparer.Ordinal);
        return names.Where(wanted.Contains).ToList();
    }

    /// <summary>Names probed by one statement of <see cref="ReportedAmongAsync"/> (SQLite's compound SELECT limit is 500).</summary>
    internal const int ProbesPerStatement = 400;

    /// <summary>
    /// Which of <paramref name="among"/> reported: per name an EXISTS probe of the rollup's (kind, member_name|reported_by,
    /// work_date) indexes, plus the names of undated live reports created in the range.
    /// </summary>
    private Task<IReadOnlyList<string>> ReportedAmongAsync(FigureFilter filter, DateTimeOffset createdFromUtc, DateTimeOffset createdToUtc,
        IReadOnlyCollection<string> among, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { From = filter.From, To = filter.To, CreatedFrom = createdFromUtc, CreatedTo = createdToUtc });
        var candidates = new List<string>();
        foreach (var name in among.Distinct(StringComparer.Ordinal))
        {
            var p = "N" + candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(p, name);
            // MariaDB: a parameter in a derived table takes the connection's collation; the columns' one keeps the UNION legal.
            candidates.Add(Dialect.Provider == DatabaseProvider.MySql ? $"SELECT CONVERT(@{p} USING utf8mb4) COLLATE utf8mb4_unicode_ci AS name" : $"SELECT @{p} AS name");
        }

        const string InRange = "u.kind = 0 AND u.work_date >= @From AND u.work_date <= @To AND u.reports > 0";
        var probes = candidates.Count == 0 ? "" : $"""
            SELECT c.name FROM ({string.Join(" UNION ALL ", candidates)}) AS c
            WHERE EXISTS (SELECT 1 FROM report_rollup u WHERE u.member_name = c.name AND {InRange})
               OR EXISTS (SELECT 1 FROM report_rollup u WHERE u.reported_by = c.name AND {InRange})
            UNION
            """;
        const string Undated = "r.is_current = 1 AND r.withdrawn = 0 AND r.work_date IS NULL AND r.created_at >= @CreatedFrom AND r.created_at < @CreatedTo";
        return QueryAsync<string>($"""
            {probes}
            SELECT r.member_name FROM progress_reports r WHERE {Undated}
            UNION
            SELECT r.reported_by FROM progress_reports r WHERE {Undated}
            """, parameters, cancellationToken);
    }

    private Task<IReadOnlyList<string>> NamesAsync(FigureFilter filter, DateTimeOffset createdFromUtc, DateTimeOffset createdToUtc, CancellationToken cancellationToken)
    {
        var (live, parameters) = Live(filter);
        parameters.Add("From", filter.From);
        parameters.Add("To", filter.To);
        parameters.Add("CreatedFrom", createdFromUtc);
        parameters.Add("CreatedTo", createdToUtc);
        var range = "((r.work_date >= @From AND r.work_date <= @To) OR (r.work_date IS NULL AND r.created_at >= @CreatedFrom AND r.created_at < @CreatedTo))";
        return QueryAsync<string>($"""
            SELECT r.member_name FROM progress_reports r WHERE {live} AND {range}
            UNION
            SELECT r.reported_by FROM progress_reports r WHERE {live} AND {range}
            """, parameters, cancellationToken);
    }

    public Task<IReadOnlyList<ProgressReport>> ListAsync(FigureFilter filter, int limit, CancellationToken cancellationToken = default) =>
        ListAsync(filter, limit, 0, cancellationToken);

    public Task<IReadOnlyList<ProgressReport>> ListAsync(FigureFilter filter, int limit, int offset, CancellationToken cancellationToken = default)
    {
        var (from, where, parameters) = Source(filter);
        parameters.Add("Limit", limit);
        parameters.Add("Offset", offset);
        const string Order = "ORDER BY r.work_date DESC, r.id DESC";
        return reports.SelectAsync(
            from == Reports
                ? $"{where} {Order} LIMIT @Limit OFFSET @Offset"
                : $"r.id IN (SELECT p.id FROM (SELECT r.id FROM {from} WHERE {where} {Order} LIMIT @Limit OFFSET @Offset) p) {Order}", // the page's ids from the narrow source, then its rows
            parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<PlaceVisits>> VisitsByPlaceAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        if (FromRollup(filter))
        {
            var (on, values) = RollupSource(filter, 2);
            return (await QueryAsync<PlaceRow>($"""
                SELECT u.name AS Place, NULLIF(u.member_id, 0) AS MemberId, u.member_name AS MemberName, SUM(u.reports) AS Reports
                FROM {on}
                GROUP BY u.name, u.member_id, u.member_name HAVING SUM(u.reports) > 0
                """, values, cancellationToken)).Select(r => new PlaceVisits(r.Place, r.MemberId, r.MemberName, (int)r.Reports)).ToList();
        }

        // A past "as of" moment or one activity: the versioned rows, counted here (the rollup only knows the present).
        return (await ListAsync(filter, int.MaxValue, 0, cancellationToken))
            .SelectMany(r => r.Places.Concat(r.Units).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Select(p => (Place: p, r.MemberId, r.MemberName)))
            .GroupBy(x => x)
            .Select(g => new PlaceVisits(g.Key.Place, g.Key.MemberId, g.Key.MemberName, g.Count()))
            .ToList();
    }

    public async Task<IReadOnlyList<PatrolSpan>> PatrolsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        (await QueryAsync<PatrolRow>("""
            SELECT u.work_date AS Start, u.reported_by AS LastDay, NULLIF(u.member_id, 0) AS MemberId, u.name AS Name, u.action AS Photos
            FROM report_rollup u WHERE u.kind = @Kind AND u.work_date >= @From AND u.work_date <= @To AND u.reports > 0
            """, new { Kind = ReportRollup.PatrolKind, From = from, To = to }, cancellationToken))
        .Select(r => new PatrolSpan(r.Start, DateOnly.ParseExact(r.LastDay, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.MemberId, r.Name, r.Photos > 0))
        .ToList();

    public Task<IReadOnlyList<ProgressReport>> ListWithdrawnAsync(DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken = default) =>
        reports.SelectAsync("r.is_current = 1 AND r.withdrawn = 1 AND r.work_date >= @From AND r.work_date <= @To ORDER BY r.work_date, r.id LIMIT @Limit",
            new DynamicParameters(new { From = from, To = to, Limit = limit }), cancellationToken);

    /// <summary>
    /// Figures as of now (no activity filter) come from the daily rollup; figures as of a past moment, or of one activity,
    /// from the versioned report rows.
    /// </summary>
    private bool FromRollup(FigureFilter filter) => filter.Activity is null && filter.Unit is null && IsNow(filter);

    /// <summary>
    /// The rollup rows of one kind in the range and subject filters, as a derived table <c>u</c>: the range's whole calendar
    /// months from the month rows (kind + <see cref="ReportRollup.MonthKinds"/>), the days before and after them from the
    /// daily rows (every day from the daily rows when <paramref name="daily"/>: figures per work date). Each branch is an
    /// index range of its own, with the subject filters inside it.
    /// </summary>
    private static (string Source, DynamicParameters Parameters) RollupSource(FigureFilter filter, int kind, bool daily = false, DynamicParameters? parameters = null, string tag = "")
    {
        parameters ??= new DynamicParameters();
        parameters.Add("Kind", kind);
        parameters.Add("MonthKind", kind + ReportRollup.MonthKinds);
        var subject = new List<string>();
        AddSubject(subject, parameters, filter, "u", "u.member_id = 0"); // the rollup keeps reports of no member under 0
        var narrowed = string.Concat(subject.Select(w => " AND " + w));
        var branches = new List<string>();
        void Range(string name, string kindParameter, DateOnly from, DateOnly to)
        {
            name = tag + name;
            parameters.Add(name + "From", from);
            parameters.Add(name + "To", to);
            branches.Add($"SELECT * FROM report_rollup u WHERE u.kind = @{kindParameter} AND u.work_date >= @{name}From AND u.work_date <= @{name}To{narrowed}");
        }

        var (from, to) = (filter.From, filter.To);
        var firstMonth = from.Day == 1 ? from : new DateOnly(from.Year, from.Month, 1).AddMonths(1);
        var lastMonth = to.AddDays(1).Day == 1 ? new DateOnly(to.Year, to.Month, 1) : new DateOnly(to.Year, to.Month, 1).AddMonths(-1);
        if (daily || firstMonth > lastMonth)
        {
            if (from <= to)
            {
                Range("Day", "Kind", from, to);
            }
        }
        else
        {
            if (from < firstMonth)
            {
                Range("Head", "Kind", from, firstMonth.AddDays(-1));
            }

            Range("Month", "MonthKind", firstMonth, lastMonth);
            var tail = lastMonth.AddMonths(1);
            if (tail <= to)
            {
                Range("Tail", "Kind", tail, to);
            }
        }

        return branches.Count == 0
            ? ("(SELECT * FROM report_rollup u WHERE 1 = 0) u", parameters)
            : ($"({string.Join(" UNION ALL ", branches)}) u", parameters);
    }

    /// <summary>The member (by id, or by name for reports stored without one) and action filters over <paramref name="alias"/>.</summary>
    private static void AddSubject(List<string> where, DynamicParameters parameters, FigureFilter filter, string alias, string noMember)
    {
        if (filter.MemberId is long memberId)
        {
            where.Add(filter.MemberName is null
                ? $"{alias}.member_id = @MemberId"
                : $"({alias}.member_id = @MemberId OR ({noMember} AND {alias}.member_name = @MemberName))");
            parameters.Add("MemberId", memberId);
            parameters.Add("MemberName", filter.MemberName);
        }
        else if (filter.MemberName is not null)
        {
            where.Add($"{alias}.member_name = @MemberName");
            parameters.Add("MemberName", filter.MemberName);
        }

        if (filter.Action is int action)
        {
            where.Add($"{alias}.action = @Action");
            parameters.Add("Action", action);
        }
    }

    private const string Reports = "progress_reports r";

    /// <summary>
    /// The rows a figure reads, its condition and parameters, over alias <c>r</c> (id, work_date, action, activity,
    /// member_id, member_name): the report rows with <see cref="Where"/>, or, for a unit's figures as of now, the unit's
    /// live reports of the range as a derived table built from indexes only — report_names (the versions naming the unit,
    /// with their live flag, action and member) and the report indexes of its members — so that counting a unit's
    /// reports never reads a report row.
    /// </summary>
    private (string From, string Where, DynamicParameters Parameters) Source(FigureFilter filter)
    {
        if (filter.Unit is not UnitScope unit || !IsNow(filter))
        {
            var (rowsWhere, rowsParameters) = Where(filter);
            return (Reports, rowsWhere, rowsParameters);
        }

        var parameters = new DynamicParameters();
        var where = Narrowing(filter, parameters);
        var branches = UnitBranches(unit, parameters, live: true);
        return branches.Count == 0
            ? (Reports, "1 = 0", parameters)
            : ($"({string.Join(" UNION ", branches)}) r", string.Join(" AND ", where), parameters);
    }

    /// <summary>
    /// The SELECTs whose union is a unit's reports in [@From, @To]: naming the unit or an alias among their places or
    /// units, stored for one of its members, sent by one, or stored under a member's name without a roster member. Only
    /// the branches whose lists are not empty (an empty IN list would make the database scan). <paramref name="live"/>:
    /// current, not withdrawn versions only, with the columns of <see cref="Source"/>; otherwise every version's id.
    /// </summary>
    private static List<string> UnitBranches(UnitScope unit, DynamicParameters parameters, bool live)
    {
        var columns = live ? "x.id, x.work_date, x.action, x.activity, x.member_id, x.member_name" : "x.id";
        var rows = $"SELECT {columns} FROM progress_reports x WHERE {(live ? "x.is_current = 1 AND x.withdrawn = 0 AND " : "")}x.work_date >= @From AND x.work_date <= @To AND ";
        var branches = new List<string>();
        if (unit.Places.Count > 0)
        {
            branches.Add(live
                ? "SELECT n.report_id AS id, n.work_date, n.action, n.activity, n.member_id, n.member_name FROM report_names n WHERE n.name IN @UnitPlaces AND n.work_date >= @From AND n.work_date <= @To AND n.live = 1"
                : "SELECT n.report_id AS id FROM report_names n WHERE n.name IN @UnitPlaces AND n.work_date >= @From AND n.work_date <= @To");
            parameters.Add("UnitPlaces", unit.Places.ToArray());
        }

        if (unit.MemberIds.Count > 0)
        {
            branches.Add(rows + "x.member_id IN @UnitMemberIds");
            parameters.Add("UnitMemberIds", unit.MemberIds.ToArray());
        }

        if (unit.MemberNames.Count > 0)
        {
            branches.Add(rows + "x.reported_by IN @UnitMemberNames");
            branches.Add(rows + "x.member_name IN @UnitMemberNames" + (unit.RosterIds.Count > 0 ? " AND (x.member_id IS NULL OR x.member_id NOT IN @RosterIds)" : ""));
            parameters.Add("UnitMemberNames", unit.MemberNames.ToArray());
            if (unit.RosterIds.Count > 0)
            {
                parameters.Add("RosterIds", unit.RosterIds.ToArray());
            }
        }

        return branches;
    }

    /// <summary>The live condition and the range and subject filters, as parameterised SQL over alias <c>r</c>.</summary>
    private (string Where, DynamicParameters Parameters) Where(FigureFilter filter)
    {
        var (live, parameters) = Live(filter);
        var where = Narrowing(filter, parameters);
        where.Insert(0, live);
        if (filter.Unit is UnitScope unit)
        {
            // A past as-of moment: the unit's report versions found through indexes (any version; the live test above
            // decides), probed by id. The union is a derived table, so it is read first.
            var branches = UnitBranches(unit, parameters, live: false);
            where.Add(branches.Count == 0 ? "1 = 0" : $"r.id IN (SELECT m.id FROM ({string.Join(" UNION ", branches)}) m)");
        }

        return (string.Join(" AND ", where), parameters);
    }

    /// <summary>The range, subject (member, action) and activity conditions over alias <c>r</c>, adding their parameters.</summary>
    private static List<string> Narrowing(FigureFilter filter, DynamicParameters parameters)
    {
        var where = new List<string> { "r.work_date >= @From", "r.work_date <= @To" };
        parameters.Add("From", filter.From);
        parameters.Add("To", filter.To);
        AddSubject(where, parameters, filter, "r", "r.member_id IS NULL");
        if (filter.Activity is not null)
        {
            where.Add("r.activity = @Activity");
            parameters.Add("Activity", filter.Activity);
        }

        return where;
    }

    /// <summary>An as-of moment that is now or later: the current set, which the rollup and the live flags describe.</summary>
    private bool IsNow(FigureFilter filter) => filter.AsOf >= time.GetUtcNow();

    /// <summary>
    /// Live at the as-of moment: stored by then, not yet replaced by a correction and not yet withdrawn. An as-of
    /// moment that is now or later is the plain current set (the flags alone, which the indexes lead with).
    /// </summary>
    private (string Sql, DynamicParameters Parameters) Live(FigureFilter filter)
    {
        var parameters = new DynamicParameters();
        if (IsNow(filter))
        {
            return ("r.is_current = 1 AND r.withdrawn = 0", parameters);
        }

        parameters.Add("AsOf", filter.AsOf);
        return ("r.created_at < @AsOf AND (r.is_current = 1 OR r.superseded_at >= @AsOf) AND (r.withdrawn = 0 OR r.withdrawn_at >= @AsOf)", parameters);
    }

    private sealed class RangeRow
    {
        public long RangeNo { get; set; }

        public long? MemberId { get; set; }

        public string MemberName { get; set; } = "";

        public string Metric { get; set; } = "";

        public double Value { get; set; }
    }

    private sealed class ActionRow
    {
        public int? Action { get; set; }
        public string Metric { get; set; } = "";
        public double Value { get; set; }
    }

    private sealed class MemberCountRow
    {
        public long? MemberId { get; set; }
        public string MemberName { get; set; } = "";
        public long Count { get; set; }
    }

    private sealed class ActionCountRow
    {
        public int? Action { get; set; }
        public long Count { get; set; }
    }

    private sealed class PlaceRow
    {
        public string Place { get; set; } = "";
        public long? MemberId { get; set; }
        public string MemberName { get; set; } = "";
        public long Reports { get; set; }
    }

    private sealed class PatrolRow
    {
        public DateOnly Start { get; set; }
        public string LastDay { get; set; } = "";
        public long? MemberId { get; set; }
        public string Name { get; set; } = "";
        public long Photos { get; set; }
    }

    private sealed class DayCountRow
    {
        public DateOnly Day { get; set; }
        public long Count { get; set; }
    }
}
