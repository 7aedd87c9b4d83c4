using System.Globalization;
using Bot.Data.Members;
using Microsoft.Extensions.Configuration;
using DigestKinds = Bot.Skills.Digests.DigestKinds;

namespace Bot.Skills.Reminders;

/// <summary>What a rule does when its day falls on a non-working day.</summary>
public enum NonWorkingDayPolicy
{
    /// <summary>Move to the next working day (顺延).</summary>
    Next,

    /// <summary>Move to the previous working day (提前).</summary>
    Previous,

    /// <summary>Send on the day itself, holiday or not.</summary>
    Same,

    /// <summary>Do not send for that occurrence.</summary>
    Skip,
}

/// <summary>A group chat that reminders and digests are posted to.</summary>
public sealed class ScheduleTarget
{
    /// <summary>wecom, dingtalk or sandbox: also which members' platform accounts are @-mentioned.</summary>
    public string Platform { get; set; } = Platforms.Sandbox;

    /// <summary>The outbound channel name (sandbox, robot_webhook, openapi …).</summary>
    public string Channel { get; set; } = "sandbox";

    /// <summary>Chat id, webhook key or URL, as the channel expects.</summary>
    public string Target { get; set; } = "sandbox";
}

/// <summary>Settings shared by every rule: a switch and the time of day it is sent (HH:mm, Asia/Shanghai).</summary>
public class RuleOptions
{
    public bool Enabled { get; set; } = true;

    public string Time { get; set; } = "09:00";

    /// <summary>The <see cref="Time"/> as a time of day (validated at start-up).</summary>
    public TimeOnly At => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Milestone (task) deadline nudges and escalation.</summary>
public sealed class MilestoneRuleOptions : RuleOptions
{
    /// <summary>Working days before the window ends when the responsible units and leaders are nudged.</summary>
    public int[] DaysBefore { get; set; } = [7, 1];

    public bool OnDueDay { get; set; } = true;

    /// <summary>Nudge overdue tasks (every <see cref="OverdueEveryDays"/>, at most <see cref="OverdueNudges"/> times).</summary>
    public bool Overdue { get; set; } = true;

    /// <summary>Calendar days between overdue nudges, counted from the due date (a non-working day moves to the next working day).</summary>
    public int OverdueEveryDays { get; set; } = 7;

    /// <summary>How many overdue nudges a task gets at most.</summary>
    public int OverdueNudges { get; set; } = 3;

    /// <summary>One escalation to the leader in charge (分管领导) one interval after the last overdue nudge; afterwards only the digests list it.</summary>
    public bool Escalate { get; set; } = true;
}

/// <summary>The monthly quota reminder: leaders below a monthly target on a day of the month.</summary>
public sealed class QuotaRuleOptions : RuleOptions
{
    public int DayOfMonth { get; set; } = 20;

    public NonWorkingDayPolicy OnNonWorkingDay { get; set; } = NonWorkingDayPolicy.Next;
}

/// <summary>The yearly on-pace check (序时进度) on the last working day of each month.</summary>
public sealed class PaceRuleOptions : RuleOptions
{
    public PaceRuleOptions() => Time = "16:00";

    /// <summary>Yearly per-leader metrics checked for pace.</summary>
    public string[] Metrics { get; set; } = ["research_days"];
}

/// <summary>River-chief (河长) patrol cadence checks.</summary>
public sealed class RiverPatrolOptions : RuleOptions
{
    /// <summary>First day (MM-dd) of the patrol season in the plan year (the seed plan: 4月至12月).</summary>
    public string From { get; set; } = "04-01";

    /// <summary>Last day (MM-dd) of the patrol season.</summary>
    public string To { get; set; } = "12-31";
}

/// <summary>Non-reporter nudges at the weekly and monthly cut-offs.</summary>
public sealed class NonReporterOptions : RuleOptions
{
    public NonReporterOptions() => Time = "16:00";

    public bool Weekly { get; set; } = true;

    /// <summary>The weekly cut-off day; on a non-working day the previous working day of the same week.</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Friday;

    /// <summary>The monthly cut-off is the last working day of the month.</summary>
    public bool Monthly { get; set; } = true;
}

/// <summary>Who a recurring duty reminder addresses.</summary>
public static class Audiences
{
    public const string Leaders = "leaders";
    public const string Office = "office";
    public const string LeadersAndOffice = "leaders,office";
}

/// <summary>
/// A calendar duty reminder (党组报告, 三大攻坚战听取, 民生实事旬调度, 百日攻坚, 督查室 duties). It is sent on
/// <see cref="Day"/> of every <see cref="Every"/> period (week: 1 = Monday; xun: 1 = the 1st/11th/21st; month, quarter;
/// a negative day counts from the period's end, -1 = its last day), only in <see cref="Months"/> when given, only
/// between <see cref="From"/> and <see cref="To"/> (MM-dd) when given, and only when the active plan mentions
/// <see cref="PlanKeyword"/>.
/// </summary>
public sealed class DutyRuleOptions : RuleOptions
{
    public string Every { get; set; } = "month";

    public int Day { get; set; } = 1;

    public int[] Months { get; set; } = [];

