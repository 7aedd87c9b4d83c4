using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Dashboard;

/// <summary>What <see cref="DashboardSeed"/> stored.</summary>
public sealed record SeededBoard(Member Wang, Member Zhang, long WangReportId, long OverdueTaskId, long UpcomingTaskId);

/// <summary>
/// A hand-built plan (two actions with per-leader targets), tasks (overdue, upcoming, done, recurring) and reports
/// dated around <c>today</c>, stored through the repositories. Leaders come from the demo roster when it was seeded.
/// </summary>
public static class DashboardSeed
{
    public const string OverdueTask = "召开招商项目推进会";
    public const string UpcomingTask = "报送季度调研报告";
    public const string WangReportText = "汇报：赴平西乡调研乡村振兴，走访企业3家，调研2天";

    /// <summary>Host settings for a seeded board: the database, and no seed plan document, so that the hand-built plan stays the active one.</summary>
    public static Dictionary<string, string?> HostSettings(Bot.Tests.Support.TestDatabase db) => new(db.Settings) { ["Plan:Document"] = "" };

    public static async Task<SeededBoard> SeedAsync(IServiceProvider services, DateOnly today)
    {
        var members = services.GetRequiredService<IMemberRepository>();
        var units = services.GetRequiredService<IUnitRepository>();
        var pingxi = await units.UpsertAsync(new Unit { Name = "平西乡", Type = UnitTypes.Township });
        await units.UpsertAsync(new Unit { Name = "北沟街道", Type = UnitTypes.Subdistrict });
        var fagai = await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
        var wang = await EnsureAsync(members, "王强");
        var zhang = await EnsureAsync(members, "张志刚");

        await services.GetRequiredService<IPlanRepository>().SaveAsync(new Plan
        {
            Title = "看板测试方案",
            Year = today.Year,
            ContentHash = "dashboard-" + Guid.NewGuid().ToString("N"),
            Actions =
            [
                new PlanAction
                {
                    Number = 1,
                    Title = "“大走访大调研”行动",
                    Period = "全年",
                    Targets =
                    [
                        new Target { Metric = "research_trips", Per = "month", MinValue = 3, MaxValue = 4, AppliesTo = "leader", Text = "每月开展3至4次专题调研" },
                        new Target { Metric = "research_days", Per = "year", MinValue = 50, AppliesTo = "leader", Text = "全年调研天数不少于50天" },
                    ],
                },
                new PlanAction
                {
                    Number = 2,
                    Title = "“大考察大招商”行动",
                    Period = "全年",
                    Targets = [new Target { Metric = "projects", Per = "year", MinValue = 2, MaxValue = 3, AppliesTo = "leader", Text = "跟踪服务2至3个招商项目" }],
                },
            ],
        });
        var plan = (await services.GetRequiredService<IPlanRepository>().GetActiveAsync())!;
        var action1 = plan.Actions.Single(a => a.Number == 1).Id;
        var action2 = plan.Actions.Single(a => a.Number == 2).Id;

        var tasks = services.GetRequiredService<ITaskRepository>();
        var overdue = await tasks.AddAsync(new PlanTask { PlanId = plan.Id, ActionId = action2, Title = OverdueTask, DueEnd = today.AddDays(-5), OwnerUnitId = fagai, LeaderId = wang.Id });
        var upcoming = await tasks.AddAsync(new PlanTask { PlanId = plan.Id, ActionId = action1, Title = UpcomingTask, DueEnd = today.AddDays(3), OwnerUnitId = fagai, LeaderId = wang.Id });
        var done = await tasks.AddAsync(new PlanTask { PlanId = plan.Id, ActionId = action1, Title = "制定调研计划", DueEnd = today.AddDays(-2), OwnerUnitId = pingxi });
        await tasks.CloseAsync(done, "高玉梅", "调研计划.pdf");
        await tasks.AddAsync(new PlanTask { PlanId = plan.Id, ActionId = action1, Title = "每月专题调研", Recurrence = Recurrences.Monthly });

        var reports = services.GetRequiredService<IProgressReportRepository>();
        var wangReport = await reports.AddAsync(new ProgressReport
        {
            MemberId = wang.Id, MemberName = wang.Name, ReportedBy = wang.Name, PlanId = plan.Id, Action = 1, Activity = "调研",
            WorkDate = today, Places = ["平西乡"], Metrics = new() { ["research_trips"] = 1, ["research_days"] = 2, ["enterprises"] = 3 },
            RawText = WangReportText, Confidence = 0.9,
        });
        var earlier = today.Day > 10 ? today.AddDays(-10) : today;
        await reports.AddAsync(new ProgressReport
        {
            MemberId = zhang.Id, MemberName = zhang.Name, ReportedBy = "李敏", PlanId = plan.Id, Action = 2, Activity = "招商",
            WorkDate = earlier, Places = ["北沟街道"], Metrics = new() { ["projects"] = 1, ["research_days"] = 1 },
            RawText = "代张志刚副区长汇报：对接北沟街道招商项目1个", Confidence = 0.8,
        });
        return new SeededBoard(wang, zhang, wangReport, overdue, upcoming);
    }

    private static async Task<Member> EnsureAsync(IMemberRepository members, string name)
    {
        if (await members.FindByNameAsync(name) is { } existing)
        {
            return existing;
        }

        await members.AddAsync(new Member { Name = name, Title = "副区长", Role = Roles.Leader });
        return (await members.FindByNameAsync(name))!;
    }
}
