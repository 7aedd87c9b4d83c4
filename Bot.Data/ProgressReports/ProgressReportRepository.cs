using System.Data.Common;
using Bot.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.ProgressReports;

/// <summary>A metric total for one member over a date range.</summary>
public sealed class MetricTotal
{
    public long? MemberId { get; set; }

    public string MemberName { get; set; } = "";

    public string Metric { get; set; } = "";

    public double Value { get; set; }
}

public interface IProgressReportRepository
{
    /// <summary>Stores a first version; returns its id.</summary>
    Task<long> AddAsync(ProgressReport report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="amended"/> as the next version of <paramref name="previousId"/>; the previous row stops being current.
    /// Returns the new id, or null when <paramref name="previousId"/> is not the current version or is withdrawn.
    /// </summary>
    Task<long?> AddVersionAsync(long previousId, ProgressReport amended, CancellationToken cancellationToken = default);

    /// <summary>Marks the current version withdrawn; false when it is not current or already withdrawn.</summary>
    Task<bool> WithdrawAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Brings a withdrawn current version back as a new current version; false when it is not current or not withdrawn.</summary>
    Task<bool> RestoreAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The current version of the report chain that <paramref name="id"/> (any version's id) belongs to, withdrawn or not.</summary>
    Task<ProgressReport?> FindCurrentAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The live report written last (new, completed or corrected) from a message of one chat: the one the bot's last
    /// confirmation in that chat named.
    /// </summary>
    Task<ProgressReport?> LatestInChatAsync(string platform, string chatId, CancellationToken cancellationToken = default);

    /// <summary>Current, not withdrawn reports sent by or for <paramref name="name"/>, the most recently submitted first (by first version).</summary>
    Task<IReadOnlyList<ProgressReport>> LatestSubmittedAsync(string name, int limit, CancellationToken cancellationToken = default);

    Task<ProgressReport?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The first version stored for an inbox message (so a message processed twice is recorded once).</summary>
    Task<ProgressReport?> FindByInboxAsync(long inboxId, CancellationToken cancellationToken = default);

    /// <summary>Every version of the report whose chain starts at <paramref name="rootId"/>, oldest first.</summary>
    Task<IReadOnlyList<ProgressReport>> GetVersionsAsync(long rootId, CancellationToken cancellationToken = default);

    /// <summary>The latest current, not withdrawn report sent by or for <paramref name="name"/>.</summary>
    Task<ProgressReport?> FindLatestAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Current, not withdrawn reports whose work date (or creation date when undated) lies in [from, to].</summary>
    Task<IReadOnlyList<ProgressReport>> ListAsync(DateOnly from, DateOnly to, long? memberId = null, int? action = null, int limit = 1000, CancellationToken cancellationToken = default);

    /// <summary>Sums of each metric per member over current, not withdrawn reports with work date in [from, to].</summary>
    Task<IReadOnlyList<MetricTotal>> SumMetricsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>Names that sent or were the subject of a current report created in [fromUtc, toUtc).</summary>
    Task<IReadOnlyList<string>> ReportingNamesAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);

    /// <summary>The newest current, not withdrawn reports, newest first.</summary>
    Task<IReadOnlyList<ProgressReport>> RecentAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Ids of members with at least one current report created in [fromUtc, toUtc).</summary>
    Task<IReadOnlyList<long>> ReportingMembersAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default);
}

internal sealed class ProgressReportRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IProgressReportRepository
{
    private const string Columns = """
        id AS Id, inbox_id AS InboxId, member_id AS MemberId, member_name AS MemberName, reported_by AS ReportedBy, plan_id AS PlanId,
        action AS Action, activity AS Activity, work_date AS WorkDate, end_date AS EndDate, people AS People, places AS Places,
        units AS Units, metrics AS Metrics, photos AS Photos, confidence AS Confidence, missing AS Missing, raw_text AS RawText,
        source AS Source, version AS Version, previous_id AS PreviousId, root_id AS RootId, is_current AS IsCurrent,
        withdrawn AS Withdrawn, created_at AS CreatedAt
        """;

