using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Skills.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Bot.Skills.Plans;

/// <summary>The optional LLM pass of the plan import.</summary>
public interface IPlanLlmExtractor
{
    /// <summary>
    /// Sends the requirement sentences the rules turned into nothing (<see cref="PlanImportResult.OpenRequirements"/>)
    /// to the configured LLM for JSON extraction and adds every target that passes validation. Does nothing when no LLM
    /// is configured; never throws on a bad answer, an HTTP error or a timeout. Returns the number of targets added.
    /// </summary>
    Task<int> EnrichAsync(PlanImportResult result, CancellationToken cancellationToken = default);
}

internal sealed partial class LlmTargetExtractor(IOptions<LlmOptions> options, ILoggerFactory loggerFactory, IHttpClientFactory? httpClients = null) : IPlanLlmExtractor
{
    internal const int MaxSentences = 40;
    private const double MaxValue = 10_000;

    private static readonly HashSet<string> Periods = new(StringComparer.Ordinal) { Recurrences.Monthly, Recurrences.Quarterly, Recurrences.Yearly };

    private static readonly HashSet<string> Subjects = new(StringComparer.Ordinal)
    {
        TargetSubjects.Leader, TargetSubjects.Unit, TargetSubjects.RiverChief, TargetSubjects.All,
    };

    private readonly ILogger _logger = loggerFactory.CreateLogger<LlmTargetExtractor>();

    public async Task<int> EnrichAsync(PlanImportResult result, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!o.IsConfigured || result.OpenRequirements.Count == 0)
        {
            return 0;
        }

        var sentences = result.OpenRequirements.Take(MaxSentences).ToList();
        var content = await AskAsync(o, sentences, cancellationToken);
        if (content is null)
        {
            return 0;
        }

        var accepted = Validate(content, sentences, _logger);
        foreach (var (sentence, target) in accepted)
        {
            result.Plan.Actions.FirstOrDefault(a => a.Number == sentence.ActionNumber)?.Targets.Add(target);
        }

        foreach (var sentence in accepted.Select(a => a.Sentence).Distinct())
        {
            result.OpenRequirements.Remove(sentence);
        }

