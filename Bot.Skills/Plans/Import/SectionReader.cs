using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Skills.Plans.Import;

/// <summary>The structure of a document: its title, its classified lines and which headings are actions.</summary>
/// <remarks>
/// <see cref="DocumentAction"/> is the line where a document that is one action (a township's plan whose top sections
/// are 工作目标, 时间节点, 责任分工, 工作要求) starts that action; -1 otherwise.
/// </remarks>
internal sealed record PlanOutline(string? Title, int? SourceYear, int Start, IReadOnlyList<PlanLine> Lines, IReadOnlySet<int> ActionHeadings, int DocumentAction = -1);

/// <summary>
/// Stage 1 of the import: sections. Reads the title (up to four lines ending in 方案/意见/分工 …, draft notes such as
/// （征求意见稿） kept out), numbers every line by heading level (一、 / （一） / 1. / （1） / ①), recognises sub-section
/// labels (时间安排, 具体要求, 责任人及责任部门 …) and finds the action headings: a heading whose own span holds
/// sub-sections of at least two kinds, or a heading "…行动（period）" at level 1 or 2.
/// </summary>
internal static partial class SectionReader
{
    /// <summary>The outline of a normalised document (\n line ends).</summary>
    public static PlanOutline Read(string text)
    {
        var raw = text.Split('\n').Select(l => l.Trim().Trim('\u3000', '\u00A0', '\t')).ToList();
        var (title, start) = ReadTitle(raw);
        var lines = raw.Select((l, i) => Classify(i, l)).ToList();
        var sourceYear = (title is null ? null : SourceYearOf(title)) ?? SourceYearOf(text);
        var headings = FindActionHeadings(lines, start);
        return new PlanOutline(title, sourceYear, start, lines, headings, headings.Count == 0 ? DocumentActionStart(lines, start) : -1);
    }

    /// <summary>The level (0 when not numbered) and the text after the number.</summary>
    public static (int Level, string Body) HeadingOf(string text)
    {
        Match m;
        if ((m = Level1().Match(text)).Success)
        {
            return (1, m.Groups["rest"].Value.Trim());
        }

        if ((m = Level2().Match(text)).Success)
        {
            return (2, m.Groups["rest"].Value.Trim());
        }

        if ((m = Level3().Match(text)).Success)
        {
            return (3, m.Groups["rest"].Value.Trim());
        }

        if ((m = Level4().Match(text)).Success)
        {
            return (4, m.Groups["rest"].Value.Trim());
        }

        return (m = Level5().Match(text)).Success ? (5, m.Groups["rest"].Value.Trim()) : (0, text);
    }

    public static PlanLine Classify(int index, string text)
    {
        if (text.Length == 0)
        {
            return new PlanLine(index, text, 0, text, SubKind.None, "");
        }

        var (level, body) = HeadingOf(text);
        var sub = level > 0 ? SubHeading().Match(body) : SubLine().Match(text);
        var kind = sub.Success ? SubKindOf(sub.Groups["l"].Value) : SubKind.None;
        return new PlanLine(index, text, level, body, kind, sub.Success ? sub.Groups["rest"].Value.Trim() : "");
    }

    /// <summary>True for a note such as （征求意见稿） that belongs to the title.</summary>
    public static bool IsDraftNote(string line) => DraftNote().IsMatch(line);

