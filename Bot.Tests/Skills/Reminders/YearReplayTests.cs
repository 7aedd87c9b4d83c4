using Bot.Data.Outbox;
using Bot.Host.Scheduling;
using Bot.Skills.Reminders;

namespace Bot.Tests.Skills.Reminders;

/// <summary>What the calendar says each rule owes in 2026 for <see cref="ScheduleWorld"/> and the replay's events.</summary>
internal static class Expected
{
    private static readonly Bot.Skills.Calendar.WorkingCalendar Cal = ScheduleWorld.Calendar;

    public static IEnumerable<DateOnly> Days => Enumerable.Range(0, 365).Select(i => YearReplay.First.AddDays(i));

    public static IEnumerable<DateOnly> WorkingDays => Days.Where(Cal.IsWorkingDay);

    /// <summary>Expected reminder counts per rule (non-reporters are checked separately).</summary>
    public static Dictionary<string, int> Counts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string rule, int n) => counts[rule] = counts.GetValueOrDefault(rule) + n;

        // Quota on the 20th (moved to the next working day), five leaders below 3 trips (王强 is not).
        Add(ReminderRuleNames.Quota, 5 * Enumerable.Range(1, 12).Select(m => Cal.OnOrNextWorkingDay(new DateOnly(2026, m, 20))).Distinct().Count());

        // Pace on each month's last working day, five leaders behind the 50-day pace.
        Add(ReminderRuleNames.ResearchPace, 5 * 12);

        // Milestones: (due, closed on, has a liaison) per task; a task closed before work on a day gets nothing that day.
        // Cadence: 7 and 1 working days before, the due day, then weekly (due + 7k days, moved to the next working
        // day) three times, then one escalation a week later. A unit without a liaison: the office once, at the first occasion.
        foreach (var (due, closed, liaison) in new[] { (new DateOnly(2026, 5, 31), (DateOnly?)null, true), (new DateOnly(2026, 7, 31), new DateOnly(2026, 7, 28), true), (new DateOnly(2026, 9, 30), new DateOnly(2026, 10, 12), false) })
        {
            var open = WorkingDays.Where(d => closed is null || d < closed).ToHashSet();
            var occasions = new List<(DateOnly Day, string Rule)>();
            occasions.AddRange(open.Where(d => d < due && Cal.WorkingDaysBetween(d, due) is 7 or 1).Select(d => (d, ReminderRuleNames.MilestoneBefore)));
            occasions.AddRange(open.Where(d => d <= due && Cal.WorkingDaysBetween(d, due) == 0).Select(d => (d, ReminderRuleNames.MilestoneDue)));
            occasions.AddRange(Enumerable.Range(1, 3).Select(k => Cal.OnOrNextWorkingDay(due.AddDays(7 * k))).Where(open.Contains).Select(d => (d, ReminderRuleNames.MilestoneOverdue)));
            var escalation = Cal.OnOrNextWorkingDay(due.AddDays(28));
            if (open.Contains(escalation))
            {
                Add(ReminderRuleNames.MilestoneEscalation, 1);
            }

            foreach (var (_, rule) in liaison ? occasions : occasions.OrderBy(o => o.Day).Take(1))
            {
                Add(rule, 1);
            }
        }

        // River patrols from April: a missed window is nudged on the first working day after it ends (within 2026).
        static int NudgeDays(IEnumerable<DateOnly> windowEnds) =>
            windowEnds.Select(e => Cal.OnOrNextWorkingDay(e.AddDays(1))).Where(d => d <= YearReplay.Last).Distinct().Count();
        var season = Days.Where(d => d >= new DateOnly(2026, 4, 1)).ToList();
        var halfMonthEnds = season.Where(d => d.Day == 15 || d.Day == DateTime.DaysInMonth(2026, d.Month));
        Add(ReminderRuleNames.RiverPatrol, 6 * NudgeDays(halfMonthEnds)); // six 区级 chiefs, 刘波's photo-less patrols do not count
        Add(ReminderRuleNames.RiverPatrol, NudgeDays(season));            // 韩国庆 (村级) never patrols; 周涛 (乡级) always does

        // Calendar duties (dates checked by hand against the 2026 holiday notice).
        Add(ReminderRuleNames.Duty("party_group_report"), 4);      // 3-23 (3-22 Sun), 6-22 (6-21 端午), 9-21, 12-22
        Add(ReminderRuleNames.Duty("hard_battles_hearing"), 4);    // 3-17, 6-16, 9-16, 12-17
        Add(ReminderRuleNames.Duty("livelihood_dispatch"), 9);     // every 旬 of October–December
        Add(ReminderRuleNames.Duty("hundred_days_start"), 1);      // 10-12 (10-11 Sun)
        Add(ReminderRuleNames.Duty("hundred_days_follow_up"), 10); // Mondays 10-26 … 12-28
        Add(ReminderRuleNames.Duty("office_follow_up"), 12);
        Add(ReminderRuleNames.Duty("office_inspection"), 4);
        Add(ReminderRuleNames.Duty("half_year_bulletin"), 1);
        Add(ReminderRuleNames.Duty("annual_summary"), 1);
        return counts;
    }

    /// <summary>The weekly non-reporter cut-off of each week: Friday, or the last working day before it in that week.</summary>
    public static IReadOnlySet<DateOnly> WeeklyCutOffs() => Days
        .GroupBy(d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)))
        .Select(week => week.Key.AddDays(4))
        .Select(friday => Enumerable.Range(0, 5).Select(i => friday.AddDays(-i)).FirstOrDefault(d => d.Year == 2026 && Cal.IsWorkingDay(d)))
        .Where(d => d != default)
        .ToHashSet();

    /// <summary>The digests due in 2026: weekly on Mondays (moved off holidays), and month/quarter/half/year by the widest-wins rule.</summary>
    public static Dictionary<string, int> Digests() => new(StringComparer.Ordinal)
    {
        ["week"] = Days.Where(d => d.DayOfWeek == DayOfWeek.Monday).Select(Cal.OnOrNextWorkingDay).Distinct().Count(), // 2-16 and 2-23 (春节) share 2-24
        ["month"] = 8,   // February, March, May, June, August, September, November, December (January's covers 2025)
        ["quarter"] = 2, // April and October (July is the half-year 通报; January's covers 2025)
        ["half"] = 1,
        ["year"] = 1,
    };
}

