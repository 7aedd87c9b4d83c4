using System.Data.Common;
using Bot.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.ProgressReports;

/// <summary>What a rebuild of the rollup wrote.</summary>
public sealed record RollupRebuild(long Rows, TimeSpan Elapsed);

/// <summary>
/// The daily rollup of live report versions (<c>report_rollup</c>, migrations 0014 and 0015): per work date, member,
/// reporter, action and kind (0 = the report, 1 = a metric, 2 = a place or unit it names, 3 = a river patrol; 10–12 the
/// kinds 0–2 per month) the number of live reports and the metric sum. Every report write keeps it in step within its own transaction with ONE statement (an
/// <c>INSERT … SELECT</c> of +1/−1 deltas read from the rows just written, upserted); figures "as of now" read it
/// (<see cref="ReportFigures"/>), past "as of" figures still read the versioned report rows.
/// </summary>
public interface IReportRollup
{
    /// <summary>Recomputes the whole rollup from the live report versions (in one transaction); returns the rows written.</summary>
    Task<RollupRebuild> RebuildAsync(CancellationToken cancellationToken = default);
}

internal sealed class ReportRollup(IDbConnectionFactory connections) : RepositoryBase(connections), IReportRollup
{
    public const string Table = "report_rollup";

    private const string Columns = "kind, work_date, member_id, member_name, reported_by, action, name, reports, value";

    private const string Key = "kind, work_date, member_id, member_name, reported_by, action, name";

    public async Task<RollupRebuild> RebuildAsync(CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {Table}", transaction: transaction, cancellationToken: cancellationToken, commandTimeout: 3600));
        var rows = await connection.ExecuteAsync(new CommandDefinition(RebuildSql(Dialect.Provider), transaction: transaction,
            cancellationToken: cancellationToken, commandTimeout: 3600));
        await transaction.CommitAsync(cancellationToken);
        return new RollupRebuild(rows, started.Elapsed);
    }

