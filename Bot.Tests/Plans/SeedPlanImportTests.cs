using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.Plans;
using Bot.Tests.Support;

namespace Bot.Tests.Plans;

/// <summary>The acceptance of issue 3 against the seed file itself (seeds/tiexi-2018-action-plan.txt).</summary>
public sealed partial class SeedPlanImportTests
{
    private const int Year = 2026;

    private static readonly PlanImportResult Seed = new PlanImporter().Parse(RepositoryFiles.ReadSeed(), Year);

    private static PlanAction Action(int number) => Seed.Plan.Actions.Single(a => a.Number == number);

    private static DateOnly D(int month, int day) => new(Year, month, day);

    [Fact]
    public void Seed_imports_exactly_ten_actions_with_titles_and_periods_as_written()
    {
        var expected = new (string Title, string Period)[]
        {
            ("“大走访大调研”行动", "全年"),
            ("“大考察大招商”行动", "第二、三、四季度"),
            ("参加“企业吉林行”“吉人回乡”行动，推进“平商回巢”行动", "第二、三季度"),
            ("“培训全覆盖”行动", "全年"),
            ("“早落地、早开工、早见效”行动", "第二、三季度"),
            ("推动“三大攻坚战”、落实“目标责任制”行动", "每季度"),
            ("政策落地宣传行动", "全年"),
            ("“百日攻坚”行动", "第三、四季度"),
            ("“民生实事”兑现行动", "第四季度"),
            ("年底巩固提升行动", "12月"),
        };

        Assert.Equal(expected, Seed.Plan.Actions.Select(a => (a.Title, a.Period!)));
        Assert.Equal(Enumerable.Range(1, 10), Seed.Plan.Actions.Select(a => a.Number));
    }

    [Fact]
    public void Action_periods_become_date_windows_in_the_plan_year()
    {
        var expected = new (DateOnly, DateOnly)[]
        {
            (D(1, 1), D(12, 31)), (D(4, 1), D(12, 31)), (D(4, 1), D(9, 30)), (D(1, 1), D(12, 31)), (D(4, 1), D(9, 30)),
            (D(1, 1), D(12, 31)), (D(1, 1), D(12, 31)), (D(7, 1), D(12, 31)), (D(10, 1), D(12, 31)), (D(12, 1), D(12, 31)),
        };

        Assert.Equal(expected, Seed.Plan.Actions.Select(a => (a.StartDate!.Value, a.EndDate!.Value)));
    }

    [Fact]
    public void The_title_keeps_its_quotes_and_the_documents_own_year_is_the_source_year()
    {
        Assert.Equal("铁西区开展“调查研究、狠抓落实、拼搏奋斗年”活动实施方案", Seed.Plan.Title);
        Assert.Equal(2018, Seed.Plan.SourceYear);
        Assert.Equal(Year, Seed.Plan.Year);
        Assert.Equal(64, Seed.Plan.ContentHash.Length);
    }

