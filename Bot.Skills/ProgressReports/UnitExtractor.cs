using System.Buffers;
using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// Finds the government units involved (…局, …办, …委, …厅, …处, …中心, …大队, …分局) and normalises them: a
/// roster alias becomes the roster name (发改局 → 区发改局, 政务服务中心 → 区政务服务中心); another district unit gets
/// the 区 prefix (财政局 → 区财政局); units of other levels stay as written (省发改委, 四平市财政局).
/// </summary>
internal static partial class UnitExtractor
{
    private const int MaxUnits = 12;

    [GeneratedRegex("分局|大队|支队|办公室|督查室|委员会|管委会|党校|局|委|厅|办|处|中心|部", RegexOptions.CultureInvariant)]
    private static partial Regex Suffixes();

    [GeneratedRegex("^(?:[省县区]|市(?!场)|国家|中央|[\u4e00-\u9fff]{2,3}[省市县](?![场管政区]))", RegexOptions.CultureInvariant)]
    private static partial Regex Level();

    private static readonly SearchValues<char> LeftStops = SearchValues.Create(
        "带领织同合调到在和与及、由请加对向赴了的是为各全本该我天日月午晚头等个与协参组邀派联陪率去往至从把将给被让并还也都已再跑接趟遍跟帮替着研集报随前");

    /// <summary>The ministries of the State Council (工信部, 商务部): a 部 that is a unit outside the party's departments.</summary>
    private static readonly string[] Ministries =
    [
        "工信", "商务", "财政", "科技", "民政", "住建", "交通运输", "农业农村", "自然资源", "生态环境", "水利", "人社", "教育",
        "文旅", "应急管理", "公安", "司法", "外交", "国防", "审计", "卫健",
        // Rules round 15k: a ministry written out (工业和信息化部).
        "工业和信息化",
    ];

    private static readonly string[] NotUnits =
    [
        "布局", "格局", "大局", "结局", "开局", "当局", "变局", "新局", "时局", "定局", "僵局", "骗局", "棋局", "残局", "终局",
        "出局", "破局", "饭局", "举办", "开办", "创办", "主办", "承办", "协办", "督办", "交办", "代办", "领办", "包办", "合办",
        "兴办", "查办", "筹办", "申办", "置办", "操办", "试办", "转办", "批办", "帮办", "联办", "通办", "快办", "网办", "即办",
        "常委", "两委", "新办", "刚办", "又办", "再办", "正办", "首办", "盯办", "民办", "公办", "跑厅", "跑部", "跑局", "到处", "各处", "此处", "好处", "难处", "益处", "长处", "短处", "用处", "住处", "深处", "远处", "近处", "相处",
    ];

    private static readonly string[] PlaceWords = ["街道", "社区", "乡", "镇", "村"];

    /// <summary>Words before 司 that name no department (农业农村部相关司, 工信部有关司).</summary>
    private static readonly string[] GenericDepartments = ["相关", "有关", "对口", "主管", "业务", "职能", "各个"];

    private static readonly string[] CentreWords = ["政务", "融媒体", "疾控", "交易", "指挥", "经办", "征收", "调度", "救助", "服务中心"];

    /// <summary>
    /// Full names of departments and the short form the roster and the annotation use (区发展和改革局 → 区发改局,
    /// 住房和城乡建设局 → 住建局): the 和 inside a full name is not a boundary.
    /// </summary>
    private static readonly WordMatcher FullNames = new(
    [
        "发展和改革委员会", "发展和改革", "住房和城乡建设", "人力资源和社会保障", "工业和信息化", "文化广电和旅游", "文化和旅游",
        "卫生健康", "科学技术", "市场监督管理", "退役军人事务", "应急管理局", "医疗保障", "交通运输局",
    ]);

    private static readonly string[] ShortNames =
    [
        "发改委", "发改", "住建", "人社", "工信", "文旅", "文旅", "卫健", "科技", "市场监管", "退役军人", "应急局", "医保", "交通局",
    ];

    /// <summary>
    /// Titles and verbs inside a span that end a unit name on its left (吴海涛副区长召集卫健局 → 卫健局; 区委书记赵明主持召开区委…
    /// names no unit).
    /// </summary>
    private static readonly string[] TitleWords = ["区长", "书记", "主任", "局长", "县长", "市长", "乡长", "镇长", "同志", "召开", "主持", "召集", "参加", "带领", "拜会", "拜访", "走访", "前往", "听取", "安排", "交由", "移交", "转交", "通知"];

