using System.Buffers;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// Finds the persons named as doing the work, written without titles: 区长刘波 → 刘波, 王强副区长 → 王强,
/// 局长陈建国 → 陈建国, 王强同志 → 王强, 陈立新带队 → 陈立新. A surname with a bare title stays as written
/// (王副区长, 周书记). Several people are kept in the order they appear.
/// </summary>
internal static class PeopleExtractor
{
    private const int MaxPeople = 8;

    /// <summary>Titles (longest first) and the markers that follow a leader's name (带队, 一行 …).</summary>
    private static readonly WordMatcher Titles = new(
    [
        "常务副区长", "副区长", "区长", "区委书记", "党委书记", "党工委书记", "副书记", "书记", "副局长", "局长", "副主任", "主任",
        "副乡长", "乡长", "副镇长", "镇长", "副村长", "村长", "副部长", "部长", "副主席", "主席", "副县长", "县长", "副市长", "市长", "副省长", "省长",
        "副处长", "处长", "科长", "所长", "站长", "大队长", "队长", "院长", "校长", "总经理", "董事长", "秘书长", "调研员", "河长",
        "湖长", "同志", "带队", "率队", "带领", "率领", "一行",
    ]);

    /// <summary>Characters that end a two-character name when they follow it (区长刘波带领 → 刘波).</summary>
    private static readonly SearchValues<char> FollowStops = SearchValues.Create(
        "带到赴在同参主一等和与及深率对调走出会前实检督召陪先亲组听现就为是的了也又还来去于分牵专代看慰视作讲指接考要表部约研审受赶暗已正将共均都便即再并从向把被让给通经副区局乡镇今昨近当每上下巡踏蹲洽以沿携冒两用");

    /// <summary>Characters that do not occur in a given name (particles, prepositions).</summary>
    private static readonly SearchValues<char> NotInName = SearchValues.Create("的了是在和与及等对到把被将从向给为各全本该以沿携");

    /// <summary>Characters after which a name may start (今天王强副区长, 由李敏同志).</summary>
    private static readonly SearchValues<char> PreBoundary = SearchValues.Create(
        "天日午晚早时间后由请和与及同陪是为的了向对在于把将被让给经带领随跟派邀约等月年号上下中内外并及才着委");

    /// <summary>Words that start with a surname character but are not names (书记项目化, 局长办公会 …).</summary>
    private static readonly string[] NotNames =
    [
        "项目", "高新", "高标", "高质", "万元", "万吨", "金融", "成果", "成效", "方案", "安全", "安排", "周边", "周年", "周期",
        "常务", "常态", "任务", "时间", "林业", "严格", "文件", "明确", "全面", "全区", "全体", "关于", "龙头", "白天",
        "于是", "党组", "党委", "党建", "宁可", "管理", "司法", "商务", "商贸", "农业", "农村", "农民", "工作", "车间",
        "单位", "和谐", "应急", "华为", "古城", "石油", "程序", "范围", "钱款", "谷物", "景区", "卫生", "卫健", "师生",
        "连续", "沙河", "江河", "黄河", "易地", "申报", "包保", "包联", "解决", "解读", "季度", "苗木", "柴油", "房屋",
        "蒙古", "宋体", "方面", "方式", "江苏", "江西", "吉林", "梁山", "石岭", "米面", "车辆", "简报", "曲线", "冷链",
        "毛利", "宗教", "席位", "项下", "尚未", "岑寂", "都市", "邢台", "阎王", "童年", "乔迁", "伍佰", "庞大", "聂荣",
        "全省", "全市", "全县", "全乡", "全镇", "全员", "全部", "全程", "全力", "全年",
        "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周末",
    ];

    /// <summary>Characters before a bare 区长 that make it the subject (今天区长调度…, 本月初 区长带…, 上礼拜三区长去…).</summary>
    private static readonly SearchValues<char> BareTitleBefore = SearchValues.Create(" ,;:。天日午早晚初末号周一二三四五六");

    /// <summary>
    /// A leader named by the title alone doing the work (今天区长调度项目推进, 本月初 区长带发改局去…) is written as the title
    /// (the guide keeps a bare 周书记 as written); a companion's (陪区长, 跟区长) or a meeting's (区长办公会) is not.
    /// </summary>
    private static string[] BareLeaderTitle(string text)
    {
        var at = text.IndexOf("区长", StringComparison.Ordinal);
        if (at < 0)
        {
            return [];
        }

        var e = at + 2;
        if ((at == 0 || BareTitleBefore.Contains(text[at - 1])) && (e >= text.Length || !"办会令".Contains(text[e], StringComparison.Ordinal)))
        {
            return ["区长"];
        }

        return [];
    }

