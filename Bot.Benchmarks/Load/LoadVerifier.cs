using System.Data.Common;
using System.Globalization;
using System.Text;
using Bot.Data.Connections;
using Dapper;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Bot.Benchmarks.Load;

/// <summary>One stored inbox row of a run with its reply rows.</summary>
public sealed class StoredMessage
{
    public string MessageId { get; set; } = "";

    public string State { get; set; } = "";

    /// <summary>Outbox rows written for it.</summary>
    public long Replies { get; set; }

    /// <summary>Outbox rows in state sent.</summary>
    public long Sent { get; set; }

    /// <summary>Outbox rows not finished yet (pending or sending).</summary>
    public long Open { get; set; }

    /// <summary>The most delivery attempts any of its reply rows took (more than one: retried, e.g. after a crash).</summary>
    public long ReplyAttempts { get; set; }

    /// <summary>When the callback stored it (as the database returns it: DateTime on MariaDB, text on SQLite).</summary>
    public object? ReceivedAt { get; set; }

    /// <summary>When its first reply row was queued.</summary>
    public object? FirstReplyAt { get; set; }

    /// <summary>Milliseconds from received to reply queued; NaN without a reply.</summary>
    public double EndToEndMs => ReceivedAt is null || FirstReplyAt is null ? double.NaN : (Time(FirstReplyAt) - Time(ReceivedAt)).TotalMilliseconds;

    private static DateTimeOffset Time(object value) => value switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        DateTimeOffset o => o,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new FormatException($"Unexpected timestamp {value}"),
    };
}

