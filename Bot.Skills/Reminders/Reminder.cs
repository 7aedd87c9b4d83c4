using Bot.Data.Members;

namespace Bot.Skills.Reminders;

/// <summary>Rule names: the <see cref="Reminder.Rule"/> of each computed reminder.</summary>
public static class ReminderRuleNames
{
    public const string MilestoneBefore = "milestone_before";
    public const string MilestoneDue = "milestone_due";
    public const string MilestoneOverdue = "milestone_overdue";
    public const string MilestoneEscalation = "milestone_escalation";
    public const string Quota = "quota";
    public const string ResearchPace = "research_pace";
    public const string RiverPatrol = "river_patrol";
    public const string NonReportersWeekly = "non_reporters_weekly";
    public const string NonReportersMonthly = "non_reporters_monthly";

    /// <summary>Calendar duties are named <c>duty:&lt;name&gt;</c>, e.g. <c>duty:party_group_report</c>.</summary>
    public static string Duty(string name) => "duty:" + name;
}

/// <summary>
/// One reminder the schedule owes somebody: which rule, who (members to @-mention), the text, when it is due
/// (Asia/Shanghai), until when it is still worth sending after downtime, and an idempotency key.
/// </summary>
public sealed record Reminder
{
    public required string Rule { get; init; }

    /// <summary>Identifies this reminder across runs, e.g. <c>milestone_overdue:t12:2026-06-03</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The day the rule points at before moving it off a non-working day.</summary>
    public required DateOnly Nominal { get; init; }

    /// <summary>When it is sent (Asia/Shanghai offset).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>After downtime it is still sent until this instant, never after.</summary>
    public required DateTimeOffset RelevantUntil { get; init; }

    public IReadOnlyList<Member> Recipients { get; init; } = [];

    /// <summary>The text without the @-mentions (the addresser adds them).</summary>
    public required string Text { get; init; }

    /// <summary>
    /// What the reminder is about in a few words (a task title), when several reminders of one rule to the same people
    /// can be folded into one line of a merged message; null = never folded.
    /// </summary>
    public string? Subject { get; init; }
}
