using Bot.Skills.ProgressReports;
using Bot.Tests.Support;

namespace Bot.Tests.Text;

public sealed class TextKitTests
{
    [Theory]
    [InlineData("二十五", 25)]
    [InlineData("两", 2)]
    [InlineData("1.2万", 12000)]
    [InlineData("3000万", 30000000)]
    [InlineData("1.2亿", 120000000)]
    [InlineData("三亿", 300000000)]
    [InlineData("一千五百", 1500)]
    public void Numerals_read_digits_chinese_and_large_multipliers(string text, double expected)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var value));
        Assert.Equal(expected, value, 6);
    }

    [Theory]
    [InlineData("三四", 3)]
    [InlineData("两三", 2)]
    [InlineData("七八十", 70)]
    [InlineData("十二三", 12)]
    [InlineData("仨", 3)]
    [InlineData("二〇二六", 2026)]
    [InlineData("二〇二三", 2023)]
    public void Neighbouring_digits_are_a_range_read_as_the_lower_and_years_stay_positional(string text, double expected)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var value));
        Assert.Equal(expected, value, 6);
    }

    [Theory]
    [InlineData("四点二", 4.2)]
    [InlineData("二十点七五", 20.75)]
    [InlineData("零点八", 0.8)]
    public void A_chinese_decimal_reads_its_fraction_digit_by_digit(string text, double expected)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var value));
        Assert.Equal(expected, value, 6);
    }

    [Theory]
    [InlineData("三点")]
    [InlineData("三点半")]
    [InlineData("三点十")]
    public void A_clock_time_is_no_chinese_decimal(string text)
    {
        Assert.False(ChineseNumerals.TryParse(text, out _));
    }

    [Fact]
    public void Half_reads_alone_and_after_a_count()
    {
        Assert.True(ChineseNumerals.TryParseWithHalf("半", halfAfter: false, out var half));
        Assert.True(ChineseNumerals.TryParseWithHalf("两", halfAfter: true, out var twoAndHalf));

        Assert.Equal(0.5, half);
        Assert.Equal(2.5, twoAndHalf);
    }

    [Fact]
    public void Plan_style_parse_gives_whole_numbers_only()
    {
        Assert.Equal(12, ChineseNumerals.Parse("十二"));
        Assert.Null(ChineseNumerals.Parse("3.5"));
        Assert.Null(ChineseNumerals.Parse("个"));
        Assert.Equal(3.5, ChineseNumerals.ParseDecimal("3.5"));
    }

    [Fact]
    public void The_vendored_gazetteer_holds_the_townships_and_villages_of_siping()
    {
        var g = Gazetteer.Default;

        Assert.Contains(g.Entries, e => e is { Name: "平西乡", Level: "乡", Code: "220302200" });
        Assert.Contains(g.Entries, e => e is { Name: "仁兴街道", Level: "街道" });
        Assert.True(g.Entries.Count(e => e.Level is "村" or "社区") > 900);
    }

    [Fact]
    public void A_place_is_normalised_to_its_entry_using_the_township_named_with_it()
    {
        var g = Gazetteer.Default;

        Assert.True(g.Find("三合村").Count > 1);
        Assert.Null(g.Normalise("三合村"));
        Assert.Equal("220302200206", g.Normalise("三合村", ["平西乡"])?.Code);
        Assert.Null(g.Normalise("向阳街道"));
    }

    [Theory]
    [InlineData("今天去了趟和平乡调研", "和平乡")]
    [InlineData("到向阳街道督导", "向阳街道")]
    [InlineData("看了三合村、前进村的秸秆离田", "三合村,前进村")]
    [InlineData("今早巡河发现条子河铁西段有2处垃圾", "条子河铁西段")]
    [InlineData("带区农业农村局到平西乡调研", "平西乡")]
    [InlineData("在平西乡开展政策宣讲进村活动", "平西乡")]
    [InlineData("对全区5座小型水库开展检查", "")]
    [InlineData("今天与浙江正泰签订合作协议", "浙江正泰")]
    [InlineData("赵立新同志赴北京对接国家发改委", "北京")]
    public void Place_spans_keep_their_first_character_and_stop_at_whole_words(string text, string expected)
    {
        var report = ReportParser.Instance.Parse(new ReportMessage(text, "王强", new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(8))), SeedPlan.Vocabulary);

        Assert.Equal(expected, string.Join(",", report.Places));
    }

    [Theory]
    [InlineData("4/20 在前进村召开现场会", "2026-04-20", null)]
    [InlineData("5/8-5/10带队在苏州考察", "2026-05-08", "2026-05-10")]
    [InlineData("本月12号到北沟街道督导", "2026-05-12", null)]
    public void Chat_dates_and_days_of_this_month_resolve(string text, string date, string? end)
    {
        var report = ReportParser.Instance.Parse(new ReportMessage(text, "王强", new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.FromHours(8))), SeedPlan.Vocabulary);

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), report.Date);
        Assert.Equal(end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), report.EndDate);
    }

    [Theory]
    [InlineData("协议投资3000万", 0.3)]
    [InlineData("一季度完成投资1.2亿", 1.2)]
    public void Amounts_without_yuan_are_investment_in_yi(string text, double expected)
    {
        var report = ReportParser.Instance.Parse(new ReportMessage("今天赴苏州招商，" + text, "王强", new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.FromHours(8))), SeedPlan.Vocabulary);

        Assert.True(report.Metrics.TryGetValue("investment", out var v));
        Assert.Equal(expected, v, 6);
    }

    [Fact]
    public void Other_units_of_ten_thousand_are_not_money()
    {
        var report = ReportParser.Instance.Parse(new ReportMessage("今天赴苏州招商，投资意向企业年产5万吨，投资1000万美元", "王强", new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.FromHours(8))), SeedPlan.Vocabulary);

        Assert.False(report.Metrics.TryGetValue("investment", out _));
    }

    [Fact]
    public void The_lexicon_file_reads_cues_by_activity_and_skips_bad_lines()
    {
        using var reader = new StringReader("# comment\n调研\t去了趟\t3\n培训\t开班\tverb\n未知\t词\t1\n民生\t暖气\tx\n");

        var cues = LexiconFile.Parse(reader).ToList();

        Assert.Equal(2, cues.Count);
        Assert.Equal(("去了趟", 3f), (cues[0].Word, cues[0].Weight));
        Assert.Equal(ActivityLexicon.Verb, cues[1].Weight);
    }
}
