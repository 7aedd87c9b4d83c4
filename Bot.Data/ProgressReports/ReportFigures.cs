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
}

/// <summary>A metric total of one plan action.</summary>
public sealed record ActionMetricTotal(int? Action, string Metric, double Value);

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

    /// <summary>Names that sent or are the subject of a counted report (undated reports count by their creation day).</summary>
    Task<IReadOnlyList<string>> ReportingNamesAsync(FigureFilter filter, DateTimeOffset createdFromUtc, DateTimeOffset createdToUtc, CancellationToken cancellationToken = default);

    /// <summary>The counted reports themselves, newest work date first (for lists, the ledger and highlights).</summary>
    Task<IReadOnlyList<ProgressReport>> ListAsync(FigureFilter filter, int limit, CancellationToken cancellationToken = default);

    /// <summary>Withdrawn reports (current versions) with a work date in the range, for the ledger's own sheet.</summary>
    Task<IReadOnlyList<ProgressReport>> ListWithdrawnAsync(DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken = default);
}

internal sealed class ReportFigures(IDbConnectionFactory connections, ProgressReportRepository reports, TimeProvider time) : RepositoryBase(connections), IReportFigures
{
    public Task<IReadOnlyList<MetricTotal>> SumByMemberAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        return QueryAsync<MetricTotal>($"""
            SELECT r.member_id AS MemberId, r.member_name AS MemberName, m.metric AS Metric, SUM(m.value) AS Value
            FROM progress_reports r JOIN report_metrics m ON m.report_id = r.id
            WHERE {where}
            GROUP BY r.member_id, r.member_name, m.metric
            ORDER BY r.member_name, m.metric
            """, parameters, cancellationToken);
    }

    public async Task<IReadOnlyList<ActionMetricTotal>> SumByActionAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        return (await QueryAsync<ActionRow>($"""
            SELECT r.action AS Action, m.metric AS Metric, SUM(m.value) AS Value
            FROM progress_reports r JOIN report_metrics m ON m.report_id = r.id
            WHERE {where}
            GROUP BY r.action, m.metric
            """, parameters, cancellationToken)).Select(r => new ActionMetricTotal(r.Action, r.Metric, r.Value)).ToList();
    }

    public async Task<IReadOnlyList<ReportCount<long?>>> CountByMemberAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        return (await QueryAsync<MemberCountRow>($"""
            SELECT r.member_id AS MemberId, r.member_name AS MemberName, COUNT(*) AS Count
            FROM progress_reports r WHERE {where}
            GROUP BY r.member_id, r.member_name
            """, parameters, cancellationToken)).Select(r => new ReportCount<long?>(r.MemberId, r.MemberName, (int)r.Count)).ToList();
    }

    public async Task<IReadOnlyList<ReportCount<int?>>> CountByActionAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        return (await QueryAsync<ActionCountRow>($"""
            SELECT r.action AS Action, COUNT(*) AS Count FROM progress_reports r WHERE {where} GROUP BY r.action
            """, parameters, cancellationToken)).Select(r => new ReportCount<int?>(r.Action, "", (int)r.Count)).ToList();
    }

    public async Task<IReadOnlyList<ReportCount<DateOnly>>> CountByDayAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        return (await QueryAsync<DayCountRow>($"""
            SELECT r.work_date AS Day, COUNT(*) AS Count FROM progress_reports r WHERE {where} GROUP BY r.work_date ORDER BY r.work_date
            """, parameters, cancellationToken)).Select(r => new ReportCount<DateOnly>(r.Day, "", (int)r.Count)).ToList();
    }

    public async Task<int> CountAsync(FigureFilter filter, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        return (int)await ScalarAsync<long>($"SELECT COUNT(*) FROM progress_reports r WHERE {where}", parameters, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ReportingNamesAsync(FigureFilter filter, DateTimeOffset createdFromUtc, DateTimeOffset createdToUtc, CancellationToken cancellationToken = default)
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

    public Task<IReadOnlyList<ProgressReport>> ListAsync(FigureFilter filter, int limit, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = Where(filter);
        parameters.Add("Limit", limit);
        return reports.SelectAsync($"{where} ORDER BY r.work_date DESC, r.id DESC LIMIT @Limit", parameters, cancellationToken);
    }

    public Task<IReadOnlyList<ProgressReport>> ListWithdrawnAsync(DateOnly from, DateOnly to, int limit, CancellationToken cancellationToken = default) =>
        reports.SelectAsync("r.is_current = 1 AND r.withdrawn = 1 AND r.work_date >= @From AND r.work_date <= @To ORDER BY r.work_date, r.id LIMIT @Limit",
            new DynamicParameters(new { From = from, To = to, Limit = limit }), cancellationToken);

    /// <summary>The live condition and the range and subject filters, as parameterised SQL over alias <c>r</c>.</summary>
    private (string Where, DynamicParameters Parameters) Where(FigureFilter filter)
    {
        var (live, parameters) = Live(filter);
        var where = new List<string> { live, "r.work_date >= @From", "r.work_date <= @To" };
        parameters.Add("From", filter.From);
        parameters.Add("To", filter.To);
        if (filter.MemberId is long memberId)
        {
            where.Add(filter.MemberName is null ? "r.member_id = @MemberId" : "(r.member_id = @MemberId OR (r.member_id IS NULL AND r.member_name = @MemberName))");
            parameters.Add("MemberId", memberId);
            parameters.Add("MemberName", filter.MemberName);
        }
        else if (filter.MemberName is not null)
        {
            where.Add("r.member_name = @MemberName");
            parameters.Add("MemberName", filter.MemberName);
        }

        if (filter.Action is int action)
        {
            where.Add("r.action = @Action");
            parameters.Add("Action", action);
        }

        if (filter.Activity is not null)
        {
            where.Add("r.activity = @Activity");
            parameters.Add("Activity", filter.Activity);
        }

        return (string.Join(" AND ", where), parameters);
    }

    /// <summary>
    /// Live at the as-of moment: stored by then, not yet replaced by a correction and not yet withdrawn. An as-of
    /// moment that is now or later is the plain current set (the flags alone, which the indexes lead with).
    /// </summary>
    private (string Sql, DynamicParameters Parameters) Live(FigureFilter filter)
    {
        var parameters = new DynamicParameters();
        if (filter.AsOf >= time.GetUtcNow())
        {
            return ("r.is_current = 1 AND r.withdrawn = 0", parameters);
        }

        parameters.Add("AsOf", filter.AsOf);
        return ("r.created_at < @AsOf AND (r.is_current = 1 OR r.superseded_at >= @AsOf) AND (r.withdrawn = 0 OR r.withdrawn_at >= @AsOf)", parameters);
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

    private sealed class DayCountRow
    {
        public DateOnly Day { get; set; }
        public long Count { get; set; }
    }
}
