using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.Plans;

namespace Bot.Skills.ProgressReports;

/// <summary>One plan action as the parser knows it.</summary>
/// <param name="Number">1..N as numbered in the plan.</param>
/// <param name="Title">The heading as written (“大走访大调研”行动（全年）).</param>
/// <param name="Name">The heading without quotes and period (大走访大调研行动).</param>
public sealed record VocabularyAction(int Number, string Title, string Name);

/// <summary>
/// What the parser knows about the active plan and the unit roster: the actions and the words that point to each
/// (title terms, programme names in the plan text, the action serving each kind of work), the units with their
/// aliases, and the roster's townships, sub-districts and zones (places). Built once per plan; immutable.
/// </summary>
public sealed partial class ReportVocabulary
{
    private static readonly string[] LevelPrefixes = ["省", "市", "区", "县", "国家", "中央"];

    private readonly int?[] _actionByActivity;
    private readonly Dictionary<int, string?> _defaultActivity;

    private ReportVocabulary(
        string? planTitle,
        IReadOnlyList<VocabularyAction> actions,
        int?[] actionByActivity,
        Dictionary<int, string?> defaultActivity,
        (string Term, int Action)[] titleTerms,
        (int Number, string Text)[] actionTexts,
        (string Alias, string Name)[] unitAliases,
        string[] areaNames)
    {
        PlanTitle = planTitle;
        Actions = actions;
        _actionByActivity = actionByActivity;
        _defaultActivity = defaultActivity;
        TitleTerms = titleTerms;
        ActionTexts = actionTexts;
        UnitAliases = unitAliases;
        AreaNames = areaNames;
        UnitMatcher = new WordMatcher(unitAliases.Select(a => a.Alias));
        AreaMatcher = new WordMatcher(areaNames);
        HomeCounties = areaNames.SelectMany(Gazetteer.Default.CountiesOf).ToHashSet(StringComparer.Ordinal);
        AreaStems = [.. areaNames.Concat(HomeTownships(HomeCounties)).Select(StemOf).Where(stem => stem.Length is 2 or 3)
            .Distinct(StringComparer.Ordinal).OrderByDescending(stem => stem.Length)];
        AreaStemMatcher = new WordMatcher(AreaStems);
    }

    /// <summary>The counties the roster's areas lie in (铁西区): the home district is never a place by itself.</summary>
    internal HashSet<string> HomeCounties { get; }

    /// <summary>A vocabulary with no plan and no roster: kinds of work are found, actions never.</summary>
    public static ReportVocabulary Empty { get; } = Build(null, []);

    public string? PlanTitle { get; }

    public IReadOnlyList<VocabularyAction> Actions { get; }

    /// <summary>Quoted and core terms of the action titles (大走访, 百日攻坚, 年底巩固提升 …), longest first.</summary>
    internal (string Term, int Action)[] TitleTerms { get; }

    /// <summary>Every action's text (title, description, milestones, targets, responsibilities).</summary>
    internal (int Number, string Text)[] ActionTexts { get; }

    /// <summary>Department aliases → roster name, longest alias first.</summary>
    internal (string Alias, string Name)[] UnitAliases { get; }

    /// <summary>Roster townships, sub-districts and zones with their aliases, longest first.</summary>
    internal string[] AreaNames { get; }

    /// <summary>Finds <see cref="UnitAliases"/> (word index = alias index).</summary>
    internal WordMatcher UnitMatcher { get; }

    /// <summary>Finds <see cref="AreaNames"/> (word index = name index).</summary>
    internal WordMatcher AreaMatcher { get; }

    /// <summary>
    /// The short names of the roster's areas (红嘴 of 红嘴经济开发区, 站前 of 站前街道, 平西 of 平西乡), two or three characters
    /// (循环经济 of 循环经济示范区 is also a common noun), longest first.
    /// </summary>
    internal string[] AreaStems { get; }

    /// <summary>Finds <see cref="AreaStems"/> (word index = stem index).</summary>
    internal WordMatcher AreaStemMatcher { get; }

    private static readonly string[] AreaSuffixes = ["经济开发区", "高新技术开发区", "开发区", "示范区", "园区", "街道", "乡", "镇"];

    /// <summary>The townships, sub-districts and zones of the home counties in the gazetteer (仁兴街道 … 红嘴高新技术开发区).</summary>
    private static IEnumerable<string> HomeTownships(HashSet<string> counties)
    {
        var codes = counties.SelectMany(c => Gazetteer.Default.Find(c)).Where(e => e.Level == "区县").Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        return Gazetteer.Default.Entries.Where(e => codes.Contains(e.ParentCode) && e.Level is "街道" or "乡" or "镇" or "开发区").Select(e => e.Name);
    }