    /// <summary>Facilities that a 中心 names (居家养老服务中心, 日间照料中心), not government units.</summary>
    private static readonly string[] FacilityCentres = ["养老", "照料", "卫生", "康复", "活动", "孵化", "托育", "医疗"];

    public static string[] Find(string text, ReportVocabulary vocabulary) => FindIn(ShortenFullNames(text, vocabulary), vocabulary);

    /// <summary>
    /// Rewrites full department names to the short form the roster knows (区发展和改革局 → 区发改局); a full name whose
    /// short form is not on the roster stays as written (区交通运输局). The text itself when it has none.
    /// </summary>
    internal static string ShortenFullNames(string text, ReportVocabulary vocabulary)
    {
        if (!FullNames.Next(text, 0, out var at, out var word))
        {
            return text;
        }

        var b = new System.Text.StringBuilder(text.Length);
        var from = 0;
        do
        {
            var full = FullNames.Words[word];
            var end = at + full.Length;
            // A unit follows the full name (局/委/办/部/中心 …) or it is part of one already (发展和改革委员会, 应急管理局).
            var isUnit = full.EndsWith('局') || full.EndsWith("委员会", StringComparison.Ordinal)
                         || (end < text.Length && text[end] is '局' or '委' or '部' or '厅' or '办' or '中' or '分');
            var shortUnit = full.EndsWith('局') || full.EndsWith("委员会", StringComparison.Ordinal) || end >= text.Length
                ? ShortNames[word]
                : ShortNames[word] + text[end];
            b.Append(text, from, at - from).Append(isUnit && IsRosterAlias(shortUnit, vocabulary) ? ShortNames[word] : full);
            from = end;
        }
        while (FullNames.Next(text, from, out at, out word));

        return b.Append(text, from, text.Length - from).ToString();
    }

