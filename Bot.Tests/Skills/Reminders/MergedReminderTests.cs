using Bot.Data.Members;
using Bot.Skills.Reminders;

namespace Bot.Tests.Skills.Reminders;

public sealed class MergedReminderTests
{
    private static readonly Member Li = new() { Id = 1, Name = "李敏" };
    private static readonly Member Zhou = new() { Id = 2, Name = "周涛" };

    [Fact]
    public void A_merged_message_folds_items_of_one_rule_to_the_same_people_longest_list_first_with_a_count()
    {
        var reminders = new List<Reminder> { Make("note", Zhou, "单独一项提醒", null) };
        reminders.AddRange(Enumerable.Range(1, 5).Select(i => Make(ReminderRuleNames.MilestoneOverdue, Li, $"任务{i}逾期", $"「任务{i}」")));
        reminders.AddRange(Enumerable.Range(1, 2).Select(i => Make(ReminderRuleNames.MilestoneBefore, Zhou, $"事项{i}将到期", $"「事项{i}」")));

        var lines = GroupChatReminderAddresser.Lines(reminders, foldAfter: 3);

        Assert.Equal(3, lines.Count);
        Assert.Equal("@李敏", lines[0].Names);
        Assert.Equal("以下任务已逾期：「任务1」、「任务2」、「任务3」等5项，请抓紧推进并及时汇报。", lines[0].Line);
        Assert.Equal("以下任务即将到期：「事项1」、「事项2」共2项，请抓紧推进并及时汇报。", lines[1].Line);
        Assert.Equal(("@周涛", "单独一项提醒"), lines[2]);
    }

    [Fact]
    public async Task Every_reminder_of_a_day_goes_out_in_one_message_per_chat_at_the_days_first_time()
    {
        await using var world = await ScheduleWorld.CreateAsync();

        var reminders = await world.Get<ReminderEngine>().ForDayAsync(new DateOnly(2026, 5, 29));

        Assert.Contains(reminders, r => r.Rule == ReminderRuleNames.NonReportersMonthly);
        Assert.Single(reminders.Select(r => r.DueAt).Distinct());
        Assert.Equal(ScheduleWorld.At(new DateOnly(2026, 5, 29), new TimeOnly(9, 0)), reminders[0].DueAt);
    }

    private static Reminder Make(string rule, Member to, string text, string? subject) => new()
    {
        Rule = rule, Key = $"{rule}:{text}", Nominal = new DateOnly(2026, 6, 1), DueAt = DateTimeOffset.UnixEpoch,
        RelevantUntil = DateTimeOffset.UnixEpoch, Recipients = [to], Text = text, Subject = subject,
    };
}