    // The new row's id comes from inside the INSERT (ReportIds), so a first version's root_id (its own id) is written by
    // the same statement: no UPDATE after it, no read-back (issue 18: statements per report).
    private const string InsertColumns = """
        inbox_id, member_id, member_name, reported_by, plan_id, action, activity, work_date, end_date,
            people, places, units, metrics, photos, confidence, missing, raw_text, source, version, previous_id, is_current,
            withdrawn, created_at
        """;

    private const string InsertValues = """
        @InboxId, @MemberId, @MemberName, @ReportedBy, @PlanId, @Action, @Activity, @WorkDate, @EndDate,
            @People, @Places, @Units, @Metrics, @Photos, @Confidence, @Missing, @RawText, @Source, @Version, @PreviousId, 1,
            0, @CreatedAt
        """;

    private readonly ReportIds _ids = new();

    public async Task<long> AddAsync(ProgressReport report, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        report.Version = 1;
        report.PreviousId = null;
        report.RootId = null; // a first version is its own root: the INSERT writes its id there
        var id = await InsertRowAsync(connection, transaction, report, countNew: true, cancellationToken);
        report.RootId = id;
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<long?> AddVersionAsync(long previousId, ProgressReport amended, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var previous = await connection.QueryFirstOrDefaultAsync<(long RootId, int Version)>(new CommandDefinition(
            "SELECT root_id, version FROM progress_reports WHERE id = @Id AND is_current = 1 AND withdrawn = 0", new { Id = previousId }, transaction,
            cancellationToken: cancellationToken));
        if (previous == default)
        {
            return null;
        }

        // The previous version stops counting the moment the new one is stored (figures "as of" a past moment use it).
        amended.CreatedAt = amended.CreatedAt == default ? time.GetUtcNow() : amended.CreatedAt;
        var retired = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE progress_reports SET is_current = 0, superseded_at = @At WHERE id = @Id AND is_current = 1 AND withdrawn = 0", new { Id = previousId, At = amended.CreatedAt }, transaction,
            cancellationToken: cancellationToken));
        if (retired != 1)
        {
            return null;
        }