    /// <summary>
    /// Verbs and prepositions of two characters that may follow a two-character name (刘波宣布开工, 王强围绕…, 刘波总结全年工作):
    /// their first character is not the name's third.
    /// </summary>
    private static readonly string[] FollowWords =
    [
        "宣布", "宣读", "宣讲", "围绕", "围着", "总结", "致辞", "莅临", "察看", "查看", "观摩", "见证", "签署", "协调", "推动",
        "聚焦", "慰问", "召集", "介绍", "结合", "针对", "按照",
    ];

    /// <summary>
    /// A post made on someone's behalf (代刘区长报：…, 转王书记：…, 替李波局长汇报：…) opens with 代/替/帮/转, the person and
    /// their title, then 报 or a colon: the person named is doing the work, not the sender. A bare title stays as
    /// written (刘区长); a given name drops the title (李波局长 → 李波). Returns null when the text does not open so.
    /// </summary>
    private static string? ProxyLead(string text)
    {
        var p = 0;
        while (p < text.Length && text[p] == ' ')
        {
            p++;
        }

        if (p + 3 >= text.Length || !"代替帮转".Contains(text[p], StringComparison.Ordinal))
        {
            return null;
        }

        p++;
        string? lead = null;
        int end;
        if (ChineseText.IsSurname(text[p]) && OfficeTitleLength(text, p + 1) is var bare and > 0)
        {
            // 代刘区长报
            lead = text.Substring(p, 1 + bare);
            end = p + 1 + bare;
        }
        else if (OfficeTitleLength(text, p) is var lone and > 0 && NameAfter(text, p + lone, out var afterLength))
        {
            // 代区长刘波报: 报 after a two-character name is the verb, not a third character.
            if (afterLength == 3 && text[p + lone + 2] == '报')
            {
                afterLength = 2;
            }

            lead = text.Substring(p + lone, afterLength);
            end = p + lone + afterLength;
        }
        else
        {
            end = p;
            for (var n = 3; n >= 2 && lead is null; n--)
            {
                // 替李波局长汇报, 代张志刚副区长报
                if (p + n < text.Length && ChineseText.SurnameAt(text, p) > 0 && !IsNotName(text, p)
                    && !text.AsSpan(p + 1, n - 1).ContainsAny(NotInName) && OfficeTitleLength(text, p + n) is var t and > 0)
                {
                    lead = text.Substring(p, n);
                    end = p + n + t;
                }
            }
        }

        if (lead is null || end >= text.Length)
        {
            return null;
        }

        var rest = text.AsSpan(end);
        return rest[0] is '报' or ':' or '：' || rest.StartsWith("汇报", StringComparison.Ordinal) || rest.StartsWith("上报", StringComparison.Ordinal) ? lead : null;
    }

    /// <summary>The length of an office title (not a marker such as 带队 or 同志) starting at <paramref name="at"/>, else 0.</summary>
    private static int OfficeTitleLength(string text, int at)
    {
        var n = TitleLength(text, at);
        return n > 0 && text.AsSpan(at, n) is not ("带队" or "率队" or "带领" or "率领" or "一行" or "同志") ? n : 0;
    }

    public static string[] Find(string text)
    {
        var proxy = ProxyLead(text);
        var others = FindNamed(text);
        if (proxy is null)
        {
            return others;
        }

        // No lambda here: a closure over proxy would be allocated on every call.
        var idx = Array.IndexOf(others, proxy);
        if (idx == 0)
        {
            return others;
        }

        var people = new List<string>(others.Length + 1) { proxy };
        foreach (var other in others)
        {
            if (!string.Equals(other, proxy, StringComparison.Ordinal))
            {
                people.Add(other);
            }
        }

        return [.. people];
    }