    /// <summary>
    /// Adds the live figures of report version <paramref name="plus"/> and takes away those of <paramref name="minus"/>
    /// (either may be null), inside the caller's transaction, after the rows (and metric rows) were written. One statement.
    /// </summary>
    public static Task ApplyAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long? plus, long? minus, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(ApplySql(dialect.Provider), new { Plus = plus, Minus = minus }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Adds the figures of a version just written from <paramref name="report"/> itself — the rows <see cref="Deltas"/>
    /// would read back, computed here — with one multi-row upsert of plain VALUES (no <c>INSERT … SELECT</c> over
    /// JSON_TABLE and seven UNIONed reads: that statement was a third of the database's time per report under load).
    /// An undated report has no rollup rows and costs no statement. Names are told apart as the key column compares them
    /// (MariaDB: utf8mb4_unicode_ci, so case and trailing spaces do not count; SQLite: binary), and on MariaDB cut to the
    /// 128 characters of the JSON_TABLE column. Retiring a version (a correction, a withdrawal) still reads the stored rows: <see cref="ApplyAsync"/>.
    /// </summary>
    public static Task ApplyNewAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect, ProgressReport report, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        return UpsertNewSql(report, dialect.Provider, parameters) is { } sql
            ? connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))
            : Task.CompletedTask;
    }

    /// <summary>
    /// The upsert of a new version's rollup rows (<see cref="RowsOf"/>), its values added to <paramref name="parameters"/>
    /// as <c>v{row}_{column}</c>; null when the report adds no row (undated).
    /// </summary>
    internal static string? UpsertNewSql(ProgressReport report, DatabaseProvider provider, DynamicParameters parameters)
    {
        var rows = RowsOf(report, provider);
        if (rows.Count == 0)
        {
            return null;
        }

        var values = new List<string>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            values.Add(MultiRowValues.Add(parameters, i, r.Kind, r.WorkDate, r.MemberId, r.MemberName, r.ReportedBy, r.Action, r.Name, 1L, r.Value));
        }

        var upsert = provider == DatabaseProvider.MySql
            ? "ON DUPLICATE KEY UPDATE reports = reports + VALUES(reports), value = value + VALUES(value)"
            : $"ON CONFLICT ({Key}) DO UPDATE SET reports = reports + excluded.reports, value = value + excluded.value";
        return $"INSERT INTO {Table} ({Columns}) VALUES {string.Join(", ", values)} {upsert}";
    }

    /// <summary>One rollup row of a new version (it counts one report).</summary>
    internal readonly record struct NewRow(int Kind, DateOnly WorkDate, long MemberId, string MemberName, string ReportedBy, int Action, string Name, double Value);

    /// <summary>The rows <see cref="Deltas"/> gives for a live version with these fields (sign +1), in the key columns' comparison.</summary>
    internal static List<NewRow> RowsOf(ProgressReport report, DatabaseProvider provider)
    {
        var rows = new List<NewRow>();
        if (report.WorkDate is not { } day)
        {
            return rows;
        }

        var mysql = provider == DatabaseProvider.MySql;
        var names = mysql ? CollatedNames.Instance : (IEqualityComparer<string>)StringComparer.Ordinal;
        Func<string, string> fit = mysql ? Fit : n => n;
        var member = report.MemberId ?? 0;
        var action = report.Action ?? 0;
        var month = new DateOnly(day.Year, day.Month, 1);
        var named = report.Places.Concat(report.Units).Where(n => !string.IsNullOrEmpty(n)).Select(fit).Distinct(names).ToList();
        foreach (var (date, offset) in new[] { (day, 0), (month, MonthKinds) })
        {
            rows.Add(new NewRow(offset, date, member, report.MemberName, report.ReportedBy, action, "", 0));
            foreach (var (metric, value) in report.Metrics)
            {
                rows.Add(new NewRow(1 + offset, date, member, report.MemberName, "", action, metric, value));
            }

            foreach (var name in named)
            {
                rows.Add(new NewRow(2 + offset, date, member, report.MemberName, "", action, name, 0));
            }
        }

        if (report.Activity == PatrolActivity || report.Metrics.GetValueOrDefault(PatrolMetric) > 0)
        {
            var lastDay = (report.EndDate ?? day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var photo = report.Photos > 0 ? 1 : 0;
            foreach (var name in new[] { report.MemberName, report.ReportedBy }.Concat(report.People.Where(p => p is not null).Select(fit)).Distinct(names))
            {
                rows.Add(new NewRow(PatrolKind, day, member, "", lastDay, photo, name, 0));
            }
        }

        return rows;
    }

    /// <summary>A name as the 128-character JSON_TABLE column of <see cref="Deltas"/> holds it (MariaDB).</summary>
    private static string Fit(string name)
    {
        if (name.Length <= 128)
        {
            return name;
        }

        var end = 0;
        for (var n = 0; n < 128 && end < name.Length; n++)
        {
            end += char.IsSurrogatePair(name, end) ? 2 : 1;
        }

        return name[..end];
    }

    /// <summary>Names equal as MariaDB's utf8mb4_unicode_ci key column finds them, near enough: case and trailing spaces ignored.</summary>
    private sealed class CollatedNames : IEqualityComparer<string>
    {
        public static readonly CollatedNames Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x?.TrimEnd(' '), y?.TrimEnd(' '), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(string obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(obj.TrimEnd(' '));
    }

    /// <summary>The upsert of +1/−1 deltas of the versions <c>@Plus</c> and <c>@Minus</c>.</summary>
    internal static string ApplySql(DatabaseProvider provider)
    {
        var deltas = Deltas(provider, "r.id IN (@Plus, @Minus)", "CASE WHEN r.id = @Plus THEN 1 ELSE -1 END");
        return provider == DatabaseProvider.MySql
            ? $"""
              INSERT INTO {Table} ({Columns}) SELECT * FROM ({deltas}) AS d
              ON DUPLICATE KEY UPDATE reports = {Table}.reports + d.reports, value = {Table}.value + d.value
              """
            // SQLite needs a WHERE before ON CONFLICT when the rows come from a SELECT (parsing ambiguity).
            : $"""
              INSERT INTO {Table} ({Columns}) SELECT * FROM ({deltas}) AS d WHERE true
              ON CONFLICT ({Key}) DO UPDATE SET reports = reports + excluded.reports, value = value + excluded.value
              """;
    }

    /// <summary>The whole rollup recomputed from the live versions (the fill of migration 0015).</summary>
    internal static string RebuildSql(DatabaseProvider provider) => $"""
        INSERT INTO {Table} ({Columns})
        SELECT {Key}, SUM(reports), SUM(value) FROM ({Deltas(provider, "r.is_current = 1 AND r.withdrawn = 0", "1")}) AS d
        GROUP BY {Key}
        """;

    /// <summary>Added to a kind for its month rows: kind 10, 11, 12 hold the figures of kinds 0, 1, 2 per calendar month.</summary>
    public const int MonthKinds = 10;

    /// <summary>Kind 3: a river patrol (<see cref="PatrolActivity"/> or a positive <see cref="PatrolMetric"/>) per person it names.</summary>
    public const int PatrolKind = 3;

    public const string PatrolActivity = "河长";

    public const string PatrolMetric = "patrols";

    /// <summary>
    /// The rollup rows of the report versions matching <paramref name="where"/> (alias <c>r</c>), each counted
    /// <paramref name="sign"/> times: the report (kind 0), its metrics (kind 1), the distinct places and units it names
    /// (kind 2), each of them again per calendar month (kinds 10, 11, 12, work_date = the month's first day), and for a
    /// river patrol one row per distinct person it is by or about (kind 3: name = member name, reporter or one of its
    /// people; member_id its member; reported_by its last day as yyyy-MM-dd; action 1 when it carries photos).
    /// Undated reports have no rollup rows (figures count work dates; "who reported" finds them by creation time).
    /// </summary>
    private static string Deltas(DatabaseProvider provider, string where, string sign)
    {
        var mysql = provider == DatabaseProvider.MySql;
        string Each(string column) => mysql
            ? $"JSON_TABLE(r.{column}, '$[*]' COLUMNS (name VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci PATH '$')) AS j"
            : $"json_each(r.{column}) AS j";
        var item = mysql ? "j.name" : "j.value";
        var zero = mysql ? "0.0E0" : "0.0";
        var live = $"{where} AND r.work_date IS NOT NULL";
        var monthStart = mysql ? "d.work_date - INTERVAL (DAYOFMONTH(d.work_date) - 1) DAY" : "date(d.work_date, 'start of month')";
        var lastDay = mysql ? "DATE_FORMAT(COALESCE(r.end_date, r.work_date), '%Y-%m-%d')" : "COALESCE(r.end_date, r.work_date)";
        var patrol = $"{live} AND (r.activity = '{PatrolActivity}' OR EXISTS (SELECT 1 FROM report_metrics m WHERE m.report_id = r.id AND m.metric = '{PatrolMetric}' AND m.value > 0))";
        var patrolRow = $"r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, {lastDay} AS last_day, CASE WHEN r.photos > 0 THEN 1 ELSE 0 END AS photo";
        return $"""
            SELECT d.kind + {MonthKinds} * g.g AS kind, CASE WHEN g.g = 0 THEN d.work_date ELSE {monthStart} END AS work_date, d.member_id, d.member_name,
              d.reported_by, d.action, d.name, d.reports, d.value
            FROM (
              SELECT 0 AS kind, r.work_date AS work_date, COALESCE(r.member_id, 0) AS member_id, r.member_name AS member_name,
                r.reported_by AS reported_by, COALESCE(r.action, 0) AS action, '' AS name, {sign} AS reports, {zero} AS value
              FROM progress_reports r WHERE {live}
              UNION ALL
              SELECT 1, r.work_date, COALESCE(r.member_id, 0), r.member_name, '', COALESCE(r.action, 0), m.metric, {sign}, {sign} * m.value
              FROM progress_reports r JOIN report_metrics m ON m.report_id = r.id WHERE {live}
              UNION ALL
              SELECT 2, p.work_date, p.member_id, p.member_name, '', p.action, p.name, p.sign, {zero} FROM (
                SELECT r.id, r.work_date, COALESCE(r.member_id, 0) AS member_id, r.member_name, COALESCE(r.action, 0) AS action, {item} AS name, {sign} AS sign
                FROM progress_reports r, {Each("places")} WHERE {live} AND {item} <> ''
                UNION
                SELECT r.id, r.work_date, COALESCE(r.member_id, 0), r.member_name, COALESCE(r.action, 0), {item}, {sign}
                FROM progress_reports r, {Each("units")} WHERE {live} AND {item} <> ''
              ) p
              UNION ALL
              SELECT {PatrolKind}, q.work_date, q.member_id, '', q.last_day, q.photo, q.name, q.sign, {zero} FROM (
                SELECT {patrolRow}, r.member_name AS name, {sign} AS sign FROM progress_reports r WHERE {patrol}
                UNION
                SELECT {patrolRow}, r.reported_by, {sign} FROM progress_reports r WHERE {patrol}
                UNION
                SELECT {patrolRow}, {item}, {sign} FROM progress_reports r, {Each("people")} WHERE {patrol}
              ) q
            ) d CROSS JOIN (SELECT 0 AS g UNION ALL SELECT 1) g
            WHERE g.g = 0 OR d.kind <> {PatrolKind}
            """;
    }
}
