using System.Globalization;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Skills.ProgressReports;
using Bot.Skills.Scorecards;

namespace Bot.Skills.Conversation;

/// <summary>The texts the bot writes about a report: the one-line summary, the follow-up question, short forms of values.</summary>
public static class ReportTexts
{
    public const string CorrectionHint = "如有错误请发送“更正：……”（或“#编号 更正：……”）或“撤回”。";

    /// <summary>One line: ✅ 已记录 #12：5月12日 · 行动一“大走访大调研” · 调研 · 平西乡 · 专题调研1次、调研天数1天.</summary>
    public static string Summary(ProgressReport report, Plan? plan)
    {
        var parts = new List<string> { report.WorkDate is DateOnly d ? Range(d, report.EndDate) : "日期未填" };
        var action = plan?.Actions.FirstOrDefault(a => a.Number == report.Action);
        parts.Add(action is null ? "未关联行动" : $"行动{Numeral(action.Number)}“{RosterLookup.Core(action.Title)}”");
        if (report.Activity is not null)
        {
            parts.Add(report.Activity);
        }

        if (report.Places.Count > 0)
        {
            parts.Add(string.Join("、", report.Places));
        }

        if (report.Metrics.Count > 0)
        {
            parts.Add(string.Join("、", report.Metrics.Select(kv => $"{MetricCatalog.Label(kv.Key)}{MetricCatalog.Format(kv.Value)}{MetricCatalog.Unit(kv.Key)}")));
        }

        if (report.Photos > 0)
        {
            parts.Add($"照片{report.Photos}张");
        }

        var who = report.MemberName == report.ReportedBy ? "" : $"（代{report.MemberName}）";
        return $"✅ 已记录 #{report.Id}{who}：{string.Join(" · ", parts)}";
    }

    /// <summary>The one question for the first missing field the bot asks about, or null when nothing is missing.</summary>
    public static (string Field, string Text)? Question(ProgressReport report)
    {
        if (report.WorkDate is null && report.Missing.Contains(ReportFields.Date))
        {
            return (ReportFields.Date, $"请问第{report.Id}条汇报的工作是哪天开展的？请回复日期，例如“5月12日”或“昨天”。");
        }

        if (report.Action is null && report.Missing.Contains(ReportFields.Action))
        {
            return (ReportFields.Action, $"请问第{report.Id}条汇报属于实施方案的哪项行动？请回复行动名称或编号，例如“大招商”或“2”。");
        }

        return null;
    }

    /// <summary>True while <paramref name="field"/> is still missing from the report.</summary>
    public static bool IsMissing(ProgressReport report, string field) => field switch
    {
        ReportFields.Date => report.WorkDate is null,
        ReportFields.Action => report.Action is null,
        _ => false,
    };

    /// <summary>The values recorded in the audit log.</summary>
    public static object Snapshot(ProgressReport r) => new
    {
        r.Id, r.Version, r.MemberName, r.Action, r.Activity,
        date = r.WorkDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        end_date = r.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.People, r.Places, r.Units, r.Metrics, r.Photos, r.Withdrawn,
    };

    /// <summary>A copy to amend as the next version.</summary>
    public static ProgressReport Copy(ProgressReport r) => new()
    {
        InboxId = r.InboxId, MemberId = r.MemberId, MemberName = r.MemberName, ReportedBy = r.ReportedBy, PlanId = r.PlanId, Action = r.Action,
        Activity = r.Activity, WorkDate = r.WorkDate, EndDate = r.EndDate, People = [.. r.People], Places = [.. r.Places], Units = [.. r.Units],
        Metrics = new Dictionary<string, double>(r.Metrics, StringComparer.Ordinal), Photos = r.Photos, Confidence = r.Confidence,
        Missing = [.. r.Missing], RawText = r.RawText, Source = r.Source,
    };

    /// <summary>“#12 5月12日 平西乡调研…”: a candidate line when the bot asks which report is meant.</summary>
    public static string Candidate(ProgressReport r) => $"#{r.Id} {Day(r.WorkDate)} {Short(r.RawText)}";

    public static string Range(DateOnly d, DateOnly? end) =>
        end is DateOnly e && e != d ? $"{d.Month}月{d.Day}日至{(e.Month == d.Month ? "" : $"{e.Month}月")}{e.Day}日" : $"{d.Month}月{d.Day}日";

    public static string Day(DateOnly? d) => d is DateOnly x ? $"{x.Month}月{x.Day}日" : "日期未填";

    public static string Numeral(int n) => n is >= 1 and <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString(CultureInfo.InvariantCulture);

    public static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 24 ? line : line[..24] + "…";
    }
}
