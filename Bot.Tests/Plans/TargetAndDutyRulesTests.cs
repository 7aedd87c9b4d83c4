using Bot.Data.Plans;
using Bot.Skills.Plans;

namespace Bot.Tests.Plans;

/// <summary>The rules behind targets and duties, on sentences that are not in the seed.</summary>
public sealed class TargetAndDutyRulesTests
{
    [Theory]
    [InlineData("每位区政府领导每季度形成1篇调研报告", "reports", "quarter", 1d, 1d)]
    [InlineData("各部门全年组织培训不少于5期", "trainings", "year", 5d, null)]
    [InlineData("每月走访企业不少于10家", "enterprises", "month", 10d, null)]
    [InlineData("全年协调解决问题最多20个", "problems_solved", "year", null, 20d)]
    [InlineData("每位领导联系5个以上重点项目", "projects", "year", 5d, null)]
    [InlineData("开展两次专题调研", "research_trips", "year", 2d, 2d)]
    public void Quantities_become_targets_with_bounds(string sentence, string metric, string per, double? min, double? max)
    {
        var target = Assert.Single(TargetExtractor.Extract(sentence));

        Assert.Equal((metric, per, min, max), (target.Metric, target.Per, target.MinValue, target.MaxValue));
    }

    [Fact]
    public void A_threshold_in_ten_thousand_yuan_is_converted_to_hundred_million_yuan()
    {
        var target = Assert.Single(TargetExtractor.Extract("每位领导包保2个5000万元以上项目"));

        Assert.Equal((MetricKeys.Projects, 2d, 0.5), (target.Metric, target.MinValue!.Value, target.Threshold!.Value));
    }

    [Theory]
    [InlineData("要严格执行中央八项规定")]
    [InlineData("逐项落实20件民生实事")]
    [InlineData("落实省18条“人才新政”")]
    [InlineData("切实增强“四个意识”")]
    [InlineData("每季度向区政府党组报告一次")]
    [InlineData("对企业反映的问题，15个工作日内办结")]
    [InlineData("发现问题的，3天内整改到位")]
    public void Numbers_that_are_names_or_once_per_period_are_no_targets(string sentence) =>
        Assert.Empty(TargetExtractor.Extract(sentence));

    [Fact]
    public void Enumerated_cadences_are_one_duty_each()
    {
        var duties = DutyExtractor.Extract("建立周调度、月通报、季讲评制度。", generalSection: true);

        Assert.Equal([Recurrences.Weekly, Recurrences.Monthly], duties.Select(d => d.Every));
    }

    [Fact]
    public void A_patrol_without_photo_evidence_does_not_require_photos()
    {
        var duty = Assert.Single(DutyExtractor.Extract("镇级河长每周巡河一次。", generalSection: false));

        Assert.Equal((Recurrences.Weekly, DutyLevels.Township, false), (duty.Every, duty.Level!, duty.PhotoRequired));
    }

    [Theory]
    [InlineData("区发展和改革局", "区发改局")]
    [InlineData("区人力资源和社会保障局", "区人社局")]
    [InlineData("区政府办公室", "区政府办")]
    [InlineData("市发展和改革委员会", "市发改委")]
    [InlineData("各街道办事处", UnitNames.AllStreets)]
    [InlineData("“区农林水利局”", "区农林水利局")]
    [InlineData("区农业农村局", "区农业农村局")]
    public void Unit_names_are_normalised_to_their_canonical_short_form(string written, string canonical) =>
        Assert.Equal(canonical, UnitNames.Canonicalize(written));

    [Fact]
    public void A_renamed_unit_keeps_its_current_name_and_gets_the_former_one_as_an_alias() =>
        Assert.Contains("区农业局", UnitNames.AliasesOf("区农业农村局"));
}
