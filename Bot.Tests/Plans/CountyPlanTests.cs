using Bot.Data.Plans;
using Bot.Skills.Plans;
using Bot.Tests.Support;

namespace Bot.Tests.Plans;

/// <summary>A county's plan (县…局, 牵头/配合 fields, 各镇（街道）, deadlines in 工作日, 每季度末) imports completely.</summary>
public sealed class CountyPlanTests
{
    private static readonly PlanImportResult County =
        new PlanImporter().Parse(RepositoryFiles.ReadTestData("plans/county-business-environment-2026.txt"), 2026);

    [Fact]
    public void Every_line_is_understood_or_listed_as_unparsed_and_here_none_is_left()
    {
        Assert.Empty(County.Unparsed);
        Assert.Equal(["压缩企业开办时间", "开展涉企走访", "优化项目审批"], County.Plan.Actions.Select(a => a.Title));
    }

    [Fact]
    public void A_time_limit_in_working_days_or_a_month_end_is_never_a_target()
    {
        var targets = County.Plan.Actions.SelectMany(a => a.Targets).ToList();

        var only = Assert.Single(targets);
        Assert.Equal((MetricKeys.Enterprises, 10d), (only.Metric, only.MinValue!.Value));
    }

    [Fact]
    public void Each_township_and_street_written_as_one_collective_expands_to_both_kinds()
    {
        var units = PlanImportResult.UnitsOf(County.Plan.Actions.Single(a => a.Number == 2));

        Assert.Equal(["县工业和信息化局", UnitNames.AllTownships, UnitNames.AllStreets], units);
    }

    [Fact]
    public void County_units_keep_the_written_long_form_with_the_short_form_as_an_alias_and_get_no_district_prefix()
    {
        var market = County.Units.Single(u => u.Name == "县市场监督管理局");

        Assert.Equal("县市场监管局", market.Aliases[0]);
        Assert.DoesNotContain(County.Units.SelectMany(u => u.Aliases), a => a.StartsWith("区县", StringComparison.Ordinal));
        Assert.Contains(County.Units, u => u.Name == "县农业农村局");
    }

    [Fact]
    public void A_quarter_end_report_makes_the_milestone_recurring()
    {
        var action = County.Plan.Actions.Single(a => a.Number == 2);

        Assert.Equal(Recurrences.Quarterly, Assert.Single(action.Milestones).Recurrence);
    }
}
