using System.Text.RegularExpressions;
using Bot.Data.Plans;

namespace Bot.Skills.Plans;

/// <summary>
/// Turns requirement sentences into per-period quantitative targets with canonical metric keys:
/// <c>每月开展3至4次专题调研</c> → research_trips per month 3..4, <c>全年调研天数不少于50天</c> → research_days per
/// year ≥ 50, <c>最少协调调度1个亿元以上重大项目</c> → projects ≥ 1 with a 1 亿元 threshold, <c>对全区各部门、乡、街…
/// 要至少走访一遍</c> → coverage of the unit roster.
/// </summary>
public static partial class TargetExtractor
{
    /// <summary>
    /// The targets of one sentence or paragraph. <c>AppliesTo</c> is empty when the text does not say who
    /// (the importer then decides from the action's responsibilities).
    /// </summary>
    public static List<Target> Extract(string text)
    {
        var targets = new List<Target>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return targets;
        }

        var subject = SubjectOf(text);
        var coverage = Coverage().IsMatch(text);
        if (coverage)
        {
            targets.Add(new Target
            {
                Metric = MetricKeys.Coverage,
                Per = PerOf(text) ?? Recurrences.Yearly,
                MinValue = 1,
                AppliesTo = subject,
                Text = text.Trim(),
            });
        }

        var quoted = QuotedRanges(text);
        foreach (var clause in Clauses(text))
        {
            foreach (Match q in Quantity().Matches(clause.Text))
            {
                var absolute = clause.Start + q.Index;
                if (quoted.Any(r => absolute >= r.Start && absolute < r.End) || (q.Index > 0 && clause.Text[q.Index - 1] == '第'))
                {
                    continue;
                }

                var unit = q.Groups["u"].Value;
                if (unit == "遍" || IsDailyOrWeekly(clause.Text))
                {
                    continue;
                }

                if (OncePerCadence(q, clause.Text))
                {
                    continue;
                }

                // A time limit is a deadline, never a target: 15个工作日内, 3天内, 10日内完成.
                if (IsTimeLimit(clause.Text.AsSpan(q.Index + q.Length), unit))
                {
                    continue;
                }

                var head = clause.Text[..q.Index];
                var tail = clause.Text[(q.Index + q.Length)..];
                var metric = MetricOf(clause.Text, head, tail, unit);
                if (metric is null)
                {
                    continue;
                }

                var a = ChineseNumerals.ParseDecimal(q.Groups["a"].Value);
                var b = q.Groups["b"].Success ? ChineseNumerals.ParseDecimal(q.Groups["b"].Value) : null;
                if (a is not double first || first < 0 || first > 100_000 || (b is double bb && bb < first))
                {
                    continue;
                }

                double? min = first, max = b ?? first;
                if (AtLeast().IsMatch(head) || TailAtLeast().IsMatch(tail))
                {
                    max = null;
                }
                else if (AtMost().IsMatch(head) || TailAtMost().IsMatch(tail))
                {
                    min = null;
                }

                double? threshold = null;
                if (metric == MetricKeys.Projects && Threshold().Match(tail) is { Success: true } t)
                {
                    var amount = t.Groups["n"].Success ? ChineseNumerals.ParseDecimal(t.Groups["n"].Value) ?? 1 : 1;
                    threshold = t.Groups["w"].Value == "万" ? amount / 10_000 : amount;
                }

                targets.Add(new Target
                {
                    Metric = metric,
                    Per = PerOf(clause.Text) ?? Recurrences.Yearly,
                    MinValue = min,
                    MaxValue = max,
                    Threshold = threshold,
                    AppliesTo = subject,
                    Text = clause.Text.Trim(),
                });
            }
        }

