using Bot.Skills.Calendar;
using Bot.Tests.Support;

namespace Bot.Tests.Skills.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.LoadDirectory(RepositoryFiles.PathOf("seeds/holidays"));

    [Fact]
    public void Shipped_holiday_files_cover_2018_and_2024_to_2026()
    {
        Assert.Equal([2018, 2024, 2025, 2026], Calendar.Years);
    }

    [Theory]
    [InlineData("2026-02-16", false)] // 春节
    [InlineData("2026-02-14", true)]  // Saturday, 调休上班
    [InlineData("2026-02-28", true)]  // Saturday, 调休上班
    [InlineData("2026-10-08", true)]  // Thursday after the 国庆 break (10-01..10-07)
    [InlineData("2026-10-10", true)]  // Saturday, 调休上班
    [InlineData("2026-06-19", false)] // 端午
    [InlineData("2026-06-22", true)]  // Monday
    [InlineData("2018-02-11", true)]  // Sunday, 调休上班
    [InlineData("2018-06-18", false)] // 端午
    [InlineData("2024-05-11", true)]  // Saturday, 调休上班
    [InlineData("2025-10-08", false)] // 国庆节、中秋节
    public void Holidays_and_adjusted_working_days_follow_the_State_Council_notices(string date, bool working)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(working, Calendar.IsWorkingDay(day));
    }

    [Fact]
    public void Working_day_arithmetic_skips_weekends_and_holidays_and_counts_adjusted_days()
    {
        // Thursday 2026-09-24: the next 3 working days skip 中秋 (9-25..9-27): Mon 9-28, Tue 9-29, Wed 9-30.
        Assert.Equal(new DateOnly(2026, 9, 30), Calendar.AddWorkingDays(new DateOnly(2026, 9, 24), 3));
        // Backwards over the Spring Festival (2-15..2-23 off, Sat 2-14 worked): 7 working days before Tue 2026-02-24 → Fri 2026-02-06.
        Assert.Equal(new DateOnly(2026, 2, 6), Calendar.AddWorkingDays(new DateOnly(2026, 2, 24), -7));
        Assert.Equal(2, Calendar.WorkingDaysBetween(new DateOnly(2026, 9, 18), new DateOnly(2026, 9, 21))); // Sun 9-20 is a working day
        Assert.Equal(-2, Calendar.WorkingDaysBetween(new DateOnly(2026, 9, 21), new DateOnly(2026, 9, 18)));
        Assert.Equal(new DateOnly(2026, 10, 8), Calendar.FirstWorkingDayOfMonth(2026, 10));
        Assert.Equal(new DateOnly(2026, 1, 30), Calendar.LastWorkingDayOfMonth(2026, 1));
        Assert.Equal("春节", Calendar.HolidayName(new DateOnly(2026, 2, 17)));
    }

    [Fact]
    public void A_malformed_holiday_line_is_reported_with_its_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => WorkingCalendar.Parse(["# ok", "2026-13-01 holiday 错"], "2026.txt").ToList());

        Assert.Contains("2026.txt:2", error.Message, StringComparison.Ordinal);
    }
}
