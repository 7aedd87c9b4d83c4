using Bot.Skills.Calendar;

namespace Bot.Skills.Scorecards;

/// <summary>Traffic-light status (红绿灯) used in replies, digests and the dashboard.</summary>
public enum Light
{
    Green,
    Yellow,
    Red,
}

/// <summary>
/// The one definition of the lights:
/// 🟢 on pace — the count is at least the minimum pro-rated to the elapsed part of the period (序时进度);
/// 🟡 behind pace, or below the minimum with the period (or a task) due within 3 working days;
/// 🔴 overdue, or below the minimum when the period has ended.
/// </summary>
public static class TrafficLights
{
    public const int DueSoonWorkingDays = 3;

    /// <summary>The light of a quantitative target with <paramref name="minimum"/> over [start, end] on <paramref name="today"/>.</summary>
    public static Light ForTarget(double actual, double minimum, DateOnly start, DateOnly end, DateOnly today, WorkingCalendar calendar)
    {
        if (actual >= minimum)
        {
            return Light.Green;
        }

        if (today > end)
        {
            return Light.Red;
        }

        if (calendar.WorkingDaysBetween(today, end) <= DueSoonWorkingDays)
        {
            return Light.Yellow;
        }

        return actual >= ExpectedByNow(minimum, start, end, today) ? Light.Green : Light.Yellow;
    }

    /// <summary>The minimum pro-rated to the elapsed days of the period (序时进度), today included.</summary>
    public static double ExpectedByNow(double minimum, DateOnly start, DateOnly end, DateOnly today)
    {
        if (today < start)
        {
            return 0;
        }

        var total = end.DayNumber - start.DayNumber + 1;
        var elapsed = Math.Min(total, today.DayNumber - start.DayNumber + 1);
        return minimum * elapsed / total;
    }

    /// <summary>The light of a task due by <paramref name="dueEnd"/>.</summary>
    public static Light ForTask(bool done, DateOnly? dueEnd, DateOnly today, WorkingCalendar calendar)
    {
        if (done || dueEnd is not DateOnly due)
        {
            return Light.Green;
        }

        if (today > due)
        {
            return Light.Red;
        }

        return calendar.WorkingDaysBetween(today, due) <= DueSoonWorkingDays ? Light.Yellow : Light.Green;
    }

    public static string Emoji(this Light light) => light switch
    {
        Light.Green => "🟢",
        Light.Yellow => "🟡",
        _ => "🔴",
    };

    public static string Chinese(this Light light) => light switch
    {
        Light.Green => "绿",
        Light.Yellow => "黄",
        _ => "红",
    };
}
