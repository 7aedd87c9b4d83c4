using Bot.Data.Connections;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Tests.Support;

namespace Bot.Tests.Data;

/// <summary>The demo seeder behind <c>db seed-demo</c> writes rows the repositories read like the router's own.</summary>
public sealed class DemoSeederTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Seeded_reports_are_read_by_the_repository_and_their_sums_equal_a_recount_of_the_live_versions(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var members = db.Get<IMemberRepository>();
        var reporters = new List<DemoReporter>();
        foreach (var name in new[] { "王强", "李敏", "赵刚" })
        {
            reporters.Add(new DemoReporter(await members.AddAsync(new Member { Name = name, Role = Roles.Leader }), name));
        }

        DemoTemplate[] templates =
        [
            new(1, "调研", "调研", new Dictionary<string, double> { ["research_trips"] = 1, ["research_days"] = 2 }),
            new(6, "河长", "巡河", new Dictionary<string, double> { ["patrols"] = 1 }),
            new(10, "会议", "开会", new Dictionary<string, double>()),
        ];
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 3, 31);

        var result = await new DemoReportSeeder(db.Get<IDbConnectionFactory>()).SeedAsync(1500, reporters, templates, ["平西乡"], from, to, planId: null, seed: 7);

        var reports = db.Get<IProgressReportRepository>();
        var live = await reports.ListAsync(from, to, limit: 10_000);
        Assert.Equal(result.Reports - result.Withdrawn, live.Count);
        Assert.Equal(result.Reports + result.Corrected, result.Versions);
        Assert.All(live, r => Assert.True(r.IsCurrent && !r.Withdrawn && r.WorkDate >= from && r.WorkDate <= to));
        var corrected = live.First(r => r.Version == 2);
        Assert.Equal(2, (await reports.GetVersionsAsync(corrected.RootId!.Value)).Count);

        var next = await reports.AddAsync(new ProgressReport { MemberName = "王强", ReportedBy = "王强", Action = 1, Activity = "调研", WorkDate = from, RawText = "调研" });
        Assert.True(next > live.Max(r => r.Id), "a report after the bulk load takes an id after the seeded ones");
        Assert.Equal(next, Assert.Single(await reports.GetVersionsAsync(next)).RootId);

        var january = await reports.SumMetricsAsync(from, new DateOnly(2026, 1, 31));
        var recount = live.Where(r => r.WorkDate <= new DateOnly(2026, 1, 31)).SelectMany(r => r.Metrics.Select(m => (r.MemberName, m.Key, m.Value)))
            .GroupBy(x => (x.MemberName, x.Key)).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        Assert.Equal(recount.Count, january.Count);
        Assert.All(january, t => Assert.Equal(recount[(t.MemberName, t.Metric)], t.Value, 6));
    }
}
