using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.SemanticKernel;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// Report understanding as Semantic Kernel functions (<c>report-parse_report</c>, <c>report-classify_message</c>), for
/// code and for LLM function calling alike. Read-only: nothing is stored.
/// </summary>
public sealed class ReportPlugin(IReportUnderstanding understanding, TimeProvider time)
{
    /// <summary>The plugin name under which the functions are registered.</summary>
    public const string PluginName = "report";

    [KernelFunction("parse_report")]
    [Description("把一条工作群消息解析为进度汇报的结构化记录，返回 JSON：kind（report/correction/query/command/other）、action（实施方案行动序号）、activity（工作类别）、date/end_date、people、places、units、metrics（计数指标）、photos、confidence、missing（需向发送人追问的字段）。")]
    public async Task<string> ParseReportAsync(
        [Description("消息原文")] string text,
        [Description("发送人姓名")] string sender = "",
        [Description("发送时间，ISO 8601，例如 2026-05-12T10:00:00+08:00；不填为当前时间")] string? sentAt = null,
        [Description("随消息发送的图片张数")] int images = 0,
        CancellationToken cancellationToken = default)
    {
        var when = DateTimeOffset.TryParse(sentAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : time.GetUtcNow();
        var report = await understanding.UnderstandAsync(new ReportMessage(text ?? "", sender ?? "", when, Math.Max(0, images)), cancellationToken: cancellationToken);
        return ParsedReportJson.Serialize(report, includeSource: true);
    }

    [KernelFunction("classify_message")]
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Kernel functions are instance members of the plugin.")]
    [Description("判断一条工作群消息的类型：report（汇报工作）、correction（更正或撤回汇报）、query（查询信息）、command（让机器人执行指令）、other（寒暄等其他）。")]
    public string ClassifyMessage([Description("消息原文")] string text) => MessageClassifier.Classify(text).Kind;
}
