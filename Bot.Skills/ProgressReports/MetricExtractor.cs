using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// Reads the counters a report states, with the canonical keys: 走访企业十二家 → enterprises 12, 培训学员150余人 →
/// trainees 150, 总投资5000万元 → investment 0.5 (亿元), 发现问题4处，已整改3处 → problems 4/3, plus the implied ones
/// (one dated research visit, one river patrol). Numbers that count nothing listed (12.6公里, 312户, 70%, 第12次)
/// are not metrics.
/// </summary>
internal static partial class MetricExtractor
{
    // A number (Arabic or Chinese numerals), optionally followed by 余/多 ("150余人" = 150).
    private const string N = @"(?<n>\d+(?:\.\d+)?|[零〇一二两俩三四五六七八九十百千]+)[余多]?";

    // A character inside one clause.
    private const string W = @"[^,;。!?\n:]";

    private const RegexOptions Options = RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant;

    [GeneratedRegex("(?:调研|蹲点)(?:活动)?(?:共|累计|共计)?" + N + "次|(?<!第)" + N + "次(?:专题|实地)?(?:调研|蹲点)", Options)]
    private static partial Regex ResearchTrips();

    [GeneratedRegex("(?:调研|蹲点)(?:共|累计|共计)?(?:[0-9零一二两三四五六七八九十]+[余多]?次[、,和])?" + N + "天|(?<!第)" + N + "天(?:的)?(?:专题)?(?:调研|蹲点)|调研天数(?:为|达|共|累计)?" + N, Options)]
    private static partial Regex ResearchDays();

    [GeneratedRegex("报告" + N + "篇|(?<!第)" + N + "篇" + W + "{0,6}?报告", Options)]
    private static partial Regex Reports();

    [GeneratedRegex("成果" + N + "[项个]|(?<!第)" + N + "[项个](?:调研)?成果", Options)]
    private static partial Regex Results();

    [GeneratedRegex("措施" + N + "[项条个]|(?<!第)" + N + "[项条个]" + W + "{0,6}?措施", Options)]
    private static partial Regex Measures();

    [GeneratedRegex("经验(?:做法|模式)?" + N + "[项条个]|(?<!第)" + N + "[项条个]" + W + "{0,6}?经验", Options)]
    private static partial Regex Experiences();

    [GeneratedRegex("(?:企业|公司|厂家|商户)" + N + "[家户个]|(?<!第)" + N + "[家户个]" + W + "{0,6}?(?:企业|公司)", Options)]
    private static partial Regex Enterprises();

    // "3个村的庭院经济项目" counts villages, not projects: no 的 between the count and 项目.
    [GeneratedRegex("项目" + N + "[个项]|(?<!第)" + N + "[个项][^,;。!?\n:的]{0,8}?项目", Options)]
    private static partial Regex Projects();

    [GeneratedRegex(N + "(?<k>千)?(?<u>亿|万)元", Options)]
    private static partial Regex Money();

    [GeneratedRegex("培训班?" + W + "{0,3}?" + N + "(?:期|场|次|个班|班)|(?<!第)" + N + "(?:期|场)" + W + "{0,8}?培训", Options)]
    private static partial Regex Trainings();

    [GeneratedRegex("(?:培训|参训|学员)" + W + "{0,8}?" + N + "(?:人次|人|名)|(?<!第)" + N + "(?:人次|名|人)" + W + "{0,6}?(?:参加|参训|接受)" + W + "{0,4}?培训", Options)]
    private static partial Regex Trainees();

    [GeneratedRegex("(?:巡河|巡湖|巡查|巡检|巡护)" + W + "{0,3}?" + N + "次|(?<!第)" + N + "次" + W + "{0,4}?(?:巡河|巡湖|巡查|巡检)", Options)]
    private static partial Regex Patrols();

    [GeneratedRegex("(?:活动|宣讲会|宣讲|讲座|招聘会|推介会|宣传|展会|义诊|专场)" + W + "{0,3}?" + N + "(?:场|次|期)|(?<!第)" + N + "(?:场|期)" + W + "{0,8}?(?:活动|宣讲|讲座|招聘会|推介会|展会|义诊)", Options)]
    private static partial Regex Events();

