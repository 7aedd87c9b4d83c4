using Bot.Skills.Calendar;
using Bot.Skills.Status;

namespace Bot.Skills.Reminders;

/// <summary>
/// Non-reporters: at the weekly cut-off (default Friday, or the last working day before it in the same week) and the
/// monthly one (the last working day), leaders and departments with no report since the period began get one nudge.
/// A member silent for the whole month on a day that is both cut-offs gets only the monthly one.
/// </summary>
internal sealed class NonReporterRule(StatusService status) : IReminderRule
{
    public async Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken)
    {
        var o = context.Options.NonReporters;
        if (!o.Enabled || !context.Calendar.IsWorkingDay(day) || !context.InPlanYear(day))
        {
            return [];
        }

        var result = new List<Reminder>();
        var monthlySilent = new HashSet<long>();
        if (o.Monthly && day == context.Calendar.LastWorkingDayOfMonth(day.Year, day.Month))
        {
            var month = Period.Month(day) with { End = day };
            var silent = await status.NonReportersAsync(month, day, cancellationToken);
            monthlySilent.UnionWith(silent.Select(m => m.Id));
            if (silent.Count > 0)
            {
                result.Add(Make(context, ReminderRuleNames.NonReportersMonthly, day, silent,
                    $"本月（{ReminderContext.Md(month.Start)}—{ReminderContext.Md(day)}）尚未汇报工作进展，请于今天下班前在群里@铁西小助手 汇报本月工作。"));
            }
        }

        if (o.Weekly && day == WeeklyCutOff(context, day))
        {
            var week = Period.Week(day) with { End = day };
            var silent = (await status.NonReportersAsync(week, day, cancellationToken)).Where(m => !monthlySilent.Contains(m.Id)).ToList();
            if (silent.Count > 0)
            {
                result.Add(Make(context, ReminderRuleNames.NonReportersWeekly, day, silent,
                    $"本周（{ReminderContext.Md(week.Start)}—{ReminderContext.Md(day)}）尚未汇报工作进展，请于今天下班前在群里@铁西小助手 汇报本周工作。"));
            }
        }

        return result;
    }

    /// <summary>The configured weekday of the day's week, or the last working day before it in that week; null when none.</summary>
    private static DateOnly? WeeklyCutOff(ReminderContext context, DateOnly day)
    {
        var monday = Period.Week(day).Start;
        var cutOff = monday.AddDays(((int)context.Options.NonReporters.WeeklyDay + 6) % 7);
        for (var d = cutOff; d >= monday; d = d.AddDays(-1))
        {
            if (context.Calendar.IsWorkingDay(d))
            {
                return d;
            }
        }

        return null;
    }

    private static Reminder Make(ReminderContext context, string rule, DateOnly day, IReadOnlyList<Bot.Data.Members.Member> silent, string text) => new()
    {
        Rule = rule,
        Key = $"{rule}:{ReminderContext.Iso(day)}",
        Nominal = day,
        DueAt = ReminderContext.At(day, context.Options.NonReporters.At),
        RelevantUntil = ReminderContext.EndOf(day),
        Recipients = silent,
        Text = text,
    };
}
