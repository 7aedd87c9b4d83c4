using Bot.Data.Members;
using Bot.Skills.Calendar;

namespace Bot.Skills.Reminders;

/// <summary>
/// Calendar duties of the plan (党组报告 in the last 10 days of a quarter, the quarterly 三大攻坚战 hearing, 民生实事
/// 旬调度 in October–December, the 百日攻坚 window, the office's monthly follow-up, quarterly inspection, half-year
/// bulletin and annual summary), each from its <see cref="DutyRuleOptions"/>.
/// </summary>
internal sealed class DutyRule : IReminderRule
{
    public Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken)
    {
        var result = new List<Reminder>();
        if (context.Plan is not { } plan)
        {
            return Task.FromResult<IEnumerable<Reminder>>(result);
        }

        foreach (var (name, o) in context.Options.Duties)
        {
            if (!o.Enabled || (!string.IsNullOrEmpty(o.PlanKeyword) && !context.PlanText.Contains(o.PlanKeyword, StringComparison.Ordinal)))
            {
                continue;
            }

            // Occurrences near the day (a holiday moves one by at most a few days) that land on it.
            var nominals = Enumerable.Range(-10, 21)
                .Select(offset => day.AddDays(offset))
                .Select(d => DutyPeriods.Anchor(DutyPeriods.Containing(o.Every, d), o.Day))
                .Distinct()
                .Where(n => n.Year == plan.Year)
                .Where(n => o.Months.Length == 0 || o.Months.Contains(n.Month))
                .Where(n => o.From is null || n >= ScheduleOptionsValidator.MonthDay(o.From, plan.Year))
                .Where(n => o.To is null || n <= ScheduleOptionsValidator.MonthDay(o.To, plan.Year))
                .Where(n => context.Shift(n, o.OnNonWorkingDay) == day);
            foreach (var nominal in nominals)
            {
                IReadOnlyList<Member> to = o.Audience switch
                {
                    Audiences.Office => context.Office,
                    Audiences.LeadersAndOffice => [.. context.Leaders, .. context.Office],
                    _ => context.Leaders,
                };
                var rule = ReminderRuleNames.Duty(name);
                result.Add(new Reminder
                {
                    Rule = rule,
                    Key = $"{rule}:{ReminderContext.Iso(nominal)}",
                    Nominal = nominal,
                    DueAt = ReminderContext.At(day, o.At),
                    RelevantUntil = context.EndOfNextWorkingDay(day),
                    Recipients = to,
                    Text = o.Text,
                });
            }
        }

        return Task.FromResult<IEnumerable<Reminder>>(result);
    }
}

/// <summary>Periods a duty can recur in.</summary>
internal static class DutyPeriods
{
    /// <summary>The period of kind <paramref name="every"/> containing <paramref name="day"/>.</summary>
    public static (DateOnly Start, DateOnly End) Containing(string every, DateOnly day)
    {
        switch (every)
        {
            case "week":
                var week = Period.Week(day);
                return (week.Start, week.End);
            case "xun":
                var startDay = day.Day <= 10 ? 1 : day.Day <= 20 ? 11 : 21;
                var start = new DateOnly(day.Year, day.Month, startDay);
                return (start, startDay == 21 ? new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)) : start.AddDays(9));
            case "quarter":
                var quarter = Period.Quarter(day);
                return (quarter.Start, quarter.End);
            default:
                var month = Period.Month(day);
                return (month.Start, month.End);
        }
    }

    /// <summary>Day <paramref name="index"/> of a period: 1 = its first day, -1 = its last; clamped to the period.</summary>
    public static DateOnly Anchor((DateOnly Start, DateOnly End) period, int index)
    {
        var day = index > 0 ? period.Start.AddDays(index - 1) : period.End.AddDays(index + 1);
        return day < period.Start ? period.Start : day > period.End ? period.End : day;
    }
}
