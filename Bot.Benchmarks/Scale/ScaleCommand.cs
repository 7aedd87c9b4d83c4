using System.Diagnostics;
using System.Globalization;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Host.Cli;
using Bot.Host.Dashboard;
using Bot.Skills.Calendar;
using Bot.Skills.Digests;
using Bot.Skills.Ledger;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks.Scale;

/// <summary>
/// <c>scale [--repeat N] [host options]</c>: times the figure surfaces in process against the configured database (seed it
/// first with <c>db seed-demo</c>): 谁还没汇报 this month and this year, one leader's scorecard, the board's data for
/// <c>/</c> (what the signed-in page renders) unfiltered and filtered by one 街道, the month and year digests (as <c>digest --dry-run</c> builds them, chart
/// included), and the process's resident memory after the board. Each surface runs once to warm up, then N times;
/// the median and the slowest run are printed with the load average. Used by <c>scripts/scale.sh</c>.
/// </summary>
public static class ScaleCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var repeat = 7;
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat" && i + 1 < args.Length)
            {
                repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            }
            else
            {
                hostArgs.Add(args[i]);
            }
        }

        await using var app = await ScheduleVerbs.PrepareAsync(Bot.Host.Cli.CommandLine.Parse(["digest", .. hostArgs]));
        var services = app.Services;
        var today = services.GetRequiredService<BusinessClock>().Today;
        var status = services.GetRequiredService<StatusService>();
        var scorecards = services.GetRequiredService<ScorecardService>();
        var digests = services.GetRequiredService<DigestService>();
        var schedule = services.GetRequiredService<DigestSchedule>();
        var plan = await services.GetRequiredService<IPlanRepository>().GetActiveAsync();
        var leader = (await services.GetRequiredService<IMemberRepository>().ListAsync()).First(m => m.Active && m.Role == Roles.Leader);
        long reports;
        await using (var connection = await services.GetRequiredService<Bot.Data.Connections.IDbConnectionFactory>().OpenAsync())
        {
            reports = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM progress_reports WHERE is_current = 1 AND withdrawn = 0");
        }


        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {reports:N0} live reports · today {today:yyyy-MM-dd} · {Environment.ProcessorCount} cores · .NET {Environment.Version} · load {Load()}"));
        Console.WriteLine("| surface | median | slowest | rows/notes | load (1 min) |");
        Console.WriteLine("|---|---|---|---|---|");

        await TimeAsync("本月谁还没汇报", repeat, async () => $"{(await status.NonReportersAsync(Period.Month(today))).Count} 人");
        await TimeAsync("今年谁还没汇报", repeat, async () => $"{(await status.NonReportersAsync(Period.Year(today.Year))).Count} 人");
        await TimeAsync($"scorecard of {leader.Name}", repeat, async () => $"{(await scorecards.ForMemberAsync(leader, today)).Lines.Count} lines");
        var boards = services.GetRequiredService<BoardQuery>();
        var evidence = services.GetRequiredService<Bot.Data.Evidence.IEvidenceRepository>();
        await TimeAsync("board / (current quarter)", repeat, async () =>
        {
            var filter = new BoardFilter(Period.Quarter(today), null, null, null);
            var board = await boards.LoadAsync(filter);
            await evidence.CountWithPhotosAsync(Bot.Skills.ProgressReports.Activities.RiverChief, filter.Period.Start, filter.Period.End);
            return $"{board.ReportTotal:N0} reports, {board.Reports.Count} listed";
        });
        var unit = (await services.GetRequiredService<Bot.Data.Units.IUnitRepository>().ListAsync())
            .FirstOrDefault(u => u.Type == Bot.Data.Units.UnitTypes.Subdistrict);
        if (unit is not null)
        {
            // Matched and grouped in SQL on the report rows (not the rollup): only the page of 50 is read.
            await TimeAsync($"board / filtered by unit {unit.Name}", Math.Max(3, repeat / 2), async () =>
            {
                var board = await boards.LoadAsync(new BoardFilter(Period.Quarter(today), null, null, unit.Id));
                return $"{board.ReportTotal:N0} reports, {board.Reports.Count} listed";
            });
        }

        GC.Collect();
        var rss = Process.GetCurrentProcess();
        rss.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| RSS after the board | {rss.WorkingSet64 / 1048576.0:0} MiB | peak {rss.PeakWorkingSet64 / 1048576.0:0} MiB | managed heap {GC.GetTotalMemory(false) / 1048576.0:0} MiB | {Load()} |"));
        foreach (var kind in new[] { DigestKinds.Month, DigestKinds.Year })
        {
            // As `digest --period KIND --dry-run` builds it today.
            var period = schedule.PeriodFor(kind, today, plan?.Year);
            period = period.End > today ? period with { End = today } : period;
            await TimeAsync($"digest {kind} ({PeriodCodes.Of(period)})", Math.Max(3, repeat / 2), async () => $"{(await digests.BuildAsync(kind, period, today)).Markdown.Length:N0} chars");
        }

        return 0;
    }

    private static async Task TimeAsync(string name, int repeat, Func<Task<string>> surface)
    {
        var note = await surface();
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await surface();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {times[times.Count / 2]:0.0} ms | {times[^1]:0.0} ms | {note} | {Load()} |"));
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