    public static TheoryData<int, string, string[]> ScheduleWindows() => new()
    {
        { 1, "走访调研活动贯穿全年", ["01-01..12-31 month"] },
        { 2, "第二季度，积极参加", ["04-01..06-30"] },
        { 2, "5月下旬，赴江苏", ["05-21..05-31"] },
        { 2, "6月，赴重点招商项目所在地招商", ["06-01..06-30"] },
        { 2, "第二、三、四季度，立足铁西区实际", ["04-01..12-31"] },
        { 3, "6、7月，出台我区返乡创业政策", ["06-01..07-31"] },
        { 3, "7月，积极参加第三届全球吉商大会", ["07-01..07-31"] },
        { 4, "第一季度，组织开展", ["01-01..03-31"] },
        { 4, "第二季度，组织开展", ["04-01..06-30"] },
        { 4, "第二季度，区委主要领导带队", ["04-01..06-30"] },
        { 4, "第二、三、四季度，在全区开办", ["04-01..12-31"] },
        { 5, "第二、三季度，区级领导实地踏查项目", ["04-01..09-30"] },
        { 5, "7月和11月，对踏查项目开展", ["07-01..07-31", "11-01..11-30"] },
        { 6, "每季度区政府听取一次", ["01-01..12-31 quarter"] },
        { 6, "每月区政府分管领导调度一次", ["01-01..12-31 month"] },
        { 6, "9月，集中力量完成中央环保督察整改工作", ["09-01..09-30"] },
        { 6, "4月至12月，分阶段、分时限", ["04-01..12-31"] },
        { 6, "11月至12月，调度督导年度脱贫攻坚任务", ["11-01..12-31"] },
        { 6, "每季度经济数据确定后", ["01-01..12-31 quarter"] },
        { 7, "4月、7月、10月，分别调度", ["04-01..04-30", "07-01..07-31", "10-01..10-31"] },
        { 7, "7月，基本实现群众和企业", ["07-01..07-31"] },
        { 7, "8月至10月，开展广泛的政策宣传活动", ["08-01..10-31"] },
        { 7, "12月，对政策落地情况进行考核评估", ["12-01..12-31"] },
        { 8, "10月中旬，梳理前三季度", ["10-11..10-20"] },
        { 8, "10月下旬至12月下旬，跟踪督导", ["10-21..12-31"] },
        { 9, "10月至12月，进行集中调度", ["10-01..12-31"] },
        { 10, "12月，召开区政府党组会议", ["12-01..12-31"] },
    };

    [Theory]
    [MemberData(nameof(ScheduleWindows))]
    public void Every_schedule_item_is_a_milestone_with_the_right_window(int action, string textStart, string[] windows)
    {
        var milestones = Action(action).Milestones.Where(m => m.Text.StartsWith(textStart, StringComparison.Ordinal)).ToList();

        Assert.Equal(windows, milestones.Select(m =>
            $"{m.StartDate:MM-dd}..{m.EndDate:MM-dd}{(m.Recurrence is null ? "" : " " + m.Recurrence)}"));
        Assert.All(milestones, m => Assert.Equal(Year, m.StartDate!.Value.Year));
    }

    [Fact]
    public void Every_line_under_a_schedule_heading_of_the_seed_has_a_milestone_with_its_text()
    {
        // Walk the seed independently: every line between "N. 时间安排" and the next numbered heading is one item.
        var items = new List<(int Action, string Text)>();
        var action = 0;
        var inSchedule = false;
        foreach (var raw in RepositoryFiles.ReadSeed().Split('\n'))
        {
            var line = raw.Trim();
            if (ActionHeading().IsMatch(line) && line.Contains("行动", StringComparison.Ordinal))
            {
                action++;
                inSchedule = false;
            }
            else if (NumberedHeading().Match(line) is { Success: true } heading)
            {
                inSchedule = heading.Groups["t"].Value.StartsWith("时间安排", StringComparison.Ordinal);
            }
            else if (inSchedule && line.Length > 0)
            {
                items.Add((action, ItemNumber().Replace(line, "")));
            }
        }

        Assert.Equal(25, items.Count);
        Assert.All(items, item => Assert.Contains(Action(item.Action).Milestones, m => m.Text == item.Text));
        Assert.Equal(30, Seed.Plan.Actions.Sum(a => a.Milestones.Count));
        Assert.All(Seed.Plan.Actions.SelectMany(a => a.Milestones), m => Assert.True(m.StartDate <= m.EndDate));
    }

