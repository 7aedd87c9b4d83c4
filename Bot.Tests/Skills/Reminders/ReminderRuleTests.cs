using Bot.Data.Members;
using Bot.Skills.Reminders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Skills.Reminders;

public sealed class ReminderRuleTests
{
    [Fact]
    public async Task The_quota_reminder_of_a_holiday_moves_to_the_next_working_day_with_each_leaders_count_so_far()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        await world.ReportAsync("王强", new DateOnly(2026, 6, 5), "调研", new() { ["research_trips"] = 3 });
        await world.ReportAsync("刘波", new DateOnly(2026, 6, 8), "调研", new() { ["research_trips"] = 1 });
        var engine = world.Get<ReminderEngine>();

        var onHoliday = await engine.ForDayAsync(new DateOnly(2026, 6, 20)); // 端午
        var moved = (await engine.ForDayAsync(new DateOnly(2026, 6, 22))).Where(r => r.Rule == ReminderRuleNames.Quota).ToList();

        Assert.Empty(onHoliday);
        Assert.Equal(["刘波", "张志刚", "赵立新", "陈立新", "吴海涛"], moved.Select(r => r.Recipients.Single().Name));
        Assert.All(moved, r => Assert.Equal(new DateOnly(2026, 6, 20), r.Nominal));
        Assert.Contains("截至6月20日，本月专题调研 1/3–4 次 🟡，还差2次", moved[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_can_be_switched_off_or_re_timed_in_the_schedule_section()
    {
        await using var world = await ScheduleWorld.CreateAsync(schedule: o =>
        {
            o.Quota.Time = "10:30";
            o.Milestones.Enabled = false;
            o.MergeDaily = false; // merged, every reminder of the day goes out at its earliest time
        });

        var reminders = await world.Get<ReminderEngine>().ForDayAsync(new DateOnly(2026, 6, 22));

        Assert.DoesNotContain(reminders, r => r.Rule.StartsWith("milestone", StringComparison.Ordinal));
        Assert.All(reminders.Where(r => r.Rule == ReminderRuleNames.Quota), r => Assert.Equal(ScheduleWorld.At(new DateOnly(2026, 6, 22), new TimeOnly(10, 30)), r.DueAt));
        Assert.Contains(new TimeOnly(10, 30), world.Get<IOptions<ScheduleOptions>>().Value.ReminderTimes);
    }

    [Fact]
    public async Task A_patrol_report_with_a_photo_satisfies_the_cadence_and_one_without_does_not()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        await world.ReportAsync("王强", new DateOnly(2026, 6, 10), "河长", new() { ["patrols"] = 1 }, photos: 2);
        await world.ReportAsync("刘波", new DateOnly(2026, 6, 10), "河长", new() { ["patrols"] = 1 }, photos: 0);

        var patrols = (await world.Get<ReminderEngine>().ForDayAsync(new DateOnly(2026, 6, 16))).Where(r => r.Rule == ReminderRuleNames.RiverPatrol).ToList();

        var names = patrols.Select(r => r.Recipients.Single().Name).ToList();
        Assert.DoesNotContain("王强", names);
        Assert.Contains("刘波", names);
        Assert.Contains("韩国庆", names); // 村级: 6月15日 had no patrol
        Assert.Contains("6月1日—6月15日未见区级河长巡查记录（要求每半月巡查一次并附现场照片）", patrols.First(r => r.Recipients[0].Name == "刘波").Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_duties_apply_only_when_the_plan_mentions_them()
    {
        await using var world = await ScheduleWorld.CreateAsync(seedPlan: false);
        await world.Get<Bot.Data.Plans.IPlanRepository>().SaveAsync(new Bot.Data.Plans.Plan { Title = "另一个方案", Year = 2026, ContentHash = "other" });

        var day = await world.Get<ReminderEngine>().ForDayAsync(new DateOnly(2026, 7, 1));

        Assert.DoesNotContain(day, r => r.Rule.StartsWith("duty:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reminders_due_in_the_same_minute_become_one_markdown_message_per_chat_mentioning_platform_accounts()
    {
        await using var world = await ScheduleWorld.CreateAsync(schedule: o => o.Targets =
        [
            new ScheduleTarget { Platform = Platforms.WeCom, Channel = "robot_webhook", Target = "key-1" },
            new ScheduleTarget { Platform = Platforms.DingTalk, Channel = "custom_robot", Target = "https://oapi.example/robot?access_token=x" },
        ]);
        var due = (await world.Get<ReminderEngine>().ForDayAsync(new DateOnly(2026, 6, 22))).Where(r => r.DueAt.Hour == 9).ToList();

        var rows = await world.Get<IReminderAddresser>().AddressAsync(due[0].DueAt, due);

        Assert.Equal(2, rows.Count);
        var wecom = rows[0];
        Assert.Equal(("wecom", "robot_webhook", "key-1", "markdown"), (wecom.Platform, wecom.Channel, wecom.Target, wecom.MsgType));
        Assert.StartsWith("**⏰ 铁西小助手提醒 · 6月22日（星期一）09:00**", wecom.Payload, StringComparison.Ordinal);
        Assert.Contains("@李敏 @张志刚 【区经合局】「5月下旬赴江苏、广州、深圳招商引资」已逾期", wecom.Payload, StringComparison.Ordinal);
        Assert.Contains("\"zhangzhigang\"", wecom.Mentions, StringComparison.Ordinal);
        Assert.Contains("\"ding-zhangzhigang\"", rows[1].Mentions, StringComparison.Ordinal);
        Assert.Equal(due.Count, wecom.Payload.Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0])));
        Assert.StartsWith("reminder:202606220900:", wecom.DedupeKey, StringComparison.Ordinal);
        Assert.NotEqual(wecom.DedupeKey, rows[1].DedupeKey);
    }

    [Fact]
    public async Task A_bad_schedule_section_stops_start_up_with_a_message_naming_the_key()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Schedule:Quota:Time"] = "9点", ["Schedule:RiverPatrols:From"] = "4月" }).Build());
        services.AddBotSkills();
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ScheduleOptions>>().Value);

        Assert.Contains("Schedule:Quota:Time", error.Message, StringComparison.Ordinal);
        Assert.Contains("Schedule:RiverPatrols:From", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_in_the_schedule_section_replace_the_defaults_rather_than_adding_to_them()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Schedule:Milestones:DaysBefore:0"] = "5",
            ["Schedule:LivelihoodDispatch:Months:0"] = "12",
            ["Schedule:Targets:0:Platform"] = "wecom",
            ["Schedule:Targets:0:Channel"] = "robot_webhook",
            ["Schedule:Targets:0:Target"] = "key",
        }).Build());
        services.AddBotSkills();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ScheduleOptions>>().Value;

        Assert.Equal([5], options.Milestones.DaysBefore);
        Assert.Equal([12], options.LivelihoodDispatch.Months);
        Assert.Equal(["key"], options.EffectiveTargets.Select(t => t.Target));
    }
}
