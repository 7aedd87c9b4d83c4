using Bot.Skills.Calendar;
using Bot.Skills.Scorecards;
using Bot.Tests.Support;

namespace Bot.Tests.Skills.Scorecards;

public sealed class TrafficLightTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.LoadDirectory(RepositoryFiles.PathOf("seeds/holidays"));
    private static readonly DateOnly JuneStart = new(2026, 6, 1);
    private static readonly DateOnly JuneEnd = new(2026, 6, 30);

    [Theory]
    [InlineData(3, "2026-06-10", Light.Green)]  // minimum reached
    [InlineData(1, "2026-06-10", Light.Green)]  // 1 ≥ 3 × 10/30
    [InlineData(1, "2026-06-15", Light.Yellow)] // 1 < 3 × 15/30: behind pace
    [InlineData(2, "2026-06-26", Light.Yellow)] // on pace but due within 3 working days and below the minimum
    [InlineData(2, "2026-07-01", Light.Red)]    // period ended below the minimum
    [InlineData(4, "2026-07-01", Light.Green)]
    [InlineData(0, "2026-05-31", Light.Green)]  // period not started
    public void Monthly_research_target_light_follows_the_pro_rated_pace(double actual, string today, Light expected)
    {
        var light = TrafficLights.ForTarget(actual, 3, JuneStart, JuneEnd, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), Calendar);

        Assert.Equal(expected, light);
    }

    [Fact]
    public void Yearly_fifty_day_target_is_on_pace_at_eighteen_days_in_mid_April_and_behind_in_June()
    {
        var start = new DateOnly(2026, 1, 1);
        var end = new DateOnly(2026, 12, 31);

        Assert.Equal(Light.Green, TrafficLights.ForTarget(18, 50, start, end, new DateOnly(2026, 4, 15), Calendar));
        Assert.Equal(Light.Yellow, TrafficLights.ForTarget(18, 50, start, end, new DateOnly(2026, 6, 22), Calendar));
        Assert.Equal(25, TrafficLights.ExpectedByNow(50, start, end, new DateOnly(2026, 7, 2)), 0);
    }

    [Fact]
    public void Task_lights_count_working_days_to_the_deadline()
    {
        // Due Friday 2026-10-09 (after 国庆): from Wed 2026-09-30 only 10-08 and 10-09 are working days → yellow.
        Assert.Equal(Light.Yellow, TrafficLights.ForTask(false, new DateOnly(2026, 10, 9), new DateOnly(2026, 9, 30), Calendar));
        Assert.Equal(Light.Green, TrafficLights.ForTask(false, new DateOnly(2026, 10, 30), new DateOnly(2026, 9, 30), Calendar));
        Assert.Equal(Light.Red, TrafficLights.ForTask(false, new DateOnly(2026, 9, 29), new DateOnly(2026, 9, 30), Calendar));
        Assert.Equal(Light.Green, TrafficLights.ForTask(true, new DateOnly(2026, 9, 29), new DateOnly(2026, 9, 30), Calendar));
        Assert.Equal(("🟢", "🟡", "🔴"), (Light.Green.Emoji(), Light.Yellow.Emoji(), Light.Red.Emoji()));
    }
}
