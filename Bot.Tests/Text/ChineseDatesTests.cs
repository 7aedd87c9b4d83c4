namespace Bot.Tests.Text;

public sealed class ChineseDatesTests
{
    private static readonly ChineseDates Parser = new(2026, sourceYear: 2018);

    [Theory]
    [InlineData("5月下旬，赴江苏", "2026-05-21..2026-05-31")]
    [InlineData("6、7月，出台政策", "2026-06-01..2026-07-31")]
    [InlineData("第二季度，组织开展", "2026-04-01..2026-06-30")]
    [InlineData("10月中旬，梳理", "2026-10-11..2026-10-20")]
    [InlineData("10月下旬至12月下旬，跟踪督导", "2026-10-21..2026-12-31")]
    [InlineData("7月和11月，回头看", "2026-07-01..2026-07-31|2026-11-01..2026-11-30")]
    [InlineData("4月至12月，分阶段", "2026-04-01..2026-12-31")]
    [InlineData("4月、7月、10月，分别调度", "2026-04-01..2026-04-30|2026-07-01..2026-07-31|2026-10-01..2026-10-31")]
    [InlineData("第二、三、四季度", "2026-04-01..2026-12-31")]
    [InlineData("第一、三季度", "2026-01-01..2026-03-31|2026-07-01..2026-09-30")]
    [InlineData("全年", "2026-01-01..2026-12-31")]
    [InlineData("上半年", "2026-01-01..2026-06-30")]
    [InlineData("十二月上旬", "2026-12-01..2026-12-10")]
    [InlineData("2月下旬", "2026-02-21..2026-02-28")]
    [InlineData("5月17日至19日", "2026-05-17..2026-05-19")]
    [InlineData("3至5月", "2026-03-01..2026-05-31")]
    [InlineData("2018年6月底前完成", "..2026-06-30")]
    [InlineData("2019年3月", "2027-03-01..2027-03-31")]
    [InlineData("2018年底", "2026-12-01..2026-12-31")]
    [InlineData("9月30日前", "..2026-09-30")]
    [InlineData("11月至次年2月", "2026-11-01..2027-02-28")]
    public void Month_xun_and_quarter_vocabulary_becomes_windows_in_the_plan_year(string text, string expected)
    {
        var spec = Parser.ParseLeading(text);

        Assert.NotNull(spec);
        Assert.Equal(expected, string.Join('|', spec.Windows.Select(w => $"{w.Start:yyyy-MM-dd}..{w.End:yyyy-MM-dd}")));
    }

    [Theory]
    [InlineData("每季度区政府听取一次", "quarter")]
    [InlineData("每月区政府分管领导调度一次", "month")]
    [InlineData("每半月实地检查一次", "half_month")]
    [InlineData("每周巡查一次", "week")]
    [InlineData("每天巡查一次", "day")]
    [InlineData("每旬调度", "xun")]
    [InlineData("每半年通报", "half_year")]
    public void Cadence_words_become_recurrences(string text, string recurrence)
    {
        var spec = Parser.ParseLeading(text);

        Assert.NotNull(spec);
        Assert.Equal(recurrence, spec.Recurrence);
        Assert.Empty(spec.Windows);
    }

    [Theory]
    [InlineData("区政府领导要带头")]
    [InlineData("十九大精神")]
    [InlineData("第三届全球吉商大会")]
    [InlineData("")]
    [InlineData("13月")]
    [InlineData("2月30日")]
    public void Words_that_are_no_dates_are_not_read_as_dates(string text) => Assert.Null(Parser.ParseLeading(text));

