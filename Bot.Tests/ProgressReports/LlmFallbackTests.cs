using System.Diagnostics;
using Bot.Skills.Llm;
using Bot.Skills.ProgressReports;
using Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.ProgressReports;

/// <summary>The LLM path over real HTTP: the real Semantic Kernel OpenAI connector against a fake server on 127.0.0.1.</summary>
public sealed class LlmFallbackTests : IAsyncLifetime
{
    // The rules are unsure of this one (no kind of work they know): confidence 0.5 < 0.6.
    private static readonly ReportMessage Unsure = new("@铁西小助手 5月20日陪同市里领导看了看城东片区的情况", "王强", new DateTimeOffset(2026, 5, 21, 9, 0, 0, TimeSpan.FromHours(8)));

    private static readonly ReportMessage Sure = new("@铁西小助手 汇报：5月12日赴平西乡调研乡村振兴工作，走访企业3家，形成调研报告1篇", "王强", new DateTimeOffset(2026, 5, 12, 18, 20, 0, TimeSpan.FromHours(8)));

    private const string GoodAnswer = """
        {"kind":"report","action":1,"activity":"调研","date":"2026-05-20","end_date":null,"people":["王强"],
         "places":["城东片区"],"units":[],"metrics":{"research_trips":1,"research_days":1},"confidence":0.85}
        """;

    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void The_rules_are_unsure_of_the_test_message_and_sure_of_a_plain_report()
    {
        Assert.True(ReportParser.Instance.Parse(Unsure, SeedPlan.Vocabulary).Confidence < 0.6);
        Assert.True(ReportParser.Instance.Parse(Sure, SeedPlan.Vocabulary).Confidence >= 0.6);
    }

    [Fact]
    public async Task A_good_llm_answer_is_merged_and_marked_llm()
    {
        _server.EnqueueChatReply(GoodAnswer);
        using var understanding = Understanding();

        var report = await understanding.Service.UnderstandAsync(Unsure);

        Assert.Equal(ReportSources.Llm, report.Source);
        Assert.Equal(ReportKinds.Report, report.Kind);
        Assert.Equal(1, report.Action);
        Assert.Equal("调研", report.Activity);
        Assert.Equal(new DateOnly(2026, 5, 20), report.Date);
        Assert.Equal(["城东片区"], report.Places);
        Assert.Equal(1, report.Metrics[MetricKeys.ResearchTrips]);
        Assert.Equal(0.85, report.Confidence);
        Assert.Empty(report.Missing);
    }

