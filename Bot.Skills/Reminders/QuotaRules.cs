using System.Globalization;
using Bot.Skills.Scorecards;

namespace Bot.Skills.Reminders;

/// <summary>
/// The monthly quota: on the configured day of the month (default the 20th; moved off non-working days by its policy),
/// each leader below a monthly per-leader target of the plan (3 专题调研) gets the count so far.
/// </summary>
internal sealed class QuotaRule(ScorecardService scorecards) : IReminderRule
{
    public async Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken)
    {
        var o = context.Options.Quota;
        if (!o.Enabled || context.Plan is null)
        {
            return [];
        }

        // The occurrence of this month or one moved here across a month end.
        var nominal = new[] { day, day.AddMonths(-1), day.AddMonths(1) }
            .Select(d => new DateOnly(d.Year, d.Month, Math.Min(o.DayOfMonth, DateTime.DaysInMonth(d.Year, d.Month))))
            .FirstOrDefault(n => context.Shift(n, o.OnNonWorkingDay) == day);
        if (nominal == default || !context.InPlanYear(nominal))
        {
            return [];
        }

        var result = new List<Reminder>();
        foreach (var card in await scorecards.ForLeadersAsync(nominal, cancellationToken))
        {
            var behind = card.Lines.Where(l => l.Period.Kind == "month" && l.Min is double min && l.Actual < min).ToList();
            if (behind.Count == 0)
            {
                continue;
            }

            var parts = behind.Select(l =>
                $"{l.Text}，还差{MetricCatalog.Format(l.Min!.Value - l.Actual)}{MetricCatalog.Unit(l.Metric)}");
            result.Add(new Reminder
            {
                Rule = ReminderRuleNames.Quota,
                Key = $"{ReminderRuleNames.Quota}:{card.Member.Id.ToString(CultureInfo.InvariantCulture)}:{nominal.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
                Nominal = nominal,
                DueAt = ReminderContext.At(day, o.At),
                RelevantUntil = context.EndOfNextWorkingDay(day),
                Recipients = [card.Member],
                Text = $"月度指标提醒：截至{ReminderContext.Md(nominal)}，{string.Join("；", parts)}，请合理安排时间完成。",
            });
        }

        return result;
    }
}

/// <summary>
/// The yearly on-pace check (序时进度): on the last working day of each month, leaders whose yearly target (default
/// 全年调研天数不少于50天) is behind pace by the traffic-light definition are told where they stand.
/// </summary>
internal sealed class PaceRule(ScorecardService scorecards) : IReminderRule
{
    public async Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken)
    {
        var o = context.Options.ResearchPace;
        if (!o.Enabled || context.Plan is null || !context.InPlanYear(day) || day != context.Calendar.LastWorkingDayOfMonth(day.Year, day.Month))
        {
            return [];
        }

        var result = new List<Reminder>();
        foreach (var card in await scorecards.ForLeadersAsync(day, cancellationToken))
        {
            var behind = card.Lines
                .Where(l => l.Period.Kind == "year" && o.Metrics.Contains(l.Metric, StringComparer.Ordinal) && l.Light != Light.Green && l.Min is not null)
                .ToList();
            if (behind.Count == 0)
            {
                continue;
            }

            var parts = behind.Select(l =>
            {
                var expected = TrafficLights.ExpectedByNow(l.Min!.Value, l.Period.Start, l.Period.End, day);
                return $"{l.Text}，按序时进度应达到{MetricCatalog.Format(Math.Round(expected, 1))}{MetricCatalog.Unit(l.Metric)}";
            });
            result.Add(new Reminder
            {
                Rule = ReminderRuleNames.ResearchPace,
                Key = $"{ReminderRuleNames.ResearchPace}:{card.Member.Id.ToString(CultureInfo.InvariantCulture)}:{day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
                Nominal = day,
                DueAt = ReminderContext.At(day, o.At),
                RelevantUntil = context.EndOfNextWorkingDay(day),
                Recipients = [card.Member],
                Text = $"全年指标进度提醒：截至{ReminderContext.Md(day)}，{string.Join("；", parts)}，请加快进度。",
            });
        }

        return result;
    }
}
