using System.Diagnostics;
using Bot.Data.Plans;
using Bot.Skills.Llm;
using Bot.Skills.Plans;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Plans;

/// <summary>The optional LLM pass against a local fake OpenAI-compatible server.</summary>
public sealed class LlmTargetExtractionTests : IAsyncLifetime
{
    internal const string Document = """
        某区2026年走访工作方案
        一、“大走访”行动（全年）
        1. 时间安排
        3月至11月，持续开展走访。
        2. 具体要求
        （1）每位区政府领导全年走访规上企业不少于十户。
        （2）每位区政府领导每月开展2次专题调研。
        3. 责任人及责任部门
        区政府领导，区发改局。
        """;

    internal const string Sentence = "每位区政府领导全年走访规上企业不少于十户。";

    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LlmTargetExtractor Extractor(int timeoutSeconds = 20) => new(Options.Create(new LlmOptions
    {
        Endpoint = _server.Endpoint.ToString(),
        Model = FakeOpenAiServer.Model,
        ApiKey = FakeOpenAiServer.ApiKey,
        TimeoutSeconds = timeoutSeconds,
    }), NullLoggerFactory.Instance);

    private static PlanImportResult Rules() => new PlanImporter().Parse(Document, 2026);

    private static IEnumerable<(string, string, double?, double?)> Targets(PlanImportResult result) =>
        result.Plan.Actions.Single().Targets.Select(t => (t.Metric, t.Per, t.MinValue, t.MaxValue));

    [Fact]
    public void The_rules_leave_the_unknown_measure_word_to_the_llm()
    {
        var rules = Rules();

        Assert.Equal([(MetricKeys.ResearchTrips, Recurrences.Monthly, 2d, 2d)], Targets(rules));
        Assert.Equal([new RequirementSentence(1, Sentence)], rules.OpenRequirements);
    }

    [Fact]
    public async Task A_good_answer_adds_only_the_targets_that_pass_validation()
    {
        _server.EnqueueChat("""
            好的，结果如下：
            ```json
            {"targets":[
              {"index":1,"metric":"enterprises","per":"year","min":10,"max":null,"threshold":null,"applies_to":"leader"},
              {"index":1,"metric":"visits","per":"year","min":10,"max":null},
              {"index":1,"metric":"enterprises","per":"week","min":10,"max":null},
              {"index":1,"metric":"enterprises","per":"year","min":12,"max":10},
              {"index":1,"metric":"enterprises","per":"year","min":999,"max":null},
              {"index":1,"metric":"enterprises","per":"year","min":"10","max":null},
              {"index":1,"metric":"enterprises","per":"year","min":null,"max":null},
              {"index":7,"metric":"reports","per":"year","min":1,"max":1},
              {"index":1,"metric":"enterprises","per":"year","min":10,"max":null,"applies_to":"everyone"}
            ]}
            ```
            """);
        var result = Rules();

        var added = await Extractor().EnrichAsync(result);

        Assert.Equal(1, added);
        Assert.Equal(
            [(MetricKeys.ResearchTrips, Recurrences.Monthly, 2d, 2d), (MetricKeys.Enterprises, Recurrences.Yearly, 10d, null)],
            Targets(result));
        var target = result.Plan.Actions.Single().Targets[^1];
        Assert.Equal((Sentence, TargetSubjects.Leader), (target.Text, target.AppliesTo));
        Assert.Empty(result.OpenRequirements);
        Assert.Equal(1, result.LlmTargets);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions", "Bearer " + FakeOpenAiServer.ApiKey), (request.Method, request.Path, request.Authorization));
        using var body = request.Json();
        Assert.Equal(FakeOpenAiServer.Model, body.RootElement.GetProperty("model").GetString());
        Assert.Contains(Sentence, body.RootElement.GetProperty("messages")[1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"targets\": [ {\"index\": 1, \"metric\": ")]
    [InlineData("抱歉，我无法完成。")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"targets\": \"none\"}")]
    public async Task A_malformed_answer_keeps_the_rules_result(string content)
    {
        _server.EnqueueChat(content);
        var result = Rules();

        var added = await Extractor().EnrichAsync(result);

        Assert.Equal(0, added);
        Assert.Equal(Targets(Rules()), Targets(result));
        Assert.Single(result.OpenRequirements);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(401)]
    [InlineData(429)]
    public async Task An_http_error_keeps_the_rules_result(int status)
    {
        _server.EnqueueStatus(status);
        var result = Rules();

        var added = await Extractor().EnrichAsync(result);

        Assert.Equal(0, added);
        Assert.Equal(Targets(Rules()), Targets(result));
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_slow_server_times_out_and_keeps_the_rules_result()
    {
        _server.EnqueueChat("""{"targets":[{"index":1,"metric":"enterprises","per":"year","min":10,"max":null}]}""", delay: TimeSpan.FromSeconds(10));
        var result = Rules();
        var watch = Stopwatch.StartNew();

        var added = await Extractor(timeoutSeconds: 1).EnrichAsync(result);

        Assert.Equal(0, added);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        Assert.Equal(Targets(Rules()), Targets(result));
    }

    [Fact]
    public async Task Without_an_llm_configured_nothing_is_sent()
    {
        var extractor = new LlmTargetExtractor(Options.Create(new LlmOptions { Endpoint = _server.Endpoint.ToString() }), NullLoggerFactory.Instance);

        Assert.Equal(0, await extractor.EnrichAsync(Rules()));
        Assert.Empty(_server.Requests);
    }
}
