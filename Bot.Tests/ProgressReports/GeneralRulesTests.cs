using Bot.Skills.ProgressReports;
using Bot.Tests.Support;

namespace Bot.Tests.ProgressReports;

/// <summary>The general rules added for issue 15, each checked on a sentence that no corpus holds.</summary>
public sealed class GeneralRulesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 8, 19, 0, 0, TimeSpan.FromHours(8));

    private static ParsedReport Parse(string text) =>
        ReportParser.Instance.Parse(new ReportMessage(text, "赵立新", Monday, 0), SeedPlan.Vocabulary);

    [Fact]
    public void Work_that_is_only_planned_weighs_less_than_the_work_done()
    {
        var report = Parse("@铁西小助手 今天与北方新材料签约，项目总投资3亿元，月底前开工");

        Assert.Equal(Activities.Investment, report.Activity);
        Assert.Equal(2, report.Action);
    }

    [Fact]
    public void A_campaign_title_does_not_name_the_kind_of_work()
    {
        var report = Parse("@铁西小助手 百日攻坚：今天调度在建项目9个");

        Assert.Equal(Activities.Project, report.Activity);
        Assert.Equal(8, report.Action);
    }

    [Fact]
    public void A_river_section_through_a_village_is_one_place()
    {
        var report = Parse("@铁西小助手 今天巡查条子河泉沟村段，未发现问题");

        Assert.Equal(Activities.RiverChief, report.Activity);
        Assert.Equal(["条子河泉沟村段"], report.Places);
    }

    [Fact]
    public void A_facility_named_after_a_township_is_the_place()
    {
        var report = Parse("@铁西小助手 今天到平西乡卫生院督导基层医疗服务");

        Assert.Equal(["平西乡卫生院"], report.Places);
    }

    [Fact]
    public void A_colloquial_patrol_of_a_river_is_river_chief_work_with_one_patrol()
    {
        var report = Parse("@铁西小助手 东辽河今天巡了一遍，水面干净");

        Assert.Equal(ReportKinds.Report, report.Kind);
        Assert.Equal(Activities.RiverChief, report.Activity);
        Assert.Equal(1, report.Metrics["patrols"]);
    }

    [Fact]
    public void Ministries_keep_their_names_and_chat_style_days_resolve()
    {
        var report = Parse("@铁西小助手 昨儿个在北京跑了工信部和商务部，争取项目2个");

        Assert.Equal(new DateOnly(2026, 6, 7), report.Date);
        Assert.Contains("工信部", report.Units);
        Assert.Contains("商务部", report.Units);
        Assert.Equal(Activities.Investment, report.Activity);
    }

    [Fact]
    public void A_company_talked_with_in_chat_style_is_a_place_of_investment_work()
    {
        var report = Parse("@铁西小助手 今天跟辽宁忠旺谈了一下铝材加工项目，对方意向投资2亿");

        Assert.Equal(Activities.Investment, report.Activity);
        Assert.Equal(["辽宁忠旺"], report.Places);
        Assert.Equal(2, report.Metrics["investment"]);
    }
}
