using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Bot.Data.Connections;
using Dapper;
using MySqlConnector;

namespace Bot.Benchmarks.Load;

/// <summary>
/// <c>load</c>: starts a fake platform and the bot (<c>dotnet Bot.Host.dll</c>) on 127.0.0.1 against a fresh database
/// (a new database on the MariaDB server given by <c>--mysql</c>, or a temporary SQLite file), drives it at each rate,
/// waits for it to drain, checks every message, prints the figures and stops everything it started.
/// </summary>
public static class LoadCommand
{
    public const string Usage = """
        load [--rate 500 | --rates 250,500,750] [--seconds 60] [--warmup 10] [--wecom-share 0.5] [--senders 2000]
             [--mysql "<admin connection string>"] [--host-dll path/Bot.Host.dll] [--drain-timeout 300] [--p99-target 50]
             [--out results.json] [--host-log host.log] [--db-pid N] [--retries 0] [--set Section:Key=value ...]
             [--kill-at S] [--outage-at S --outage-seconds 10 --db-control scripts/lib/mariadb-control.sh]
        """;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
        var work = Directory.CreateTempSubdirectory("tiexibot-load-").FullName;
        var roster = Path.Combine(work, "roster.csv");
        LoadCallbacks.WriteRoster(roster, options.Senders);
        var callbacks = new LoadCallbacks();
        await using var platform = await FakePlatform.StartAsync();
        var (provider, connectionString, dropDatabase) = await CreateDatabaseAsync(options.MySql, work);
        var settings = callbacks.HostSettings(platform, roster);
        settings["Database:Provider"] = provider.ToString();
        settings["Database:ConnectionString"] = connectionString;
        var metricsPort = HostProcess.FreePort();
        settings["Telemetry:MetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in options.Set)
        {
            settings[key] = value;
        }

        var hostLog = options.HostLog ?? Path.Combine(work, "host.log");
        var reports = new List<LoadReport>();
        var verifier = new LoadVerifier(provider, connectionString);
        Console.WriteLine(Machine());
        Console.WriteLine($"database {provider}; host log {hostLog}; {options.Senders} senders");
        await using (var host = new HostProcess(options.HostDll ?? HostProcess.DefaultHostDll, settings, hostLog))
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await host.StartAsync(TimeSpan.FromMinutes(5));
            Console.WriteLine($"host pid {host.ProcessId} on {host.Address} healthy after {started.Elapsed.TotalSeconds:0.0} s");
            var rawRate = await RawInsertBaseline.MeasureAsync(provider, connectionString, TimeSpan.FromSeconds(5), 32);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw insert baseline: {rawRate:0} inbox-shaped rows/s (single-row autocommit INSERTs, 32 at a time, same database, same run)"));
            if (options.Warmup > 0)
            {
                var warm = await RunOnceAsync(host, callbacks, platform, verifier, options, metricsPort, options.Rates[0], options.Warmup, faultPlan: null);
                Console.WriteLine("warm-up (not counted): " + warm.Summary().Trim());
            }

            foreach (var rate in options.Rates)
            {
                var report = await RunOnceAsync(host, callbacks, platform, verifier, options, metricsPort, rate, options.Seconds, options.Faults) with { RawInsertRate = rawRate };
                reports.Add(report);
                Console.WriteLine(report.Summary());
                Console.WriteLine($"  ack p99 {(report.AckP99 < options.P99Target ? "under" : "OVER")} the {options.P99Target:0} ms target");
            }
        }

        if (options.Out is not null)
        {
            await File.WriteAllTextAsync(options.Out, JsonSerializer.Serialize(new { machine = Machine(), database = provider.ToString(), reports }, JsonOptions));
        }

        if (dropDatabase is not null)
        {
            await dropDatabase();
        }

