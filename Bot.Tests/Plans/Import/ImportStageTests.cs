using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.Plans;
using Bot.Skills.Plans.Import;

namespace Bot.Tests.Plans.Import;

/// <summary>Each stage of the plan import on its own: sections, milestones, targets, duties, responsibilities, tables.</summary>
public sealed class ImportStageTests
{
    private static ActionState NewAction(string title = "行动") => new(new PlanAction { Number = 1, Title = title }, 1);

    private static MilestoneReader Milestones(int? sourceYear = null) => new(new ChineseDates(2026, sourceYear));

    // ---- sections ----

    [Theory]
    [InlineData("一、总体要求", 1, "总体要求")]
    [InlineData("（二）发展乡村特色产业", 2, "发展乡村特色产业")]
    [InlineData("3.推进城镇燃气管道改造", 3, "推进城镇燃气管道改造")]
    [InlineData("（4）每月通报", 4, "每月通报")]
    [InlineData("②召开会议", 5, "召开会议")]
    [InlineData("2026年1.5万亩", 0, "2026年1.5万亩")]
    public void Sections_number_each_heading_level(string line, int level, string body)
    {
        Assert.Equal((level, body), SectionReader.HeadingOf(line));
    }

    [Fact]
    public void Sections_read_the_title_without_its_draft_note_and_the_source_year_from_it()
    {
        var outline = SectionReader.Read("南岗区2026年安全生产实施方案\n\n（征求意见稿）\n\n一、重点任务\n1.开展排查。\n");

        Assert.Equal(("南岗区2026年安全生产实施方案", 2026, 4), (outline.Title, outline.SourceYear, outline.Start));
    }

    [Fact]
    public void Sections_find_a_heading_with_two_kinds_of_sub_sections_as_an_action()
    {
        var outline = SectionReader.Read("某方案\n一、招商行动\n1. 时间安排\n（1）5月，赴江苏招商。\n2. 具体要求\n（1）要精准对接。\n二、保障措施\n加强领导。\n");

        Assert.Equal([1], outline.ActionHeadings);
        Assert.Equal(-1, outline.DocumentAction);
    }

    [Fact]
    public void Sections_make_a_document_whose_top_sections_are_a_schedule_and_responsibilities_one_action()
    {
        var outline = SectionReader.Read("某镇方案\n前言。\n一、时间节点\n（一）部署阶段（4月1日—4月10日）。\n二、责任分工\n镇党政办负责统筹。\n");

        Assert.Empty(outline.ActionHeadings);
        Assert.Equal(2, outline.DocumentAction);
        Assert.Equal(SubKind.Schedule, outline.Lines[2].Sub);
    }

    // ---- milestones ----

    [Fact]
    public void Milestones_come_from_a_leading_date_and_from_each_further_dated_clause()
    {
        var state = NewAction();

        Assert.True(Milestones().ReadSchedule(state, "5月下旬，赴江苏招商；6月，赴重点项目所在地招商。"));

        Assert.Equal(
            ["05-21..05-31", "06-01..06-30"],
            state.Action.Milestones.Select(m => $"{m.StartDate:MM-dd}..{m.EndDate:MM-dd}"));
    }

    [Fact]
    public void Milestones_of_a_phase_paragraph_take_its_date_range_and_an_undated_item_is_not_understood()
    {
        var state = NewAction();
        var reader = Milestones();

        Assert.True(reader.ReadSchedule(state, "集中整治阶段（2026年4月11日—6月30日）。全面清理村内垃圾。"));
        Assert.False(reader.ReadSchedule(state, "精心做好前期准备工作。"));

        var milestone = Assert.Single(state.Action.Milestones);
        Assert.Equal((new DateOnly(2026, 4, 11), new DateOnly(2026, 6, 30)), (milestone.StartDate!.Value, milestone.EndDate!.Value));
    }

    [Fact]
    public void Milestones_of_the_same_text_and_window_are_stored_once()
    {
        var state = NewAction();
        var reader = Milestones();

        reader.ReadSchedule(state, "7月，召开推进会。");
        reader.ReadSchedule(state, "7月，召开推进会。");

        Assert.Single(state.Action.Milestones);
    }

    [Theory]
    [InlineData("每季度末", Recurrences.Quarterly)]
    [InlineData("每月", Recurrences.Monthly)]
    [InlineData("每半年", Recurrences.HalfYearly)]
    public void Milestones_of_a_recurring_deadline_recur(string deadline, string recurrence)
    {
        var state = NewAction();
        var reader = Milestones();
        var spec = reader.Dates.ParseLeading(deadline) ?? reader.Dates.Find(deadline);

        reader.SetTaskDeadline(state, spec!, deadline);

        Assert.Equal(recurrence, Assert.Single(state.Action.Milestones).Recurrence);
    }

