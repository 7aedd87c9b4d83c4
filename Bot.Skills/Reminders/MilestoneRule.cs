using Bot.Data.Members;
using Bot.Data.Tasks;

namespace Bot.Skills.Reminders;

/// <summary>A dated item the milestone rule tracks: an open plan task, or a plan milestone no task was made from.</summary>
internal sealed record DeadlineItem(string Id, string Title, DateOnly Due, IReadOnlyList<Member> Recipients, Member? LeaderInCharge, string Unit);

/// <summary>
/// Milestone nudges: N working days before the window ends (default 7 and 1), on the due day (or the last working day
/// before a due day that is off), every working day while overdue, and one escalation to the leader in charge after
/// N overdue working days (default 3). Working days only.
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
        foreach (var item in Items(context))
        {
            var unit = item.Unit.Length > 0 ? $"【{item.Unit}】" : "";
            var due = ReminderContext.Md(item.Due);
            if (day <= item.Due)
            {
                var left = context.Calendar.WorkingDaysBetween(day, item.Due);
                if (left == 0 && o.OnDueDay)
                {
                    result.Add(Make(context, ReminderRuleNames.MilestoneDue, item, day, item.Recipients,
                        $"{unit}「{item.Title}」今天到期（截止{due}），请今天完成并在群里汇报完成情况。"));
                }
                else if (left > 0 && o.DaysBefore.Contains(left))
                {
                    result.Add(Make(context, ReminderRuleNames.MilestoneBefore, item, day, item.Recipients,
                        $"{unit}「{item.Title}」将于{due}到期（还剩{left}个工作日），请抓紧推进并及时汇报进展。"));
                }

                continue;
            }

            var overdue = context.Calendar.WorkingDaysBetween(item.Due, day);
            if (o.Overdue)
            {
                result.Add(Make(context, ReminderRuleNames.MilestoneOverdue, item, day, item.Recipients,
                    $"{unit}「{item.Title}」已逾期{overdue}个工作日（截止{due}），请尽快完成并汇报。"));
            }

            if (o.EscalateAfterWorkingDays > 0 && overdue == o.EscalateAfterWorkingDays)
            {
                var to = item.LeaderInCharge is { } leader ? [leader] : context.Office;
                result.Add(Make(context, ReminderRuleNames.MilestoneEscalation, item, day, to,
                    $"【逾期升级】{unit}「{item.Title}」已逾期{overdue}个工作日（截止{due}），请分管领导督促落实。"));
            }
        }

        return Task.FromResult<IEnumerable<Reminder>>(result);
    }

    /// <summary>Open dated tasks of the active plan (and office tasks), plus dated milestones without a task.</summary>
    public static IEnumerable<DeadlineItem> Items(ReminderContext context)
    {
        var planId = context.Plan?.Id;
        var tracked = new HashSet<long>();
        foreach (var task in context.Tasks)
        {
            if (task.MilestoneId is long m)
            {
                tracked.Add(m);
            }

            if (task.Status != TaskStatuses.Open || task.Recurrence is not null || task.DueEnd is not DateOnly due ||
                (task.PlanId is not null && task.PlanId != planId))
            {
                continue;
            }

            var unitMembers = task.OwnerUnitId is long unitId ? context.UnitMembers(unitId) : [];
            var leader = context.Member(task.LeaderId) ?? (task.OwnerUnitId is long u ? context.LeaderOf(u) : null);
            yield return new DeadlineItem("t" + task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), task.Title, due,
                Recipients(context, unitMembers, leader), leader, context.UnitName(task.OwnerUnitId));
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

                yield return new DeadlineItem("m" + milestone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), milestone.Text,
                    milestone.EndDate!.Value, Recipients(context, unitMembers, leader), leader, "");
            }
        }
    }

    private static IReadOnlyList<Member> Recipients(ReminderContext context, IEnumerable<Member> unitMembers, Member? leader)
    {
        var list = unitMembers.ToList();
        if (leader is not null)
        {
            list.Add(leader);
        }

        list = list.DistinctBy(m => m.Id).ToList();
        return list.Count > 0 ? list : context.Leaders;
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
    };
}
