using System.Text.Json;
using Bot.Skills.Llm;
using Bot.Skills.ProgressReports;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace Bot.Tests.ProgressReports;

public sealed class ReportPluginTests
{
    [Fact]
    public async Task The_kernel_parses_a_report_through_the_parse_report_function()
    {
        using var services = Services();
        var kernel = services.GetRequiredService<Kernel>();

        var result = await kernel.InvokeAsync<string>(ReportPlugin.PluginName, "parse_report", new KernelArguments
        {
            ["text"] = "@铁西小助手 汇报：5月12日赴平西乡调研乡村振兴工作，走访企业3家",
            ["sender"] = "王强",
            ["sentAt"] = "2026-05-12T18:20:00+08:00",
            ["images"] = 1,
        });

        using var json = JsonDocument.Parse(result!);
        Assert.Equal("report", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("action").GetInt32());
        Assert.Equal("2026-05-12", json.RootElement.GetProperty("date").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("photos").GetInt32());
        Assert.Equal("rules", json.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task The_kernel_classifies_a_message_through_the_classify_message_function()
    {
        using var services = Services();
        var kernel = services.GetRequiredService<Kernel>();

        var kind = await kernel.InvokeAsync<string>(ReportPlugin.PluginName, "classify_message", new KernelArguments { ["text"] = "@铁西小助手 本月谁还没汇报？" });

        Assert.Equal("query", kind);
    }

    [Fact]
    public void The_plugin_functions_have_ascii_names_and_chinese_descriptions()
    {
        using var services = Services();
        var plugin = services.GetServices<KernelPlugin>().Single(p => p.Name == ReportPlugin.PluginName);

        Assert.Equal(["classify_message", "parse_report"], plugin.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(plugin, f => Assert.Contains("消息", f.Description, StringComparison.Ordinal));
        Assert.Contains(plugin["parse_report"].Metadata.Parameters, p => p.Name == "text" && p.Description == "消息原文");
    }

    [Fact]
    public void Llm_options_bind_from_the_llm_section_and_are_unconfigured_by_default()
    {
        using var services = Services(new Dictionary<string, string?> { ["Llm:TimeoutSeconds"] = "5", ["Llm:Model"] = "qwen-plus" });

        var options = services.GetRequiredService<IOptions<LlmOptions>>().Value;

        Assert.Equal(5, options.TimeoutSeconds);
        Assert.Equal(0.6, options.ConfidenceThreshold);
        Assert.Equal("qwen-plus", options.Model);
        Assert.False(options.IsConfigured);
        Assert.True(new LlmOptions { Endpoint = "http://127.0.0.1:1/v1", Model = "m", ApiKey = "k" }.IsConfigured);
    }

    private static ServiceProvider Services(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddBotData();
        services.AddBotSkills();
        services.AddSingleton<IReportVocabularySource>(new FixedVocabularySource());
        services.AddKernel();
        return services.BuildServiceProvider();
    }
}
