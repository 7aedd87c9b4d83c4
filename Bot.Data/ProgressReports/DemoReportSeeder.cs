using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Bot.Data.Connections;

namespace Bot.Data.ProgressReports;

/// <summary>Who a demo report is for, and what it may say (one row of the roster as the seeder sees it).</summary>
public sealed record DemoReporter(long MemberId, string Name);

/// <summary>One kind of demo report: its action, activity, text and the counters it carries.</summary>
public sealed record DemoTemplate(int Action, string Activity, string Text, IReadOnlyDictionary<string, double> Metrics);

/// <summary>What the seeder wrote.</summary>
public sealed record DemoSeedResult(int Reports, int Versions, int Withdrawn, int Corrected, TimeSpan Elapsed);

/// <summary>
/// Writes many reports quickly for scale figures (<c>db seed-demo --reports 1000000</c>, benchmarks): rows shaped like the
/// router's (current version, root id, metrics rows), spread over a date range, with a share of corrections (an old
/// version retired and a second version current) and withdrawals. Multi-row parameterised INSERTs in transactions of
/// 50,000 reports; ids are assigned here so a report's root id is known without a read-back. On SQLite the bulk load
/// runs with a large page cache and without fsync (restored afterwards: the rows are rewritten by a rerun anyway).
/// The daily rollup is rebuilt at the end (one grouped INSERT … SELECT instead of an upsert per row).
/// </summary>
public sealed class DemoReportSeeder(IDbConnectionFactory connections)
{
    private const int RowsPerStatement = 250;
    private const int StatementsPerTransaction = 200;

    private static readonly string[] ReportColumns =
    [
        "id", "member_id", "member_name", "reported_by", "plan_id", "action", "activity", "work_date", "people", "places", "units", "metrics",
        "photos", "confidence", "missing", "raw_text", "source", "version", "previous_id", "root_id", "is_current", "withdrawn", "created_at",
    ];