        return targets;
    }

    /// <summary>True when the clause carries a quantity of a known metric (so it is a target, not a duty).</summary>
    public static bool HasQuantity(string clause) => Extract(clause).Any(t => t.Metric != MetricKeys.Coverage);

    /// <summary>True when the text holds an Arabic-digit quantity ("3次", "2至3篇") outside quotes.</summary>
    public static bool HasNumberSignal(string text)
    {
        var quoted = QuotedRanges(text);
        return Quantity().Matches(text).Any(m => char.IsAsciiDigit(m.Value[0]) && !quoted.Any(r => m.Index >= r.Start && m.Index < r.End));
    }

    /// <summary>leader, river_chief, unit — or empty when the text does not say.</summary>
    internal static string SubjectOf(string text)
    {
        if (RiverChief().IsMatch(text))
        {
            return TargetSubjects.RiverChief;
        }

        if (Leader().IsMatch(text))
        {
            return TargetSubjects.Leader;
        }

        return UnitSubject().IsMatch(text) ? TargetSubjects.Unit : "";
    }

    /// <summary>month, quarter or year when the text names one (每月, 每季度, 全年 …).</summary>
    internal static string? PerOf(string text)
    {
        var m = Per().Match(text);
        if (!m.Success)
        {
            return null;
        }

        return m.Value switch
        {
            var v when v.Contains('月', StringComparison.Ordinal) => Recurrences.Monthly,
            var v when v.Contains('季', StringComparison.Ordinal) => Recurrences.Quarterly,
            _ => Recurrences.Yearly,
        };
    }

    private static bool IsDailyOrWeekly(string clause) => DailyOrWeekly().IsMatch(clause);

    // "每季度向区政府党组报告一次" is a duty (once per period), not a counted target.
    private static bool OncePerCadence(Match q, string clause) =>
        !q.Groups["b"].Success && q.Groups["u"].Value == "次" && q.Groups["a"].Value is "一" or "1" && Cadence().IsMatch(clause);

    private static string? MetricOf(string clause, string head, string tail, string unit)
    {
        // The noun after the quantity decides; the words just before it are the fallback ("调研天数不少于50天").
        var near = head.Length > 10 ? head[^10..] : head;
        if (Solve().IsMatch(clause) && (Problem().IsMatch(tail) || (tail.Length == 0 && Problem().IsMatch(near))))
        {
            return MetricKeys.ProblemsSolved;
        }

        if (Find().IsMatch(clause) && (Problem().IsMatch(tail) || (tail.Length == 0 && Problem().IsMatch(near))))
        {
            return MetricKeys.ProblemsFound;
        }

        return Noun(tail, unit, clause) ?? Noun(near, unit, clause);
    }

    private static string? Noun(string text, string unit, string clause)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (unit == "人次")
        {
            return clause.Contains("培训", StringComparison.Ordinal) ? MetricKeys.Trainees : null;
        }

        if (text.Contains("报告", StringComparison.Ordinal))
        {
            return MetricKeys.Reports;
        }

        if (text.Contains("成果", StringComparison.Ordinal))
        {
            return MetricKeys.Results;
        }

        if (text.Contains("措施", StringComparison.Ordinal) || text.Contains("政策", StringComparison.Ordinal))
        {
            return MetricKeys.Measures;
        }

        if (text.Contains("经验", StringComparison.Ordinal))
        {
            return MetricKeys.Experiences;
        }

        if (text.Contains("企业", StringComparison.Ordinal) || text.Contains("客商", StringComparison.Ordinal))
        {
            return MetricKeys.Enterprises;
        }

        if (text.Contains("项目", StringComparison.Ordinal))
        {
            return MetricKeys.Projects;
        }

        if (text.Contains("培训", StringComparison.Ordinal))
        {
            return MetricKeys.Trainings;
        }

        if (text.Contains("调研", StringComparison.Ordinal) || text.Contains("走访", StringComparison.Ordinal))
        {
            return unit == "天" ? MetricKeys.ResearchDays : unit is "次" or "场" ? MetricKeys.ResearchTrips : null;
        }

        if (Patrol().IsMatch(text))
        {
            return MetricKeys.Patrols;
        }

        if (text.Contains("宣传", StringComparison.Ordinal) || text.Contains("宣讲", StringComparison.Ordinal))
        {
            return MetricKeys.Events;
        }

        return null;
    }

    internal static IEnumerable<(int Start, string Text)> Clauses(string text)
    {
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || "，,；;。！!？?".Contains(text[i], StringComparison.Ordinal))
            {
                if (i > start)
                {
                    yield return (start, text[start..i]);
                }

                start = i + 1;
            }
        }
    }

    internal static List<(int Start, int End)> QuotedRanges(string text)
    {
        var ranges = new List<(int, int)>();
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '“')
            {
                open = i;
            }
            else if (text[i] == '”' && open >= 0)
            {
                ranges.Add((open, i + 1));
                open = -1;
            }
        }

        return ranges;
    }

    [GeneratedRegex(@"(?<a>\d+(?:\.\d+)?|[一二两三四五六七八九十百]{1,3})(?:\s*(?:至|到|-|—|~|～)\s*(?<b>\d+(?:\.\d+)?|[一二两三四五六七八九十百]{1,3}))?\s*(?<u>人次|次|篇|项|个|家|天|场|期|名|批|件|遍|条|所)")]
    private static partial Regex Quantity();

    /// <summary>True when the quantity is a time span (N个工作日内, N天内, N日内, N个月内): a deadline, not a count.</summary>
    internal static bool IsTimeLimit(ReadOnlySpan<char> tail, string unit)
    {
        tail = tail.TrimStart();
        if (unit == "个")
        {
            return tail.StartsWith("工作日", StringComparison.Ordinal) || tail.StartsWith("月内", StringComparison.Ordinal)
                   || tail.StartsWith("月底", StringComparison.Ordinal) || tail.StartsWith("小时", StringComparison.Ordinal);
        }

        return unit == "天" && (tail.StartsWith("内", StringComparison.Ordinal) || tail.StartsWith("之内", StringComparison.Ordinal)
                               || tail.StartsWith("以内", StringComparison.Ordinal));
    }

    [GeneratedRegex("最少|至少|不少于|不低于|不得少于|起码")]
    private static partial Regex AtLeast();

    [GeneratedRegex(@"^\s*(?:以上|及以上|或以上)")]
    private static partial Regex TailAtLeast();

    [GeneratedRegex("最多|不超过|不多于|不得超过")]
    private static partial Regex AtMost();

    [GeneratedRegex(@"^\s*(?:以内|以下|及以下)")]
    private static partial Regex TailAtMost();

    [GeneratedRegex(@"(?<n>\d+(?:\.\d+)?)?\s*(?<w>亿|万)元?以上")]
    private static partial Regex Threshold();

    [GeneratedRegex("全覆盖|覆盖面|走访一遍|走遍|全部走访|逐一走访|走访全覆盖")]
    private static partial Regex Coverage();

    [GeneratedRegex("解决|化解|破解|协调解决")]
    private static partial Regex Solve();

    [GeneratedRegex("发现|查找|梳理|排查|收集")]
    private static partial Regex Find();

    [GeneratedRegex("问题|难题|瓶颈")]
    private static partial Regex Problem();

    [GeneratedRegex("巡查|巡河|巡湖|检查")]
    private static partial Regex Patrol();

    [GeneratedRegex("河长|湖长")]
    private static partial Regex RiverChief();

    [GeneratedRegex("领导|区长|同志")]
    private static partial Regex Leader();

    [GeneratedRegex(@"^(?![对向在])[^，。；]{0,30}?(?:部门|单位|局|办|中心|乡|镇|街道|示范区)[^，。；]{0,6}?(?:要|应|须|必须|负责|牵头)")]
    private static partial Regex UnitSubject();

    [GeneratedRegex("每个?(?:半个?月|天|日|周|星期|旬|月|季度|季|半年|年)")]
    private static partial Regex Cadence();

    [GeneratedRegex("每个?月|月均|每个?季度|每季|季均|每年度?|全年|年度|年内")]
    private static partial Regex Per();

    [GeneratedRegex("每(?:天|日|周|星期)")]
    private static partial Regex DailyOrWeekly();
}