    public string? From { get; set; }

    public string? To { get; set; }

    public string Audience { get; set; } = Audiences.Leaders;

    public string Text { get; set; } = "";

    public string? PlanKeyword { get; set; }

    public NonWorkingDayPolicy OnNonWorkingDay { get; set; } = NonWorkingDayPolicy.Next;
}

/// <summary>One digest kind: a switch and its time of day.</summary>
public sealed class DigestKindOptions : RuleOptions
{
}

/// <summary>Digests posted to the office chat.</summary>
public sealed class DigestOptions
{
    /// <summary>Weekly digest (the previous week) on this weekday at its time; a non-working day moves it to the next working day.</summary>
    public DayOfWeek WeeklyDay { get; set; } = DayOfWeek.Monday;

    public DigestKindOptions Weekly { get; set; } = new();

    /// <summary>Monthly digest (the previous month) on the first working day.</summary>
    public DigestKindOptions Monthly { get; set; } = new();

    /// <summary>Quarterly digest (the previous quarter) on the first working day of the quarter.</summary>
    public DigestKindOptions Quarterly { get; set; } = new();

    /// <summary>The half-year 通报 (January–June) on the first working day of July.</summary>
    public DigestKindOptions HalfYear { get; set; } = new();

    /// <summary>The year-end scoring table on the last working day of December.</summary>
    public DigestKindOptions Year { get; set; } = new() { Time = "15:00" };

    /// <summary>Render a chart image with each digest.</summary>
    public bool Charts { get; set; } = true;

    /// <summary>A CJK font file (.ttc/.ttf/.otf) for charts; empty = the first of Debian's fonts-noto-cjk / wqy fonts found.</summary>
    public string? ChartFont { get; set; }

    /// <summary>Days ahead that count as "upcoming" in a digest.</summary>
    public int UpcomingDays { get; set; } = 14;

    /// <summary>How many recent reports a digest quotes as highlights.</summary>
    public int Highlights { get; set; } = 5;
}

/// <summary>
/// The <c>Schedule</c> section: the scheduler switch, where reminders and digests go, and every rule (each can be
/// switched off or re-timed). <c>Schedule:HolidaysDirectory</c> lives in <see cref="Calendar.CalendarOptions"/>.
/// </summary>
public sealed class ScheduleOptions
{
    public const string SectionName = "Schedule";

    /// <summary>Runs the Quartz scheduler in <c>serve</c>. The verbs work either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Group chats that receive reminders; empty = the Sandbox chat.</summary>
    public List<ScheduleTarget> Targets { get; set; } = [];

    /// <summary>Chats that receive digests (the office chat); empty = <see cref="Targets"/>.</summary>
    public List<ScheduleTarget> DigestTargets { get; set; } = [];

    /// <summary>
    /// One reminder message per chat per day: every reminder of a day is posted at that day's earliest reminder time
    /// (default true). False keeps one message per chat and configured time.
    /// </summary>
    public bool MergeDaily { get; set; } = true;

    /// <summary>In a merged message, a list of items to the same people for the same rule shows at most this many, then 等N项.</summary>
    public int FoldAfter { get; set; } = 3;

    public MilestoneRuleOptions Milestones { get; set; } = new();

    public QuotaRuleOptions Quota { get; set; } = new();

    public PaceRuleOptions ResearchPace { get; set; } = new();

    public RiverPatrolOptions RiverPatrols { get; set; } = new();

    public NonReporterOptions NonReporters { get; set; } = new();

    public DutyRuleOptions PartyGroupReport { get; set; } = new()
    {
        Every = "quarter", Day = -10, Audience = Audiences.Leaders, PlanKeyword = "党组",
        Text = "本季度已进入最后10天，请各位区政府领导向区政府党组报告本季度所承担任务的落实进展（每季度一次）。",
    };

    public DutyRuleOptions HardBattlesHearing { get; set; } = new()
    {
        Every = "quarter", Day = -15, Audience = Audiences.LeadersAndOffice, PlanKeyword = "三大攻坚战",
        Text = "本季度区政府将听取“三大攻坚战”进展情况：请各分管领导梳理防范化解重大风险、精准脱贫、污染防治工作进展，督查室汇总汇报材料。",
    };

    public DutyRuleOptions LivelihoodDispatch { get; set; } = new()
    {
        Every = "xun", Day = 1, Months = [10, 11, 12], Audience = Audiences.Leaders, PlanKeyword = "民生实事",
        Text = "民生实事旬调度：请各位区政府领导调度分管领域民生实事进展，确保按期保质保量完成。",
    };

    public DutyRuleOptions HundredDaysStart { get; set; } = new()
    {
        Every = "month", Day = 11, Months = [10], Audience = Audiences.LeadersAndOffice, PlanKeyword = "百日攻坚",
        Text = "“百日攻坚”行动启动：请梳理前三季度主要指标完成情况、项目落地情况，摸清底数，列出难点，明确措施，集中攻坚。",
    };

