using Bot.Skills.ProgressReports;
using Bot.Tests.Support;

namespace Bot.Tests.ProgressReports;

/// <summary>
/// The general rules added after fresh batch 12-07c (notices, send requests, indefinite counts, company names, intended
/// places, problem counts, amounts without 元), each checked on sentences that no corpus holds.
/// </summary>
public sealed class MessageFormRulesTests
{
    private static readonly DateTimeOffset Thursday = new(2026, 10, 15, 18, 0, 0, TimeSpan.FromHours(8));

    private static ParsedReport Parse(string text) =>
        ReportParser.Instance.Parse(new ReportMessage(text, "张志刚", Thursday, 0), SeedPlan.Vocabulary);

    [Theory]
    [InlineData("通知：后天下午两点在五楼会议室开安全生产调度会，请相关科室负责人参加")]
    [InlineData("下周三上午9:00召开项目推进会，各乡街分管领导参加")]
    public void A_meeting_notice_is_not_a_report(string text)
    {
        Assert.Equal(ReportKinds.Other, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void A_meeting_held_is_still_a_report()
    {
        Assert.Equal(ReportKinds.Report, MessageClassifier.Classify("上午召开调度会，各部门负责同志参加").Kind);
    }

    [Theory]
    [InlineData("把本月巡河记录汇总一下发我")]
    [InlineData("10月份各单位的进展汇总一下发到群里")]
    [InlineData("催一下 @李敏 ，招商台账还没交")]
    public void A_request_to_send_or_nudge_is_a_command(string text)
    {
        Assert.Equal(ReportKinds.Command, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void An_indefinite_count_inside_a_report_is_not_a_question()
    {
        Assert.Equal(ReportKinds.Report, MessageClassifier.Classify("昨天看了英雄街道几个小区的加装电梯情况，群众反映挺好").Kind);
        Assert.Equal(ReportKinds.Query, MessageClassifier.Classify("这个月看了几个小区").Kind);
    }

    [Theory]
    [InlineData("北河社区的加装电梯到啥程度了")]
    [InlineData("各街道10月招商签约额排一下")]
    public void Questions_without_a_question_word_are_queries(string text)
    {
        Assert.Equal(ReportKinds.Query, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void A_negated_what_is_no_question()
    {
        Assert.Equal(ReportKinds.Report, MessageClassifier.Classify("今天巡查条子河城区段，没发现啥问题").Kind);
    }

    [Fact]
    public void A_company_keeps_its_city_and_the_characters_that_end_other_names()
    {
        var report = Parse("今天与长春市鼎盛达新材料有限公司签订合作协议");

        Assert.Contains("长春市鼎盛达新材料有限公司", report.Places);
    }

    [Fact]
    public void A_place_only_intended_is_not_a_place_visited()
    {
        var report = Parse("今天和客商谈了谈冷链项目，对方打算在平西乡建冷库");

        Assert.DoesNotContain("平西乡", report.Places);
    }

    [Fact]
    public void Problems_counted_next_to_their_noun_are_found_without_a_finding_verb()
    {
        var report = Parse("今天巡查南河，河边有三处垃圾堆，已通知属地清理");

        Assert.Equal(3, report.Metrics["problems_found"]);
        Assert.False(report.Metrics.TryGetValue("problems_solved", out _));
    }

    [Fact]
    public void Handled_items_close_problems_only_when_the_clause_names_a_problem()
    {
        var permits = Parse("区住建局今天为两个项目办结规划许可等手续5项");
        var petitions = Parse("区信访局开展信访积案化解攻坚，交办的20件信访件已办结18件");

        Assert.False(permits.Metrics.TryGetValue("problems_solved", out _));
        Assert.Equal(20, petitions.Metrics["problems_found"]);
        Assert.Equal(18, petitions.Metrics["problems_solved"]);
    }

    [Fact]
    public void An_amount_without_yuan_before_a_project_is_an_investment()
    {
        var report = Parse("今天签了个5000万的仓储物流项目");

        Assert.Equal(0.5, report.Metrics["investment"]);
    }
}
