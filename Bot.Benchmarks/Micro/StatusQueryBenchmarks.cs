using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bot.Data.Connections;
using Bot.Data.Members;
using Bot.Skills.Calendar;
using Bot.Skills.Status;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks.Micro;

/// <summary>
/// "谁还没汇报" (<see cref="StatusService.NonReportersAsync(Bot.Skills.Calendar.Period, System.Threading.CancellationToken)"/>) on a year of data: 500 members and 100,000 reports
/// spread over the last 365 days, for the current month (the chat's default) and the whole year, with and without the
/// index of migration 0003.
/// </summary>
[Config(typeof(BenchConfig))]
public class StatusQueryBenchmarks
{
    public const int Members = 500;
    public const int Reports = 100_000;

    private BenchDatabase _database = null!;
    private ServiceProvider _services = null!;
    private StatusService _status = null!;
    private Period _month = null!;
    private Period _year = null!;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>"0003": the migrations as shipped; "0002": without the 0003 report indexes (the state before).</summary>
    [Params("0003", "0002")]
    public string Indexes { get; set; } = "0003";

    public static IEnumerable<string> Providers() => BenchDatabase.Providers();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync(Provider);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_database.Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(WorkingCalendar.WeekendsOnly);
        services.AddBotData().AddBotSkills();
        _services = services.BuildServiceProvider();
        await BenchDatabase.MigrateAsync(_services);
        await SeedAsync(_services, _database.Provider);
        if (Indexes == "0002")
        {
            await using var connection = await _services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
            await connection.ExecuteAsync(_database.Provider == DatabaseProvider.MySql
                ? "DROP INDEX ix_reports_current_created ON progress_reports"
                : "DROP INDEX ix_reports_current_created");
        }

        _status = _services.GetRequiredService<StatusService>();
        var today = DateOnly.FromDateTime(DateTime.Now);
        _month = Period.Month(today);
        _year = new Period(today.AddDays(-364), today, "近一年", "year");
        foreach (var period in new[] { _month, _year })
        {
            Console.WriteLine($"// plan ({Provider}, indexes {Indexes}, {period.Kind}):\n" + await ExplainAsync(_services, _database.Provider,
                BusinessClock.StartOf(period.Start), BusinessClock.StartOf(period.End.AddDays(1))));
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Benchmark(Description = "谁还没汇报 this month")]
    public Task<IReadOnlyList<Member>> NonReportersThisMonth() => _status.NonReportersAsync(_month);

    [Benchmark(Description = "谁还没汇报 over the whole year")]
    public Task<IReadOnlyList<Member>> NonReportersThisYear() => _status.NonReportersAsync(_year);

    /// <summary>500 department members and 100,000 current reports created over the last year (5 % withdrawn or superseded).</summary>
    public static async Task SeedAsync(IServiceProvider services, DatabaseProvider provider)
    {
        var members = services.GetRequiredService<IMemberRepository>();
        for (var n = 0; n < Members; n++)
        {
            await members.AddAsync(new Member { Name = Name(n), Role = Roles.Department, Active = true });
        }

        var random = new Random(20180101);
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, Reports).Select(i =>
        {
            // Most members report most weeks; a tenth of them rarely do, so there is always someone to name.
            var member = random.Next(10) == 0 ? random.Next(Members) : random.Next(Members - Members / 10);
            var created = now.AddSeconds(-random.NextDouble() * 365 * 86400);
            return new
            {
                MemberId = (long)(member + 1),
                MemberName = Name(member),
                ReportedBy = Name(member),
                WorkDate = DateOnly.FromDateTime(created.UtcDateTime),
                RawText = string.Create(CultureInfo.InvariantCulture, $"今天走访了{i % 7 + 1}家企业"),
                IsCurrent = random.Next(40) == 0 ? 0 : 1,
                Withdrawn = random.Next(40) == 0 ? 1 : 0,
                CreatedAt = created,
            };
        }).ToList();

        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        foreach (var chunk in rows.Chunk(5000))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("""
                INSERT INTO progress_reports (member_id, member_name, reported_by, action, work_date, people, places, units, metrics,
                    photos, confidence, missing, raw_text, source, version, is_current, withdrawn, created_at)
                VALUES (@MemberId, @MemberName, @ReportedBy, 1, @WorkDate, '[]', '[]', '[]', '{}', 0, 0.9, '[]', @RawText, 'rules', 1,
                    @IsCurrent, @Withdrawn, @CreatedAt)
                """, chunk, transaction);
            await transaction.CommitAsync();
        }

        // Rows written in SQL bypass the repository: the daily rollup that current figures read is rebuilt once.
        await services.GetRequiredService<Bot.Data.ProgressReports.IReportRollup>().RebuildAsync();
        await connection.ExecuteAsync("ANALYZE " + (provider == DatabaseProvider.MySql ? "TABLE " : "") + "progress_reports");
    }

    /// <summary>The database's plan for the query behind <see cref="StatusService.NonReportersAsync(Bot.Skills.Calendar.Period, System.Threading.CancellationToken)"/> (printed once per case).</summary>
    public static async Task<string> ExplainAsync(IServiceProvider services, DatabaseProvider provider, DateTimeOffset from, DateTimeOffset to)
    {
        const string Query = """
            SELECT member_name FROM progress_reports WHERE is_current = 1 AND withdrawn = 0 AND created_at >= @From AND created_at < @To
            UNION
            SELECT reported_by FROM progress_reports WHERE is_current = 1 AND withdrawn = 0 AND created_at >= @From AND created_at < @To
            """;
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync();
        var rows = await connection.QueryAsync((provider == DatabaseProvider.MySql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + Query, new { From = from, To = to });
        return string.Join("\n", rows.Select(r => string.Join(" | ", ((IDictionary<string, object?>)r).Select(kv => $"{kv.Key}={kv.Value}"))));
    }

    private static string Name(int n) => "成员" + n.ToString("D3", CultureInfo.InvariantCulture);
}