    [Fact]
    public async Task The_request_goes_to_chat_completions_with_the_key_model_and_a_schema_prompt_naming_the_plan_actions()
    {
        _server.EnqueueChatReply(GoodAnswer);
        using var understanding = Understanding();

        await understanding.Service.UnderstandAsync(Unsure);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer sk-test", request.Authorization);
        var json = request.Json().RootElement;
        Assert.Equal("fake-model", json.GetProperty("model").GetString());
        var messages = json.GetProperty("messages");
        var system = messages[0].GetProperty("content").GetString()!;
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Contains("1 大走访大调研行动", system, StringComparison.Ordinal);
        Assert.Contains("10 年底巩固提升行动", system, StringComparison.Ordinal);
        Assert.Contains("research_trips", system, StringComparison.Ordinal);
        Assert.Contains("2026-05-21 09:00", system, StringComparison.Ordinal);
        Assert.Equal(Unsure.Text, messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task Each_field_of_the_llm_answer_is_validated_and_invalid_ones_keep_the_rules_value()
    {
        _server.EnqueueChatReply("""
            ```json
            {"kind":"report","action":42,"activity":"旅游","date":"2026/05/20","people":"王强",
             "places":["城东片区", 7, ""],"metrics":{"research_trips":-1,"visits":3,"enterprises":"5","projects":2},"confidence":7}
            ```
            """);
        using var understanding = Understanding();
        var rules = ReportParser.Instance.Parse(Unsure, SeedPlan.Vocabulary);

        var report = await understanding.Service.UnderstandAsync(Unsure);

        Assert.Equal(ReportSources.Llm, report.Source);
        Assert.Equal(rules.Action, report.Action);          // 42 is not an action of the plan
        Assert.Equal(rules.Activity, report.Activity);      // 旅游 is not an activity
        Assert.Equal(rules.Date, report.Date);              // not an ISO date
        Assert.Equal(rules.People, report.People);          // not a list
        Assert.Equal(["城东片区"], report.Places);           // invalid entries dropped
        Assert.Equal([new KeyValuePair<string, double>("projects", 2)], report.Metrics); // only canonical, non-negative numbers
        Assert.Equal(0.8, report.Confidence);               // 7 is no probability: an answer that parses counts as 0.8
    }

    [Fact]
    public async Task A_malformed_answer_falls_back_to_the_rules_result()
    {
        _server.EnqueueChatReply("这是一条调研汇报，日期是5月20日。");
        using var understanding = Understanding();
        var rules = ReportParser.Instance.Parse(Unsure, SeedPlan.Vocabulary);

        var report = await understanding.Service.UnderstandAsync(Unsure);

        Assert.Single(_server.Requests);
        Assert.Equal(ReportSources.Rules, report.Source);
        Assert.Equal(ParsedReportJson.Serialize(rules, includeSource: true), ParsedReportJson.Serialize(report, includeSource: true));
    }

    [Fact]
    public async Task A_timeout_falls_back_to_the_rules_result_within_the_configured_time()
    {
        _server.EnqueueChatReply(GoodAnswer, delay: TimeSpan.FromSeconds(10));
        using var understanding = Understanding(timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();

        var report = await understanding.Service.UnderstandAsync(Unsure);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"took {clock.Elapsed}");
        Assert.Equal(ReportSources.Rules, report.Source);
        Assert.Equal(ReportKinds.Report, report.Kind);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Rate_limits_and_server_errors_fall_back_to_the_rules_result_after_one_attempt(int status)
    {
        _server.EnqueueStatus(status).EnqueueStatus(status).EnqueueStatus(status);
        using var understanding = Understanding();

        var report = await understanding.Service.UnderstandAsync(Unsure);

        Assert.Equal(ReportSources.Rules, report.Source);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_message_the_rules_are_sure_of_never_reaches_the_llm()
    {
        using var understanding = Understanding();

        var report = await understanding.Service.UnderstandAsync(Sure);

        Assert.Empty(_server.Requests);
        Assert.Equal(ReportSources.Rules, report.Source);
        Assert.Equal(1, report.Action);
    }

    [Fact]
    public async Task Without_llm_configuration_or_with_the_llm_disallowed_only_the_rules_run()
    {
        _server.EnqueueChatReply(GoodAnswer);
        using var unconfigured = Understanding(configured: false);
        using var configured = Understanding();

        var a = await unconfigured.Service.UnderstandAsync(Unsure);
        var b = await configured.Service.UnderstandAsync(Unsure, allowLlm: false);

        Assert.Empty(_server.Requests);
        Assert.Equal(ReportSources.Rules, a.Source);
        Assert.Equal(ReportSources.Rules, b.Source);
    }

    [Fact]
    public async Task The_llm_may_reclassify_a_message_and_then_every_field_is_empty()
    {
        _server.EnqueueChatReply("""{"kind":"other","action":3,"people":["王强"],"confidence":0.9}""");
        using var understanding = Understanding();

        var report = await understanding.Service.UnderstandAsync(Unsure);

        Assert.Equal(ReportKinds.Other, report.Kind);
        Assert.Equal(ReportSources.Llm, report.Source);
        Assert.Null(report.Action);
        Assert.Empty(report.People);
    }

    private Owned Understanding(int timeoutSeconds = 20, bool configured = true)
    {
        var options = new TestOptions<LlmOptions>(new LlmOptions
        {
            Endpoint = configured ? _server.Endpoint.ToString() : "",
            Model = "fake-model",
            ApiKey = "sk-test",
            TimeoutSeconds = timeoutSeconds,
        });
        var extractor = new LlmReportExtractor(options, NullLogger<LlmReportExtractor>.Instance);
        return new Owned(new ReportUnderstanding(new FixedVocabularySource(), ReportParser.Instance, extractor, options), extractor);
    }

    private sealed class Owned(IReportUnderstanding service, IDisposable extractor) : IDisposable
    {
        public IReportUnderstanding Service { get; } = service;

        public void Dispose() => extractor.Dispose();
    }
}