    [GeneratedRegex("(?:发现|排查出|排查|查找出|查找|查摆出|查摆|查出|梳理出|梳理|列出|收集|征集|摸排出|摸排|存在)(?<w>" + W + "{0,12}?)" + N + "(?:个|处|项|条|件)(?<t>" + W + "{0,4})", Options)]
    private static partial Regex ProblemsFound();

    [GeneratedRegex("(?:整改|解决|化解|处置|销号|办结)(?:完成|到位|完毕|了)?(?<w>" + W + "{0,12}?)" + N + "(?:个|处|项|条|件)", Options)]
    private static partial Regex ProblemsSolved();

    [GeneratedRegex("(?<!第)" + N + "(?:个|处|项|条|件)(?<w>" + W + "{0,8}?)(?:问题|隐患)(?<g>" + W + "{0,6}?)(?:整改|解决|化解|销号|办结)", Options)]
    private static partial Regex ProblemsSolvedAfter();

    private static readonly string[] ProblemNouns = ["问题", "隐患", "风险", "难点", "短板", "违规", "违法", "违建", "诉求", "困难", "矛盾", "垃圾", "排污"];
    private static readonly string[] NotDone = ["限期", "督促", "要求", "交办", "责令", "正在", "计划", "方案", "剩余", "待", "将", "未"];
    private static readonly string[] DoneWords = ["整改", "解决", "处置", "清理", "劝离", "销号", "办结"];
    private static readonly string[] InvestmentWords = ["投资", "投入", "贷款", "融资", "资金", "签约", "协议", "合同", "金额", "总额", "到位", "争取", "引资", "引进"];
    private static readonly string[] PatrolWords = ["巡河", "巡湖", "巡查", "巡检", "检查", "督查", "巡护"];
    private static readonly string[] Summaries = ["本周", "本月", "累计", "每周", "每天", "每日", "多次", "本季度", "月份", "上半年", "全年"];

    private const int TripsKey = 0, DaysKey = 1, ReportsKey = 2, ResultsKey = 3, MeasuresKey = 4, FoundKey = 5, SolvedKey = 6,
        EnterprisesKey = 7, ProjectsKey = 8, InvestmentKey = 9, TrainingsKey = 10, TraineesKey = 11, PatrolsKey = 12, EventsKey = 13, ExperiencesKey = 14;

    public static ReportMetrics Extract(string text, int activity, in DateFinding date)
    {
        var b = default(ReportMetrics.Builder);
        Count(ResearchTrips(), text, TripsKey, ref b);
        Count(ResearchDays(), text, DaysKey, ref b);
        Count(Reports(), text, ReportsKey, ref b);
        Count(Results(), text, ResultsKey, ref b);
        Count(Measures(), text, MeasuresKey, ref b);
        Problems(text, ref b);
        Count(Enterprises(), text, EnterprisesKey, ref b);
        Count(Projects(), text, ProjectsKey, ref b);
        Investment(text, ref b);
        Count(Trainings(), text, TrainingsKey, ref b);
        Count(Trainees(), text, TraineesKey, ref b);
        Count(Patrols(), text, PatrolsKey, ref b);
        Count(Events(), text, EventsKey, ref b);
        Count(Experiences(), text, ExperiencesKey, ref b);
        Implied(text, activity, date, ref b);
        return b.Build();
    }

    private static void Count(Regex regex, string text, int key, ref ReportMetrics.Builder b)
    {
        if (!b.Has(key) && Read(regex.Match(text), out var value))
        {
            b.Set(key, value);
        }
    }

    private static bool Read(Match m, out double value)
    {
        value = 0;
        return m.Success && ChineseNumerals.TryParse(m.Groups["n"].ValueSpan, out value) && value >= 0;
    }

