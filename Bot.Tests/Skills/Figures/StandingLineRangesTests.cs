using Bot.Data.Connections;
using Bot.Data.ProgressReports;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Figures;

/// <summary>
/// A leader's standing line reads this month's and this year's totals in one query over the daily rollup (issue 18):
/// the one query must give exactly what one query per range gives, and cost one statement.
/// </summary>
public sealed class StandingLineRangesTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Totals_over_a_month_and_a_year_in_one_query_equal_one_query_per_range(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 4, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var reports = db.Get<IProgressReportRepository>();
        var figures = db.Get<IReportFigures>();
        (string Name, long? Id, DateOnly Day, double Days)[] rows =
        [
            ("王强", 1, new DateOnly(2026, 1, 5), 2), ("王强", 1, new DateOnly(2026, 3, 2), 1.5), ("王强", 1, new DateOnly(2026, 3, 19), 1),
            ("王强", null, new DateOnly(2026, 3, 10), 4), ("张志刚", 2, new DateOnly(2026, 3, 11), 7), ("王强", 1, new DateOnly(2025, 12, 30), 9),
        ];
        foreach (var (name, id, day, days) in rows)
        {
            await reports.AddAsync(new ProgressReport
            {
                MemberId = id, MemberName = name, ReportedBy = name, WorkDate = day, RawText = "standing",
                Metrics = new Dictionary<string, double>(StringComparer.Ordinal) { ["research_days"] = days, ["research_trips"] = 1 },
            });
        }

        var filter = new FigureFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 20), DateTimeOffset.MaxValue) { MemberId = 1, MemberName = "王强" };
        DateOnly[] starts = [new DateOnly(2026, 3, 1), new DateOnly(2026, 1, 1)];
        var counter = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var before = counter.Count();
        var together = await figures.SumByMemberOverRangesAsync(filter, starts);
        Assert.Equal(1, counter.Count() - before);

        for (var i = 0; i < starts.Length; i++)
        {
            var alone = await figures.SumByMemberAsync(filter with { From = starts[i] });
            Assert.Equal(Text(alone), Text(together[i]));
        }

        // This month: 1.5 + 1 + 4 (stored by name without an id: its own row, no member id); this year also January's 2; never December's 9 or 张志刚's 7.
        Assert.Equal(6.5, together[0].Where(t => t.Metric == "research_days").Sum(t => t.Value));
        Assert.Equal(8.5, together[1].Where(t => t.Metric == "research_days").Sum(t => t.Value));
    }

    private static List<string> Text(IEnumerable<MetricTotal> totals) =>
        totals.Select(t => $"{t.MemberId}|{t.MemberName}|{t.Metric}|{t.Value:0.###}").Order(StringComparer.Ordinal).ToList();
}