    [Fact]
    public void A_date_inside_a_sentence_is_found()
    {
        var spec = Parser.Find("走访调研活动贯穿全年，区政府领导每月开展3至4次专题调研");

        Assert.NotNull(spec);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), (spec.Start!.Value, spec.End!.Value));
    }

    // The same reader serves report messages, questions and recurring wording (issue 15: one date parser).

    [Theory]
    [InlineData("昨天到北沟街道调研", "2026-05-19", 1)]
    [InlineData("上周三走访企业", "2026-05-13", 1)]
    [InlineData("5月17日至19日在平西乡调研", "2026-05-17", 3)]
    [InlineData("五月十二日开会", "2026-05-12", 1)]
    public void The_work_day_of_a_report_is_read_relative_to_the_day_it_was_sent(string text, string first, int days)
    {
        var found = ChineseDates.FindWorkDay(text, new DateOnly(2026, 5, 20));

        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), days), (found.Date!.Value, found.Days));
    }

    [Theory]
    [InlineData("本周工作: ① 5月11日赴沈阳对接企业; ② 5月14日接待深圳客商; ③ 走访企业2家", "2026-05-11", "2026-05-14", 2)]
    [InlineData("5月份调研: 5月6日到英雄街道调研养老; 5月13日到平西乡调研春耕; 5月19日到北沟街道调研就业", "2026-05-06", "2026-05-19", 3)]
    [InlineData("1. 5月8日走访企业3家\n2. 5月12日召开座谈会", "2026-05-08", "2026-05-12", 2)]
    [InlineData("本周村级巡河两次 周一北河 周二南河 都正常", "2026-05-18", "2026-05-19", 2)]
    [InlineData("上半月巡湖两次 6号二龙湖 14号石岭水库 都正常", "2026-05-06", "2026-05-14", 2)]
    public void Days_that_each_open_an_item_of_a_list_span_the_list(string text, string first, string last, int days)
    {
        var found = ChineseDates.FindWorkDay(text, new DateOnly(2026, 5, 20));

        Assert.Equal(
            (DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), (DateOnly?)DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), days),
            (found.Date!.Value, found.EndDate, found.Days));
    }

    [Theory]
    [InlineData("本周工作小结：周一至周二到北沟街道调研就业；周三召开用工座谈会", "2026-05-18", "2026-05-20")]
    [InlineData("这周小结：周一周二会同应急局检查加油站9家，周三开展消防宣传1场", "2026-05-18", "2026-05-20")]
    public void A_weeks_round_up_spans_its_listed_weekdays(string text, string first, string last)
    {
        var found = ChineseDates.FindWorkDay(text, new DateOnly(2026, 5, 20));

        Assert.Equal(
            (DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), (DateOnly?)DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)),
            (found.Date!.Value, found.EndDate));
    }

    [Fact]
    public void Weekdays_after_a_comma_outside_a_round_up_are_no_list()
    {
        var found = ChineseDates.FindWorkDay("周一到平西乡调研秋收，周三再去一趟", new DateOnly(2026, 5, 20));

        Assert.Equal((new DateOnly(2026, 5, 18), (DateOnly?)null), (found.Date!.Value, found.EndDate));
    }

    [Theory]
    [InlineData("4月7日到红嘴开发区协调征地问题; 要求5月1日前完成清表")]
    public void A_deadline_in_a_later_clause_is_not_a_listed_day(string text) =>
        Assert.Null(ChineseDates.FindWorkDay(text, new DateOnly(2026, 5, 20)).EndDate);

    [Theory]
    [InlineData("6月30日前完成")]
    [InlineData("本月走访了三家企业")]
    public void A_deadline_or_a_month_is_no_work_day(string text) =>
        Assert.Null(ChineseDates.FindWorkDay(text, new DateOnly(2026, 5, 20)).Date);

    [Theory]
    [InlineData("上季度调研几次", "2026-01-01", "2026-03-31")]
    [InlineData("十一月份的报告", "2026-11-01", "2026-11-30")]
    [InlineData("二季度完成情况", "2026-04-01", "2026-06-30")]
    [InlineData("5月份", "2026-05-01", "2026-05-31")]
    public void The_period_of_a_question_is_read_by_the_same_kit(string text, string start, string end)
    {
        var period = ChineseDates.PeriodIn(text, new DateOnly(2026, 5, 20));

        Assert.Equal((start, end), (period!.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), period.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("各牵头单位每季度末报送", Bot.Data.Plans.Recurrences.Quarterly)]
    [InlineData("每个月通报一次", Bot.Data.Plans.Recurrences.Monthly)]
    [InlineData("每半年开展一次自查", Bot.Data.Plans.Recurrences.HalfYearly)]
    [InlineData("每半个月巡河一次", Bot.Data.Plans.Recurrences.HalfMonthly)]
    [InlineData("年底前完成", null)]
    public void Recurring_wording_names_its_cadence(string text, string? every) => Assert.Equal(every, ChineseDates.RecurrenceIn(text));

    [Theory]
    [InlineData("4/20", true)]
    [InlineData("改成上周三", true)]
    [InlineData("北沟街道", false)]
    public void A_correction_value_names_a_day_by_the_same_tokens(string text, bool names) => Assert.Equal(names, ChineseDates.NamesDay(text));
}
