using Bot.Skills.Calendar;
using Bot.Skills.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Digests;

/// <summary>Digest kinds (the <c>digest --period</c> values).</summary>
public static class DigestKinds
{
    public const string Week = "week";
    public const string Month = "month";
    public const string Quarter = "quarter";
    public const string Half = "half";
    public const string Year = "year";

    public static readonly IReadOnlyList<string> All = [Week, Month, Quarter, Half, Year];

    public static string Label(string kind) => kind switch
    {
        Week => "周报",
        Month => "月报",
        Quarter => "季报",
        Half => "半年通报",
        _ => "年度评分表",
    };
}

/// <summary>One digest the schedule owes: which, over which period, when.</summary>
public sealed record DigestOccurrence(string Kind, Period Period, DateOnly Day, DateTimeOffset DueAt, DateTimeOffset RelevantUntil);

/// <summary>
/// When digests are due: weekly (the previous 7 days) on Monday, monthly (the previous month) on the first working
/// day, quarterly on the first working day of a quarter, the half-year 通报 on the first working day of July, and the
/// year-end scoring table on the last working day of December. A non-working day moves a digest to the next working
/// day (weeks moved onto the same day share one digest); on a day with several, the widest of half-year, quarter and month is sent alone. Periods outside the plan year
/// are skipped.
/// </summary>
public sealed class DigestSchedule(WorkingCalendar calendar, IOptions<ScheduleOptions> options)
{
    private static readonly string[] Widest = [DigestKinds.Half, DigestKinds.Quarter, DigestKinds.Month];

    /// <summary>The period a digest of <paramref name="kind"/> made on <paramref name="at"/> covers: the last complete one (the plan year so far for <c>year</c>).</summary>
    public Period PeriodFor(string kind, DateOnly at, int? planYear)
    {
        switch (kind)
        {
            case DigestKinds.Week:
                var offset = ((int)at.DayOfWeek - (int)options.Value.Digests.WeeklyDay + 7) % 7;
                var nominal = at.AddDays(-offset);
                return new Period(nominal.AddDays(-7), nominal.AddDays(-1), "上周", "week");
            case DigestKinds.Month:
                var month = at.AddMonths(-1);
                return Period.Month(month) with { Label = $"{month.Year}年{month.Month}月" };
            case DigestKinds.Quarter:
                var quarter = Period.Quarter(at).Start.AddMonths(-3);
                return Period.Quarter(quarter) with { Label = $"{quarter.Year}年第{"一二三四"[(quarter.Month - 1) / 3]}季度" };
            case DigestKinds.Half:
                var half = Period.HalfYear(at).Start.AddMonths(-6);
                return Period.HalfYear(half) with { Label = $"{half.Year}年{(half.Month == 1 ? "上" : "下")}半年" };
            default:
                var year = planYear ?? at.Year;
                return Period.Year(year) with { Label = $"{year}年" };
        }
    }

    /// <summary>Digests scheduled on <paramref name="day"/>.</summary>
    public IReadOnlyList<DigestOccurrence> On(DateOnly day, int? planYear)
    {
        var o = options.Value.Digests;
        var due = new List<DigestOccurrence>();
        if (!calendar.IsWorkingDay(day))
        {
            return due;
        }

        void Add(string kind, DigestKindOptions rule, Period period)
        {
            if (rule.Enabled && (planYear is not int year || (period.Start.Year <= year && period.End.Year >= year)))
            {
                var end = period.End < day ? period.End : day;
                due.Add(new DigestOccurrence(kind, period with { End = end }, day, ReminderContext.At(day, rule.At),
                    ReminderContext.EndOf(calendar.AddWorkingDays(day, 1))));
            }
        }

        // Weekly: this week's weekday, or earlier ones moved here by a long holiday (one digest covers them all).
        var weeks = Enumerable.Range(0, 3).Select(i => day.AddDays(-7 * i))
            .Select(d => d.AddDays(-(((int)d.DayOfWeek - (int)o.WeeklyDay + 7) % 7)))
            .Where(nominal => calendar.OnOrNextWorkingDay(nominal) == day)
            .Select(nominal => PeriodFor(DigestKinds.Week, nominal, planYear))
            .ToList();
        if (weeks.Count > 0)
        {
            var start = weeks.Min(w => w.Start);
            var end = weeks.Max(w => w.End);
            Add(DigestKinds.Week, o.Weekly, new Period(start, end, weeks.Count > 1 ? $"近{weeks.Count}周" : "上周", "week"));
        }

        if (day == calendar.FirstWorkingDayOfMonth(day.Year, day.Month))
        {
            Add(DigestKinds.Month, o.Monthly, PeriodFor(DigestKinds.Month, day, planYear));
            if (day.Month % 3 == 1)
            {
                Add(DigestKinds.Quarter, o.Quarterly, PeriodFor(DigestKinds.Quarter, day, planYear));
            }

            if (day.Month == 7)
            {
                Add(DigestKinds.Half, o.HalfYear, PeriodFor(DigestKinds.Half, day, planYear));
            }
        }

        if (day.Month == 12 && day == calendar.LastWorkingDayOfMonth(day.Year, 12))
        {
            Add(DigestKinds.Year, o.Year, PeriodFor(DigestKinds.Year, day, planYear ?? day.Year));
        }

        var widest = Widest.FirstOrDefault(k => due.Any(d => d.Kind == k));
        return due.Where(d => !Widest.Contains(d.Kind) || d.Kind == widest).ToList();
    }

    /// <summary>Digests due by <paramref name="now"/> and still relevant (one working day of downtime is caught up).</summary>
    public IReadOnlyList<DigestOccurrence> Due(DateTimeOffset now, int? planYear)
    {
        var today = BusinessClock.DateOf(now);
        if (!calendar.IsWorkingDay(today))
        {
            return [];
        }

        var result = new List<DigestOccurrence>();
        for (var d = calendar.AddWorkingDays(today, -1); d <= today; d = d.AddDays(1))
        {
            result.AddRange(On(d, planYear).Where(o => o.DueAt <= now && o.RelevantUntil > now));
        }

        return result;
    }
}