    public static TheoryData<int, string, string, string, double?, double?> ExpectedTargets() => new()
    {
        { 1, "3至4次专题调研", MetricKeys.ResearchTrips, Recurrences.Monthly, 3, 4 },
        { 1, "调研天数不少于50天", MetricKeys.ResearchDays, Recurrences.Yearly, 50, null },
        { 1, "2至3篇高质量调研报告", MetricKeys.Reports, Recurrences.Yearly, 2, 3 },
        { 1, "转化2至3项调研成果", MetricKeys.Results, Recurrences.Yearly, 2, 3 },
        { 1, "2至3项重大政策措施", MetricKeys.Measures, Recurrences.Yearly, 2, 3 },
        { 1, "跟踪解决2至3个问题", MetricKeys.ProblemsSolved, Recurrences.Yearly, 2, 3 },
        { 1, "至少走访一遍", MetricKeys.Coverage, Recurrences.Yearly, 1, null },
        { 2, "跟踪服务2至3个重点招商引资项目", MetricKeys.Projects, Recurrences.Yearly, 2, 3 },
        { 2, "学习借鉴1至2项先进地区经验", MetricKeys.Experiences, Recurrences.Yearly, 1, 2 },
        { 3, "对接2至3家企业", MetricKeys.Enterprises, Recurrences.Yearly, 2, 3 },
        { 3, "解决2至3个重大项目落地过程中出现的瓶颈性问题", MetricKeys.ProblemsSolved, Recurrences.Yearly, 2, 3 },
        { 4, "部署分管领域1项培训工作", MetricKeys.Trainings, Recurrences.Yearly, 1, 1 },
        { 4, "参加1次分管部门举办的培训班", MetricKeys.Trainings, Recurrences.Yearly, 1, 1 },
        { 5, "最少协调调度1个亿元以上重大项目", MetricKeys.Projects, Recurrences.Yearly, 1, null },
    };

    [Theory]
    [MemberData(nameof(ExpectedTargets))]
    public void Every_requirement_quantity_is_a_target_with_metric_period_and_bounds(int action, string text, string metric, string per, double? min, double? max)
    {
        var target = Assert.Single(Action(action).Targets, t => t.Text.Contains(text, StringComparison.Ordinal));

        Assert.Equal((metric, per, min, max), (target.Metric, target.Per, target.MinValue, target.MaxValue));
        Assert.Equal(TargetSubjects.Leader, target.AppliesTo);
    }

    [Fact]
    public void The_seed_has_no_other_targets_and_only_the_big_project_carries_an_investment_threshold()
    {
        Assert.Equal(ExpectedTargets().Count, Seed.Plan.Actions.Sum(a => a.Targets.Count));
        var big = Assert.Single(Seed.Plan.Actions.SelectMany(a => a.Targets), t => t.Threshold is not null);
        Assert.Equal((MetricKeys.Projects, 1d, 1d), (big.Metric, big.MinValue!.Value, big.Threshold!.Value));
        Assert.Contains(big, Action(5).Targets);
    }

    [Fact]
    public void The_coverage_target_spans_the_units_the_plan_names()
    {
        var coverage = Assert.Single(Action(1).Targets, t => t.Metric == MetricKeys.Coverage);

        Assert.Contains("对全区各部门、乡、街和循环经济示范区要至少走访一遍", coverage.Text, StringComparison.Ordinal);
        Assert.Equal(["平西乡", UnitNames.AllStreets, "循环经济示范区"], PlanImportResult.UnitsOf(Action(1)));
    }