public sealed class YearReplayTests(YearReplay replay) : IClassFixture<YearReplay>
{
    [Fact]
    public void Every_rule_fires_in_2026_as_often_as_the_working_day_calendar_says()
    {
        var actual = replay.Sent.Where(r => !r.Rule.StartsWith("non_reporters", StringComparison.Ordinal))
            .GroupBy(r => r.Rule).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(Expected.Counts().OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task No_reminder_is_sent_twice_and_replaying_days_or_firing_again_adds_nothing()
    {
        Assert.Equal(replay.Sent.Count, replay.Sent.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(replay.Rows.Count, replay.Rows.Select(r => r.DedupeKey).Distinct(StringComparer.Ordinal).Count());

        foreach (var (day, time) in new[] { (new DateOnly(2026, 6, 22), new TimeOnly(9, 0)), (new DateOnly(2026, 10, 10), new TimeOnly(16, 0)), (new DateOnly(2026, 12, 31), new TimeOnly(16, 0)) })
        {
            var now = ScheduleWorld.At(day, time);
            Assert.Equal(0, (await replay.World.Get<ReminderDispatcher>().RunAsync(now)).Rows);
            Assert.Equal(0, await replay.World.Get<DigestDispatcher>().RunAsync(now));
        }
    }

    [Fact]
    public void Nothing_is_posted_on_holidays_or_weekends_that_are_not_adjusted_working_days()
    {
        var days = replay.Rows.Select(r => Bot.Skills.Calendar.BusinessClock.DateOf(r.CreatedAt)).Distinct().ToList();

        Assert.All(days, d => Assert.True(ScheduleWorld.Calendar.IsWorkingDay(d), $"posted on {d:yyyy-MM-dd}"));
        Assert.DoesNotContain(days, d => d >= new DateOnly(2026, 10, 1) && d <= new DateOnly(2026, 10, 7));
        Assert.Contains(new DateOnly(2026, 10, 10), days); // a Saturday that is a working day (国庆调休)
    }

    [Fact]
    public void An_overdue_task_is_nudged_weekly_at_most_three_times_then_escalates_once_to_the_leader_in_charge()
    {
        var escalations = replay.Sent.Where(r => r.Rule == ReminderRuleNames.MilestoneEscalation)
            .Select(r => (Day: r.Nominal, To: string.Join(",", r.Recipients.Select(m => m.Name)), Task: r.Text.Contains(ScheduleWorld.InvestmentTrip, StringComparison.Ordinal)))
            .ToList();

        var due = new DateOnly(2026, 5, 31);
        Assert.Equal([(ScheduleWorld.Calendar.OnOrNextWorkingDay(due.AddDays(28)), "张志刚", true)], escalations);
        var overdue = replay.Sent.Where(r => r.Rule == ReminderRuleNames.MilestoneOverdue && r.Text.Contains(ScheduleWorld.InvestmentTrip, StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { 1, 2, 3 }.Select(k => ScheduleWorld.Calendar.OnOrNextWorkingDay(due.AddDays(7 * k))), overdue.Select(r => r.Nominal));
        Assert.All(overdue, r => Assert.Equal(["李敏", "张志刚"], r.Recipients.Select(m => m.Name)));
        Assert.DoesNotContain(replay.Sent, r => r.Text.Contains("已逾期", StringComparison.Ordinal) && r.Nominal > escalations[0].Day);
    }

    [Fact]
    public void No_task_gets_more_overdue_nudges_than_configured()
    {
        var perTask = replay.Sent.Where(r => r.Rule == ReminderRuleNames.MilestoneOverdue).GroupBy(r => r.Key.Split(':')[1]).ToList();

        Assert.NotEmpty(perTask);
        Assert.All(perTask, g => Assert.True(g.Count() <= 3, $"{g.Key}: {g.Count()} overdue nudges"));
    }

    [Fact]
    public void A_task_whose_unit_has_no_liaison_goes_to_the_office_once_and_never_to_every_leader()
    {
        var about = replay.Sent.Where(r => r.Text.Contains("中央环保督察整改", StringComparison.Ordinal)).ToList();

        var single = Assert.Single(about);
        Assert.All(single.Recipients, m => Assert.Equal(Bot.Data.Members.Roles.Office, m.Role));
        Assert.NotEmpty(single.Recipients);
        Assert.Contains("暂无联络员", single.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_reporters_get_one_nudge_per_cut_off_and_regular_reporters_none()
    {
        var nudges = replay.Sent.Where(r => r.Rule.StartsWith("non_reporters", StringComparison.Ordinal)).ToList();
        var perDay = nudges.SelectMany(r => r.Recipients.Select(m => (r.Nominal, m.Name))).ToList();

        Assert.Equal(perDay.Count, perDay.Distinct().Count());
        Assert.DoesNotContain(perDay, x => x.Name == "周涛");
        var weekly = nudges.Where(r => r.Rule == ReminderRuleNames.NonReportersWeekly).Select(r => r.Nominal).ToHashSet();
        Assert.Subset(Expected.WeeklyCutOffs().ToHashSet(), weekly);
        Assert.All(Expected.WeeklyCutOffs(), d => Assert.Contains((d, "韩国庆"), perDay));
        Assert.Equal(12, nudges.Count(r => r.Rule == ReminderRuleNames.NonReportersMonthly));
    }

    [Fact]
    public void Reminders_due_in_the_same_minute_are_one_message_per_chat_and_digests_follow_their_calendar()
    {
        var reminderMessages = replay.Rows.Where(r => r.Source == OutboxSources.Reminder).ToList();
        Assert.All(reminderMessages.GroupBy(r => (r.Target, r.CreatedAt)), g => Assert.Single(g.Select(r => r.DedupeKey!.Split(":p")[0]).Distinct()));
        Assert.Equal(replay.Sent.Select(r => r.DueAt).Distinct().Count(), reminderMessages.Select(r => r.DedupeKey!.Split(":p")[0]).Distinct().Count());

        var digests = replay.Rows.Where(r => r.Source == OutboxSources.Digest && r.MsgType == "markdown")
            .Select(r => r.DedupeKey!.Split(':')).Select(k => (Kind: k[1], Start: k[2])).Distinct()
            .GroupBy(k => k.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(Expected.Digests().OrderBy(kv => kv.Key, StringComparer.Ordinal), digests.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }
}

public sealed class RestartedYearReplayTests(RestartedYearReplay replay) : IClassFixture<RestartedYearReplay>
{
    [Fact]
    public void A_restart_in_the_middle_of_the_year_loses_and_repeats_no_reminder()
    {
        var actual = replay.Sent.Where(r => !r.Rule.StartsWith("non_reporters", StringComparison.Ordinal))
            .GroupBy(r => r.Rule).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        Assert.Equal(Expected.Counts().OrderBy(kv => kv.Key, StringComparer.Ordinal), actual.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(replay.Sent.Count, replay.Sent.Select(r => r.Key).Distinct(StringComparer.Ordinal).Count());
        // The 09:00 reminders of the restart day were caught up by the start-up run at 11:00, once.
        var caughtUp = replay.Rows.Where(r => r.Source == OutboxSources.Reminder && Bot.Skills.Calendar.BusinessClock.DateOf(r.CreatedAt) == new DateOnly(2026, 7, 1)).ToList();
        Assert.Contains(caughtUp, r => r.DedupeKey!.StartsWith("reminder:202607010900", StringComparison.Ordinal) && r.CreatedAt == ScheduleWorld.At(new DateOnly(2026, 7, 1), new TimeOnly(11, 0)));
        Assert.Contains(replay.Rows, r => r.DedupeKey!.StartsWith("digest:half:2026-01-01", StringComparison.Ordinal));
    }
}
