using Bot.Data.ProgressReports;
using Bot.Skills.Conversation;
using Bot.Skills.Reminders;
using Bot.Tests.Skills.Reminders;
using Bot.Tests.Support;

namespace Bot.Tests.Skills.Figures;

/// <summary>Chat questions in natural wording answered from the figure service, on both databases.</summary>
public sealed class FigureQuestionTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rankings_comparisons_and_report_counts_use_the_same_period_bounded_figures(string provider)
    {
        await using var world = await ScheduleWorld.CreateAsync(provider);
        await AddAsync(world, "王强", new(2026, 10, 12), 3);
        await AddAsync(world, "王强", new(2026, 11, 3), 4);
        await AddAsync(world, "王强", new(2026, 11, 10), 1);
        await AddAsync(world, "张志刚", new(2026, 11, 4), 2);
        await AddAsync(world, "张志刚", new(2026, 11, 25), 9);   // after today: not yet in 本月
        var withdrawn = await AddAsync(world, "赵立新", new(2026, 11, 5), 7);
        Assert.True(await world.Get<IProgressReportRepository>().WithdrawAsync(withdrawn));
        var queries = world.Get<QueryHandler>();

        var ranking = (await queries.AnswerAsync(null, "本月各位领导调研天数排名", Today))!.Text;
        var compared = (await queries.AnswerAsync(null, "王副区长本月调研天数对比上月", Today))!.Text;
        var counts = (await queries.AnswerAsync(null, "11月份汇报条数", Today))!.Text;
        var quarter = (await queries.AnswerAsync(null, "王强截至目前调研几天", Today))!.Text;

        Assert.Contains("本月调研天数排名", ranking, StringComparison.Ordinal);
        Assert.Contains("1. 王强 5天\n2. 张志刚 2天", ranking, StringComparison.Ordinal);
        Assert.DoesNotContain("赵立新 7", ranking, StringComparison.Ordinal);
        Assert.Contains("王强：调研天数 5天（10月3天，+2）", compared, StringComparison.Ordinal);
        Assert.Contains("王强：汇报条数 2条", counts, StringComparison.Ordinal);
        Assert.Contains("张志刚：汇报条数 1条", counts, StringComparison.Ordinal);
        Assert.Contains("合计：汇报条数 3条", counts, StringComparison.Ordinal);
        Assert.Contains("王强：调研天数 8天", quarter, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_leader_asking_about_me_gets_their_own_figures_and_help_me_questions_stay_about_everyone(string provider)
    {
        await using var world = await ScheduleWorld.CreateAsync(provider);
        await AddAsync(world, "王强", new(2026, 11, 3), 4);
        await AddAsync(world, "王强", new(2026, 11, 10), 1);
        await AddAsync(world, "张志刚", new(2026, 11, 4), 2);
        var queries = world.Get<QueryHandler>();
        var wang = await world.MemberAsync("王强");

        var days = (await queries.AnswerAsync(wang, "这个月我调研了几天？", Today))!.Text;
        var reports = (await queries.AnswerAsync(wang, "我本月汇报了几条", Today))!.Text;
        var everyone = (await queries.AnswerAsync(wang, "帮我看看本月汇报了几条", Today))!.Text;

        Assert.Contains("王强：调研天数 5天", days, StringComparison.Ordinal);
        Assert.DoesNotContain("张志刚", days, StringComparison.Ordinal);
        Assert.Contains("王强：汇报条数 2条", reports, StringComparison.Ordinal);
        Assert.DoesNotContain("合计", reports, StringComparison.Ordinal);
        Assert.Contains("合计：汇报条数 3条", everyone, StringComparison.Ordinal);
    }

    private static async Task<long> AddAsync(ScheduleWorld world, string name, DateOnly workDate, double days)
    {
        var member = await world.MemberAsync(name);
        return await world.Get<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = member.Id, MemberName = member.Name, ReportedBy = member.Name, Action = 1, Activity = "调研",
            WorkDate = workDate, Metrics = new() { ["research_days"] = days }, RawText = $"{ReminderContext.Md(workDate)}调研",
        });
    }
}
