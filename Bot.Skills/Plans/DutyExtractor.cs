using System.Text.RegularExpressions;
using Bot.Data.Plans;

namespace Bot.Skills.Plans;

/// <summary>
/// Finds recurring obligations: <c>区级河长、湖长每半月实地检查一次</c> (every half month, level 区, photos when the
/// paragraph asks for 影像资料), <c>每季度向区政府党组报告一次</c>, enumerations such as <c>每月跟进、季度督查、半年通报、
/// 全年总结</c> or <c>旬调度、月提醒</c>, and (in general sections) year-end duties such as <c>2018年底…进行专项打分评价</c>.
/// </summary>
public static partial class DutyExtractor
{
    /// <summary>
    /// The duties of a paragraph. Clauses that carry a quantitative target are skipped. <c>Level</c> is empty when
    /// the text does not say who (the importer decides from the context).
    /// </summary>
    public static List<Duty> Extract(string text, bool generalSection)
    {
        var duties = new List<Duty>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return duties;
        }

        var photos = Photo().IsMatch(text);
        foreach (var sentence in Sentences(text))
        {
            var found = new List<(int Index, string Every, string Clause, bool Patrol)>();
            var covered = new List<(int Start, int End)>();

            // 每月跟进、季度督查、半年通报、全年总结 / 旬调度、月提醒
            var items = CadenceVerb().Matches(sentence).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var m = items[i];
                var listed = (i > 0 && Adjacent(sentence, items[i - 1], m)) || (i + 1 < items.Count && Adjacent(sentence, m, items[i + 1]));
                if (!listed)
                {
                    continue;
                }

                if (ChineseDates.RecurrenceOf(m.Groups["c"].Value) is { } every)
                {
                    found.Add((m.Index, every, sentence, Patrol().IsMatch(m.Value)));
                    covered.Add((m.Index, m.Index + m.Length));
                }
            }

            // 每半月实地检查一次, 每季度要交流汇报 …
            foreach (var clause in TargetExtractor.Clauses(sentence))
            {
                foreach (Match m in ChineseDates.Cadence().Matches(clause.Text))
                {
                    var at = clause.Start + m.Index;
                    if (covered.Any(r => at >= r.Start && at < r.End) || TargetExtractor.HasQuantity(clause.Text))
                    {
                        continue;
                    }

                    if (ChineseDates.RecurrenceOf(m.Groups["r"].Value) is { } every)
                    {
                        found.Add((at, every, clause.Text.Trim(), Patrol().IsMatch(clause.Text)));
                        break;
                    }
                }
            }

            // 2018年底，区政府领导将对分管部门工作进行专项打分评价
            // (到2025年底，… is a goal's horizon, not a year-end duty.)
            if (generalSection && found.Count == 0 && YearEnd().Match(sentence) is { Success: true } end && !GoalHorizon().IsMatch(sentence[..end.Index]))
            {
                found.Add((end.Index, Recurrences.Yearly, sentence, false));
            }

            foreach (var (index, every, clause, patrol) in found.OrderBy(f => f.Index))
            {
                var own = found.Count == 1 ? sentence : clause;
                duties.Add(new Duty
                {
                    Text = own.Trim(),
                    Every = every,
                    Level = LevelOf(sentence, clause, index),
                    PhotoRequired = photos && (patrol || RiverChief().IsMatch(clause)),
                });
            }
        }

        return duties;
    }

    /// <summary>True when the text names a cadence (每月, 每季度, 旬调度 …).</summary>
    public static bool HasCadence(string text) => ChineseDates.Cadence().IsMatch(text) || CadenceVerb().IsMatch(text);

    private static string LevelOf(string sentence, string clause, int index)
    {
        var river = RiverLevel().Match(clause);
        if (river.Success)
        {
            return river.Groups["l"].Value == "镇" ? DutyLevels.Township : river.Groups["l"].Value;
        }

        var before = sentence[..Math.Min(index, sentence.Length)];
        return Who(before) ?? Who(sentence) ?? (Supervision().IsMatch(sentence) ? DutyLevels.Office : "");
    }

    private static string? Who(string text)
    {
        if (Leader().IsMatch(text))
        {
            return DutyLevels.Leader;
        }

        if (Office().IsMatch(text))
        {
            return DutyLevels.Office;
        }

        return UnitWord().IsMatch(text) ? DutyLevels.Unit : null;
    }

    private static bool Adjacent(string sentence, Match left, Match right)
    {
        var gap = sentence[(left.Index + left.Length)..right.Index];
        return gap.Length <= 1 && (gap.Length == 0 || "、，,和及".Contains(gap[0], StringComparison.Ordinal));
    }

    private static string[] Sentences(string text) =>
        text.Split(['。', '；', ';', '！', '!'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [GeneratedRegex(@"每?(?<c>旬|月|季度|半年|全年|年度|周|日)(?:调度|提醒|跟进|督查|督导|通报|总结|巡查|检查|报告|汇报|会商|考核|评估|讲评|研判|点评)")]
    private static partial Regex CadenceVerb();

    [GeneratedRegex(@"(?:(?:19|20)\d{2}\s*年|每年)(?:底|末|终)|年底前?|年终")]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"(?<l>区|乡|镇|村)级(?:总)?(?:河长|湖长)")]
    private static partial Regex RiverLevel();

    [GeneratedRegex("河长|湖长")]
    private static partial Regex RiverChief();

    [GeneratedRegex("巡查|巡河|巡湖|检查|巡")]
    private static partial Regex Patrol();

    [GeneratedRegex("影像|照片|图片|视频|拍照")]
    private static partial Regex Photo();

    [GeneratedRegex(@"(?:到|至|截至)\s*$")]
    private static partial Regex GoalHorizon();

    // A 领导小组 is a body with an office, not a leader.
    [GeneratedRegex("领导(?!小组)|同志|区长")]
    private static partial Regex Leader();

    [GeneratedRegex("党组|办公室|政府办|督查室")]
    private static partial Regex Office();

    [GeneratedRegex("部门|单位|乡|街|局|中心")]
    private static partial Regex UnitWord();

    [GeneratedRegex("督查|考核|通报|督导")]
    private static partial Regex Supervision();
}