    private static void Investment(string text, ref ReportMetrics.Builder b)
    {
        for (var m = Money().Match(text); m.Success; m = m.NextMatch())
        {
            var after = text.AsSpan(m.Index + m.Length);
            if (after.StartsWith("以上") || after.StartsWith("以下") || after.StartsWith("级"))
            {
                continue;
            }

            // The amount must be an investment, a loan or funds (not an output value or a subsidy paid out).
            var from = m.Index;
            while (from > 0 && m.Index - from < 14 && !ChineseText.IsClauseBreak(text[from - 1]))
            {
                from--;
            }

            if (!ChineseText.ContainsAny(text.AsSpan(from, m.Index - from), InvestmentWords))
            {
                continue;
            }

            if (!ChineseNumerals.TryParse(m.Groups["n"].ValueSpan, out var n))
            {
                continue;
            }

            if (m.Groups["k"].Success)
            {
                n *= 1000;
            }

            var yi = m.Groups["u"].ValueSpan[0] == '亿' ? n : n / 10000;
            b.Set(InvestmentKey, Math.Round(yi, 6));
            return;
        }
    }

    private static void Problems(string text, ref ReportMetrics.Builder b)
    {
        double? found = null, solved = null;
        var foundEnd = -1;
        for (var m = ProblemsFound().Match(text); m.Success; m = m.NextMatch())
        {
            if ((ChineseText.ContainsAny(m.Groups["w"].ValueSpan, ProblemNouns) || ChineseText.ContainsAny(m.Groups["t"].ValueSpan, ProblemNouns))
                && Read(m, out var v))
            {
                found = v;
                foundEnd = m.Groups["t"].Index;
                break;
            }
        }

        for (var m = ProblemsSolved().Match(text); m.Success; m = m.NextMatch())
        {
            if (!NotDoneBefore(text, m.Index) && !ChineseText.ContainsAny(m.Groups["w"].ValueSpan, NotDone) && Read(m, out var v))
            {
                solved = v;
                break;
            }
        }

        if (solved is null)
        {
            for (var m = ProblemsSolvedAfter().Match(text); m.Success; m = m.NextMatch())
            {
                if (!ChineseText.ContainsAny(m.Groups["g"].ValueSpan, NotDone) && Read(m, out var v))
                {
                    solved = v;
                    break;
                }
            }
        }

        // 发现问题3处已全部整改, 发现违规垂钓点2处，以当场劝离整改: all found problems were solved.
        if (found is not null && solved is null)
        {
            var tail = text.AsSpan(foundEnd, ChineseText.SentenceEnd(text, foundEnd) - foundEnd);
            if (ChineseText.ContainsAny(tail, DoneWords) && !ChineseText.ContainsAny(tail, NotDone))
            {
                solved = found;
            }
        }

        found ??= solved;
        if (found is double f)
        {
            b.Set(FoundKey, f);
        }

        if (solved is double s)
        {
            b.Set(SolvedKey, s);
        }
    }

    private static bool NotDoneBefore(string text, int at)
    {
        var from = Math.Max(0, at - 4);
        return ChineseText.ContainsAny(text.AsSpan(from, at - from), NotDone);
    }

    private static void Implied(string text, int activity, in DateFinding date, ref ReportMetrics.Builder b)
    {
        if (activity == ActivityLexicon.Research && date.Date is not null)
        {
            // One research visit on the given days, unless the text states its own counts (本月已调研4次, 累计18天).
            if (!b.Has(TripsKey) && !b.Has(DaysKey))
            {
                b.Set(TripsKey, 1);
                b.Set(DaysKey, Math.Max(1, date.Days));
            }
            else if (!b.Has(TripsKey) && !ChineseText.ContainsAny(text, Summaries))
            {
                b.Set(TripsKey, 1);
            }
        }

        if (activity == ActivityLexicon.RiverChief && !b.Has(PatrolsKey)
            && ChineseText.ContainsAny(text, PatrolWords) && !ChineseText.ContainsAny(text, Summaries))
        {
            b.Set(PatrolsKey, 1);
        }
    }
}