    [Fact]
    public void Milestones_of_a_deadline_in_the_documents_year_move_to_the_plan_year()
    {
        var state = NewAction();
        var reader = Milestones(sourceYear: 2025);
        var spec = reader.Dates.ParseLeading("2025年10月底前")!;

        reader.SetTaskDeadline(state, spec, "2025年10月底前");

        Assert.Equal(new DateOnly(2026, 10, 31), Assert.Single(state.Action.Milestones).EndDate);
    }

    // ---- targets ----

    [Theory]
    [InlineData("发现风险对象后15个工作日内落实帮扶措施")]
    [InlineData("问题排污口发现后30日内完成整改")]
    [InlineData("企业开办压缩至1个工作日内")]
    public void Targets_never_come_from_a_time_limit(string text)
    {
        Assert.Equal(0, TargetReader.Read(NewAction(), text));
    }

    [Fact]
    public void Targets_without_a_subject_apply_to_the_actions_leaders_when_it_has_any()
    {
        var state = NewAction();
        TargetReader.Read(state, "全年组织执法检查不少于60次");
        state.Action.Responsibilities.Add(new Responsibility { Kind = ResponsibilityKinds.Leader, Name = "刘建国副区长" });

        TargetReader.SetSubjects(state.Action);

        var target = Assert.Single(state.Action.Targets);
        Assert.Equal((MetricKeys.Patrols, 60d, TargetSubjects.Leader), (target.Metric, target.MinValue!.Value, target.AppliesTo));
    }

    // ---- duties ----

    [Theory]
    [InlineData("各牵头单位每季度末将工作进展情况报区安委会办公室", Recurrences.Quarterly, DutyLevels.Unit)]
    [InlineData("区安委会办公室每季度末汇总通报", Recurrences.Quarterly, DutyLevels.Office)]
    [InlineData("各部门要每半年开展一次安全生产自查", Recurrences.HalfYearly, DutyLevels.Unit)]
    [InlineData("县乡村振兴工作领导小组统筹推进，各牵头单位每季度末向领导小组办公室报送工作进展", Recurrences.Quarterly, DutyLevels.Unit)]
    public void Duties_of_a_general_section_recur_with_their_level(string text, string every, string level)
    {
        var plan = new Plan();

        Assert.Equal(1, DutyReader.ReadGeneral(plan, text));
        DutyReader.SetGeneralLevels(plan);

        Assert.Equal((every, level), (plan.Duties[0].Every, plan.Duties[0].Level!));
    }

    [Fact]
    public void Duties_are_not_made_of_a_goals_horizon()
    {
        Assert.Equal(0, DutyReader.ReadGeneral(new Plan(), "到2025年底，全县农村居民人均可支配收入增长7%以上。"));
        Assert.Equal(1, DutyReader.ReadGeneral(new Plan(), "2025年底，区政府领导将对分管部门工作进行专项打分评价。"));
    }

    // ---- responsibilities ----

    private static (ResponsibilityAssigner Assigner, PlanImportResult Result) Assigner(IReadOnlyCollection<Unit>? roster = null)
    {
        var result = new PlanImportResult(new Plan { Year = 2026 });
        return (new ResponsibilityAssigner(new ImportLog(result), Milestones(), roster), result);
    }

    [Fact]
    public void Responsibilities_keep_lead_responsible_and_supporting_units_apart_lead_first()
    {
        var (assigner, _) = Assigner();
        var state = NewAction();

        var rest = assigner.ApplyFieldsAndNotes(state, "开展走访（配合单位：县民政局；牵头单位：县农业农村局；完成时限：6月底前）", out var deadline, out var deadlineText);
        assigner.Assign(state);

        Assert.Equal("开展走访", rest);
        Assert.Equal("6月底前", deadlineText);
        Assert.Equal(new DateOnly(2026, 6, 30), deadline!.End);
        Assert.Equal(
            [("县农业农村局", ResponsibilityRoles.Lead), ("县民政局", ResponsibilityRoles.Support)],
            state.Action.Responsibilities.Select(r => (r.Name, r.Role!)));
    }

    [Fact]
    public void Responsibilities_expand_townships_and_streets_written_as_one_collective_to_the_ones_the_plan_names()
    {
        var (assigner, _) = Assigner();
        var first = NewAction();
        var second = NewAction();
        assigner.AddParties(first, "responsible", "城关镇、东关街道", "责任单位：城关镇、东关街道");

        assigner.AddParties(second, "support", "各镇（街道）", "配合单位：各镇（街道）");
        assigner.Assign(second);

        Assert.Equal(["城关镇", "东关街道"], PlanImportResult.UnitsOf(second.Action, ResponsibilityRoles.Support));
    }