    private static bool IsRosterAlias(string unit, ReportVocabulary vocabulary)
    {
        foreach (var (alias, _) in vocabulary.UnitAliases)
        {
            if (alias.EndsWith(unit, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] FindIn(string text, ReportVocabulary vocabulary)
    {
        Span<(int Start, int Length, int Alias)> found = stackalloc (int, int, int)[MaxUnits];
        var count = 0;
        var aliases = vocabulary.UnitAliases;
        for (var i = 0; i < aliases.Length; i++)
        {
            var alias = aliases[i].Alias;
            for (var at = text.IndexOf(alias, StringComparison.Ordinal); at >= 0; at = text.IndexOf(alias, at + alias.Length, StringComparison.Ordinal))
            {
                // 发改局 inside 省发改委? No: aliases end with their suffix. 区发改局 and 发改局 overlap: the longer came first.
                // 发改局 in 省发改局 / 四平市发改局 is another level's unit.
                var otherLevel = at > 0 && text[at - 1] is '省' or '市' or '县';
                if (!otherLevel && !Overlaps(found[..count], at, alias.Length) && count < MaxUnits)
                {
                    found[count++] = (at, alias.Length, i);
                }
            }
        }

        foreach (var m in Suffixes().EnumerateMatches(text))
        {
            if (count >= MaxUnits)
            {
                break;
            }

            if (Overlaps(found[..count], m.Index, m.Length))
            {
                continue;
            }

            if (TryUnit(text, m.Index, m.Length, out var start) && !Overlaps(found[..count], start, m.Index + m.Length - start))
            {
                found[count++] = (start, m.Index + m.Length - start, -1);
            }
        }

        count = FindSpokenAbbreviations(text, found, count);
        if (count == 0)
        {
            return [];
        }

        var spans = found[..count];
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var names = new List<string>(count);
        foreach (var (start, length, alias) in spans)
        {
            var name = alias >= 0 ? aliases[alias].Name
                : alias <= -2 ? "区" + AbbreviationWords[-2 - alias] + "局"
                : Normalise(text.Substring(start, length));

            // 国家发展改革委振兴司, 财政部东北司: a department of a national commission or ministry is named with it (not 相关司).
            var end = start + length;
            if (alias < 0 && end + 3 <= text.Length && text[end + 2] == '司' && ChineseText.IsHan(text[end]) && ChineseText.IsHan(text[end + 1])
                && !LeftStops.Contains(text[end]) && (name.StartsWith("国家", StringComparison.Ordinal) || IsMinistry(name))
                && !ChineseText.StartsWithAny(text.AsSpan(end), GenericDepartments))
            {
                name += text.Substring(end, 3);
            }

            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    /// <summary>
    /// Bureaus named in speech by their bare abbreviation (带区发改 住建 交通管理处…, 人社 经合联合开了…, 区发改今天帮…). Only
    /// abbreviations that name nothing but a bureau (发改, 住建, 人社, 经合, 城管, 工信, 卫健, 文旅, 医保, 政数 — not 财政, 应急,
    /// 科技, 交通, which open ordinary words: 财政资金, 应急抢修), and only as a listed word: at the start or after a space, 、,
    /// a comma, 带/跟/和/与/及/同/联合/配合/通知/了, a day or a half-day (今天, 上午), or after 区; and before a space, 、, a comma,
    /// the end, or 一起/联合/配合/现场/参加/等/和/及/与/负责/同志/去/到 — after 区 also before 在/今天/昨天/帮/牵头/组织/开展. A bureau's full name
    /// (发改局, 发改委) was found before and is not read again. Written as 区 + abbreviation + 局 (区发改局), the annotation's form.
    /// </summary>
    private static int FindSpokenAbbreviations(string text, Span<(int Start, int Length, int Alias)> found, int count)
    {
        var span = text.AsSpan();
        var offset = 0;
        while (count < MaxUnits)
        {
            var i = span[offset..].IndexOfAny(Abbreviations);
            if (i < 0)
            {
                break;
            }

            var at = offset + i;
            var word = AbbreviationAt(span, at);
            var end = at + AbbreviationWords[word].Length;
            offset = end;
            var district = at > 0 && text[at - 1] == '区';
            var start = district ? at - 1 : at;
            var leftOk = start == 0 || AbbreviationLeft.Contains(text[start - 1]) || (start >= 2 && text[start - 2] is '联' or '配' && text[start - 1] == '合');
            if (district && start > 0 && ChineseText.IsHan(text[start - 1]) && !AbbreviationLeft.Contains(text[start - 1]))
            {
                leftOk = false; // 铁西区发改… is read by the suffix pass; 市区人社 is no bureau of ours
            }

            var rest = span[end..];
            var rightOk = rest.IsEmpty || AbbreviationRight.Contains(rest[0])
                || ChineseText.StartsWithAny(rest, AbbreviationFollowers)
                || (district && ChineseText.StartsWithAny(rest, DistrictAbbreviationFollowers));
            if (!leftOk || !rightOk || (!rest.IsEmpty && rest[0] is '局' or '委' or '办' or '厅' or '部' or '分' or '中' or '处' or '大')
                || Overlaps(found[..count], start, end - start))
            {
                continue;
            }

            found[count++] = (start, end - start, -2 - word);
        }

        return count;
    }

    /// <summary>Which of <see cref="AbbreviationWords"/> starts at <paramref name="at"/> (where <see cref="Abbreviations"/> found one).</summary>
    private static int AbbreviationAt(ReadOnlySpan<char> span, int at)
    {
        var word = 0;
        while (!span[at..].StartsWith(AbbreviationWords[word], StringComparison.Ordinal))
        {
            word++;
        }

        return word;
    }

    private static readonly string[] AbbreviationWords = ["发改", "住建", "人社", "经合", "城管", "工信", "卫健", "文旅", "医保", "政数"];

    private static readonly SearchValues<string> Abbreviations = SearchValues.Create(AbbreviationWords, StringComparison.Ordinal);

    private static readonly SearchValues<char> AbbreviationLeft = SearchValues.Create(" \u3000、，,：:带跟和与及同知了天午");

    private static readonly SearchValues<char> AbbreviationRight = SearchValues.Create(" \u3000、，,。；;");

    private static readonly string[] AbbreviationFollowers = ["一起", "联合", "配合", "现场", "参加", "等", "和", "及", "与", "负责", "同志", "去", "到"];

    private static readonly string[] DistrictAbbreviationFollowers = ["在", "今天", "昨天", "帮", "牵头", "组织", "开展"];

    /// <summary>财政局 → 区财政局; 省发改委, 四平市财政局, 区应急局, 工信部 stay.</summary>
    /// <remarks>A zone's administrative committee keeps the zone's name (红嘴经济开发区管委会).</remarks>
    internal static string Normalise(string name) =>
        Level().IsMatch(name) || IsMinistry(name) || name.EndsWith("管委会", StringComparison.Ordinal) ? name : "区" + name;

    private static bool IsMinistry(string name) => name.EndsWith('部') && MinistryBefore(name, name.Length - 1) == name.Length - 1;

    /// <summary>The length of the ministry stem ending at <paramref name="at"/> (工信 in 工信部), or 0.</summary>
    private static int MinistryBefore(string text, int at)
    {
        var before = text.AsSpan(0, at);
        foreach (var m in Ministries)
        {
            if (before.EndsWith(m, StringComparison.Ordinal))
            {
                return m.Length;
            }
        }

        return 0;
    }

    private static bool Overlaps(ReadOnlySpan<(int Start, int Length, int Alias)> spans, int start, int length)
    {
        foreach (var s in spans)
        {
            if (s.Start < start + length && start < s.Start + s.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryUnit(string text, int s, int len, out int start)
    {
        start = s;
        var e = s + len;
        var suffix = text.AsSpan(s, len);
        var next = e < text.Length ? text[e] : '\0';
        var minStem = 2;
        switch (suffix)
        {
            case "局" when "长势面部限促外内".Contains(next, StringComparison.Ordinal):
            case "委" when "托员屈婉派任身全".Contains(next, StringComparison.Ordinal):
            case "厅" when next is '长' or '堂':
            case "办" when "理公事法学结件好实成案证照班会了过完妥得不下".Contains(next, StringComparison.Ordinal):
            case "处" when "理置分于在罚境长级".Contains(next, StringComparison.Ordinal):
            case "大队" or "分局" or "支队" when next is '长':
                return false;
            case "处" when s > 0 && (ChineseNumerals.IsNumeralChar(text[s - 1]) || char.IsAsciiDigit(text[s - 1])):
                // 发现两处, 整改3处: a counter, not an office.
                return false;
            case "处":
                minStem = 3;
                break;
            case "部" when next != '门' && MinistryBefore(text, s) is var ministry and > 0:
                // 工信部, 交通运输部: the ministry as written (a national unit, never prefixed with 区).
                start = s - ministry;
                return start == 0 || !ChineseText.IsHan(text[start - 1]) || LeftStops.Contains(text[start - 1]);
            case "部" when !(text.AsSpan(0, s).EndsWith("组织") || text.AsSpan(0, s).EndsWith("宣传") || text.AsSpan(0, s).EndsWith("统战") || text.AsSpan(0, s).EndsWith("武装")):
                // Only the party's departments (市委组织部, 区委宣传部); 部门, 干部, 全部 are not units.
                return false;
        }

        // 组织部, 宣传部: the department word itself reads as a verb; start left of it.
        var ls = suffix is "部" ? s - 2 : s;
        while (ls > 0 && s - ls < 8)
        {
            var c = text[ls - 1];
            if (!ChineseText.IsHan(c) || LeftStops.Contains(c))
            {
                break;
            }

            ls--;
        }

        // 吴海涛副区长召集卫健局: a title inside the span ends the unit's name on its left.
        foreach (var title in TitleWords)
        {
            var t = text.AsSpan(ls, s - ls).LastIndexOf(title, StringComparison.Ordinal);
            if (t >= 0)
            {
                ls += t + title.Length;
                while (ls < s && LeftStops.Contains(text[ls]))
                {
                    ls++;
                }
            }
        }

        if (s - ls < minStem)
        {
            return false;
        }

        var name = text.AsSpan(ls, e - ls);
        foreach (var w in NotUnits)
        {
            if (name.EndsWith(w, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (suffix is "中心" && (!ChineseText.ContainsAny(name, CentreWords) || ChineseText.ContainsAny(name, FacilityCentres)))
        {
            return false;
        }

        // 仁兴街道卫生服务中心, 英雄街道为民服务中心: a centre named after a place is a facility there, not a government unit.
        if (suffix is "中心" && (ChineseText.ContainsAny(name, PlaceWords) || ChineseText.EndsWithAny(text.AsSpan(0, ls).TrimEnd('为'), PlaceWords)))
        {
            return false;
        }

        // The district's own party school (区委党校) hosts the district's classes; another level's (省委党校) is where one studies.
        if (suffix is "党校" && name[0] != '区')
        {
            return false;
        }

        // 两个养老服务中心: a count of facilities, not a unit.
        if (ls >= 2 && text[ls - 1] is '个' or '家' or '所' or '座' && ChineseNumerals.IsNumeralChar(text[ls - 2]))
        {
            return false;
        }

        start = ls;
        return true;
    }
}