    [Fact]
    public void River_chiefs_patrol_per_level_with_photos_required()
    {
        var patrols = Action(6).Duties.Where(d => d.Text.Contains("河长", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [(Recurrences.HalfMonthly, "区"), (Recurrences.Weekly, "乡"), (Recurrences.Daily, "村")],
            patrols.Select(d => (d.Every, d.Level!)));
        Assert.All(patrols, d => Assert.True(d.PhotoRequired));
        Assert.Equal("区级河长、湖长每半月实地检查一次", patrols[0].Text);
    }

    [Fact]
    public void Leaders_report_quarterly_on_the_three_battles_and_people_s_livelihood_is_dispatched_per_xun_and_reminded_monthly()
    {
        var quarterly = Assert.Single(Action(6).Duties, d => d.Text.Contains("交流汇报", StringComparison.Ordinal));
        Assert.Equal((Recurrences.Quarterly, DutyLevels.Leader, false), (quarterly.Every, quarterly.Level!, quarterly.PhotoRequired));

        Assert.Equal(
            [(Recurrences.TenDays, DutyLevels.Leader), (Recurrences.Monthly, DutyLevels.Leader)],
            Action(9).Duties.Select(d => (d.Every, d.Level!)));
        Assert.All(Action(9).Duties, d => Assert.Contains("旬调度、月提醒", d.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_wide_duties_come_from_the_safeguards_section()
    {
        var duties = Seed.Plan.Duties;

        var report = Assert.Single(duties, d => d.Text.Contains("每季度向区政府党组报告一次", StringComparison.Ordinal));
        Assert.Equal((Recurrences.Quarterly, DutyLevels.Leader), (report.Every, report.Level!));
        var supervision = duties.Where(d => d.Text.Contains("每月跟进、季度督查、半年通报、全年总结", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [Recurrences.Monthly, Recurrences.Quarterly, Recurrences.HalfYearly, Recurrences.Yearly],
            supervision.Select(d => d.Every));
        Assert.All(supervision, d => Assert.Equal(DutyLevels.Office, d.Level));
        Assert.Contains(duties, d => d.Text.Contains("党组扩大会议", StringComparison.Ordinal) && d.Every == Recurrences.Quarterly);
        Assert.Contains(duties, d => d.Text.Contains("专项打分评价", StringComparison.Ordinal) && d.Every == Recurrences.Yearly);
        Assert.Same(Seed.Plan.Duties, Seed.Duties);
    }

    [Fact]
    public void Responsibilities_name_leaders_and_units_as_written()
    {
        Assert.Equal(["区政府领导", "各部门领导"], PlanImportResult.LeadersOf(Action(2)));
        Assert.Equal(["区发改局", "区经合局", "平西乡", UnitNames.AllStreets, "循环经济示范区"], PlanImportResult.UnitsOf(Action(2)));
        // Action 7 writes the long form 区政府办公室: kept as written (the unit is 区政府办, as action 4 writes it first).
        Assert.Equal(["区政府办公室", "区发改局", "区经济局", "区科技局", "区农林水利局", "区文体局"], PlanImportResult.UnitsOf(Action(7)));
        Assert.Equal(["区发改局", "环保分局", "区经合局", "区农林水利局", "平西乡", UnitNames.AllStreets], PlanImportResult.UnitsOf(Action(6)));
        Assert.Contains("消防大队", PlanImportResult.UnitsOf(Action(9)));
        Assert.Empty(PlanImportResult.UnitsOf(Action(8)));
        Assert.All(Seed.Plan.Actions, a => Assert.Contains("区政府领导", PlanImportResult.LeadersOf(a)));
    }

    [Fact]
    public void Tasks_belong_to_the_first_responsible_unit_unless_that_is_a_collective()
    {
        Assert.Null(PlanImportResult.OwnerOf(Action(1)));
        Assert.Equal("区发改局", PlanImportResult.OwnerOf(Action(2))!.Name);
        Assert.Equal("区编办", PlanImportResult.OwnerOf(Action(4))!.Name);
        Assert.Equal("区人社局", PlanImportResult.OwnerOf(Action(9))!.Name);
        Assert.Null(PlanImportResult.OwnerOf(Action(10)));
    }

    [Fact]
    public void The_unit_roster_holds_every_unit_the_plan_names_with_aliases_and_types()
    {
        var roster = Seed.Units.ToDictionary(u => u.Name);

        Assert.Equal(22, roster.Count);
        Assert.Equal(["发改局", "区发展和改革局", "发展和改革局"], roster["区发改局"].Aliases);
        Assert.Contains("区政府办公室", roster["区政府办"].Aliases);
        Assert.Contains("区人力资源和社会保障局", roster["区人社局"].Aliases);
        Assert.Contains("区环保分局", roster["环保分局"].Aliases);
        Assert.Equal(UnitTypes.Township, roster["平西乡"].Type);
        Assert.Equal(UnitTypes.Subdistrict, roster[UnitNames.AllStreets].Type);
        Assert.Contains("街", roster[UnitNames.AllStreets].Aliases);
        Assert.Equal(UnitTypes.Zone, roster["循环经济示范区"].Type);
        Assert.All(["区经合局", "区人社局", "区教育局", "区科技局", "区住建局", "区交通管理处", "区卫计局", "区房屋征收经办中心", "区公安分局"],
            name => Assert.Equal(UnitTypes.Department, roster[name].Type));
        Assert.DoesNotContain(roster.Keys, n => n.Contains("领导", StringComparison.Ordinal) || n.StartsWith("各部门", StringComparison.Ordinal));
    }

    [Fact]
    public void Unparsed_holds_no_task_sentence()
    {
        Assert.DoesNotContain(Seed.Unparsed, line => RequirementPattern().IsMatch(line));
        Assert.Empty(Seed.Unparsed);
        Assert.True(Seed.BackgroundLines > 0);
    }

    [Fact]
    public void Requirements_without_quantities_stay_with_their_action_and_are_offered_to_the_llm()
    {
        Assert.Contains(Seed.OpenRequirements, r => r.ActionNumber == 1 && r.Text.Contains("八项规定", StringComparison.Ordinal));
        Assert.DoesNotContain(Seed.OpenRequirements, r => RequirementPattern().IsMatch(r.Text));
        Assert.Contains("要严格执行中央八项规定", Action(1).Description, StringComparison.Ordinal);
        Assert.StartsWith("深入基层和群众", Action(1).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plan_year_comes_from_the_caller_and_written_years_shift_with_it()
    {
        var in2018 = new PlanImporter().Parse(RepositoryFiles.ReadSeed(), 2018);
        var in2030 = new PlanImporter().Parse(RepositoryFiles.ReadSeed(), 2030);

        Assert.Equal(new DateOnly(2018, 5, 21), in2018.Plan.Actions[1].Milestones[1].StartDate);
        Assert.Equal(new DateOnly(2030, 5, 21), in2030.Plan.Actions[1].Milestones[1].StartDate);
        Assert.Equal(2018, in2030.Plan.SourceYear);
        Assert.NotEmpty(in2018.Plan.ContentHash);
        Assert.Equal(in2018.Plan.ContentHash, in2030.Plan.ContentHash);
    }

    [Fact]
    public void Parsing_is_deterministic_and_whitespace_edits_keep_the_content_hash()
    {
        var text = RepositoryFiles.ReadSeed();
        var again = new PlanImporter().Parse(text, Year);
        var reflowed = new PlanImporter().Parse("\uFEFF" + text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\n\n  ", Year);
        var edited = new PlanImporter().Parse(text.Replace("10月中旬", "10月上旬", StringComparison.Ordinal), Year);

        Assert.Equal(PlanJson.Serialize(Seed), PlanJson.Serialize(again));
        Assert.Equal(Seed.Plan.ContentHash, reflowed.Plan.ContentHash);
        Assert.NotEqual(Seed.Plan.ContentHash, edited.Plan.ContentHash);
        Assert.Contains(edited.Plan.Actions[7].Milestones, m => m.StartDate == D(10, 1) && m.EndDate == D(10, 10));
    }

    // A requirement: a quantity with a measure word, a per-period cadence, or a lower bound.
    [GeneratedRegex(@"\d+\s*(?:至\s*\d+\s*)?(?:次|篇|项|个|家|天)|每(?:月|季度|半月|周|天)|不少于|至少|最少")]
    private static partial Regex RequirementPattern();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]+[）)]")]
    private static partial Regex ActionHeading();

    [GeneratedRegex(@"^\d+\s*[.．、]\s*(?<t>.*)$")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex(@"^[（(]\d+[）)]")]
    private static partial Regex ItemNumber();
}
