using Bot.Skills.Calendar;

namespace Bot.Tests.Skills.Calendar;

public sealed class PeriodTests
{
    private static readonly DateOnly Today = new(2026, 5, 20); // a Wednesday

    [Theory]
    [InlineData("本月谁还没汇报？", "2026-05-01", "2026-05-31")]
    [InlineData("本周到期的任务", "2026-05-18", "2026-05-24")]
    [InlineData("上周谁没汇报", "2026-05-11", "2026-05-17")]
    [InlineData("王副区长本季度调研几天？", "2026-04-01", "2026-06-30")]
    [InlineData("张志刚副区长5月份签约了几个项目", "2026-05-01", "2026-05-31")]
    [InlineData("统计下三季度各位副区长巡河次数", "2026-07-01", "2026-09-30")]
    [InlineData("今年调研多少天", "2026-01-01", "2026-12-31")]
    [InlineData("上半年通报", "2026-01-01", "2026-06-30")]
    public void Periods_named_in_questions_resolve_against_today(string text, string start, string end)
    {
        var period = Period.FromText(text, Today);

        Assert.NotNull(period);
        Assert.Equal((DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)), (period.Start, period.End));
    }

    [Fact]
    public void A_question_without_a_period_gives_null()
    {
        Assert.Null(Period.FromText("大招商行动进展如何", Today));
    }

    [Theory]
    [InlineData("2026Q2", "2026-04-01", "2026-06-30", "2026年第二季度")]
    [InlineData("2026-05", "2026-05-01", "2026-05-31", "2026年5月")]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2026年")]
    [InlineData("2026H2", "2026-07-01", "2026-12-31", "2026年下半年")]
    public void Period_codes_parse_for_exports(string code, string start, string end, string label)
    {
        var period = Period.ParseCode(code)!;

        Assert.Equal((start, end, label), (period.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.Label));
        Assert.Null(Period.ParseCode("2026Q5"));
        Assert.Null(Period.ParseCode("下个月"));
    }
}
