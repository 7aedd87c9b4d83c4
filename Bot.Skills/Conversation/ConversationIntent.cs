using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Skills.Conversation;

/// <summary>What a message says about an earlier report: withdraw it, restore it or correct it, and which one.</summary>
public enum ReportIntent
{
    None,
    Correction,
    Withdrawal,
    Restore,
}

/// <summary>
/// The syntax of messages about earlier reports, by form: a report number (<c>#12</c>, <c>第12条</c>) anywhere, a head
/// (更正/修改/修正/纠正/订正, 撤回/撤销/作废, 恢复) before or after the number, and the rest as the body.
/// </summary>
public static partial class ConversationIntent
{
    /// <summary>The intent of normalised text, or <see cref="ReportIntent.None"/>.</summary>
    public static ReportIntent Of(string text)
    {
        var rest = WithoutReference(text);
        if (WithdrawHead().IsMatch(rest))
        {
            return ReportIntent.Withdrawal;
        }

        if (RestoreHead().IsMatch(rest) && (ReportNumber(text) is not null || rest.Length <= 12))
        {
            return ReportIntent.Restore;
        }

        return CorrectionHead().IsMatch(rest) || (ReportNumber(text) is not null && CorrectionWord().IsMatch(rest))
            ? ReportIntent.Correction
            : ReportIntent.None;
    }

    /// <summary>The report number the text names (<c>#12</c>, <c>＃12</c>, <c>第12条</c>), or null.</summary>
    public static long? ReportNumber(string text) =>
        Reference().Match(text) is { Success: true } m && long.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>
    /// The report named by a quoted bot confirmation in a platform payload (a reply to “✅ 已记录 #12：…”), or null.
    /// </summary>
    public static long? QuotedReportNumber(string? raw) =>
        raw is not null && QuotedConfirmation().Match(raw) is { Success: true } m
        && long.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The text without its report number.</summary>
    public static string WithoutReference(string text) => Reference().Replace(text, " ").Trim(' ', '，', ',', '：', ':');

    /// <summary>The body of a correction: the text without its report number and head (更正：, 刚才汇报的 …).</summary>
    public static string CorrectionBody(string text)
    {
        var t = WithoutReference(text);
        t = CorrectionHead().Replace(t, "");
        t = EarlierMessage().Replace(t, "");
        return t.Trim(' ', '：', ':', '，', ',', '。');
    }

    [GeneratedRegex(@"(?:[#＃]\s*(?<n>\d{1,12})|第\s*(?<n>\d{1,12})\s*条(?:汇报)?)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"已(?:记录|更正|撤回|恢复)\s*(?:第|[#＃])\s*(?<n>\d{1,12})")]
    private static partial Regex QuotedConfirmation();

    [GeneratedRegex(@"^\s*(?:撤回|撤销|作废|删除(?:上|刚才|这|那)|删掉(?:上|刚才|这|那))")]
    private static partial Regex WithdrawHead();

    [GeneratedRegex(@"^\s*恢复(?:汇报|刚才|上|这|那|$|\s)")]
    private static partial Regex RestoreHead();

    [GeneratedRegex(@"^\s*(?:更正|修改|修正|纠正|订正)(?:一下|为)?\s*[：:，,]?\s*")]
    private static partial Regex CorrectionHead();

    [GeneratedRegex(@"^\s*(?:刚才|刚刚|上条|上一条|前一条|那条|之前)(?:汇报|报)?(?:的|那条)?(?:汇报)?(?:不对|有误|错了)?\s*[：:，,]?\s*")]
    private static partial Regex EarlierMessage();

    [GeneratedRegex(@"更正|修改|修正|纠正|订正|改为|改成|应为|不是")]
    private static partial Regex CorrectionWord();
}
