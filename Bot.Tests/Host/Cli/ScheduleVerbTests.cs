using Bot.Data.Outbox;
using Bot.Host.Cli;
using Bot.Tests.Skills.Reminders;

namespace Bot.Tests.Host.Cli;

public sealed class ScheduleVerbTests
{
    [Fact]
    public async Task Remind_dry_run_on_the_20th_of_June_2026_lists_every_leaders_quota_reminder_and_the_milestone_nudges_and_sends_nothing()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        var output = new StringWriter();

        var exit = await ScheduleVerbs.RemindAsync(Args(world, "remind", "--at", "2026-06-20", "--dry-run", "--Plan:Year=2026"), output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("2026年6月20日（星期六，端午节）", text, StringComparison.Ordinal);
        Assert.Contains("原定于当天的 6 项提醒顺延至 2026年6月22日（星期一，工作日）", text, StringComparison.Ordinal);
        foreach (var leader in new[] { "刘波", "王强", "张志刚", "赵立新", "陈立新", "吴海涛" })
        {
            Assert.Contains($"@{leader} 月度指标提醒：截至6月20日，本月专题调研 0/3–4 次", text, StringComparison.Ordinal);
        }

        Assert.Contains("@李敏 @张志刚 【区经合局】「5月下旬赴江苏、广州、深圳招商引资」已逾期15个工作日", text, StringComparison.Ordinal);
        Assert.Contains("→ sandbox/sandbox/sandbox · markdown", text, StringComparison.Ordinal);
        Assert.Empty(await world.Get<IOutboxRepository>().CountByStateAsync());
    }

    [Fact]
    public async Task Remind_dry_run_on_a_working_day_lists_that_days_nudges_and_without_dry_run_queues_them_once()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        var output = new StringWriter();

        await ScheduleVerbs.RemindAsync(Args(world, "remind", "--at", "2026-05-29T09:00", "--dry-run"), output);
        await ScheduleVerbs.RemindAsync(Args(world, "remind", "--at", "2026-05-29"), new StringWriter());
        var again = new StringWriter();
        await ScheduleVerbs.RemindAsync(Args(world, "remind", "--at", "2026-05-29"), again);

        Assert.Contains("「5月下旬赴江苏、广州、深圳招商引资」今天到期", output.ToString(), StringComparison.Ordinal);
        // The 16:00 month-end non-reporter nudge is merged into the day's one message at 09:00.
        Assert.Contains("本月（5月1日—5月29日）尚未汇报", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("已写入发件箱 0 条", again.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, (await world.Get<IOutboxRepository>().CountByStateAsync()).Values.Sum()); // one message per chat per day
    }

    [Fact]
    public async Task Digest_dry_run_for_the_week_before_22_June_names_the_non_reporters_and_the_overdue_tasks()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        var output = new StringWriter();

        var exit = await ScheduleVerbs.DigestAsync(Args(world, "digest", "--period", "week", "--at", "2026-06-22", "--dry-run", "--Schedule:Digests:Charts=false"), output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("统计周期：2026年6月15日—6月21日", text, StringComparison.Ordinal);
        Assert.Contains("逾期任务（1项）", text, StringComparison.Ordinal);
        Assert.Contains("5月下旬赴江苏、广州、深圳招商引资（区经合局，截止5月31日，已逾期15个工作日）", text, StringComparison.Ordinal);
        Assert.Contains("未汇报（14人）", text, StringComparison.Ordinal);
        Assert.Contains("刘波、王强、张志刚、赵立新、陈立新、吴海涛、刘海燕", text, StringComparison.Ordinal);
        Assert.Empty(await world.Get<IOutboxRepository>().CountByStateAsync());
    }

    private static CommandLine Args(ScheduleWorld world, params string[] args) =>
        CommandLine.Parse([.. args, $"--Database:ConnectionString={world.Database.ConnectionString}", "--Plan:Roster=", "--Plan:Document="]); // the world holds its own hand-built plan
}
