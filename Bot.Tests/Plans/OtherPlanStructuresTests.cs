using System.Diagnostics;
using Bot.Data.Plans;
using Bot.Skills.Plans;
using Bot.Tests.Support;

namespace Bot.Tests.Plans;

/// <summary>Documents that are not shaped like the seed: task-split lists, notes, flattened tables, garbage.</summary>
public sealed class OtherPlanStructuresTests
{
    private static readonly PlanImportResult TaskSplit =
        new PlanImporter().Parse(RepositoryFiles.ReadTestData("plans/task-split-2024.txt"), 2026);

    private static PlanAction Task(int number) => TaskSplit.Plan.Actions.Single(a => a.Number == number);

    [Fact]
    public void A_task_split_document_imports_every_task_as_an_action_with_one_dated_milestone()
    {
        Assert.Equal("某区2024年优化营商环境重点任务分工", TaskSplit.Plan.Title);
        Assert.Equal(2024, TaskSplit.Plan.SourceYear);
        Assert.Equal(
            ["推进政务服务“一网通办”，实现企业群众办事网上可办", "开展“只跑一次”改革专题培训，每季度组织1次培训班", "建立重点项目包保服务制度",
             "清理闲置低效土地，盘活存量用地", "完善企业服务专员制度", "每月召开一次政银企对接会"],
            TaskSplit.Plan.Actions.Select(a => a.Title));
        Assert.All(TaskSplit.Plan.Actions, a => Assert.Single(a.Milestones));
    }