        amended.Version = previous.Version + 1;
        amended.PreviousId = previousId;
        amended.RootId = previous.RootId;
        var id = await InsertRowAsync(connection, transaction, amended, countNew: false, cancellationToken);
        await ReportRollup.ApplyAsync(connection, transaction, Dialect, id, previousId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<bool> WithdrawAsync(long id, CancellationToken cancellationToken = default) =>
        RetryAsync(async () =>
        {
            await using var connection = await Connections.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var withdrawn = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE progress_reports SET withdrawn = 1, withdrawn_at = @At WHERE id = @Id AND is_current = 1 AND withdrawn = 0",
                new { Id = id, At = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) == 1;
            if (withdrawn)
            {
                // The report stops counting in the daily rollup in the same transaction.
                await ReportRollup.ApplyAsync(connection, transaction, Dialect, null, id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return withdrawn;
        }, cancellationToken);

    public async Task<bool> RestoreAsync(long id, CancellationToken cancellationToken = default)
    {
        // A restoration is a new current version (a copy of the withdrawn one): figures "as of" a moment between the
        // withdrawal and the restoration still see the report as withdrawn then.
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM progress_reports WHERE id = @Id AND is_current = 1 AND withdrawn = 1", new { Id = id }, transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var retired = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE progress_reports SET is_current = 0, superseded_at = @At WHERE id = @Id AND is_current = 1 AND withdrawn = 1",
            new { Id = id, At = now }, transaction, cancellationToken: cancellationToken));
        if (retired != 1)
        {
            return false;
        }

        var restored = row.ToReport();
        restored.Version++;
        restored.PreviousId = id;
        restored.CreatedAt = now;
        await InsertRowAsync(connection, transaction, restored, countNew: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<ProgressReport?> FindCurrentAsync(long id, CancellationToken cancellationToken = default) =>
        (await QuerySingleOrDefaultAsync<Row>($"""
            SELECT {Columns} FROM progress_reports
            WHERE is_current = 1 AND root_id = (SELECT root_id FROM progress_reports WHERE id = @Id)
            ORDER BY id DESC LIMIT 1
            """, new { Id = id }, cancellationToken))?.ToReport();

    public async Task<ProgressReport?> LatestInChatAsync(string platform, string chatId, CancellationToken cancellationToken = default) =>
        (await QuerySingleOrDefaultAsync<Row>($"""
            SELECT {Columns} FROM progress_reports
            WHERE is_current = 1 AND withdrawn = 0
              AND inbox_id IN (SELECT id FROM inbox WHERE platform = @Platform AND chat_id = @ChatId)
            ORDER BY id DESC LIMIT 1
            """, new { Platform = platform, ChatId = chatId }, cancellationToken))?.ToReport();

    public async Task<IReadOnlyList<ProgressReport>> LatestSubmittedAsync(string name, int limit, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Row>($"""
            SELECT {Columns} FROM progress_reports
            WHERE (reported_by = @Name OR member_name = @Name) AND is_current = 1 AND withdrawn = 0
            ORDER BY root_id DESC, id DESC LIMIT @Limit
            """, new { Name = name, Limit = limit }, cancellationToken)).Select(r => r.ToReport()).ToList();

    public async Task<ProgressReport?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        (await QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM progress_reports WHERE id = @Id", new { Id = id }, cancellationToken))?.ToReport();

    public async Task<ProgressReport?> FindByInboxAsync(long inboxId, CancellationToken cancellationToken = default) =>
        (await QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM progress_reports WHERE inbox_id = @InboxId ORDER BY id LIMIT 1", new { InboxId = inboxId }, cancellationToken))?.ToReport();

    /// <summary>Every version stored for any of <paramref name="inboxIds"/> (a claimed batch), in id order.</summary>
    internal async Task<IReadOnlyList<ProgressReport>> FindByInboxManyAsync(IReadOnlyCollection<long> inboxIds, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Row>($"SELECT {Columns} FROM progress_reports WHERE inbox_id IN @InboxIds ORDER BY id", new { InboxIds = inboxIds }, cancellationToken))
            .Select(r => r.ToReport()).ToList();

    public async Task<IReadOnlyList<ProgressReport>> GetVersionsAsync(long rootId, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Row>($"SELECT {Columns} FROM progress_reports WHERE root_id = @RootId ORDER BY version", new { RootId = rootId }, cancellationToken))
            .Select(r => r.ToReport()).ToList();

    public async Task<ProgressReport?> FindLatestAsync(string name, CancellationToken cancellationToken = default) =>
        (await QuerySingleOrDefaultAsync<Row>($"""
            SELECT {Columns} FROM progress_reports
            WHERE (reported_by = @Name OR member_name = @Name) AND is_current = 1 AND withdrawn = 0
            ORDER BY created_at DESC, id DESC LIMIT 1
            """, new { Name = name }, cancellationToken))?.ToReport();

    public async Task<IReadOnlyList<ProgressReport>> ListAsync(DateOnly from, DateOnly to, long? memberId = null, int? action = null, int limit = 1000, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Row>($"""
            SELECT {Columns} FROM progress_reports
            WHERE is_current = 1 AND withdrawn = 0 AND work_date >= @From AND work_date <= @To
              AND (@MemberId IS NULL OR member_id = @MemberId) AND (@Action IS NULL OR action = @Action)
            ORDER BY work_date DESC, id DESC LIMIT @Limit
            """, new { From = from, To = to, MemberId = memberId, Action = action, Limit = limit }, cancellationToken))
            .Select(r => r.ToReport()).ToList();

    public Task<IReadOnlyList<MetricTotal>> SumMetricsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        QueryAsync<MetricTotal>("""
            SELECT r.member_id AS MemberId, r.member_name AS MemberName, m.metric AS Metric, SUM(m.value) AS Value
            FROM progress_reports r JOIN report_metrics m ON m.report_id = r.id
            WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.work_date >= @From AND r.work_date <= @To
            GROUP BY r.member_id, r.member_name, m.metric
            ORDER BY r.member_name, m.metric
            """, new { From = from, To = to }, cancellationToken);

    public Task<IReadOnlyList<string>> ReportingNamesAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        QueryAsync<string>("""
            SELECT member_name FROM progress_reports WHERE is_current = 1 AND withdrawn = 0 AND created_at >= @From AND created_at < @To
            UNION
            SELECT reported_by FROM progress_reports WHERE is_current = 1 AND withdrawn = 0 AND created_at >= @From AND created_at < @To
            """, new { From = fromUtc, To = toUtc }, cancellationToken);

    public async Task<IReadOnlyList<ProgressReport>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Row>($"SELECT {Columns} FROM progress_reports WHERE is_current = 1 AND withdrawn = 0 ORDER BY created_at DESC, id DESC LIMIT @Limit",
            new { Limit = limit }, cancellationToken)).Select(r => r.ToReport()).ToList();

    public Task<IReadOnlyList<long>> ReportingMembersAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        QueryAsync<long>("""
            SELECT DISTINCT member_id FROM progress_reports
            WHERE member_id IS NOT NULL AND is_current = 1 AND withdrawn = 0 AND created_at >= @From AND created_at < @To
            """, new { From = fromUtc, To = toUtc }, cancellationToken);

    /// <summary>Reports (alias <c>r</c>) matching a parameterised condition followed by its ORDER BY/LIMIT (for <see cref="ReportFigures"/>).</summary>
    /// <param name="whereAndOrder">The condition, ORDER BY and LIMIT.</param>
    /// <param name="parameters">Its parameters.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <param name="light">Leaves out the raw text, places, units and missing fields (empty): for checks over many rows.</param>
    internal async Task<IReadOnlyList<ProgressReport>> SelectAsync(string whereAndOrder, DynamicParameters parameters, CancellationToken cancellationToken, bool light = false) =>
        (await QueryAsync<Row>($"SELECT {(light ? LightColumns : Columns)} FROM progress_reports r WHERE {whereAndOrder}", parameters, cancellationToken))
            .Select(r => r.ToReport()).ToList();

    private static readonly string LightColumns = Columns
        .Replace("raw_text AS RawText", "'' AS RawText", StringComparison.Ordinal)
        .Replace("places AS Places", "'[]' AS Places", StringComparison.Ordinal)
        .Replace("units AS Units", "'[]' AS Units", StringComparison.Ordinal)
        .Replace("missing AS Missing", "'[]' AS Missing", StringComparison.Ordinal);

    /// <summary>
    /// Inserts a version's row and its metrics and, with <paramref name="countNew"/> (a first version, a restoration),
    /// adds its rollup rows. On MariaDB that is one command, one round trip (issue 18); SQLite runs them one by one.
    /// </summary>
    private async Task<long> InsertRowAsync(DbConnection connection, DbTransaction transaction, ProgressReport report, bool countNew, CancellationToken cancellationToken)
    {
        report.CreatedAt = report.CreatedAt == default ? time.GetUtcNow() : report.CreatedAt;
        var parameters = new DynamicParameters(Row.From(report));
        long id;
        if (Dialect.Provider == DatabaseProvider.MySql)
        {
            var then = new List<string>(2);
            if (report.Metrics.Count > 0)
            {
                then.Add(MetricsInsert(report, ReportIds.TakenId, parameters));
            }

            if (countNew && ReportRollup.UpsertNewSql(report, Dialect.Provider, parameters) is { } rollup)
            {
                then.Add(rollup);
            }

            id = await _ids.InsertAsync(connection, transaction, Dialect, InsertColumns, InsertValues, parameters, cancellationToken,
                then.Count == 0 ? null : string.Join(";\n", then));
        }
        else
        {
            id = await _ids.InsertAsync(connection, transaction, Dialect, InsertColumns, InsertValues, parameters, cancellationToken);
            if (report.Metrics.Count > 0)
            {
                var metrics = new DynamicParameters();
                metrics.Add("ReportId", id);
                await connection.ExecuteAsync(new CommandDefinition(MetricsInsert(report, "@ReportId", metrics), metrics, transaction, cancellationToken: cancellationToken));
            }

            if (countNew)
            {
                await ReportRollup.ApplyNewAsync(connection, transaction, Dialect, report, cancellationToken);
            }
        }

        report.Id = id;
        report.IsCurrent = true;
        return id;
    }

    /// <summary>One multi-row INSERT for all metrics of a report whose id is <paramref name="reportId"/> (SQL), values as <c>@M{i}</c>, <c>@V{i}</c>.</summary>
    private static string MetricsInsert(ProgressReport report, string reportId, DynamicParameters parameters)
    {
        var values = new List<string>(report.Metrics.Count);
        var i = 0;
        foreach (var (metric, value) in report.Metrics)
        {
            values.Add($"({reportId}, @M{i}, @V{i})");
            parameters.Add($"M{i}", metric);
            parameters.Add($"V{i}", value);
            i++;
        }

        return $"INSERT INTO report_metrics (report_id, metric, value) VALUES {string.Join(", ", values)}";
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long? InboxId { get; set; }
        public long? MemberId { get; set; }
        public string MemberName { get; set; } = "";
        public string ReportedBy { get; set; } = "";
        public long? PlanId { get; set; }
        public int? Action { get; set; }
        public string? Activity { get; set; }
        public DateOnly? WorkDate { get; set; }
        public DateOnly? EndDate { get; set; }
        public string People { get; set; } = "[]";
        public string Places { get; set; } = "[]";
        public string Units { get; set; } = "[]";
        public string Metrics { get; set; } = "{}";
        public int Photos { get; set; }
        public double Confidence { get; set; }
        public string Missing { get; set; } = "[]";
        public string RawText { get; set; } = "";
        public string Source { get; set; } = "";
        public int Version { get; set; }
        public long? PreviousId { get; set; }
        public long? RootId { get; set; }
        public bool IsCurrent { get; set; }
        public bool Withdrawn { get; set; }
        public DateTimeOffset CreatedAt { get; set; }

        public static Row From(ProgressReport r) => new()
        {
            InboxId = r.InboxId, MemberId = r.MemberId, MemberName = r.MemberName, ReportedBy = r.ReportedBy, PlanId = r.PlanId,
            Action = r.Action, Activity = r.Activity, WorkDate = r.WorkDate, EndDate = r.EndDate, People = Json.Serialize(r.People),
            Places = Json.Serialize(r.Places), Units = Json.Serialize(r.Units), Metrics = Json.Serialize(r.Metrics), Photos = r.Photos,
            Confidence = r.Confidence, Missing = Json.Serialize(r.Missing), RawText = r.RawText, Source = r.Source, Version = r.Version,
            PreviousId = r.PreviousId, RootId = r.RootId, CreatedAt = r.CreatedAt,
        };

        public ProgressReport ToReport() => new()
        {
            Id = Id, InboxId = InboxId, MemberId = MemberId, MemberName = MemberName, ReportedBy = ReportedBy, PlanId = PlanId,
            Action = Action, Activity = Activity, WorkDate = WorkDate, EndDate = EndDate,
            People = Json.Deserialize(People, new List<string>()), Places = Json.Deserialize(Places, new List<string>()),
            Units = Json.Deserialize(Units, new List<string>()), Metrics = Json.Deserialize(Metrics, new Dictionary<string, double>()),
            Photos = Photos, Confidence = Confidence, Missing = Json.Deserialize(Missing, new List<string>()), RawText = RawText,
            Source = Source, Version = Version, PreviousId = PreviousId, RootId = RootId, IsCurrent = IsCurrent, Withdrawn = Withdrawn,
            CreatedAt = CreatedAt,
        };
    }
}