    private static string[] FindNamed(string text)
    {
        Span<(int Start, int Length)> found = stackalloc (int, int)[MaxPeople];
        var count = 0;
        for (var from = 0; Titles.Next(text, from, out var s, out var word); from = s + Titles.Words[word].Length)
        {
            var e = s + Titles.Words[word].Length;
            var title = Titles.Words[word].AsSpan();
            var isMarker = title is "带队" or "率队" or "带领" or "率领" or "一行";
            var isComrade = title is "同志";

            // 河湖长制, 河长制: the system, not a person's title.
            if (title is "河长" or "湖长" && e < text.Length && text[e] == '制')
            {
                continue;
            }

            if (!isMarker && !isComrade)
            {
                // 区长刘波, 副区长王强、张志刚
                var after = e;
                while (NameAfter(text, after, out var len))
                {
                    Add(text, found, ref count, after, len);
                    after += len;
                    if (after < text.Length && text[after] == '、')
                    {
                        after++;
                        continue;
                    }

                    break;
                }

                if (after > e)
                {
                    continue;
                }
            }

            // 王强副区长, 张志刚副区长, 王强同志, 陈立新带队; 王副区长 / 周书记 stay with their title.
            if (NameBefore(text, s, allowBare: !isMarker && !isComrade, out var start, out var length))
            {
                Add(text, found, ref count, start, length);
                var before = start;
                while (before > 0 && text[before - 1] == '、' && NameBefore(text, before - 1, allowBare: false, out var s2, out var l2))
                {
                    Add(text, found, ref count, s2, l2);
                    before = s2;
                }
            }
        }

        if (count == 0)
        {
            return BareLeaderTitle(text);
        }

        // Order by position; the same name twice counts once.
        var spans = found[..count];
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var names = new List<string>(count);
        foreach (var (start, length) in spans)
        {
            var name = text.Substring(start, length);
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    private static void Add(string text, Span<(int Start, int Length)> found, ref int count, int start, int length)
    {
        for (var i = 0; i < count; i++)
        {
            if (found[i].Start < start + length && start < found[i].Start + found[i].Length)
            {
                return;
            }
        }

        // A place is not a person (向阳街道河长 is a river chief's post, not 阳街道).
        var name = text.AsSpan(start, length);
        if (name.EndsWith("街道", StringComparison.Ordinal) || name.EndsWith("社区", StringComparison.Ordinal) || name[^1] is '乡' or '镇' or '村')
        {
            return;
        }

        if (count < found.Length)
        {
            found[count++] = (start, length);
        }
    }

    /// <summary>A name starting at <paramref name="i"/>: surname + one or two given-name characters.</summary>
    private static bool NameAfter(string text, int i, out int length)
    {
        length = 0;
        var surname = ChineseText.SurnameAt(text, i);
        if (surname == 0 || IsNotName(text, i))
        {
            return false;
        }

        var g = i + surname;
        if (g >= text.Length || !ChineseText.IsHan(text[g]) || FollowStops.Contains(text[g]))
        {
            return false;
        }

        // A third character that is not a following verb or particle belongs to the name (陈立新带队).
        length = g + 1 < text.Length && ChineseText.IsHan(text[g + 1]) && !FollowStops.Contains(text[g + 1]) && !StartsFollowWord(text, g + 1) ? surname + 2 : surname + 1;
        return true;
    }

    /// <summary>A name ending at <paramref name="end"/> (exclusive), written before a title or marker.</summary>
    private static bool NameBefore(string text, int end, bool allowBare, out int start, out int length)
    {
        start = length = 0;

        // A bare surname right after a boundary: 前天王副区长, 周书记.
        if (allowBare && end >= 1 && ChineseText.IsSurname(text[end - 1]) && IsBoundaryBefore(text, end - 1))
        {
            start = end - 1;
            length = TitleLength(text, end) + 1;
            return length > 1;
        }

        // Three characters (张志刚副区长), then two (王强副区长).
        for (var n = 3; n >= 2; n--)
        {
            var s = end - n;
            if (s < 0)
            {
                continue;
            }

            var ok = true;
            for (var k = s; k < end; k++)
            {
                ok &= ChineseText.IsHan(text[k]) && (k == s || !NotInName.Contains(text[k]));
            }

            if (!ok || ChineseText.SurnameAt(text, s) == 0 || IsNotName(text, s))
            {
                continue;
            }

            if (n == 3 && !IsBoundaryBefore(text, s))
            {
                continue;
            }

            // 于 is a preposition (于王强副区长 …) but also a common surname: a name only where a name may start.
            if (n == 3 && PreBoundary.Contains(text[s]) && !(text[s] == '于' && IsBoundaryBefore(text, s)))
            {
                continue;
            }

            start = s;
            length = n;
            return true;
        }

        return false;
    }

    private static bool StartsFollowWord(string text, int i)
    {
        var rest = text.AsSpan(i);
        foreach (var w in FollowWords)
        {
            if (rest.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int TitleLength(string text, int at) =>
        Titles.Next(text, at, out var start, out var word) && start == at ? Titles.Words[word].Length : 0;

    private static bool IsBoundaryBefore(string text, int i) =>
        i == 0 || !ChineseText.IsHan(text[i - 1]) || PreBoundary.Contains(text[i - 1]);

    private static bool IsNotName(string text, int i)
    {
        var rest = text.AsSpan(i);
        foreach (var w in NotNames)
        {
            if (rest.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
