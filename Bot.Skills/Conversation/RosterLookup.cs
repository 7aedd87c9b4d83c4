using System.Text.RegularExpressions;
using Bot.Data.Members;
using Bot.Data.Plans;

namespace Bot.Skills.Conversation;

/// <summary>Finds roster members and plan actions named in free Chinese text.</summary>
public static partial class RosterLookup
{
    /// <summary>
    /// Whom a question is about: the member it names, else the asker when it asks about themself (我本月调研几次,
    /// 这个月我调研了几次, 我的汇报几条; not 帮我查…/我们…), else null.
    /// </summary>
    public static Member? FindSubject(string text, IReadOnlyList<Member> roster, Member? asker) =>
        FindNamed(text, roster) ?? (asker is not null && AboutSelf().IsMatch(text) ? asker : null);

    /// <summary>
    /// The member named in <paramref name="text"/>: a full name (张志刚), or a surname with a title (王副区长, 刘区长).
    /// Null when nobody or more than one person fits.
    /// </summary>
    public static Member? FindNamed(string text, IReadOnlyList<Member> roster)
    {
        var byName = roster.Where(m => m.Active && m.Name.Length >= 2 && text.Contains(m.Name, StringComparison.Ordinal))
            .OrderByDescending(m => m.Name.Length).ToList();
        if (byName.Count > 0)
        {
            return byName[0];
        }

        foreach (Match match in SurnameTitle().Matches(text))
        {
            var surname = match.Groups["surname"].Value;
            var title = match.Groups["title"].Value;
            var candidates = roster.Where(m => m.Active && m.Name.StartsWith(surname, StringComparison.Ordinal) &&
                (m.Title ?? "").EndsWith(title, StringComparison.Ordinal) && (title != "区长" || !(m.Title ?? "").Contains("副区长", StringComparison.Ordinal)))
                .ToList();
            if (candidates.Count == 1)
            {
                return candidates[0];
            }
        }

        return null;
    }

    /// <summary>The plan action named in the text: by number (第二项行动, 行动二, （二）) or by its title words (大招商行动).</summary>
    public static PlanAction? FindAction(string text, Plan? plan)
    {
        if (plan is null || plan.Actions.Count == 0)
        {
            return null;
        }

        var numbered = ActionNumber().Match(text);
        if (numbered.Success)
        {
            var n = ChineseDigit(numbered.Groups["n"].Value);
            var byNumber = plan.Actions.FirstOrDefault(a => a.Number == n);
            if (byNumber is not null)
            {
                return byNumber;
            }
        }

        var scored = plan.Actions
            .Select(a => (Action: a, Score: LongestCommonSubstring(text, Core(a.Title))))
            .Where(x => x.Score >= 2)
            .OrderByDescending(x => x.Score)
            .ToList();
        return scored.Count > 0 && (scored.Count == 1 || scored[0].Score > scored[1].Score) ? scored[0].Action : null;
    }

    /// <summary>A display name for an action: 行动二 “大考察大招商”.</summary>
    public static string ActionName(PlanAction action) => $"{Core(action.Title)}行动";

    /// <summary>The title without quotes and the trailing 行动.</summary>
    public static string Core(string title)
    {
        var core = title.Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal).Trim();
        return core.EndsWith("行动", StringComparison.Ordinal) ? core[..^2] : core;
    }

    private static int LongestCommonSubstring(string a, string b)
    {
        var best = 0;
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                var k = 0;
                while (i + k < a.Length && j + k < b.Length && a[i + k] == b[j + k])
                {
                    k++;
                }

                best = Math.Max(best, k);
            }
        }

        return best;
    }

    private static int ChineseDigit(string value) => ChineseNumerals.Parse(value) ?? 0;

    [GeneratedRegex(@"(?<surname>[\p{IsCJKUnifiedIdeographs}])(?<title>副区长|区长|书记|主任|局长|乡长)")]
    private static partial Regex SurnameTitle();

    [GeneratedRegex(@"(?:第(?<n>[一二三四五六七八九十]|\d{1,2})项行动|行动(?<n>[一二三四五六七八九十]|\d{1,2})|[（(](?<n>[一二三四五六七八九十])[）)])")]
    private static partial Regex ActionNumber();

    [GeneratedRegex(@"(?:^|[，,。？?\s这本今上月年周天度])我(?!们)(?:的|这个|本|今|上|全|一共|总共|已经|调研|走访|签|巡|汇报|报了|去|到)")]
    private static partial Regex AboutSelf();
}
