using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Skills.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Skills.ProgressReports;

/// <summary>Asks an LLM for the record of a message the rules are unsure of.</summary>
public interface ILlmReportExtractor
{
    /// <summary>
    /// The LLM's record merged with <paramref name="rules"/> and marked <c>llm</c>; null when no LLM is configured or
    /// the call failed (invalid JSON, timeout, 429, 5xx …). Never throws for the LLM's failures.
    /// </summary>
    Task<ParsedReport?> ExtractAsync(ReportMessage message, ParsedReport rules, ReportVocabulary vocabulary, CancellationToken cancellationToken = default);
}

/// <summary>
/// Calls the OpenAI-compatible endpoint of <see cref="LlmOptions"/> through Semantic Kernel's OpenAI connector with a
/// JSON-schema prompt (the plan's actions, the allowed values, the message time), then checks the answer field by
/// field: kind and activity from the allowed sets, action among the plan's, ISO dates near the message time,
/// canonical metric keys with non-negative numbers, short strings. Valid fields win over the rules; the rest stays.
/// </summary>
internal sealed class LlmReportExtractor(IOptionsMonitor<LlmOptions> options, ILogger<LlmReportExtractor> logger, IHttpClientFactory? httpClients = null) : ILlmReportExtractor, IDisposable
{
    private const int MaxNames = 12;
    private const int MaxNameLength = 40;

    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    // One client for every call (the factory's pooled handler and resilience pipeline when the host has one); the
    // per-call timeout comes from LlmOptions.
    private readonly HttpClient _http = LlmCalls.CreateClient(httpClients, Timeout.InfiniteTimeSpan);
    private readonly Lock _gate = new();
    private (string Key, IChatCompletionService Chat)? _chat;

