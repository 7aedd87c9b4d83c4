using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.Plans;
using Bot.Tests.Support;

namespace Bot.Tests.Plans;

/// <summary>
/// Plans of other localities, each of another structure: a Hunan county's plan (一、（一）1. with 牵头/配合/完成时限
/// lines), a city's task table (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限), a township's plan with 时间节点
/// paragraphs and a 责任分工 sentence, and a district's plan with 责任领导 lines and 每季度末 reporting.
/// </summary>
public sealed partial class OtherLocalityPlansTests
{
    private const string Hunan = "hunan-county-rural-revitalization-2025.txt";
    private const string City = "city-ecology-task-table-2026.txt";
    private const string Township = "township-environment-schedule-2026.txt";
    private const string District = "district-safety-quarterly-2026.txt";

    public static TheoryData<string> Plans => new() { Hunan, City, Township, District };

    private static string Text(string file) => RepositoryFiles.ReadTestData("plans/" + file);

    private static PlanImportResult Import(string file) => new PlanImporter().Parse(Text(file), 2026);

    private static PlanAction Action(PlanImportResult result, int number) => result.Plan.Actions.Single(a => a.Number == number);

    [Theory]
    [MemberData(nameof(Plans))]
    public void Every_non_empty_line_is_accounted_for_and_none_is_left_unparsed(string file)
    {
        var result = Import(file);

        Assert.Equal(Text(file).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0), result.Lines.Select(l => l.Text));
        Assert.Empty(result.Unparsed);
        Assert.DoesNotContain(result.Lines, l => l.Use == LineUse.Unparsed);
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void The_content_of_every_line_that_is_not_narrative_is_found_in_the_plan(string file)
    {
        var result = Import(file);
        var plan = result.Plan;
        var written = string.Join('\n', new[] { plan.Title }
            .Concat(plan.Actions.SelectMany(a => new[] { a.Title, a.Description ?? "" }
                .Concat(a.Milestones.Select(m => m.Text)).Concat(a.Targets.Select(t => t.Text)).Concat(a.Duties.Select(d => d.Text))))
            .Concat(plan.Duties.Select(d => d.Text)));
        var names = plan.Actions.SelectMany(a => a.Responsibilities).Select(r => r.Name)
            .Concat(result.Units.SelectMany(u => u.Aliases.Append(u.Name))).ToHashSet(StringComparer.Ordinal);

        foreach (var line in result.Lines)
        {
            switch (line.Use)
            {
                case LineUse.Description or LineUse.Milestone or LineUse.Requirement or LineUse.Task or LineUse.Duty or LineUse.Action:
                    Assert.True(written.Contains(Core(line.Text), StringComparison.Ordinal), $"{file}: 「{line.Text}」 is not in the plan");
                    break;
                case LineUse.Responsibility:
                    foreach (var unit in NamedUnits(line.Text))
                    {
                        Assert.True(names.Contains(unit), $"{file}: {unit} of 「{line.Text}」 is not a responsibility");
                    }

                    break;
                case LineUse.Title:
                    Assert.Contains(line.Text.Trim('（', '）'), plan.Title + "征求意见稿", StringComparison.Ordinal);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void A_time_limit_is_never_a_target(string file)
    {
        var targets = Import(file).Plan.Actions.SelectMany(a => a.Targets).ToList();

        Assert.DoesNotContain(targets, t => TimeLimit().Matches(t.Text).Any(m => double.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) == t.MinValue));
    }

    [Fact]
    public void The_targets_of_each_plan_are_its_quantities_and_not_its_deadlines()
    {
        static string[] Of(string file) => Import(file).Plan.Actions.SelectMany(a => a.Targets).Select(t => $"{t.Metric} {t.Per} {t.MinValue}-{t.MaxValue}").ToArray();

        Assert.Equal(["enterprises year 5-5"], Of(Hunan)); // not 15 (个工作日内)
        Assert.Empty(Of(City)); // not 30 (日内完成整改)
        Assert.Equal(["coverage year 1-"], Of(Township));
        Assert.Equal(["patrols year 60-"], Of(District));
    }

    [Fact]
    public void Lead_and_supporting_units_are_kept_apart()
    {
        var hunan = Import(Hunan);
        var city = Import(City);
        var district = Import(District);

        Assert.Equal(["县农业农村局"], PlanImportResult.UnitsOf(Action(hunan, 1), ResponsibilityRoles.Lead));
        Assert.Equal(["县民政局", "县医疗保障局", "各乡镇"], PlanImportResult.UnitsOf(Action(hunan, 1), ResponsibilityRoles.Support));
        Assert.Equal(["市水务局"], PlanImportResult.UnitsOf(Action(city, 5), ResponsibilityRoles.Lead));
        Assert.Equal(["市生态环境局", "市财政局"], PlanImportResult.UnitsOf(Action(city, 5), ResponsibilityRoles.Support));
        Assert.Equal(["区应急管理局"], PlanImportResult.UnitsOf(Action(district, 1), ResponsibilityRoles.Lead));
        Assert.Equal(["区住房和城乡建设局", "区市场监督管理局", "区消防救援大队"], PlanImportResult.UnitsOf(Action(district, 1), ResponsibilityRoles.Support));
        Assert.Equal(["刘建国副区长"], PlanImportResult.LeadersOf(Action(district, 1)));
        Assert.All(hunan.Plan.Actions.Concat(city.Plan.Actions).Concat(district.Plan.Actions), a =>
            Assert.Empty(PlanImportResult.UnitsOf(a, ResponsibilityRoles.Lead).Intersect(PlanImportResult.UnitsOf(a, ResponsibilityRoles.Support))));
    }

    [Fact]
    public void Quarter_end_monthly_and_half_yearly_wording_makes_recurring_milestones_and_duties()
    {
        var hunan = Import(Hunan);
        var district = Import(District);

        Assert.Equal(Recurrences.Quarterly, Assert.Single(Action(hunan, 5).Milestones).Recurrence); // 完成时限：每季度末
        Assert.Equal(Recurrences.Monthly, Assert.Single(Action(district, 2).Milestones).Recurrence); // 完成时限：每月
        Assert.Equal([Recurrences.Quarterly, Recurrences.HalfYearly], hunan.Plan.Duties.Select(d => d.Every));
        Assert.Equal([Recurrences.Quarterly, Recurrences.Quarterly, Recurrences.HalfYearly], district.Plan.Duties.Select(d => d.Every));
        Assert.Equal([DutyLevels.Unit, DutyLevels.Office, DutyLevels.Unit], district.Plan.Duties.Select(d => d.Level));
    }

    [Fact]
    public void A_goal_with_a_horizon_is_background_and_a_leading_group_is_not_a_leader()
    {
        var hunan = Import(Hunan);

        Assert.Equal(LineUse.Background, hunan.Lines.Single(l => l.Text.StartsWith("到2025年底", StringComparison.Ordinal)).Use);
        Assert.Equal(DutyLevels.Unit, hunan.Plan.Duties[0].Level); // 县乡村振兴工作领导小组…各牵头单位每季度末…报送
    }

    [Fact]
    public void Collectives_of_townships_and_streets_expand_and_other_collectives_stay_one_group_as_written()
    {
        var hunan = Import(Hunan);
        var city = Import(City);

        Assert.Equal(["县农业农村局", "县住房和城乡建设局", "县卫生健康局", UnitNames.AllTownships, UnitNames.AllStreets], PlanImportResult.UnitsOf(Action(hunan, 5)));
        var group = Assert.Single(Action(city, 2).Responsibilities, r => r.Kind == ResponsibilityKinds.Group);
        Assert.Equal(("各县（市、区）人民政府", ResponsibilityRoles.Support), (group.Name, group.Role));
    }

    [Fact]
    public void Unit_names_are_kept_as_written_with_the_short_forms_as_aliases()
    {
        var hunan = Import(Hunan);
        var city = Import(City);

        Assert.Contains(hunan.Units, u => u.Name == "县农业农村局");
        Assert.Contains("县人社局", hunan.Units.Single(u => u.Name == "县人力资源和社会保障局").Aliases);
        Assert.Contains(city.Units, u => u.Name == "市发展和改革委员会" && u.Aliases.Contains("市发改委"));
        Assert.DoesNotContain(hunan.Units.Concat(city.Units), u => u.Name.Contains("农业局", StringComparison.Ordinal));
    }

    [Fact]
    public void A_townships_plan_with_schedule_paragraphs_is_one_action_with_dated_phases_and_its_responsibility_sentence()
    {
        var township = Import(Township);

        var action = Assert.Single(township.Plan.Actions);
        Assert.Equal(township.Plan.Title, action.Title);
        Assert.Equal(
            ["2026-04-01..2026-04-10", "2026-04-11..2026-06-30", "2026-07-01..2026-07-15"],
            action.Milestones.Select(m => $"{m.StartDate:yyyy-MM-dd}..{m.EndDate:yyyy-MM-dd}"));
        Assert.Equal(["镇党政办", "镇农业综合服务中心", "镇财政所"], PlanImportResult.UnitsOf(action));
        Assert.Contains(action.Responsibilities, r => r is { Kind: ResponsibilityKinds.Group, Name: "各村（社区）" });
        Assert.Equal(Recurrences.HalfMonthly, Assert.Single(action.Duties).Every);
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Milestone_text_appears_once_per_action(string file)
    {
        Assert.All(Import(file).Plan.Actions, a =>
            Assert.Equal(a.Milestones.Count, a.Milestones.Select(m => (m.Text, m.StartDate, m.EndDate)).Distinct().Count()));
    }

    [Fact]
    public void With_a_roster_each_collective_expands_to_the_rosters_units_of_that_type()
    {
        Unit[] roster =
        [
            new() { Name = "城关镇", Type = UnitTypes.Township }, new() { Name = "东关街道", Type = UnitTypes.Subdistrict },
            new() { Name = "县财政局", Type = UnitTypes.Department },
        ];
        var text = "一、重点任务\n1. 开展安全生产大检查。\n牵头单位：县应急管理局\n配合单位：各镇（街道）、各部门\n完成时限：6月底前\n";

        var result = new PlanImporter().Parse(text, 2026, roster);

        var action = Assert.Single(result.Plan.Actions);
        Assert.Equal(["县应急管理局", "城关镇", "东关街道", "县财政局"], PlanImportResult.UnitsOf(action));
        Assert.Equal(["城关镇", "东关街道", "县财政局"], PlanImportResult.UnitsOf(action, ResponsibilityRoles.Support));
        Assert.Contains(action.Responsibilities, r => r is { Kind: ResponsibilityKinds.Group, Name: "各部门" });
    }

    // The first characters of a line's own text: without its number, lead title, fields and (for a table row) other cells.
    private static string Core(string line)
    {
        var text = line.Contains('|', StringComparison.Ordinal)
            ? line.Split('|').Select(c => c.Trim()).OrderByDescending(c => c.Length).First()
            : Number().Replace(line, "");
        text = FieldTail().Replace(text, "");
        var lead = text.IndexOf('。', StringComparison.Ordinal);
        if (lead is > 0 and <= 8 && lead < text.Length - 1)
        {
            text = text[(lead + 1)..]; // "加强组织领导。县乡村振兴…": a short lead title before the item's own text
        }

        var stop = text.IndexOfAny(['。', '（', '(']);
        text = stop > 0 ? text[..stop] : text;
        return text.Length > 10 ? text[..10] : text;
    }

    private static IEnumerable<string> NamedUnits(string line) =>
        FieldValue().Matches(line).SelectMany(m => m.Groups["v"].Value.Split('、'))
            .Select(t => t.Trim())
            .Where(t => UnitNames.LooksLikeUnit(t) && !UnitNames.IsDepartmentCollective(t) && !UnitNames.IsTownshipCollective(t)
                        && !UnitNames.IsStreetCollective(t) && !UnitNames.IsOtherCollective(t) && !t.Contains('（', StringComparison.Ordinal))
            .Select(UnitNames.Canonicalize);

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[、.．])\s*")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?:牵头单位|配合单位|责任单位|责任领导|完成时限)[:：].*$")]
    private static partial Regex FieldTail();

    [GeneratedRegex(@"(?:牵头单位|配合单位|责任单位)[:：](?<v>[^；;。]*)")]
    private static partial Regex FieldValue();

    [GeneratedRegex(@"(?<n>\d+)\s*个?(?:工作日|自然日|日|天)内")]
    private static partial Regex TimeLimit();
}
