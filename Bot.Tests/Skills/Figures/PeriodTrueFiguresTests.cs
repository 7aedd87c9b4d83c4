using Bot.Data.ProgressReports;
using Bot.Host.Cli;
using Bot.Skills.Reminders;
using Bot.Tests.Skills.Reminders;
using Bot.Tests.Support;

namespace Bot.Tests.Skills.Figures;

/// <summary>
/// The reproductions of issue 14 on both databases, through the verbs: a digest or a reminder run "at" a date sees only
/// reports whose work date is in its period and not after that date, stored by then, live (not withdrawn), in their
/// current version.
/// </summary>
public sealed class PeriodTrueFiguresTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_monthly_digest_at_1_December_counts_no_December_report_no_late_one_no_withdrawn_one_and_only_current_versions(string provider)
    {
        await using var world = await ScheduleWorld.CreateAsync(provider);
        var reports = world.Get<IProgressReportRepository>();
        var corrected = await AddAsync(world, "赵立新", new(2026, 11, 5), 1, new(2026, 11, 5));
        world.Clock.SetUtcNow(ScheduleWorld.At(new(2026, 11, 6), new TimeOnly(9, 0)));
        var amended = (await reports.GetAsync(corrected))!;
        amended.Metrics = new() { ["research_days"] = 6 };
        amended.CreatedAt = default;
        Assert.NotNull(await reports.AddVersionAsync(corrected, amended));
        await AddAsync(world, "王强", new(2026, 11, 10), 3, new(2026, 11, 10));
        var withdrawn = await AddAsync(world, "张志刚", new(2026, 11, 12), 4, new(2026, 11, 12));
        world.Clock.SetUtcNow(ScheduleWorld.At(new(2026, 11, 13), new TimeOnly(9, 0)));
        Assert.True(await reports.WithdrawAsync(withdrawn));
        await AddAsync(world, "王强", new(2026, 12, 1), 20, new(2026, 12, 1));    // December work: never in November
        world.Clock.SetUtcNow(ScheduleWorld.At(new(2026, 12, 1), new TimeOnly(8, 30)));
        await AddAsync(world, "王强", new(2026, 11, 28), 2, null);                // about November, reported on the digest day
        await AddAsync(world, "王强", new(2026, 11, 29), 40, new(2026, 12, 3));   // reported after the digest day

        var output = new StringWriter();
        var exit = await ScheduleVerbs.DigestAsync(Args(world, provider, "digest", "--period", "month", "--at", "2026-12-01", "--dry-run", "--Schedule:Digests:Charts=false"), output);

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("统计周期：2026年11月1日—11月30日", text, StringComparison.Ordinal);
        Assert.Contains("大走访大调研行动：本期汇报3条，调研天数11天", text, StringComparison.Ordinal);
        Assert.Matches(@"\*\*王强\*\*：本月专题调研 0/3–4 次 \S+；全年调研天数 5/50 天", text);   // 3 + 2, not 20 or 40
        Assert.Matches(@"\*\*张志刚\*\*：本月专题调研 0/3–4 次 \S+；全年调研天数 0/50 天", text); // withdrawn
        Assert.Matches(@"\*\*赵立新\*\*：本月专题调研 0/3–4 次 \S+；全年调研天数 6/50 天", text); // the corrected version
        Assert.DoesNotContain("12月1日 王强", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Remind_at_a_past_date_shows_the_state_of_that_date_not_reports_stored_later(string provider)
    {
        await using var world = await ScheduleWorld.CreateAsync(provider);
        await AddAsync(world, "张志刚", new(2026, 6, 10), 0, new(2026, 6, 10), trips: 3);
        await AddAsync(world, "王强", new(2026, 6, 8), 0, new(2026, 6, 25), trips: 3);   // stored after the quota day

        var output = new StringWriter();
        await ScheduleVerbs.RemindAsync(Args(world, provider, "remind", "--at", "2026-06-22", "--dry-run"), output);

        var text = output.ToString();
        Assert.Contains("@王强 月度指标提醒：截至6月20日，本月专题调研 0/3–4 次", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@张志刚 月度指标提醒", text, StringComparison.Ordinal);
    }

    /// <summary>Stores a report on <paramref name="storedOn"/> at 08:00 (null = at the clock's current time).</summary>
    private static async Task<long> AddAsync(ScheduleWorld world, string name, DateOnly workDate, double days, DateOnly? storedOn, double trips = 0)
    {
        if (storedOn is DateOnly day)
        {
            world.Clock.SetUtcNow(ScheduleWorld.At(day, new TimeOnly(8, 0)));
        }

        var member = await world.MemberAsync(name);
        var metrics = new Dictionary<string, double>();
        if (days > 0)
        {
            metrics["research_days"] = days;
        }

        if (trips > 0)
        {
            metrics["research_trips"] = trips;
        }

        return await world.Get<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = member.Id, MemberName = member.Name, ReportedBy = member.Name, Action = 1, Activity = "调研",
            WorkDate = workDate, Metrics = metrics, RawText = $"{ReminderContext.Md(workDate)}调研",
        });
    }

    private static CommandLine Args(ScheduleWorld world, string provider, params string[] args) =>
        CommandLine.Parse([.. args, $"--Database:Provider={provider}", $"--Database:ConnectionString={world.Database.ConnectionString}", "--Plan:Roster=", "--Plan:Document="]);
}
