using System.Globalization;
using Bot.Data.Members;
using Bot.Data.Tasks;

namespace Bot.Skills.Reminders;

/// <summary>
/// A dated item the milestone rule tracks: an open plan task, or a plan milestone no task was made from.
/// <c>HasOwner</c> is false when the owner unit has no liaison (the office is told once); <c>Since</c> is the day it exists.
/// </summary>
internal sealed record DeadlineItem(string Id, string Title, DateOnly Due, IReadOnlyList<Member> Recipients, Member? LeaderInCharge, string Unit, bool HasOwner, DateOnly? Since);

/// <summary>
/// Milestone nudges on a cadence people do not mute: N working days before the window ends (default 7 and 1), on the
/// due day (or the last working day before a due day that is off), then every <c>OverdueEveryDays</c> calendar days
/// (default 7, moved to the next working day) at most <c>OverdueNudges</c> times (default 3), then one escalation
/// to the leader in charge (分管领导; the office when unknown) one interval later; after that the task only appears in
/// the digests. A task whose unit has no liaison goes to the office once (at its first nudge), never to every
/// leader. Stateless: the day decides, so replays and restarts send the same set.
/// </summary>
internal sealed class MilestoneRule : IReminderRule
{
    public Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken)
    {
        var o = context.Options.Milestones;
        if (!o.Enabled || !context.Calendar.IsWorkingDay(day))
        {
            return Task.FromResult(Enumerable.Empty<Reminder>());
        }

        var result = new List<Reminder>();
        foreach (var item in Items(context, ReminderContext.At(day, o.At)))
        {
            var occasion = Occasion(context, item.Due, day);
            if (occasion is null)
            {
                continue;
            }

            var unit = item.Unit.Length > 0 ? $"【{item.Unit}】" : "";
            var due = ReminderContext.Md(item.Due);
            if (!item.HasOwner && occasion.Value.Kind != ReminderRuleNames.MilestoneEscalation)
            {
                // Nobody of the unit to nudge: the office hears of it once, at the first occasion since the item exists.
                if (FirstOccasion(context, item) != day)
                {
                    continue;
                }

                result.Add(Make(context, occasion.Value.Kind, item, day, context.Office,
                    $"{unit}「{item.Title}」截止{due}，责任单位暂无联络员，请区政府办协调落实责任人。"));
                continue;
            }

            switch (occasion.Value.Kind)
            {
                case ReminderRuleNames.MilestoneDue:
                    result.Add(Make(context, ReminderRuleNames.MilestoneDue, item, day, item.Recipients,
                        $"{unit}「{item.Title}」今天到期（截止{due}），请今天完成并在群里汇报完成情况。"));
                    break;
                case ReminderRuleNames.MilestoneBefore:
                    result.Add(Make(context, ReminderRuleNames.MilestoneBefore, item, day, item.Recipients,
                        $"{unit}「{item.Title}」将于{due}到期（还剩{occasion.Value.Number}个工作日），请抓紧推进并及时汇报进展。"));
                    break;
                case ReminderRuleNames.MilestoneOverdue:
                    result.Add(Make(context, ReminderRuleNames.MilestoneOverdue, item, day, item.Recipients,
                        $"{unit}「{item.Title}」已逾期{context.Calendar.WorkingDaysBetween(item.Due, day)}个工作日（截止{due}），请尽快完成并汇报" +
                        $"（逾期提醒第{occasion.Value.Number}次，共{o.OverdueNudges}次）。"));
                    break;
                default:
                    var to = item.LeaderInCharge is { } leader ? [leader] : context.Office;
                    result.Add(Make(context, ReminderRuleNames.MilestoneEscalation, item, day, to,
                        $"【逾期升级】{unit}「{item.Title}」已逾期{context.Calendar.WorkingDaysBetween(item.Due, day)}个工作日（截止{due}），" +
                        "请分管领导督促落实；此后不再单独提醒，在周报中列出。"));
                    break;
            }
        }

        return Task.FromResult<IEnumerable<Reminder>>(result);
    }

    /// <summary>What the cadence owes an item due on <paramref name="due"/> on <paramref name="day"/>: kind and number (days left, or nudge number).</summary>
    internal static (string Kind, int Number)? Occasion(ReminderContext context, DateOnly due, DateOnly day)
    {
        var o = context.Options.Milestones;
        if (day <= due)
        {
            var left = context.Calendar.WorkingDaysBetween(day, due);
            return left == 0 && o.OnDueDay ? (ReminderRuleNames.MilestoneDue, 0)
                : left > 0 && o.DaysBefore.Contains(left) ? (ReminderRuleNames.MilestoneBefore, left)
                : null;
        }

        // The day the last working day before an off due day stands for: overdue occasions count from the due date.
        var every = Math.Max(1, o.OverdueEveryDays);
        if (o.Overdue)
        {
            for (var k = 1; k <= o.OverdueNudges; k++)
            {
                if (context.Calendar.OnOrNextWorkingDay(due.AddDays(every * k)) == day)
                {
                    return (ReminderRuleNames.MilestoneOverdue, k);
                }
            }
        }

        if (o.Escalate && context.Calendar.OnOrNextWorkingDay(due.AddDays(every * ((o.Overdue ? o.OverdueNudges : 0) + 1))) == day)
        {
            return (ReminderRuleNames.MilestoneEscalation, 0);
        }

        return null;
    }

    /// <summary>The first working day on which the cadence owes the item something, on or after the day it exists.</summary>
    private static DateOnly? FirstOccasion(ReminderContext context, DeadlineItem item)
    {
        var o = context.Options.Milestones;
        var from = item.Since ?? item.Due.AddDays(-400);
        var last = item.Due.AddDays((Math.Max(1, o.OverdueEveryDays) * (o.OverdueNudges + 1)) + 14);
        for (var d = from; d <= last; d = d.AddDays(1))
        {
            if (context.Calendar.IsWorkingDay(d) && Occasion(context, item.Due, d) is { Kind: not ReminderRuleNames.MilestoneEscalation })
            {
                return d;
            }
        }

        return null;
    }

    /// <summary>
    /// Open dated tasks of the active plan (and office tasks) as they stood at <paramref name="at"/> (a task closed
    /// later was still open then), plus dated milestones without a task.
    /// </summary>
    public static IEnumerable<DeadlineItem> Items(ReminderContext context, DateTimeOffset at)
    {
        var planId = context.Plan?.Id;
        var tracked = new HashSet<long>();
        foreach (var task in context.Tasks)
        {
            if (task.MilestoneId is long m)
            {
                tracked.Add(m);
            }

            var openThen = task.Status == TaskStatuses.Open || (task.Status == TaskStatuses.Done && task.ClosedAt is DateTimeOffset closed && closed > at);
            if (!openThen || task.Recurrence is not null || task.DueEnd is not DateOnly due ||
                (task.PlanId is not null && task.PlanId != planId))
            {
                continue;
            }

            var unitMembers = task.OwnerUnitId is long unitId ? context.UnitMembers(unitId) : [];
            var leader = context.Member(task.LeaderId) ?? (task.OwnerUnitId is long u ? context.LeaderOf(u) : null);
            var since = task.CreatedAt == default ? (DateOnly?)null : Calendar.BusinessClock.DateOf(task.CreatedAt);
            yield return new DeadlineItem("t" + task.Id.ToString(CultureInfo.InvariantCulture), task.Title, due,
                Recipients(unitMembers, leader), leader, context.UnitName(task.OwnerUnitId), unitMembers.Count > 0, since);
        }

        foreach (var action in context.Plan?.Actions ?? [])
        {
            foreach (var milestone in action.Milestones.Where(m => m.EndDate is not null && m.Recurrence is null && !tracked.Contains(m.Id)))
            {
                var unitMembers = new List<Member>();
                Member? leader = null;
                foreach (var r in action.Responsibilities)
                {
                    if (r.UnitId is long unitId)
                    {
                        unitMembers.AddRange(context.UnitMembers(unitId));
                        leader ??= context.LeaderOf(unitId);
                    }
                    else if (r.Kind == "leader" && context.Members.FirstOrDefault(x => x.Active && x.Name == r.Name) is { } named)
                    {
                        unitMembers.Add(named);
                        leader ??= named.Role == Roles.Leader ? named : null;
                    }
                }

                yield return new DeadlineItem("m" + milestone.Id.ToString(CultureInfo.InvariantCulture), milestone.Text,
                    milestone.EndDate!.Value, Recipients(unitMembers, leader), leader, "", unitMembers.Count > 0, null);
            }
        }
    }

    private static List<Member> Recipients(IEnumerable<Member> unitMembers, Member? leader)
    {
        var list = unitMembers.ToList();
        if (leader is not null)
        {
            list.Add(leader);
        }

        return list.DistinctBy(m => m.Id).ToList();
    }

    private static Reminder Make(ReminderContext context, string rule, DeadlineItem item, DateOnly day, IReadOnlyList<Member> to, string text) => new()
    {
        Rule = rule,
        Key = $"{rule}:{item.Id}:{ReminderContext.Iso(day)}",
        Nominal = day,
        DueAt = ReminderContext.At(day, context.Options.Milestones.At),
        RelevantUntil = ReminderContext.EndOf(day),
        Recipients = to,
        Text = text,
        Subject = item.Unit.Length > 0 ? $"{item.Unit}「{item.Title}」" : $"「{item.Title}」",
    };
}