    private static (string? Title, int Start) ReadTitle(List<string> raw)
    {
        var titleLines = new List<string>();
        var i = 0;
        for (; i < raw.Count && titleLines.Count < 4; i++)
        {
            var l = raw[i];
            if (l.Length == 0)
            {
                if (titleLines.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (DraftNote().IsMatch(l))
            {
                continue;
            }

            if (HeadingOf(l).Level > 0 || l.Length > 60 || l.EndsWith('。') || ImportText.CjkShare(l) < 0.5 || l.IndexOfAny(['\t', '|', '｜', '：', ':']) >= 0)
            {
                break;
            }

            titleLines.Add(l);
            if (TitleEnd().IsMatch(l))
            {
                i++;
                break;
            }
        }

        // Notes such as （征求意见稿） right after the title belong to it.
        while (i < raw.Count && (raw[i].Length == 0 || DraftNote().IsMatch(raw[i])))
        {
            i++;
        }

        return titleLines.Count > 0 ? (ImportText.Cap(string.Concat(titleLines), 200), i) : (null, 0);
    }

    private static int? SourceYearOf(string text)
    {
        var m = WrittenYear().Match(text);
        return m.Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : null;
    }

    private static SubKind SubKindOf(string label) => label switch
    {
        "时间安排" or "进度安排" or "时间节点安排" or "实施步骤" or "步骤安排" or "工作步骤" or "时间进度" or "推进步骤"
            or "时间节点" or "阶段安排" or "实施阶段" or "方法步骤" => SubKind.Schedule,
        "责任人及责任部门" or "责任人及责任单位" or "责任领导及责任单位" or "责任领导及责任部门" or "责任人和责任单位" or "责任分工"
            or "职责分工" or "责任主体" or "责任人" or "责任部门" or "责任单位" => SubKind.Responsibility,
        _ => SubKind.Requirements,
    };

    private static HashSet<int> FindActionHeadings(List<PlanLine> lines, int start)
    {
        var headings = new HashSet<int>();
        for (var i = start; i < lines.Count; i++)
        {
            var h = lines[i];
            if (h.Level == 0 || h.Sub != SubKind.None)
            {
                continue;
            }

            var kinds = new HashSet<SubKind>();
            var owner = i;
            for (var j = i + 1; j < lines.Count; j++)
            {
                var l = lines[j];
                if (l.Level > 0 && l.Level <= h.Level)
                {
                    break;
                }

                if (l.Sub != SubKind.None && owner == i)
                {
                    kinds.Add(l.Sub);
                }
                else if (l.Level > 0 && l.Sub == SubKind.None && l.Level < 4)
                {
                    owner = j;
                }
            }

            if (kinds.Count >= 2 || (h.Level <= 2 && ActionTitle().IsMatch(h.Body)))
            {
                headings.Add(i);
            }
        }

        return headings;
    }

    // No heading is an action, but the top-level sections are an action's sub-sections (a schedule and at least one
    // other kind): the document is one action, from its first top-level section on.
    private static int DocumentActionStart(List<PlanLine> lines, int start)
    {
        var top = lines.Skip(start).Where(l => l.Level == 1).ToList();
        var kinds = top.Where(l => l.Sub != SubKind.None).Select(l => l.Sub).ToHashSet();
        return kinds.Contains(SubKind.Schedule) && kinds.Count >= 2 ? top[0].Index : -1;
    }

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?<rest>.*)$")]
    private static partial Regex Level1();

    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?<rest>.*)$")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^(?<n>\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(?<rest>.*)$")]
    private static partial Regex Level3();

    [GeneratedRegex(@"^[（(]\s*(?<n>\d{1,3})\s*[）)]\s*(?<rest>.*)$")]
    private static partial Regex Level4();

    [GeneratedRegex(@"^(?<n>[\u2460-\u2473])\s*(?<rest>.*)$")]
    private static partial Regex Level5();

    private const string SubLabels = "时间安排|进度安排|时间节点安排|实施步骤|步骤安排|工作步骤|时间进度|推进步骤|具体要求|工作要求|工作措施|主要措施|具体措施|目标任务|任务目标|责任人及责任部门|责任人及责任单位|责任领导及责任单位|责任领导及责任部门|责任人和责任单位|责任分工|职责分工|责任主体";

    // Labels that are sub-sections only as a numbered heading (时间节点： on its own line is a task's deadline field).
    private const string HeadingLabels = "时间节点|阶段安排|实施阶段|方法步骤";

    [GeneratedRegex(@"^(?<l>" + SubLabels + "|" + HeadingLabels + @")\s*(?:[:：。.]\s*|\s+|$)(?<rest>.*)$")]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"^(?<l>" + SubLabels + @")\s*[:：]\s*(?<rest>.*)$")]
    private static partial Regex SubLine();

    [GeneratedRegex(@"行动\s*[（(][^（）()]{1,24}[）)]")]
    private static partial Regex ActionTitle();

    [GeneratedRegex(@"^[（(【\[](?:征求意见稿|送审稿|讨论稿|试行|草案|草稿|修订稿|初稿|代拟稿|暂行)[）)】\]]$")]
    private static partial Regex DraftNote();

    [GeneratedRegex(@"(?:方案|意见|通知|计划|分工|清单|要点|办法|细则|安排|规划)$")]
    private static partial Regex TitleEnd();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*年")]
    private static partial Regex WrittenYear();
}