        Console.WriteLine("| rate (msg/s) | seconds | sent | accepted | rejected | ack p50 | ack p95 | ack p99 | max | drained after | processed/s | e2e p50 | e2e p99 | stmts/msg | ingest % raw | RSS | lost | duplicated | CPU ms/msg host+db+driver | load avg |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in reports)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Rate:0} | {r.Seconds:0} | {r.Sent} | {r.Accepted} | {r.RejectedCount} | {r.AckP50:0.0} ms | {r.AckP95:0.0} ms | {r.AckP99:0.0} ms | {r.AckMax:0} ms | {r.DrainSeconds:0.0} s | {r.ProcessingRate:0} | {r.EndToEndP50:0} ms | {r.EndToEndP99:0} ms | {r.Queries / (double)Math.Max(1, r.Processed):0.0} | {r.IngestShare * 100:0} % | {r.HostRssMiB:0} MiB | {r.Lost} | {r.Duplicated} | {r.HostCpuSeconds * 1000 / Math.Max(1, r.Sent):0.00}+{r.DatabaseCpuSeconds * 1000 / Math.Max(1, r.Sent):0.00}+{r.DriverCpuSeconds * 1000 / Math.Max(1, r.Sent):0.00} | {r.LoadAverage:0.0} |"));
        }

        var sustainable = reports.Where(r => r.Clean && r.RejectedCount == 0 && r.AckP99 < options.P99Target).Select(r => r.Rate).DefaultIfEmpty().Max();
        Console.WriteLine(sustainable > 0
            ? string.Create(CultureInfo.InvariantCulture, $"highest rate run with nothing lost, duplicated or rejected and ack p99 under {options.P99Target:0} ms: {sustainable:0} msg/s")
            : string.Create(CultureInfo.InvariantCulture, $"no rate run met ack p99 under {options.P99Target:0} ms with nothing lost, duplicated or rejected"));
        var clean = reports.All(r => r.Clean && r.RejectedCount == 0);
        Console.WriteLine(clean ? "RESULT: zero lost, zero duplicated, nothing rejected" : "RESULT: FAILED (see above)");
        return clean ? 0 : 1;
    }

    /// <summary>The machine the figures come from.</summary>
    public static string Machine()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var os = File.Exists("/etc/os-release")
            ? File.ReadAllLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
            : null;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"machine: {Environment.ProcessorCount} cores, {memory:0} GiB, {os ?? RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load} at start");
    }

    private static async Task<LoadReport> RunOnceAsync(HostProcess host, LoadCallbacks callbacks, FakePlatform platform, LoadVerifier verifier, Options options, int metricsPort, double rate, double seconds, FaultPlan? faultPlan)
    {
        var (hostCpu, selfCpu, databaseCpu) = (host.CpuTime, Environment.CpuUsage.TotalTime, DatabaseCpu(options.DatabasePid));
        var questions = await QuestionsAsync(verifier);
        using var driver = new LoadDriver(host.Address, callbacks, platform, new LoadSettings
        {
            Rate = rate,
            Seconds = seconds,
            WeComShare = options.WeComShare,
            Senders = options.Senders,
            Retries = options.Retries,
        });
        var (faults, faultsDone) = faultPlan is { Any: true }
            ? LoadFaults.Start(faultPlan, host)
            : (null, Task.CompletedTask);
        await using var sampler = new MetricsSampler(metricsPort);
        await driver.SendAsync();
        await faultsDone;
        var drained = await verifier.WaitForDrainAsync(driver, platform, TimeSpan.FromSeconds(options.DrainTimeout));
        var metricsSeen = await sampler.StopAsync();
        await driver.StopRefreshingAsync();
        var report = await verifier.ReportAsync(driver, platform, drained);
        // A killed host or database takes its CPU time and statement counter with it: those figures are not comparable.
        var restarted = faultPlan is { Any: true };
        return report with
        {
            HostCpuSeconds = restarted ? double.NaN : (host.CpuTime - hostCpu).TotalSeconds,
            DriverCpuSeconds = (Environment.CpuUsage.TotalTime - selfCpu).TotalSeconds,
            DatabaseCpuSeconds = restarted ? double.NaN : (DatabaseCpu(options.DatabasePid) - databaseCpu).TotalSeconds,
            LoadAverage = LoadAverage(),
            Faults = faults?.Events ?? [],
            MetricsSeen = metricsSeen,
            Queries = restarted ? 0 : await QuestionsAsync(verifier) - questions,
            HostRssMiB = Rss(host.ProcessId),
        };
    }

    /// <summary>Statements the MariaDB server has run so far (its <c>Questions</c> counter); 0 on SQLite.</summary>
    private static async Task<long> QuestionsAsync(LoadVerifier verifier)
    {
        if (verifier.Provider != DatabaseProvider.MySql)
        {
            return 0;
        }

        await using var connection = new MySqlConnection(verifier.ConnectionString);
        await connection.OpenAsync();
        var row = await connection.QueryFirstAsync<(string Name, string Value)>("SHOW GLOBAL STATUS LIKE 'Questions'");
        return long.Parse(row.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Resident memory of process <paramref name="pid"/> in MiB (Linux /proc), NaN elsewhere.</summary>
    private static double Rss(int? pid)
    {
        var status = pid is null ? null : $"/proc/{pid}/status";
        var line = status is not null && File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? double.NaN : double.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
    }

    private static double LoadAverage() => File.Exists("/proc/loadavg")
        ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
        : double.NaN;

    private static TimeSpan DatabaseCpu(int? pid)
    {
        if (pid is null)
        {
            return TimeSpan.Zero;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid.Value);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }

    private static async Task<(DatabaseProvider Provider, string ConnectionString, Func<Task>? Drop)> CreateDatabaseAsync(string? mySqlAdmin, string work)
    {
        if (mySqlAdmin is null)
        {
            return (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(work, "load.db")}", null);
        }

        var name = "load_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new MySqlConnection(mySqlAdmin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }

        var connectionString = new MySqlConnectionStringBuilder(mySqlAdmin) { Database = name, MaximumPoolSize = 200, ConnectionReset = false }.ConnectionString;
        return (DatabaseProvider.MySql, connectionString, async () =>
        {
            await using var connection = new MySqlConnection(mySqlAdmin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name}");
        });
    }

    private sealed record Options(
        IReadOnlyList<double> Rates,
        double Seconds,
        double Warmup,
        double WeComShare,
        int Senders,
        string? MySql,
        string? HostDll,
        double DrainTimeout,
        double P99Target,
        string? Out,
        string? HostLog,
        int? DatabasePid,
        int Retries,
        FaultPlan Faults,
        IReadOnlyList<KeyValuePair<string, string?>> Set)
    {
        public static Options? Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var set = new List<KeyValuePair<string, string?>>();
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    return null;
                }

                if (args[i] == "--set")
                {
                    var pair = args[++i].Split('=', 2);
                    set.Add(new(pair[0], pair.Length > 1 ? pair[1] : ""));
                    continue;
                }

                values[args[i][2..]] = args[++i];
            }

            double Number(string key, double fallback) =>
                values.TryGetValue(key, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

            var rates = values.TryGetValue("rates", out var list)
                ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToList()
                : [Number("rate", 500)];
            var seconds = Number("seconds", 60);
            if (rates.Any(r => r <= 0 || r > 5000) || seconds <= 0 || seconds > 600)
            {
                return null;
            }

            return new Options(rates, seconds, Number("warmup", 10), Number("wecom-share", 0.5), (int)Number("senders", 2000),
                values.GetValueOrDefault("mysql"), values.GetValueOrDefault("host-dll"), Number("drain-timeout", 300), Number("p99-target", 50),
                values.GetValueOrDefault("out"), values.GetValueOrDefault("host-log"),
                values.TryGetValue("db-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null, (int)Number("retries", 0),
                new FaultPlan(values.ContainsKey("kill-at") ? Number("kill-at", 0) : null, values.ContainsKey("outage-at") ? Number("outage-at", 0) : null,
                    Number("outage-seconds", 10), values.GetValueOrDefault("db-control")),
                set);
        }
    }
}
