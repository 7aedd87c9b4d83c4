using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Calendar;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Status;

public sealed class StatusAndScorecardTests
{
    private static readonly DateOnly Today = new(2026, 6, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_leaders_scorecard_counts_current_reports_against_the_plan_targets(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var wang = (await db.Get<IMemberRepository>().FindByNameAsync("王强"))!;
        await AddReportAsync(db, wang, new DateOnly(2026, 6, 3), trips: 1, days: 2);
        await AddReportAsync(db, wang, new DateOnly(2026, 6, 10), trips: 1, days: 1);
        await AddReportAsync(db, wang, new DateOnly(2026, 3, 10), trips: 1, days: 15);

        var card = await db.Get<ScorecardService>().ForMemberAsync(wang, Today);

        var monthly = card.Lines.Single(l => l.Metric == "research_trips");
        Assert.Equal((2d, Light.Yellow), (monthly.Actual, monthly.Light)); // 2 < 3 × 22/30
        Assert.Equal("本月专题调研 2/3–4 次 🟡", monthly.Text);
        var yearly = card.Lines.Single(l => l.Metric == "research_days");
        Assert.Equal("全年调研天数 18/50 天 🟡", yearly.Text);
        Assert.Equal(Light.Yellow, card.Light);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Non_reporters_are_the_expected_roster_members_without_a_report_in_the_period(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var wang = (await db.Get<IMemberRepository>().FindByNameAsync("王强"))!;
        await AddReportAsync(db, wang, new DateOnly(2026, 6, 3), trips: 1, days: 1, reportedBy: "刘海燕");

        var silent = await db.Get<StatusService>().NonReportersAsync(Period.Month(Today));

        Assert.Equal(["张志刚"], silent.Select(m => m.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Non_reporters_of_a_roster_larger_than_one_statement_can_probe_are_found_in_chunks(string provider)
    {
        // SQLite allows 500 terms in a compound SELECT; the probe of 600 liaisons must not fail and must miss nobody.
        await using var db = await ArrangeAsync(provider);
        var members = db.Get<IMemberRepository>();
        var wang = (await members.FindByNameAsync("王强"))!;
        var liaisons = new List<Member>();
        for (var i = 1; i <= 600; i++)
        {
            var liaison = new Member { Name = $"联络员{i:000}", Role = Roles.Department, LeaderId = wang.Id };
            liaison.Id = await members.AddAsync(liaison);
            liaisons.Add(liaison);
        }

        await AddReportAsync(db, wang, new DateOnly(2026, 6, 3), trips: 1, days: 1, reportedBy: "联络员007");
        await AddReportAsync(db, liaisons[554], new DateOnly(2026, 6, 4), trips: 1, days: 1);

        var silent = (await db.Get<StatusService>().NonReportersAsync(Period.Month(Today))).Select(m => m.Name).ToList();

        Assert.Contains("张志刚", silent);
        Assert.Contains("联络员600", silent);
        Assert.DoesNotContain("王强", silent);
        Assert.DoesNotContain("联络员007", silent);
        Assert.DoesNotContain("联络员555", silent);
        Assert.Equal(1 + 598 + 1, silent.Count); // 张志刚, the 598 silent liaisons and 刘海燕
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tasks_are_lit_overdue_upcoming_and_done(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var taskRepo = db.Get<ITaskRepository>();
        await taskRepo.AddAsync(new PlanTask { Title = "5月下旬政策宣传", DueStart = new DateOnly(2026, 5, 21), DueEnd = new DateOnly(2026, 5, 31) });
        await taskRepo.AddAsync(new PlanTask { Title = "6月底出台返乡创业政策", DueEnd = new DateOnly(2026, 6, 24) });
        var done = await taskRepo.AddAsync(new PlanTask { Title = "已完成的", DueEnd = new DateOnly(2026, 6, 1) });
        await taskRepo.CloseAsync(done, "高玉梅", null);
        var status = db.Get<StatusService>();

        Assert.Equal(["5月下旬政策宣传"], (await status.OverdueAsync(Today)).Select(t => t.Task.Title));
        var upcoming = Assert.Single(await status.UpcomingAsync(Today, 7));
        Assert.Equal(Light.Yellow, upcoming.Light);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Coverage_lists_units_a_leader_has_not_visited_and_action_progress_sums_its_reports(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var wang = (await db.Get<IMemberRepository>().FindByNameAsync("王强"))!;
        await AddReportAsync(db, wang, new DateOnly(2026, 6, 3), trips: 1, days: 1, place: "北沟街道");
        var status = db.Get<StatusService>();

        var unvisited = await status.UnvisitedUnitsAsync(wang, Period.Year(2026), [UnitTypes.Subdistrict]);
        var progress = await status.ActionProgressAsync(1, Period.Month(Today), Today);

        Assert.Equal(["站前街道"], unvisited.Select(u => u.Name));
        Assert.NotNull(progress);
        Assert.Equal((1, 1d), (progress.Reports, progress.Metrics["research_trips"]));
    }

    private static async Task<TestDatabase> ArrangeAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 2, 0, 0, TimeSpan.Zero));
        var db = await TestDatabase.CreateAsync(provider, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddBotSkills();
        });
        var units = db.Get<IUnitRepository>();
        await units.UpsertAsync(new Unit { Name = "北沟街道", Type = UnitTypes.Subdistrict });
        await units.UpsertAsync(new Unit { Name = "站前街道", Type = UnitTypes.Subdistrict });
        await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
        var members = db.Get<IMemberRepository>();
        var wang = await members.AddAsync(new Member { Name = "王强", Title = "副区长", Role = Roles.Leader });
        await members.AddAsync(new Member { Name = "张志刚", Title = "副区长", Role = Roles.Leader });
        await members.AddAsync(new Member { Name = "刘海燕", Role = Roles.Department, LeaderId = wang });
        await members.AddAsync(new Member { Name = "高玉梅", Role = Roles.Office });
        await db.Get<IPlanRepository>().SaveAsync(new Plan
        {
            Title = "测试方案",
            Year = 2026,
            ContentHash = "h",
            Actions =
            [
                new PlanAction
                {
                    Number = 1,
                    Title = "“大走访大调研”行动",
                    Targets =
                    [
                        new Target { Metric = "research_trips", Per = "month", MinValue = 3, MaxValue = 4, AppliesTo = "leader", Text = "每月开展3至4次专题调研" },
                        new Target { Metric = "research_days", Per = "year", MinValue = 50, AppliesTo = "leader", Text = "全年调研天数不少于50天" },
                        new Target { Metric = "coverage", Per = "year", MinValue = 1, AppliesTo = "leader", Text = "至少走访一遍" },
                    ],
                },
            ],
        });
        return db;
    }

    private static Task<long> AddReportAsync(TestDatabase db, Member member, DateOnly date, double trips, double days, string? reportedBy = null, string place = "平西乡") =>
        db.Get<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = member.Id,
            MemberName = member.Name,
            ReportedBy = reportedBy ?? member.Name,
            Action = 1,
            Activity = "调研",
            WorkDate = date,
            Places = [place],
            Metrics = new() { ["research_trips"] = trips, ["research_days"] = days },
            RawText = "调研",
        });
}
