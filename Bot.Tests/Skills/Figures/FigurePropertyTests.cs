using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Skills.Calendar;
using Bot.Skills.Figures;
using Bot.Tests.Support;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Figures;

/// <summary>
/// Property tests of the figure service: for random histories of reports, corrections, withdrawals and restorations
/// stored over 2026, and random periods and as-of days, every figure equals a brute-force count over an in-memory
/// model of which version of each report was live at that moment.
/// </summary>
public sealed class FigurePropertyTests
{
    private static readonly DateOnly YearStart = new(2026, 1, 1);
    private static readonly string[] Names = ["王强", "张志刚", "赵立新"];
    private static readonly string[] Metrics = ["research_days", "enterprises"];

    /// <summary>One step of a history: Kind 0 add, 1 correct, 2 withdraw, 3 restore; Target picks the report.</summary>
    public sealed record Step(int Kind, int Member, int WorkDay, int Action, int Metric, int Value, int Target, int Hours);

    private static readonly Gen<Step> AnyStep = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 364], Gen.Int[1, 3], Gen.Int[0, 1], Gen.Int[1, 9], Gen.Int[0, 99], Gen.Int[1, 400])
        .Select(x => new Step(x.Item1, x.Item2, x.Item3, x.Item4, x.Item5, x.Item6, x.Item7, x.Item8));

    /// <summary>A history and the questions asked of it: (period kind, a day inside it, as-of day).</summary>
    private static readonly Gen<(Step[] Steps, (int Kind, int Day, int AsOf)[] Questions)> AnyCase =
        Gen.Select(AnyStep.Array[4, 24], Gen.Select(Gen.Int[0, 3], Gen.Int[0, 364], Gen.Int[0, 400]).Array[4]);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_figure_equals_a_brute_force_count_of_the_versions_live_at_the_as_of_moment(string provider)
    {
        var iterations = provider == nameof(Bot.Data.Connections.DatabaseProvider.Sqlite) ? 25 : 8;
        await AnyCase.SampleAsync(async c => await CheckAsync(provider, c.Steps, c.Questions), iter: iterations, threads: 1);
    }

    private static async Task CheckAsync(string provider, Step[] steps, (int Kind, int Day, int AsOf)[] questions)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var repository = db.Get<IProgressReportRepository>();
        var figures = new FigureService(db.Get<IReportFigures>(), db.Get<IMemberRepository>(), clock);

        // The model: per report (root), its history of (moment, live version or null when withdrawn).
        var model = new List<(long CurrentId, List<(DateTimeOffset At, Version? State)> History)>();
        foreach (var step in steps)
        {
            clock.Advance(TimeSpan.FromHours(step.Hours));
            var now = clock.GetUtcNow();
            var version = new Version(step.Member, YearStart.AddDays(step.WorkDay), step.Action, Metrics[step.Metric], step.Value);
            if (step.Kind == 0 || model.Count == 0)
            {
                var id = await repository.AddAsync(Report(version));
                model.Add((id, [(now, version)]));
                continue;
            }

            var index = step.Target % model.Count;
            var (currentId, history) = model[index];
            var live = history[^1].State;
            if (step.Kind == 1 && live is not null)
            {
                var id = await repository.AddVersionAsync(currentId, Report(version));
                Assert.NotNull(id);
                history.Add((now, version));
                model[index] = (id!.Value, history);
            }
            else if (step.Kind == 2 && live is not null)
            {
                Assert.True(await repository.WithdrawAsync(currentId));
                history.Add((now, null));
            }
            else if (step.Kind == 3 && live is null)
            {
                // A restoration stores the last live version again as a new, not withdrawn version.
                var restored = history.Last(h => h.State is not null).State!;
                Assert.True(await repository.RestoreAsync(currentId));
                var id = (await repository.FindCurrentAsync(currentId))!.Id;
                history.Add((now, restored));
                model[index] = (id, history);
            }
        }

        clock.Advance(TimeSpan.FromHours(1));
        foreach (var (kind, day, asOfDay) in questions)
        {
            var inside = YearStart.AddDays(day);
            var period = kind switch { 0 => Period.Week(inside), 1 => Period.Month(inside), 2 => Period.Quarter(inside), _ => Period.Year(2026) };
            var asOf = YearStart.AddDays(asOfDay);
            var moment = Min(BusinessClock.StartOf(asOf.AddDays(1)), clock.GetUtcNow());
            var to = period.End < asOf ? period.End : asOf;

            // Brute force: the state of each report just before the moment; counted when live and dated inside.
            var counted = model
                .Select(m => m.History.Where(h => h.At < moment).Select(h => h.State).LastOrDefault())
                .Where(v => v is not null && v.WorkDate >= period.Start && v.WorkDate <= to)
                .Select(v => v!)
                .ToList();
            var context = $"{period.Start:yyyy-MM-dd}..{period.End:yyyy-MM-dd} as of {asOf:yyyy-MM-dd}";

            Assert.True(counted.Count == await figures.ReportCountAsync(period, asOf), $"report count, {context}");
            var byMember = await figures.MetricsByMemberAsync(period, asOf);
            foreach (var member in Enumerable.Range(0, Names.Length))
            {
                foreach (var metric in Metrics)
                {
                    var expected = counted.Where(v => v.Member == member && v.Metric == metric).Sum(v => (double)v.Value);
                    var actual = byMember.Where(t => t.MemberName == Names[member] && t.Metric == metric).Sum(t => t.Value);
                    Assert.True(expected == actual, $"{Names[member]} {metric}: expected {expected}, got {actual}, {context}");
                }
            }

            var byAction = await figures.ByActionAsync(period, asOf);
            foreach (var action in Enumerable.Range(1, 3))
            {
                var expected = counted.Count(v => v.Action == action);
                var actual = byAction.TryGetValue(action, out var f) ? f.Reports : 0;
                Assert.True(expected == actual, $"action {action} reports: expected {expected}, got {actual}, {context}");
            }
        }
    }

    private static ProgressReport Report(Version v) => new()
    {
        MemberName = Names[v.Member],
        ReportedBy = Names[v.Member],
        Action = v.Action,
        Activity = "调研",
        WorkDate = v.WorkDate,
        Metrics = new() { [v.Metric] = v.Value },
        RawText = "property",
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>What a live version counts: who, which day, which action, one metric and its value.</summary>
    private sealed record Version(int Member, DateOnly WorkDate, int Action, string Metric, int Value);
}