    [Fact]
    public void Responsibilities_expand_departments_only_against_a_roster()
    {
        var (without, _) = Assigner();
        var (with, _) = Assigner([new Unit { Name = "区财政局", Type = UnitTypes.Department }, new Unit { Name = "平西乡", Type = UnitTypes.Township }]);
        var a = NewAction();
        var b = NewAction();

        without.AddParties(a, "support", "各部门、各乡镇街道", "");
        with.AddParties(b, "support", "各部门、各乡镇街道", "");
        without.Assign(a);
        with.Assign(b);

        Assert.Equal([UnitNames.AllTownships, UnitNames.AllStreets], PlanImportResult.UnitsOf(a.Action));
        Assert.Equal(["区财政局", "平西乡", UnitNames.AllStreets], PlanImportResult.UnitsOf(b.Action));
        Assert.All([a, b], s => Assert.Contains(s.Action.Responsibilities, r => r is { Kind: ResponsibilityKinds.Group, Name: "各部门" }));
    }

    [Fact]
    public void Responsibilities_read_a_sentence_of_who_does_what()
    {
        var (assigner, result) = Assigner();
        var state = NewAction();

        Assert.True(assigner.ReadList(state, "镇党政办负责统筹协调，镇财政所负责资金保障，各村（社区）负责具体组织实施。"));
        assigner.Assign(state);

        Assert.Equal(["镇党政办", "镇财政所"], PlanImportResult.UnitsOf(state.Action));
        Assert.Contains(state.Action.Responsibilities, r => r is { Kind: ResponsibilityKinds.Group, Name: "各村（社区）" });
        Assert.Empty(result.Unparsed);
    }

    [Fact]
    public void Responsibilities_list_a_name_that_is_no_party_as_not_understood()
    {
        var (assigner, result) = Assigner();

        Assert.False(assigner.ReadList(NewAction(), "区发改局、精心组织"));
        assigner.AddParties(NewAction(), "lead", "认真落实", "牵头单位：认真落实");

        Assert.Equal(["牵头单位：认真落实"], result.Unparsed);
    }

    [Fact]
    public void Responsibilities_keep_unit_names_as_written_and_add_the_short_form_as_an_alias()
    {
        var (assigner, _) = Assigner();
        assigner.AddParties(NewAction(), "lead", "区农业农村局、区人力资源和社会保障局", "");

        var units = assigner.Units().ToList();

        Assert.Equal(["区农业农村局", "区人力资源和社会保障局"], units.Select(u => u.Name));
        Assert.Equal("区人社局", units[1].Aliases[0]);
    }

    // ---- tables ----

    [Fact]
    public void Tables_read_a_header_then_rows_by_column_and_stop_at_a_line_without_cells()
    {
        var tables = new TableReader(new ChineseDates(2026));

        Assert.Equal(TableReader.Kind.Header, tables.Read("序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限", out _));
        Assert.Equal(TableReader.Kind.Rule, tables.Read("|---|---|---|---|---|", out _));
        Assert.Equal(TableReader.Kind.Row, tables.Read("1 | 实施水质提升工程 | 市水务局 | 市财政局 | 12月底前", out var row));
        Assert.Equal(TableReader.Kind.NotTable, tables.Read("三、工作要求", out _));

        Assert.Equal(("实施水质提升工程", "市水务局", "市财政局", "12月底前"),
            (row!.TaskText(), row.Cell(TableRow.Lead), row.Cell(TableRow.Support), row.Cell(TableRow.Deadline)));
    }

    [Fact]
    public void Tables_split_cells_by_bars_tabs_or_wide_gaps()
    {
        Assert.Equal(["a", "b"], TableReader.Cells("| a | b |"));
        Assert.Equal(["a", "b c"], TableReader.Cells("a\tb c"));
        Assert.Equal(["完成改造", "区住建局"], TableReader.Cells("完成改造   区住建局"));
        Assert.Empty(TableReader.Cells("一句话。"));
    }

    // ---- the account of lines ----

    [Fact]
    public void A_line_no_stage_claims_is_listed_as_not_understood()
    {
        var result = new PlanImportResult(new Plan());
        var log = new ImportLog(result);

        log.Begin();
        log.Mark(LineUse.Requirement);
        log.End(0, "要精准对接。");
        log.Begin();
        log.End(1, "@@##");

        Assert.Equal([LineUse.Requirement, LineUse.Unparsed], result.Lines.Select(l => l.Use));
        Assert.Equal(["@@##"], result.Unparsed);
    }
}