    public DutyRuleOptions HundredDaysFollowUp { get; set; } = new()
    {
        Every = "week", Day = 1, From = "10-21", To = "12-31", Audience = Audiences.Leaders, PlanKeyword = "百日攻坚",
        Text = "“百日攻坚”跟踪督导：请各位区政府领导跟踪分管领域重点工作，对完成有困难的工作亲自带领部门分析谋划，确保全面完成。",
    };

    public DutyRuleOptions OfficeFollowUp { get; set; } = new()
    {
        Every = "month", Day = -3, Audience = Audiences.Office, PlanKeyword = "督查",
        Text = "每月跟进：请督查室跟进本月重点工作、重点任务落实情况，更新工作台账。",
    };

    public DutyRuleOptions OfficeInspection { get; set; } = new()
    {
        Every = "quarter", Day = -7, Audience = Audiences.Office, PlanKeyword = "督查",
        Text = "季度督查：请督查室按照工作要求、时间节点、完成标准，对本季度重点工作开展督查。",
    };

    public DutyRuleOptions HalfYearBulletin { get; set; } = new()
    {
        Every = "month", Day = 1, Months = [7], Audience = Audiences.Office, PlanKeyword = "督查",
        Text = "半年通报：请督查室于7月内完成上半年工作落实情况通报（可参考本群的上半年通报摘要）。",
    };

    public DutyRuleOptions AnnualSummary { get; set; } = new()
    {
        Every = "month", Day = 1, Months = [12], Audience = Audiences.Office, PlanKeyword = "督查",
        Text = "全年总结：请督查室组织开展全年工作总结，对账各项任务目标，准备年底专项打分评价。",
    };

    public DigestOptions Digests { get; set; } = new();

    /// <summary>The calendar duty rules by name.</summary>
    public IEnumerable<(string Name, DutyRuleOptions Rule)> Duties =>
    [
        ("party_group_report", PartyGroupReport),
        ("hard_battles_hearing", HardBattlesHearing),
        ("livelihood_dispatch", LivelihoodDispatch),
        ("hundred_days_start", HundredDaysStart),
        ("hundred_days_follow_up", HundredDaysFollowUp),
        ("office_follow_up", OfficeFollowUp),
        ("office_inspection", OfficeInspection),
        ("half_year_bulletin", HalfYearBulletin),
        ("annual_summary", AnnualSummary),
    ];

    /// <summary>Every reminder rule's options by name (for validation and trigger times).</summary>
    public IEnumerable<(string Name, RuleOptions Rule)> ReminderRules =>
        new (string, RuleOptions)[]
        {
            ("Milestones", Milestones), ("Quota", Quota), ("ResearchPace", ResearchPace), ("RiverPatrols", RiverPatrols),
            ("NonReporters", NonReporters),
        }.Concat(Duties.Select(d => (d.Name, (RuleOptions)d.Rule)));

    /// <summary>Every digest kind's options by kind.</summary>
    public IEnumerable<(string Kind, DigestKindOptions Rule)> DigestRules =>
    [
        (DigestKinds.Week, Digests.Weekly), (DigestKinds.Month, Digests.Monthly), (DigestKinds.Quarter, Digests.Quarterly),
        (DigestKinds.Half, Digests.HalfYear), (DigestKinds.Year, Digests.Year),
    ];

    /// <summary>
    /// The configuration binder appends configured array items to the defaults; this replaces each defaulted list
    /// (<c>Milestones:DaysBefore</c>, <c>ResearchPace:Metrics</c>, the duties' <c>Months</c>) by the configured one.
    /// </summary>
    public void ReplaceConfiguredLists(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        static T[]? Read<T>(IConfigurationSection s) => s.Exists() ? s.Get<T[]>() ?? [] : null;
        Milestones.DaysBefore = Read<int>(section.GetSection("Milestones:DaysBefore")) ?? Milestones.DaysBefore;
        ResearchPace.Metrics = Read<string>(section.GetSection("ResearchPace:Metrics")) ?? ResearchPace.Metrics;
        foreach (var (name, duty) in Duties)
        {
            duty.Months = Read<int>(section.GetSection(KeyOf(name) + ":Months")) ?? duty.Months;
        }
    }

    /// <summary>The configuration key of a duty rule name (party_group_report → PartyGroupReport).</summary>
    public static string KeyOf(string name) =>
        string.Concat(name.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Reminder chats, with the Sandbox default.</summary>
    public IReadOnlyList<ScheduleTarget> EffectiveTargets => Targets.Count > 0 ? Targets : [new ScheduleTarget()];

    /// <summary>Digest chats.</summary>
    public IReadOnlyList<ScheduleTarget> EffectiveDigestTargets => DigestTargets.Count > 0 ? DigestTargets : EffectiveTargets;

    /// <summary>Distinct times of day at which enabled reminder rules are due (one scheduler trigger each).</summary>
    public IReadOnlyList<TimeOnly> ReminderTimes => ReminderRules.Where(r => r.Rule.Enabled).Select(r => r.Rule.At).Distinct().Order().ToList();

    /// <summary>Distinct times of day at which enabled digests are due.</summary>
    public IReadOnlyList<TimeOnly> DigestTimes => DigestRules.Where(r => r.Rule.Enabled).Select(r => r.Rule.At).Distinct().Order().ToList();
}