        result.LlmTargets += accepted.Count;
        PlanImportLog.LlmAccepted(_logger, accepted.Count, sentences.Count);
        return accepted.Count;
    }

    private async Task<string?> AskAsync(LlmOptions o, List<RequirementSentence> sentences, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Clamp(o.TimeoutSeconds, 1, 600));
        using var http = LlmCalls.CreateClient(httpClients, timeout + TimeSpan.FromSeconds(5));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var call = LlmCalls.Start("plan");
        try
        {
            var builder = Kernel.CreateBuilder();
            builder.Services.AddSingleton(loggerFactory);
            builder.AddOpenAIChatCompletion(o.Model!, new Uri(o.Endpoint!), o.ApiKey, httpClient: http);
            var chat = builder.Build().GetRequiredService<IChatCompletionService>();
            var history = new ChatHistory(SystemPrompt);
            history.AddUserMessage(UserPrompt(sentences));
            var settings = new OpenAIPromptExecutionSettings { Temperature = 0 };
            var reply = await chat.GetChatMessageContentAsync(history, settings, cancellationToken: cts.Token);
            call.Finish("ok");
            return reply.Content;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            call.Finish("timeout");
            PlanImportLog.LlmTimedOut(_logger, timeout.TotalSeconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            call.Finish("failed");
            PlanImportLog.LlmFailed(_logger, ex.Message);
        }

        return null;
    }

    internal const string SystemPrompt = """
        你是政府实施方案（行动方案）的解析助手。从每条要求句子中提取量化指标，只输出 JSON，不要任何解释。
        You extract quantitative per-period targets from Chinese plan requirements. Answer with JSON only.
        metric 只能取以下之一 (one of): research_trips 专题调研次数, research_days 调研天数, reports 调研报告篇数,
        results 调研成果转化项数, measures 政策措施项数, problems_found 发现问题个数, problems_solved 解决问题个数,
        enterprises 对接/走访企业家数, projects 项目个数, investment 投资额（亿元）, trainings 培训项/次, trainees 培训人次,
        patrols 巡查次数, events 宣传/活动场次, experiences 学习借鉴经验项数, coverage 走访覆盖面（1 表示全部走访）.
        per 只能是 month、quarter、year（未说明时为 year）。applies_to 为 leader（每位领导）、unit（部门单位）或 river_chief。
        min/max 为数字或 null（“不少于3”→ min 3, max null；“2至3”→ 2, 3；“1项”→ 1, 1）。threshold 为“亿元以上”之类的门槛（亿元），否则 null。
        没有量化指标的句子不要输出。格式 (format):
        {"targets":[{"index":1,"metric":"reports","per":"year","min":2,"max":3,"threshold":null,"applies_to":"leader"}]}
        """;

    internal static string UserPrompt(IReadOnlyList<RequirementSentence> sentences)
    {
        var builder = new StringBuilder("句子 (sentences):\n");
        for (var i = 0; i < sentences.Count; i++)
        {
            builder.Append(i + 1).Append(". ").Append(sentences[i].Text.ReplaceLineEndings(" ")).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Reads the LLM answer; keeps only well-formed targets whose every field is valid.</summary>
    internal static List<(RequirementSentence Sentence, Target Target)> Validate(string content, IReadOnlyList<RequirementSentence> sentences, ILogger logger)
    {
        var accepted = new List<(RequirementSentence, Target)>();
        var start = content.IndexOf('{', StringComparison.Ordinal);
        var end = content.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            PlanImportLog.LlmNoJson(logger);
            return accepted;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content[start..(end + 1)]);
        }
        catch (JsonException ex)
        {
            PlanImportLog.LlmMalformed(logger, ex.Message);
            return accepted;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("targets", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                PlanImportLog.LlmNoTargets(logger);
                return accepted;
            }

            var seen = new HashSet<(int, string, double?, double?)>();
            foreach (var item in items.EnumerateArray())
            {
                if (Read(item, sentences) is { } candidate && seen.Add((candidate.Index, candidate.Target.Metric, candidate.Target.MinValue, candidate.Target.MaxValue)))
                {
                    accepted.Add((sentences[candidate.Index - 1], candidate.Target));
                }
                else
                {
                    PlanImportLog.LlmRejected(logger, item.GetRawText());
                }
            }
        }

        return accepted;
    }

    private static (int Index, Target Target)? Read(JsonElement item, IReadOnlyList<RequirementSentence> sentences)
    {
        if (item.ValueKind != JsonValueKind.Object ||
            !item.TryGetProperty("index", out var indexElement) || !indexElement.TryGetInt32(out var index) || index < 1 || index > sentences.Count ||
            String(item, "metric") is not { } metric || !MetricKeys.IsKnown(metric))
        {
            return null;
        }

        var per = String(item, "per") ?? Recurrences.Yearly;
        var subject = String(item, "applies_to") ?? TargetSubjects.Leader;
        if (!Periods.Contains(per) || !Subjects.Contains(subject) ||
            !Number(item, "min", out var min) || !Number(item, "max", out var max) || !Number(item, "threshold", out var threshold))
        {
            return null;
        }

        if ((min is null && max is null) || (min is double a && max is double b && a > b) || threshold is <= 0)
        {
            return null;
        }

        // Numbers must come from the sentence (coverage may say 1 = every unit without writing it).
        var text = sentences[index - 1].Text;
        var written = NumbersIn(text);
        foreach (var value in new[] { min, max })
        {
            if (value is double v && !written.Contains(v) && !(metric == MetricKeys.Coverage && v == 1))
            {
                return null;
            }
        }

        return (index, new Target
        {
            Metric = metric,
            Per = per,
            MinValue = min,
            MaxValue = max,
            Threshold = threshold,
            AppliesTo = subject,
            Text = text,
        });
    }

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s ? s.Trim() : null;

    // True when the property is absent, null, or a sane non-negative number.
    private static bool Number(JsonElement item, string name, out double? value)
    {
        value = null;
        if (!item.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || double.IsNaN(d) || d < 0 || d > MaxValue)
        {
            return false;
        }

        value = d;
        return true;
    }

    private static HashSet<double> NumbersIn(string text) =>
        [.. NumberToken().Matches(text).Select(m => ChineseNumerals.ParseDecimal(m.Value)).OfType<double>()];

    [GeneratedRegex(@"\d+(?:\.\d+)?|[一二两三四五六七八九十百]{1,4}")]
    private static partial Regex NumberToken();
}