/// <summary>The outcome of a run, counted in the database and at the fake platform.</summary>
public sealed record LoadReport(
    string RunId,
    double Rate,
    double Seconds,
    int Sent,
    int Accepted,
    IReadOnlyDictionary<int, int> Rejected,
    IReadOnlyDictionary<string, int> Errors,
    double AckP50,
    double AckP95,
    double AckP99,
    double AckMax,
    double SendSeconds,
    double DrainSeconds,
    int Stored,
    int StoredNotAccepted,
    int Processed,
    int ReplyRows,
    int PlatformReplies,
    int Lost,
    int Duplicated,
    int Retries,
    IReadOnlyList<string> Problems)
{
    /// <summary>CPU seconds used during the run (sending and draining) by the host, the driver (with the fake platform) and the database server.</summary>
    public double HostCpuSeconds { get; init; }

    public double DriverCpuSeconds { get; init; }

    public double DatabaseCpuSeconds { get; init; }

    /// <summary>Machine load average (1 min) when the run ended.</summary>
    public double LoadAverage { get; init; }

    /// <summary>Statements the database server ran during the run (MariaDB only).</summary>
    public long Queries { get; init; }

    /// <summary>Received (stored by the callback) → reply queued, milliseconds, over the processed messages.</summary>
    public double EndToEndP50 { get; init; } = double.NaN;

    public double EndToEndP95 { get; init; } = double.NaN;

    public double EndToEndP99 { get; init; } = double.NaN;

    /// <summary>Inbox-shaped rows per second the database took from plain single-row INSERTs, measured in the same run.</summary>
    public double RawInsertRate { get; init; } = double.NaN;

    /// <summary>Faults injected during the run (host killed, database stopped), with their times.</summary>
    public IReadOnlyList<string> Faults { get; init; } = [];

    /// <summary>What the host's <c>/metrics</c> showed during the run (highest inbox/outbox depth and age).</summary>
    public string MetricsSeen { get; init; } = "";

    /// <summary>WeCom stream refresh callbacks the driver sent (one a second per open stream).</summary>
    public int StreamRefreshes { get; init; }

    /// <summary>WeCom messages whose stream the host finished in its first answer (their replies come through response_url).</summary>
    public int StreamsClosedAtOnce { get; init; }

    /// <summary>The host's resident memory at the end of the run, MiB.</summary>
    public double HostRssMiB { get; init; } = double.NaN;

    /// <summary>Processed messages per second, from the first send until drained.</summary>
    public double ProcessingRate => SendSeconds + DrainSeconds > 0 ? Processed / (SendSeconds + DrainSeconds) : 0;

    /// <summary>Accepted callbacks per second as a share of the raw insert rate.</summary>
    public double IngestShare => RawInsertRate > 0 ? Throughput / RawInsertRate : double.NaN;

    /// <summary>Accepted callbacks per second of the sending phase.</summary>
    public double Throughput => SendSeconds > 0 ? Accepted / SendSeconds : 0;

    public int RejectedCount => Rejected.Values.Sum() + Errors.Values.Sum();

    public bool Clean => Lost == 0 && Duplicated == 0 && Problems.Count == 0;

    public string Summary()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"run {RunId}: {Rate:0} msg/s for {Seconds:0} s");
        text.AppendLine(string.Create(inv, $"  sent {Sent}, accepted {Accepted}, rejected {RejectedCount}") +
            (Rejected.Count + Errors.Count > 0 ? $" ({string.Join(", ", Rejected.Select(r => $"HTTP {r.Key}: {r.Value}").Concat(Errors.Select(e => $"{e.Key}: {e.Value}")))})" : "") +
            (Retries > 0 ? string.Create(inv, $", redeliveries {Retries}") : ""));
        text.AppendLine(inv, $"  ack latency ms: p50 {AckP50:0.0}  p95 {AckP95:0.0}  p99 {AckP99:0.0}  max {AckMax:0.0}");
        text.AppendLine(inv, $"  throughput {Throughput:0.0} accepted/s over {SendSeconds:0.00} s; drained {DrainSeconds:0.00} s after the last send");
        text.AppendLine(inv, $"  database: {Stored} inbox rows ({StoredNotAccepted} stored without a 200), {Processed} processed, {ReplyRows} reply rows");
        text.AppendLine(inv, $"  platform: {PlatformReplies} replies received; WeCom: {StreamRefreshes} stream refreshes, {StreamsClosedAtOnce} streams finished on arrival (reply through response_url)");
        text.AppendLine(inv, $"  cpu ms per message: host {HostCpuSeconds * 1000 / Math.Max(1, Sent):0.00}, database {DatabaseCpuSeconds * 1000 / Math.Max(1, Sent):0.00}, driver and fake platform {DriverCpuSeconds * 1000 / Math.Max(1, Sent):0.00}; load average {LoadAverage:0.0} at the end");
        text.AppendLine(inv, $"  processed {ProcessingRate:0.0} msg/s; {Queries / (double)Math.Max(1, Processed):0.00} statements per processed message (MariaDB Questions, whole run incl. callbacks and sends); host {HostCpuSeconds * 1000 / Math.Max(1, Processed):0.00} CPU ms per processed message");
        text.AppendLine(inv, $"  end to end (received -> reply queued) ms: p50 {EndToEndP50:0.0}  p95 {EndToEndP95:0.0}  p99 {EndToEndP99:0.0}");
        text.AppendLine(inv, $"  raw insert baseline {RawInsertRate:0} rows/s; ingest {Throughput:0.0} accepted/s = {IngestShare * 100:0.0} % of raw; host RSS {HostRssMiB:0} MiB");
        if (MetricsSeen.Length > 0)
        {
            text.AppendLine(inv, $"  {MetricsSeen}");
        }

        foreach (var fault in Faults)
        {
            text.AppendLine(inv, $"  fault at {fault}");
        }

        text.AppendLine(string.Create(inv, $"  lost {Lost}, duplicated {Duplicated}") + (Problems.Count > 0 ? "; problems: " + string.Join("; ", Problems.Take(10)) : ""));
        return text.ToString();
    }
}