    public async Task<DemoSeedResult> SeedAsync(
        int count,
        IReadOnlyList<DemoReporter> reporters,
        IReadOnlyList<DemoTemplate> templates,
        IReadOnlyList<string> places,
        DateOnly from,
        DateOnly to,
        long? planId,
        int seed = 20180101,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfZero(reporters.Count);
        ArgumentOutOfRangeException.ThrowIfZero(templates.Count);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var sqlite = connections.Dialect.Provider == DatabaseProvider.Sqlite;
        var random = new Random(seed);
        var days = to.DayNumber - from.DayNumber + 1;

        await using var connection = await connections.OpenAsync(cancellationToken);
        if (sqlite)
        {
            // A random-order index build needs more than SQLite's 2 MB default cache to avoid re-reading pages.
            await Dapper.SqlMapper.ExecuteAsync(connection, "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;");
        }

        var nextId = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection, "SELECT MAX(id) FROM progress_reports") ?? 0;
        var reports = new List<object?[]>(RowsPerStatement);
        var metrics = new List<object?[]>(RowsPerStatement * 3);
        int written = 0, versions = 0, withdrawn = 0, corrected = 0;
        DbTransaction? transaction = null;
        var statements = 0;
        await using var reportInserter = new BatchInserter(connection, "progress_reports", ReportColumns);
        await using var metricInserter = new BatchInserter(connection, "report_metrics", ["report_id", "metric", "value"]);
        while (written < count)
        {
            var reporter = reporters[(int)(Math.Pow(random.NextDouble(), 1.6) * reporters.Count)]; // some report far more often
            var template = templates[random.Next(templates.Count)];
            var day = from.AddDays(random.Next(days));
            var created = new DateTimeOffset(day.ToDateTime(new TimeOnly(1 + random.Next(12), random.Next(60), random.Next(60))), TimeSpan.Zero);
            var place = places.Count == 0 ? null : places[random.Next(places.Count)];
            var text = place is null ? template.Text : place + template.Text;
            var withdraw = random.Next(50) == 0;
            var correct = !withdraw && random.Next(30) == 0;
            var rootId = ++nextId;
            if (correct)
            {
                // The first version, retired by a correction a day later.
                reports.Add(Row(rootId, reporter, planId, template, day, place, text + "（原）", Scale(template.Metrics, 0.5), 1, null, rootId, false, false, created, sqlite));
                AddMetrics(metrics, rootId, Scale(template.Metrics, 0.5));
                var currentId = ++nextId;
                reports.Add(Row(currentId, reporter, planId, template, day, place, text, template.Metrics, 2, rootId, rootId, true, false, created.AddDays(1), sqlite));
                AddMetrics(metrics, currentId, template.Metrics);
                corrected++;
                versions += 2;
            }
            else
            {
                reports.Add(Row(rootId, reporter, planId, template, day, place, text, template.Metrics, 1, null, rootId, true, withdraw, created, sqlite));
                AddMetrics(metrics, rootId, template.Metrics);
                versions++;
                withdrawn += withdraw ? 1 : 0;
            }

            written++;
            if (reports.Count >= RowsPerStatement || written == count)
            {
                transaction ??= await connection.BeginTransactionAsync(cancellationToken);
                if (sqlite)
                {
                    // SQLite binds a named parameter by a linear search of the statement's names: a 250-row statement
                    // (5,750 parameters) spends its time there. One prepared single-row INSERT, re-executed, is fastest.
                    foreach (var row in reports)
                    {
                        await reportInserter.InsertAsync(transaction, [row], cancellationToken);
                    }

                    foreach (var row in metrics)
                    {
                        await metricInserter.InsertAsync(transaction, [row], cancellationToken);
                    }
                }
                else
                {
                    await reportInserter.InsertAsync(transaction, reports, cancellationToken);
                    await metricInserter.InsertAsync(transaction, metrics, cancellationToken);
                }

                reports.Clear();
                metrics.Clear();
                if (++statements >= StatementsPerTransaction || written == count)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                    statements = 0;
                    progress?.Report(written);
                }
            }
        }

        if (sqlite)
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -2000;");
        }

        await ReportIds.SyncAsync(connection, null, connections.Dialect, cancellationToken); // the ids written here are taken: the bot's next one is after them
        await new ReportRollup(connections).RebuildAsync(cancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, sqlite ? "ANALYZE;" : "ANALYZE TABLE progress_reports, report_metrics, report_rollup;", commandTimeout: 3600);
        return new DemoSeedResult(written, versions, withdrawn, corrected, started.Elapsed);
    }

    private static Dictionary<string, double> Scale(IReadOnlyDictionary<string, double> metrics, double factor) =>
        metrics.ToDictionary(m => m.Key, m => Math.Max(1, Math.Round(m.Value * factor)), StringComparer.Ordinal);

    private static void AddMetrics(List<object?[]> rows, long reportId, IReadOnlyDictionary<string, double> metrics)
    {
        foreach (var (key, value) in metrics)
        {
            rows.Add([reportId, key, value]);
        }
    }

    private static object?[] Row(long id, DemoReporter reporter, long? planId, DemoTemplate template, DateOnly day, string? place, string text,
        IReadOnlyDictionary<string, double> metrics, int version, long? previousId, long rootId, bool current, bool withdrawn, DateTimeOffset created, bool sqlite) =>
    [
        id, reporter.MemberId, reporter.Name, reporter.Name, planId, template.Action, template.Activity,
        sqlite ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : day.ToDateTime(TimeOnly.MinValue),
        JsonSerializer.Serialize(new[] { reporter.Name }), JsonSerializer.Serialize(place is null ? [] : new[] { place }), "[]",
        JsonSerializer.Serialize(metrics), 0, 0.9, "[]", text, "demo", version, previousId, rootId, current ? 1 : 0, withdrawn ? 1 : 0,
        sqlite ? created.UtcDateTime.ToString(SqlTypeHandlers.SqliteTimestampFormat, CultureInfo.InvariantCulture) : created.UtcDateTime,
    ];

    /// <summary>
    /// Multi-row INSERTs with a parameter per value (<c>@p0</c>, <c>@p1</c> …): one prepared command per table and row
    /// count, reused with new values (the database parses each shape once).
    /// </summary>
    private sealed class BatchInserter(DbConnection connection, string table, string[] columns) : IAsyncDisposable
    {
        private readonly Dictionary<int, DbCommand> _commands = [];

        public async Task InsertAsync(DbTransaction transaction, List<object?[]> rows, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return;
            }

            if (!_commands.TryGetValue(rows.Count, out var command))
            {
                command = Create(rows.Count);
                _commands[rows.Count] = command;
            }

            command.Transaction = transaction;
            var n = 0;
            foreach (var row in rows)
            {
                foreach (var value in row)
                {
                    command.Parameters[n++].Value = value ?? DBNull.Value;
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private DbCommand Create(int rowCount)
        {
            var command = connection.CreateCommand();
            var text = new System.Text.StringBuilder($"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ");
            var n = 0;
            for (var r = 0; r < rowCount; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var name = "@p" + n.ToString(CultureInfo.InvariantCulture);
                    text.Append(c == 0 ? name : ", " + name);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    command.Parameters.Add(parameter);
                    n++;
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }
        }
    }
}