    public async Task<ParsedReport?> ExtractAsync(ReportMessage message, ParsedReport rules, ReportVocabulary vocabulary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var o = options.CurrentValue;
        if (!o.IsConfigured)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, o.TimeoutSeconds)));
        string? content;
        var call = LlmCalls.Start("report");
        try
        {
            var history = new ChatHistory(SystemPrompt(message, rules, vocabulary));
            history.AddUserMessage(message.Text);
            var settings = new OpenAIPromptExecutionSettings { Temperature = 0 };
            var reply = await ChatFor(o).GetChatMessageContentAsync(history, settings, kernel: null, timeout.Token);
            content = reply.Content;
            call.Finish("ok");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            call.Finish(timeout.IsCancellationRequested ? "timeout" : "failed");
            // Timeouts, 429, 5xx, refused connections: the rules result stands.
            var status = ex is HttpOperationException http ? http.StatusCode?.ToString() : null;
            ParserLog.LlmFailed(logger, timeout.IsCancellationRequested ? "timeout" : ex.GetType().Name, status is null ? "" : " " + status);
            return null;
        }

        var merged = Merge(content, message, rules, vocabulary);
        if (merged is null)
        {
            ParserLog.LlmUnusable(logger);
        }

        return merged;
    }

    public void Dispose() => _http.Dispose();

    private IChatCompletionService ChatFor(LlmOptions o)
    {
        var key = string.Join('\n', o.Endpoint, o.Model, o.ApiKey);
        lock (_gate)
        {
            if (_chat is { } cached && string.Equals(cached.Key, key, StringComparison.Ordinal))
            {
                return cached.Chat;
            }

            var kernel = Kernel.CreateBuilder()
                .AddOpenAIChatCompletion(o.Model, new Uri(o.Endpoint), o.ApiKey, httpClient: _http)
                .Build();
            var chat = kernel.GetRequiredService<IChatCompletionService>();
            _chat = (key, chat);
            return chat;
        }
    }

    /// <summary>The instructions: the schema, the allowed values, the plan's actions, the message time and the rules' guess.</summary>
    internal static string SystemPrompt(ReportMessage message, ParsedReport rules, ReportVocabulary vocabulary)
    {
        var sb = new StringBuilder();
        sb.Append("""
            你是区政府“实施方案”进度汇报的信息抽取器。阅读一条工作群消息，只输出一个 JSON 对象，不要输出解释、不要使用代码块。
            JSON 的字段固定如下：
            {"kind": "report|correction|query|command|other",
             "action": 方案行动序号（整数）或 null,
             "activity": "调研|招商|项目|河长|培训|宣传|民生|攻坚|会议|其他" 或 null,
             "date": "YYYY-MM-DD" 或 null,
             "end_date": "YYYY-MM-DD" 或 null,
             "people": ["做这项工作的人名，不带职务，带队的在前"],
             "places": ["到过或涉及的乡、镇、街道、村、社区、园区、开发区、河段、水库、企业、城市，照原文写"],
             "units": ["涉及的政府部门；本区部门写全称简称如“区发改局”，上级部门照原文写如“省发改委”"],
             "metrics": {"键": 数值},
             "confidence": 0到1之间的小数}
            kind：report=汇报已做或已定日期要做的工作；correction=更正或撤回之前的汇报；query=询问信息；command=让机器人做事（帮助、导出、催报、销号）；other=寒暄、感谢等。kind 不是 report 时其余字段为 null 或空。
            activity：调研=走访、蹲点、现场办公、座谈；招商=招商引资、签约、洽谈、跑部跑厅争取项目资金；项目=项目踏查、开工、调度、手续、融资；河长=巡河巡湖、河长制湖长制；攻坚=脱贫攻坚、污染防治、环保督察整改、防范化解风险；培训=举办或参加培训班；宣传=政策宣讲、解读、宣传；民生=棚户区改造、厕所革命、供暖、就业、养老等民生实事；会议=汇报内容就是开会；其他=与方案无关。
            metrics 的键只能取：research_trips（调研次数）、research_days（调研天数）、reports（调研报告篇数）、results（成果转化项数）、measures（政策措施项数）、problems_found（发现问题数）、problems_solved（解决问题数）、enterprises（走访或对接企业家数）、projects（项目个数）、investment（金额，单位亿元，5000万元=0.5，外币不计）、trainings（培训班期数）、trainees（培训人次）、patrols（巡查次数）、events（宣传活动场次）、experiences（学习借鉴经验项数）。只写消息里说到的数，值为非负数。
            """);
        sb.Append('\n');
        if (vocabulary.Actions.Count > 0)
        {
            sb.Append("实施方案的行动（action 取其中的序号）：\n");
            foreach (var a in vocabulary.Actions)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{a.Number} {a.Name}\n");
            }
        }
        else
        {
            sb.Append("当前没有导入实施方案，action 一律为 null。\n");
        }

        var local = Shanghai.ToLocal(message.SentAt);
        sb.Append(CultureInfo.InvariantCulture, $"发送人：{message.Sender}；发送时间：{local:yyyy-MM-dd HH:mm}（北京时间，{local.DayOfWeek}）。");
        sb.Append("“今天、昨天、上周三”等按发送时间换算；只有月份或“近日、本月”时 date 为 null；日期范围写 date 和 end_date；没有点名做事的人时 people 为 [发送人]。\n");
        sb.Append("规则解析器的初步结果（可能有误，仅供参考）：");
        sb.Append(ParsedReportJson.Serialize(rules));
        return sb.ToString();
    }

    /// <summary>
    /// Validates the LLM's answer field by field and merges it with the rules result; null when the answer is not a
    /// JSON object or names no valid kind.
    /// </summary>
    internal static ParsedReport? Merge(string? content, ReportMessage message, ParsedReport rules, ReportVocabulary vocabulary)
    {
        if (ExtractObject(content) is not { } json)
        {
            return null;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Lenient);
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var kind = Get(root, "kind") is { ValueKind: JsonValueKind.String } k && ReportKinds.All.Contains(k.GetString()!, StringComparer.Ordinal)
                ? k.GetString()!
                : null;
            if (kind is null)
            {
                return null;
            }

            var confidence = Get(root, "confidence") is { ValueKind: JsonValueKind.Number } c && c.TryGetDouble(out var cv) && cv is >= 0 and <= 1 ? cv : 0.8;
            confidence = Math.Round(Math.Min(0.95, Math.Max(rules.Confidence, confidence)), 2);
            if (!string.Equals(kind, ReportKinds.Report, StringComparison.Ordinal))
            {
                return ParsedReport.NonReport(kind, confidence) with { Source = ReportSources.Llm };
            }

            var fromRules = rules.IsReport;
            var today = Shanghai.Today(message.SentAt);
            var action = ReadAction(root, vocabulary, fromRules ? rules.Action : null);
            var activity = ReadActivity(root, fromRules ? rules.Activity : null) ?? Activities.Other;
            var date = ReadDate(root, "date", today, fromRules ? rules.Date : null);
            var endDate = ReadDate(root, "end_date", today, fromRules ? rules.EndDate : null);
            if (date is null || endDate <= date)
            {
                endDate = null;
            }

            var people = ReadNames(root, "people") ?? (fromRules ? rules.People : []);
            if (people.Count == 0 && !string.IsNullOrWhiteSpace(message.Sender))
            {
                people = [message.Sender.Trim()];
            }

            return new ParsedReport
            {
                Kind = ReportKinds.Report,
                Action = action,
                Activity = activity,
                Date = date,
                EndDate = endDate,
                People = people,
                Places = ReadNames(root, "places") ?? (fromRules ? rules.Places : []),
                Units = ReadNames(root, "units") ?? (fromRules ? rules.Units : []),
                Metrics = ReadMetrics(root, fromRules ? rules.Metrics : ReportMetrics.Empty),
                Photos = Math.Max(0, message.Images),
                Confidence = confidence,
                Missing = ReportParser.MissingOf(action, date, activity, message.Images, TextNormalizer.Normalize(message.Text)),
                Source = ReportSources.Llm,
            };
        }
    }

    /// <summary>The JSON object in an answer, without code fences or chatter around it.</summary>
    private static string? ExtractObject(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        var start = content.IndexOf('{', StringComparison.Ordinal);
        var end = content.LastIndexOf('}');
        return start >= 0 && end > start ? content[start..(end + 1)] : null;
    }

    private static JsonElement? Get(JsonElement root, string name) => root.TryGetProperty(name, out var v) ? v : null;

    private static int? ReadAction(JsonElement root, ReportVocabulary vocabulary, int? fallback)
    {
        switch (Get(root, "action"))
        {
            case { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var a) && vocabulary.HasAction(a):
                return a;
            case { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var a) && vocabulary.HasAction(a):
                return a;
            default:
                return fallback;
        }
    }

    private static string? ReadActivity(JsonElement root, string? fallback) => Get(root, "activity") switch
    {
        { ValueKind: JsonValueKind.String } s when Activities.IsKnown(s.GetString()) => s.GetString(),
        _ => fallback,
    };

    private static DateOnly? ReadDate(JsonElement root, string name, DateOnly today, DateOnly? fallback)
    {
        switch (Get(root, name))
        {
            case { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.String } s
                when DateOnly.TryParseExact(s.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                     && Math.Abs(d.DayNumber - today.DayNumber) <= 400:
                return d;
            default:
                return fallback;
        }
    }

    /// <summary>A list of short names; invalid entries are dropped; null when the field is missing, not a list or empty.</summary>
    private static string[]? ReadNames(JsonElement root, string name)
    {
        if (Get(root, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var s = item.GetString()!.Trim();
            if (s.Length is > 0 and <= MaxNameLength && !s.Any(char.IsControl) && !names.Contains(s, StringComparer.Ordinal) && names.Count < MaxNames)
            {
                names.Add(s);
            }
        }

        return names.Count > 0 ? [.. names] : null;
    }

    /// <summary>The rules' metrics overlaid with the LLM's valid ones (canonical key, finite number ≥ 0).</summary>
    private static ReportMetrics ReadMetrics(JsonElement root, ReportMetrics fallback)
    {
        var builder = default(ReportMetrics.Builder);
        foreach (var (key, value) in fallback)
        {
            builder.Set(MetricKeys.IndexOf(key), value);
        }

        if (Get(root, "metrics") is { ValueKind: JsonValueKind.Object } metrics)
        {
            foreach (var p in metrics.EnumerateObject())
            {
                var index = MetricKeys.IndexOf(p.Name);
                if (index >= 0 && p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetDouble(out var v) && double.IsFinite(v) && v is >= 0 and < 1e7)
                {
                    builder.Set(index, v);
                }
            }
        }

        return builder.Build();
    }
}