/// <summary>Counts a run's rows in the host's database and checks every accepted message against the replies received.</summary>
public sealed class LoadVerifier(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Every inbox row of the run with its reply rows.</summary>
    public async Task<IReadOnlyList<StoredMessage>> StoredAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StoredMessage>(new CommandDefinition("""
            SELECT i.message_id AS MessageId, i.state AS State, COUNT(o.id) AS Replies,
                   COALESCE(SUM(CASE WHEN o.state = 'sent' THEN 1 ELSE 0 END), 0) AS Sent,
                   COALESCE(SUM(CASE WHEN o.state IN ('pending', 'sending') THEN 1 ELSE 0 END), 0) AS Open,
                   COALESCE(MAX(o.attempts), 0) AS ReplyAttempts, i.received_at AS ReceivedAt, MIN(o.created_at) AS FirstReplyAt
            FROM inbox i LEFT JOIN outbox o ON o.inbox_id = i.id
            WHERE (i.platform = 'wecom' AND i.message_id LIKE @WeCom) OR (i.platform = 'dingtalk' AND i.message_id LIKE @DingTalk)
            GROUP BY i.id, i.message_id, i.state, i.received_at
            """, new { WeCom = LoadCallbacks.WeComInboxId(runId + "-%"), DingTalk = runId + "-%" }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Rows of the run still waiting for the worker or the sender.</summary>
    public async Task<int> OpenWorkAsync(string runId, CancellationToken cancellationToken = default) =>
        (await StoredAsync(runId, cancellationToken)).Count(s => s.State is "pending" or "processing" || s.Open > 0);

    /// <summary>
    /// Waits until every accepted message is stored, processed and answered (or <paramref name="timeout"/> passes);
    /// returns the seconds it took.
    /// </summary>
    public async Task<double> WaitForDrainAsync(LoadDriver driver, FakePlatform platform, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (driver.StreamsDone && AllDingTalkAnswered(driver, platform))
            {
                var stored = await StoredAsync(driver.Settings.RunId, cancellationToken);
                if (stored.All(s => s.State is not ("pending" or "processing") && s.Open == 0) &&
                    stored.Count >= driver.Messages.Count(m => m.Accepted))
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }

            await Task.Delay(250, cancellationToken);
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Checks every message of the run: stored once, processed once, answered once.</summary>
    public async Task<LoadReport> ReportAsync(LoadDriver driver, FakePlatform platform, double drainSeconds, CancellationToken cancellationToken = default)
    {
        var settings = driver.Settings;
        var stored = (await StoredAsync(settings.RunId, cancellationToken)).ToDictionary(s => s.MessageId, StringComparer.Ordinal);
        var problems = new List<string>();
        int lost = 0, duplicated = 0, platformReplies = 0, storedNotAccepted = 0;
        foreach (var message in driver.Messages)
        {
            var inboxId = message.WeCom ? LoadCallbacks.WeComInboxId(message.MsgId) : message.MsgId;
            stored.TryGetValue(inboxId, out var row);
            var replies = message.WeCom
                ? message.StreamReplies + platform.ResponseUrlReplies.GetValueOrDefault(message.MsgId)
                : platform.SessionReplies.GetValueOrDefault(message.MsgId);
            platformReplies += replies;
            if (row is not null && !message.Accepted)
            {
                storedNotAccepted++;
            }

            if (message.Accepted && row is null)
            {
                lost++;
                problems.Add($"{message.MsgId} accepted but not stored");
                continue;
            }

            if (row is null)
            {
                continue;
            }

            if (row.Replies > 1 || replies > 1)
            {
                duplicated++;
                problems.Add($"{message.MsgId}: {row.Replies} reply rows, {replies} replies received");
            }
            else if (row.State != "done" || row.Replies == 0 || replies == 0)
            {
                if (message.Accepted)
                {
                    lost++;
                }

                problems.Add($"{message.MsgId}: state {row.State}, {row.Replies} reply rows ({row.Sent} sent), {replies} replies received");
            }
        }

        var latencies = driver.Messages.Where(m => !double.IsNaN(m.AckMs)).Select(m => m.AckMs).Order().ToArray();
        var endToEnd = stored.Values.Select(s => s.EndToEndMs).Where(ms => !double.IsNaN(ms)).Order().ToArray();
        return new LoadReport(
            settings.RunId,
            settings.Rate,
            settings.Seconds,
            driver.Messages.Count,
            driver.Messages.Count(m => m.Accepted),
            driver.Messages.Where(m => !m.Accepted && m.Status > 0).GroupBy(m => m.Status).ToDictionary(g => g.Key, g => g.Count()),
            driver.Messages.Any(m => !m.Accepted && m.Status <= 0) ? new Dictionary<string, int>(driver.Errors, StringComparer.Ordinal) : new Dictionary<string, int>(StringComparer.Ordinal),
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            driver.SendDuration.TotalSeconds,
            drainSeconds,
            stored.Count,
            storedNotAccepted,
            stored.Values.Count(s => s.State == "done"),
            (int)stored.Values.Sum(s => s.Replies),
            platformReplies,
            lost,
            duplicated,
            driver.Messages.Sum(m => Math.Max(0, m.Attempts - 1)),
            problems)
        {
            EndToEndP50 = Percentile(endToEnd, 0.50),
            EndToEndP95 = Percentile(endToEnd, 0.95),
            EndToEndP99 = Percentile(endToEnd, 0.99),
            StreamRefreshes = driver.Messages.Sum(m => m.Refreshes),
            StreamsClosedAtOnce = driver.Messages.Count(m => m.StreamClosedAtOnce),
        };
    }

    private static bool AllDingTalkAnswered(LoadDriver driver, FakePlatform platform) =>
        driver.Messages.All(m => m.WeCom || !m.Accepted || platform.SessionReplies.ContainsKey(m.MsgId));

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.MySql ? new MySqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
