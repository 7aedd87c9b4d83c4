using Bot.Data.Plans;
using Bot.Skills.Plans;
using Bot.Tests.Support;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Moq;

namespace Bot.Tests.Plans;

/// <summary>The Semantic Kernel plan plugin, invoked through a kernel as the router will.</summary>
public sealed class PlanPluginTests
{
    private static readonly Plan SeedPlan = new PlanImporter().Parse(RepositoryFiles.ReadSeed(), 2026).Plan;

    private static Kernel KernelWith(Plan? plan, Action<IKernelBuilder>? configure = null)
    {
        var repository = new Mock<IPlanRepository>();
        repository.Setup(r => r.GetActiveAsync(It.IsAny<CancellationToken>())).ReturnsAsync(plan);
        var builder = Kernel.CreateBuilder();
        configure?.Invoke(builder);
        var kernel = builder.Build();
        kernel.Plugins.Add(KernelPluginFactory.CreateFromObject(new PlanPlugin(repository.Object), PlanPlugin.PluginName));
        return kernel;
    }

    private static async Task<string> Requirements(string action, Plan? plan = null) =>
        (await KernelWith(plan ?? SeedPlan).InvokeAsync<string>(PlanPlugin.PluginName, "get_action_requirements", new KernelArguments { ["action"] = action }))!;

    private static async Task<string> Milestones(string month, Plan? plan = null) =>
        (await KernelWith(plan ?? SeedPlan).InvokeAsync<string>(PlanPlugin.PluginName, "list_milestones", new KernelArguments { ["month"] = month }))!;

    [Fact]
    public void The_functions_have_ascii_names_and_chinese_descriptions()
    {
        var plugin = KernelWith(SeedPlan).Plugins[PlanPlugin.PluginName];

        Assert.Equal(["get_action_requirements", "list_milestones"], plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(plugin, f => Assert.Contains("实施方案", f.Description, StringComparison.Ordinal));
        Assert.All(plugin, f => Assert.Matches("[\u4e00-\u9fff]", f.Metadata.Parameters[0].Description));
    }

    [Theory]
    [InlineData("大招商行动有什么要求")]
    [InlineData("大招商")]
    [InlineData("“大考察大招商”行动")]
    [InlineData("2")]
    [InlineData("第二项")]
    [InlineData("（二）")]
    public void An_action_is_found_by_a_title_keyword_or_its_number(string query) =>
        Assert.Equal(2, PlanPlugin.FindAction(SeedPlan.Actions, query)!.Number);

    [Fact]
    public async Task The_requirements_of_the_investment_action_list_schedule_targets_and_responsible_units()
    {
        var answer = await Requirements("大招商行动有什么要求");

        Assert.StartsWith("（二）“大考察大招商”行动（第二、三、四季度，04-01至12-31）", answer, StringComparison.Ordinal);
        Assert.Contains("05-21至05-31 5月下旬，赴江苏、广州、深圳招商引资活动", answer, StringComparison.Ordinal);
        Assert.Contains("项目个数 全年2至3", answer, StringComparison.Ordinal);
        Assert.Contains("学习借鉴经验项数 全年1至2", answer, StringComparison.Ordinal);
        Assert.Contains("进京“跑部”", answer, StringComparison.Ordinal);
        Assert.Contains("责任人及责任部门：区政府领导、各部门领导、区发改局、区经合局", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_river_chief_duties_show_their_cadence_and_photo_evidence()
    {
        var answer = await Requirements("6");

        Assert.Contains("每半月：区级河长、湖长每半月实地检查一次（须留存影像资料）", answer, StringComparison.Ordinal);
        Assert.Contains("（每季度）", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyword_of_the_text_finds_the_action_and_an_unknown_one_lists_the_actions()
    {
        Assert.StartsWith("（六）", await Requirements("河长制"), StringComparison.Ordinal);
        Assert.StartsWith("（五）", await Requirements("亿元以上重大项目"), StringComparison.Ordinal);

        var unknown = await Requirements("登月计划");

        Assert.StartsWith("没有找到与“登月计划”对应的行动", unknown, StringComparison.Ordinal);
        Assert.Contains("（十）年底巩固提升行动", unknown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6月")]
    [InlineData("6")]
    [InlineData("六月")]
    [InlineData("2026-06")]
    public async Task The_milestones_of_june_are_those_whose_window_meets_june(string month)
    {
        var answer = await Milestones(month);

        Assert.StartsWith("2026年6月的方案节点（共13项）：", answer, StringComparison.Ordinal);
        Assert.Contains("06-01至06-30 （二）“大考察大招商”行动：6月，赴重点招商项目所在地招商", answer, StringComparison.Ordinal);
        Assert.Contains("06-01至07-31 （三）", answer, StringComparison.Ordinal);
        Assert.Contains("04-01至06-30 （四）", answer, StringComparison.Ordinal);
        Assert.Contains("（每月） （六）", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("05-21至05-31", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("10月中旬", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task December_lists_the_year_end_milestones_and_a_bad_month_is_explained()
    {
        Assert.Contains("12-01至12-31 （十）年底巩固提升行动", await Milestones("12月"), StringComparison.Ordinal);
        Assert.StartsWith("无法识别月份“13月”", await Milestones("13月"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_stored_plan_the_functions_say_so()
    {
        var kernel = KernelWith(null);

        Assert.Equal("尚未导入实施方案。", await kernel.InvokeAsync<string>(PlanPlugin.PluginName, "list_milestones", new KernelArguments { ["month"] = "6" }));
        Assert.Equal("尚未导入实施方案。", await kernel.InvokeAsync<string>(PlanPlugin.PluginName, "get_action_requirements", new KernelArguments { ["action"] = "大招商" }));
    }

    [Fact]
    public async Task An_llm_can_call_the_plugin_through_function_calling()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.EnqueueToolCall("Plan-list_milestones", """{"month":"6月"}""");
        server.EnqueueChat("6月共有12个节点。");
        var kernel = KernelWith(SeedPlan, b => b.AddOpenAIChatCompletion(FakeOpenAiServer.Model, server.Endpoint, FakeOpenAiServer.ApiKey));

        var answer = await kernel.InvokePromptAsync("6月有哪些节点", new KernelArguments(new OpenAIPromptExecutionSettings
        {
            FunctionChoiceBehavior = FunctionChoiceBehavior.Auto(),
        }));

        Assert.Equal("6月共有12个节点。", answer.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("Plan-get_action_requirements", server.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("赴重点招商项目所在地招商", server.Requests[1].Json().RootElement.GetProperty("messages").GetRawText(), StringComparison.Ordinal);
    }
}