    /// <summary>An area's name without its kind (红嘴经济开发区 → 红嘴, 站前街道 → 站前); the name itself when it has none.</summary>
    private static string StemOf(string name)
    {
        foreach (var suffix in AreaSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return "";
    }

    /// <summary>True when <paramref name="number"/> is an action of the plan.</summary>
    public bool HasAction(int number)
    {
        foreach (var a in Actions)
        {
            if (a.Number == number)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The action that serves a kind of work (调研 → the action titled “大走访大调研”), or null.</summary>
    public int? ActionFor(string? activity)
    {
        if (activity is null)
        {
            return null;
        }

        for (var i = 0; i < Activities.All.Count; i++)
        {
            if (string.Equals(Activities.All[i], activity, StringComparison.Ordinal))
            {
                return _actionByActivity[i];
            }
        }

        return null;
    }

    /// <summary>The kind of work an action is mostly about (3 → 招商), or null.</summary>
    public string? DefaultActivityOf(int action) => _defaultActivity.GetValueOrDefault(action);

    /// <summary>Builds the vocabulary from a plan (null: none imported) and the unit roster.</summary>
    public static ReportVocabulary Build(Plan? plan, IReadOnlyList<Unit> units)
    {
        var actions = new List<VocabularyAction>();
        var texts = new List<(int, string)>();
        var titleTerms = new List<(string, int)>();
        foreach (var action in plan?.Actions ?? [])
        {
            actions.Add(new VocabularyAction(action.Number, action.Title, NameOf(action.Title)));
            texts.Add((action.Number, TextOf(action)));
            foreach (var term in TermsOf(action.Title))
            {
                titleTerms.Add((term, action.Number));
            }
        }

        // A term naming two actions points to neither.
        var distinctTerms = titleTerms
            .GroupBy(t => t.Item1, StringComparer.Ordinal)
            .Where(g => g.Select(t => t.Item2).Distinct().Count() == 1)
            .Select(g => g.First())
            .OrderByDescending(t => t.Item1.Length)
            .ToArray();

        var actionByActivity = new int?[Activities.All.Count];
        for (var a = 0; a < ActivityLexicon.Count; a++)
        {
            actionByActivity[a] = BestAction(ActivityLexicon.Signatures[a], actions, texts);
        }

        var defaults = new Dictionary<int, string?>();
        Span<float> scores = stackalloc float[ActivityLexicon.Count];
        Span<int> firstAt = stackalloc int[ActivityLexicon.Count];
        foreach (var (number, text) in texts)
        {
            // The kind of work mapped to this action, preferring one its title names (三大攻坚战 → 攻坚, not 河长).
            var mapped = -1;
            for (var a = 0; a < ActivityLexicon.Count; a++)
            {
                if (actionByActivity[a] != number)
                {
                    continue;
                }

                var inTitle = ActivityLexicon.Signatures[a].Any(sig => text.AsSpan(0, Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal))).Contains(sig, StringComparison.Ordinal));
                if (mapped < 0 || inTitle)
                {
                    mapped = a;
                    if (inTitle)
                    {
                        break;
                    }
                }
            }

            if (mapped >= 0)
            {
                defaults[number] = Activities.All[mapped];
                continue;
            }

            ActivityLexicon.Score(text, scores, firstAt);
            var best = ActivityLexicon.Best(scores, 2);
            defaults[number] = best >= 0 ? Activities.All[best] : null;
        }

        var unitAliases = new List<(string, string)>();
        var areas = new List<string>();
        foreach (var unit in units)
        {
            // A collective (各街道办事处, 各乡镇) names no one place or office: its aliases are bare level words (街道, 镇)
            // that would swallow every real name ending in them (北山街道 → 街道).
            if (string.IsNullOrWhiteSpace(unit.Name) || unit.Name is UnitNames.AllStreets or UnitNames.AllTownships)
            {
                continue;
            }

            if (IsArea(unit))
            {
                areas.Add(unit.Name);
                areas.AddRange(unit.Aliases.Where(a => a.Length >= 2));
                continue;
            }

            foreach (var alias in AliasesOf(unit))
            {
                unitAliases.Add((alias, unit.Name));
            }
        }

        return new ReportVocabulary(
            plan?.Title,
            actions,
            actionByActivity,
            defaults,
            distinctTerms,
            [.. texts],
            [.. unitAliases.DistinctBy(a => a.Item1, StringComparer.Ordinal).OrderByDescending(a => a.Item1.Length)],
            [.. areas.Distinct(StringComparer.Ordinal).OrderByDescending(a => a.Length)]);
    }

    /// <summary>The action named by a title term in the text (百日攻坚 → 8), the earliest one; null when none.</summary>
    internal int? FindTitleTerm(string text)
    {
        int? best = null;
        var bestAt = int.MaxValue;
        foreach (var (term, action) in TitleTerms)
        {
            var at = text.IndexOf(term, StringComparison.Ordinal);
            if (at >= 0 && at < bestAt)
            {
                best = action;
                bestAt = at;
            }
        }

        return best;
    }

    /// <summary>
    /// The action whose text alone names a programme the message names: a quoted term (“回头看”) or a name ending in
    /// 大会/恳谈会/政策/行动 (全球吉商大会, 返乡创业政策). Null when no such term is distinctive.
    /// </summary>
    internal int? FindProgramme(string text)
    {
        if (ActionTexts.Length == 0)
        {
            return null;
        }

        // Quoted terms.
        for (var open = text.IndexOfAny(OpenQuotes); open >= 0; open = text.IndexOfAny(OpenQuotes, open + 1))
        {
            var close = text.IndexOfAny(CloseQuotes, open + 1);
            if (close < 0)
            {
                break;
            }

            if (close - open - 1 is >= 2 and <= 16 && OnlyAction(text.AsSpan(open + 1, close - open - 1)) is int quoted)
            {
                return quoted;
            }
        }

        // Names ending in 大会, 恳谈会, 政策, 行动: the shortest distinctive form (吉商大会 for 全球吉商大会).
        foreach (var suffix in ProgrammeSuffixes)
        {
            for (var at = text.IndexOf(suffix, StringComparison.Ordinal); at >= 0; at = text.IndexOf(suffix, at + 1, StringComparison.Ordinal))
            {
                for (var k = 2; k <= 6 && at - k >= 0 && ChineseText.IsHan(text[at - k]); k++)
                {
                    var candidate = text.AsSpan(at - k, k + suffix.Length);
                    var hits = CountActions(candidate, out var action);
                    if (hits == 0)
                    {
                        break;
                    }

                    if (hits == 1)
                    {
                        return action;
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The action whose text alone names the first of <paramref name="words"/> found in the message; null when none.</summary>
    internal int? FindDistinctive(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word, StringComparison.Ordinal) && OnlyAction(word) is int action)
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>
    /// The action whose plan text alone holds a four-character term of <paramref name="name"/> (a meeting's name:
    /// 二季度经济运行分析会议 → the action whose text says 召开…会议，研究分析经济运行) in a sentence that plans meetings, or
    /// null. Terms holding a meeting word are skipped; a subject the plan only lists (乡村振兴战略实施意见) serves no action.
    /// </summary>
    internal int? FindDistinctiveTerm(ReadOnlySpan<char> name)
    {
        const int size = 4;
        for (var i = 0; i + size <= name.Length; i++)
        {
            var term = name.Slice(i, size);
            if (term.IndexOfAny(NotTermChars) >= 0 || !AllHan(term))
            {
                continue;
            }

            if (OnlyMeetingAction(term) is int action)
            {
                return action;
            }
        }

        return null;
    }

    /// <summary>The one action whose text names <paramref name="term"/> in a sentence that plans a meeting (…召开…会议，研究分析经济运行).</summary>
    private int? OnlyMeetingAction(ReadOnlySpan<char> term)
    {
        int? found = null;
        foreach (var (number, text) in ActionTexts)
        {
            var span = text.AsSpan();
            var at = span.IndexOf(term, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            var from = span[..at].LastIndexOfAny(SentenceEnds) + 1;
            var to = span[at..].IndexOfAny(SentenceEnds);
            var sentence = to < 0 ? span[from..] : span[from..(at + to)];
            if (!sentence.Contains("会议", StringComparison.Ordinal))
            {
                return null;
            }

            found = number;
        }

        return found;
    }

    private static readonly char[] SentenceEnds = ['。', '；', ';', '\n'];

    /// <summary>Characters of meeting words, verbs of holding and numbering that make no topic term (会议, 召开, 第15次).</summary>
    private static readonly System.Buffers.SearchValues<char> NotTermChars = System.Buffers.SearchValues.Create("会议召开主持出席参加区政府第次");

    private static bool AllHan(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!ChineseText.IsHan(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The action that alone names one of <paramref name="words"/> in its text (the returnee programme for 乡贤 or
    /// 返乡投资 when the plan names only 返乡创业), or null.
    /// </summary>
    internal int? ProgrammeAction(string[] words)
    {
        foreach (var word in words)
        {
            if (OnlyAction(word) is int action)
            {
                return action;
            }
        }

        return null;
    }

    private static readonly char[] OpenQuotes = ['“', '"', '「', '『'];
    private static readonly char[] CloseQuotes = ['”', '"', '」', '』'];
    private static readonly string[] ProgrammeSuffixes = ["大会", "恳谈会", "政策", "行动"];

    private int? OnlyAction(ReadOnlySpan<char> term) => CountActions(term, out var action) == 1 ? action : null;

    private int CountActions(ReadOnlySpan<char> term, out int action)
    {
        action = 0;
        var hits = 0;
        foreach (var (number, text) in ActionTexts)
        {
            if (text.AsSpan().Contains(term, StringComparison.Ordinal))
            {
                hits++;
                action = number;
            }
        }

        return hits;
    }

    private static int? BestAction(string[] signatures, List<VocabularyAction> actions, List<(int Number, string Text)> texts)
    {
        if (signatures.Length == 0)
        {
            return null;
        }

        int? best = null;
        var bestScore = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            var score = 0;
            foreach (var sig in signatures)
            {
                if (actions[i].Title.Contains(sig, StringComparison.Ordinal))
                {
                    score += 1000;
                }

                score += Occurrences(texts[i].Text, sig);
            }

            if (score > bestScore)
            {
                best = actions[i].Number;
                bestScore = score;
            }
        }

        return best;
    }

    private static int Occurrences(string text, string word)
    {
        var n = 0;
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string TextOf(PlanAction action)
    {
        var sb = new StringBuilder(action.Title).Append('\n').Append(action.Description);
        foreach (var m in action.Milestones)
        {
            sb.Append('\n').Append(m.Text);
        }

        foreach (var t in action.Targets)
        {
            sb.Append('\n').Append(t.Text);
        }

        foreach (var d in action.Duties)
        {
            sb.Append('\n').Append(d.Text);
        }

        foreach (var r in action.Responsibilities)
        {
            sb.Append('\n').Append(r.Name);
        }

        return sb.ToString();
    }

    [GeneratedRegex("[“\"「『]([^”\"」』]{2,16})[”\"」』]")]
    private static partial Regex QuotedTerm();

    [GeneratedRegex("[（(][^）)]*[）)]")]
    private static partial Regex Parenthesised();

    /// <summary>大走访大调研行动 from “大走访大调研”行动（全年）.</summary>
    internal static string NameOf(string title)
    {
        var name = Parenthesised().Replace(title, "");
        return name.Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal)
            .Replace("\"", "", StringComparison.Ordinal).Trim().TrimEnd('。');
    }

    /// <summary>
    /// The words of a title that name its action: quoted terms and their parts (“大走访大调研” → 大走访大调研, 大走访,
    /// 大调研; “早落地、早开工、早见效” → 早落地, 早开工, 早见效), or the core of an unquoted title (年底巩固提升行动 → 年底巩固提升).
    /// </summary>
    internal static IEnumerable<string> TermsOf(string title)
    {
        var terms = new List<string>();
        foreach (Match m in QuotedTerm().Matches(title))
        {
            var term = m.Groups[1].Value;
            if (!term.Contains('、', StringComparison.Ordinal))
            {
                terms.Add(term);
            }

            foreach (var part in term.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (part.Length >= 3)
                {
                    terms.Add(part);
                }

                // 大走访大调研 → 大走访, 大调研: the first character repeats where the second half starts.
                var again = part.IndexOf(part[0], 2);
                if (again >= 3 && part.Length - again >= 3)
                {
                    terms.Add(part[..again]);
                    terms.Add(part[again..]);
                }
            }
        }

        if (terms.Count == 0)
        {
            var core = NameOf(title);
            if (core.EndsWith("行动", StringComparison.Ordinal))
            {
                core = core[..^2];
            }

            if (core.Length >= 3)
            {
                terms.Add(core);
            }
        }

        return terms.Distinct(StringComparer.Ordinal);
    }

    private static bool IsArea(Unit unit) =>
        unit.Type is UnitTypes.Township or UnitTypes.Subdistrict or UnitTypes.Zone
        || unit.Name.EndsWith('乡') || unit.Name.EndsWith('镇') || unit.Name.EndsWith("街道", StringComparison.Ordinal)
        || unit.Name.EndsWith("示范区", StringComparison.Ordinal) || unit.Name.EndsWith("开发区", StringComparison.Ordinal)
        || unit.Name.EndsWith("园区", StringComparison.Ordinal);

    /// <summary>区发改局 is also written 发改局; 环保分局 is also written 区环保分局.</summary>
    private static IEnumerable<string> AliasesOf(Unit unit)
    {
        var names = new List<string> { unit.Name };
        names.AddRange(unit.Aliases.Where(a => a.Length >= 2));
        var result = new List<string>(names);
        foreach (var name in names)
        {
            if (name.StartsWith('区') && name.Length >= 3)
            {
                result.Add(name[1..]);
            }
            else if (!HasLevel(name))
            {
                result.Add("区" + name);
            }
        }

        return result.Distinct(StringComparer.Ordinal);
    }

    internal static bool HasLevel(string name)
    {
        foreach (var prefix in LevelPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