    [Fact]
    public void Deadlines_become_milestone_windows_shifted_from_the_documents_year_to_the_plan_year()
    {
        var expected = new (int, DateOnly?, DateOnly?, string?)[]
        {
            (1, null, new DateOnly(2026, 6, 30), null),
            (2, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), Recurrences.Quarterly),
            (3, new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), null),
            (4, null, new DateOnly(2026, 9, 30), null),
            (5, new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30), null),
            (6, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Recurrences.Monthly),
        };

        Assert.Equal(expected, TaskSplit.Plan.Actions.Select(a => (a.Number, a.Milestones[0].StartDate, a.Milestones[0].EndDate, a.Milestones[0].Recurrence)));
        Assert.Equal("2024年6月底前", Task(1).Period);
        Assert.Equal("长期坚持", Task(6).Period);
    }

    [Fact]
    public void Lead_responsible_and_supporting_units_are_read_from_fields_notes_and_table_columns_lead_first()
    {
        Assert.Equal(["区政务服务中心", "区发展和改革局", "区市场监管局", "北沟街道", "平东街道"], PlanImportResult.UnitsOf(Task(1)));
        Assert.Equal(["区人社局", "北沟街道", "平东街道", "区教育局"], PlanImportResult.UnitsOf(Task(2)));
        Assert.Equal(["区住建局", "区自然资源局"], PlanImportResult.UnitsOf(Task(3)));
        Assert.Equal(["王强副区长"], PlanImportResult.LeadersOf(Task(3)));
        Assert.Equal(["区自然资源局", "区住建局", "平西乡"], PlanImportResult.UnitsOf(Task(4)));
        Assert.Equal(["区金融办", "平西乡"], PlanImportResult.UnitsOf(Task(6)));
        Assert.Equal(
            ["区政务服务中心", "区人社局", "区住建局", "区自然资源局", "区工信局", "区金融办"],
            TaskSplit.Plan.Actions.Select(a => PlanImportResult.OwnerOf(a)!.Name).Distinct());
        Assert.Contains(TaskSplit.Units, u => u.Name == "区发展和改革局" && u.Aliases.Contains("区发改局"));
    }

    [Fact]
    public void Lines_that_are_not_understood_are_reported_and_none_is_a_task()
    {
        Assert.Equal(["@@## 0x1F 7F 表格续 ##@@", "附件：任务分工明细表"], TaskSplit.Unparsed);
        var duty = Assert.Single(TaskSplit.Plan.Duties);
        Assert.Equal((Recurrences.Monthly, DutyLevels.Unit), (duty.Every, duty.Level!));
    }

    [Fact]
    public void A_tab_separated_table_without_a_header_row_is_still_read()
    {
        var text = "工作台账\n1\t完成老旧小区改造\t区住建局\t9月底前\n2\t建设智慧停车场\t区交通管理处、北沟街道\t第四季度\n";

        var result = new PlanImporter().Parse(text, 2026);

        Assert.Equal(["完成老旧小区改造", "建设智慧停车场"], result.Plan.Actions.Select(a => a.Title));
        Assert.Equal(new DateOnly(2026, 9, 30), result.Plan.Actions[0].Milestones[0].EndDate);
        Assert.Equal(["区交通管理处", "北沟街道"], PlanImportResult.UnitsOf(result.Plan.Actions[1]));
        Assert.Empty(result.Unparsed);
    }

    [Fact]
    public void An_action_heading_without_sub_sections_still_counts_and_undated_schedule_items_are_reported()
    {
        var text = """
            某乡2026年环境整治方案
            一、“清河”行动（4月至10月）
            1. 时间安排
            （1）5月底前，完成河道清淤。
            （2）尽快完成垃圾清运。
            2. 具体要求
            村级河长每天巡河一次，发现问题及时上报并拍照留存。
            3. 责任人及责任部门
            乡政府领导，乡水利站、某某合作社、张三。
            二、“净村”行动（第三季度）
            """;

        var result = new PlanImporter().Parse(text, 2026);

        Assert.Equal([("“清河”行动", "4月至10月"), ("“净村”行动", "第三季度")], result.Plan.Actions.Select(a => (a.Title, a.Period!)));
        var first = result.Plan.Actions[0];
        Assert.Equal((null, new DateOnly(2026, 5, 31)), (first.Milestones[0].StartDate, first.Milestones[0].EndDate));
        var duty = Assert.Single(first.Duties);
        Assert.Equal((Recurrences.Daily, "村", true), (duty.Every, duty.Level!, duty.PhotoRequired));
        Assert.Contains("（2）尽快完成垃圾清运。", result.Unparsed);
        Assert.Contains("乡政府领导，乡水利站、某某合作社、张三。", result.Unparsed);
        Assert.Contains("乡水利站", PlanImportResult.UnitsOf(first));
    }

    [Fact]
    public void A_heading_whose_numbered_lines_carry_the_fields_is_one_task()
    {
        var text = """
            某区2026年重点任务清单
            （一）优化审批流程
            1. 工作目标：6月底前实现企业开办1个工作日办结。
            2. 主要措施：每月通报一次办理情况。
            3. 责任单位：区政务服务中心、区市场监管局
            4. 完成时限：2026年6月底前
            （二）加强项目服务
            责任单位：区发改局
            完成时限：第三季度
            """;

        var result = new PlanImporter().Parse(text, 2026);

        Assert.Equal(["优化审批流程", "加强项目服务"], result.Plan.Actions.Select(a => a.Title));
        var first = result.Plan.Actions[0];
        Assert.Equal(["区政务服务中心", "区市场监管局"], PlanImportResult.UnitsOf(first));
        Assert.Equal((null, new DateOnly(2026, 6, 30)), (first.Milestones.Single().StartDate, first.Milestones.Single().EndDate));
        Assert.Equal(Recurrences.Monthly, Assert.Single(first.Duties).Every);
        Assert.Contains("1个工作日办结", first.Description, StringComparison.Ordinal);
        var second = result.Plan.Actions[1];
        Assert.Equal((new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)), (second.StartDate!.Value, second.EndDate!.Value));
        Assert.Equal(["区发改局"], PlanImportResult.UnitsOf(second));
        Assert.Empty(result.Unparsed);
    }

    public static TheoryData<string?> Garbage() => new()
    {
        null,
        "",
        "   \n\t\n\u3000",
        "\0\0\0\u0001\u0002",
        "（（（（（（（（（（（（（（（（（（（（（（",
        "一、\n（一）\n1.\n（1）\n①",
        "\uD800 lone surrogate \uDC00 and 𝄞",
        "牵头单位：\n责任单位：\n完成时限：",
        "| | |\n|---|---|\n序号 | 任务 | 完成时限\n| |",
        string.Concat(Enumerable.Repeat("1月、", 5000)) + "1月",
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_input_never_throws(string? text)
    {
        var result = new PlanImporter().Parse(text, 2026);

        Assert.NotNull(result.Plan.Title);
        Assert.Equal(64, result.Plan.ContentHash.Length);
        _ = PlanJson.Serialize(result);
    }

    [Fact]
    public void Binary_garbage_is_reported_as_unparsed_without_actions()
    {
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);

        var result = new PlanImporter().Parse(PlanDocuments.Decode(bytes), 2026);

        Assert.Empty(result.Plan.Actions);
        Assert.NotEmpty(result.Unparsed);
        Assert.Equal(PlanImporter.UntitledPlan, result.Plan.Title);
        Assert.DoesNotContain(result.Unparsed, l => l.Any(c => char.IsControl(c) && c != '\t'));
    }

    [Fact]
    public void A_huge_document_is_parsed_up_to_the_limit_and_the_rest_is_reported()
    {
        var seed = RepositoryFiles.ReadSeed();
        var huge = string.Concat(Enumerable.Repeat(seed + "\n", (PlanImporter.MaxChars / seed.Length) + 20));
        var watch = Stopwatch.StartNew();

        var result = new PlanImporter().Parse(huge, 2026);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.True(result.Plan.Actions.Count > 100);
        Assert.Contains(result.Unparsed, l => l.Contains("未解析", StringComparison.Ordinal));
        Assert.Equal(huge.Length, result.Plan.Document.Length);
    }

    [Fact]
    public void A_gb18030_file_is_decoded()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = System.Text.Encoding.GetEncoding("GB18030").GetBytes("一、“清河”行动（全年）");

        Assert.Equal("一、“清河”行动（全年）", PlanDocuments.Decode(bytes));
    }
}
