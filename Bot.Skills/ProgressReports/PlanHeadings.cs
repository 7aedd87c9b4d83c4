using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// A light reading of a plan document, enough for the parser's vocabulary: the action headings（一）…行动 with their
/// body text, and the units named under 责任人及责任部门. It stands in until the plan importer has stored the plan;
/// the importer's full reading (milestones, targets, duties) replaces it.
/// </summary>
public static partial class PlanHeadings
{
    [GeneratedRegex(@"^[ \t\u3000]*（(?<n>[一二三四五六七八九十]+)）(?<rest>.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[ \t\u3000]*[一二三四五六七八九十]+、", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Section();

    [GeneratedRegex(@"（(?<p>[^（）]*)）\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPeriod();

    [GeneratedRegex(@"责任人及责任部门\s*\n\s*(?<line>[^\n]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Responsible();

    private static readonly string[] UnitSuffixes = ["局", "办", "委", "中心", "处", "大队", "分局", "办公室", "乡", "镇", "街道", "示范区", "开发区"];

    /// <summary>The plan's actions: headings（N）whose title (up to the first 。) names a 行动, numbered as written.</summary>
    public static Plan Extract(string document, int? year = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Replace("\r\n", "\n", StringComparison.Ordinal);
        var plan = new Plan { Title = TitleOf(text), Document = document, Year = year ?? 0 };
        var headings = Heading().Matches(text);
        var sections = Section().Matches(text);
        for (var i = 0; i < headings.Count; i++)
        {
            var h = headings[i];
            var rest = h.Groups["rest"].Value.Trim();
            var stop = rest.IndexOf('。', StringComparison.Ordinal);
            var title = (stop >= 0 ? rest[..stop] : rest).Trim();
            if (!title.Contains("行动", StringComparison.Ordinal) || !ChineseNumerals.TryParseChinese(h.Groups["n"].ValueSpan, out var number))
            {
                continue;
            }

            // The body runs to the next heading or section.
            var end = text.Length;
            if (i + 1 < headings.Count)
            {
                end = headings[i + 1].Index;
            }

            foreach (Match s in sections)
            {
                if (s.Index > h.Index && s.Index < end)
                {
                    end = s.Index;
                    break;
                }
            }

            var body = text[(h.Index + h.Length)..end];
            var description = ((stop >= 0 ? rest[(stop + 1)..] : "") + "\n" + body).Trim();
            var period = TrailingPeriod().Match(title);
            plan.Actions.Add(new PlanAction
            {
                Number = (int)number,
                Title = title,
                Period = period.Success ? period.Groups["p"].Value : null,
                Description = description,
            });
        }

        return plan;
    }

    /// <summary>The units named under 责任人及责任部门, with their type (部门, 乡, 街道, 示范区).</summary>
    public static IReadOnlyList<Unit> ExtractUnits(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Replace("\r\n", "\n", StringComparison.Ordinal);
        var units = new List<Unit>();
        foreach (Match m in Responsible().Matches(text))
        {
            foreach (var raw in m.Groups["line"].Value.Split(['，', '、', ',', '；', ';', '。'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = Clean(raw);
                if (name.Length < 3 || name.StartsWith('各') || name.Contains("领导", StringComparison.Ordinal) || !EndsWithUnitSuffix(name))
                {
                    continue;
                }

                if (units.Exists(u => string.Equals(u.Name, name, StringComparison.Ordinal)))
                {
                    continue;
                }

                var aliases = new List<string>();
                if (name.StartsWith('区') && name.Length >= 3)
                {
                    aliases.Add(name[1..]);
                }

                units.Add(new Unit { Name = name, Aliases = aliases, Type = TypeOf(name) });
            }
        }

        return units;
    }

    /// <summary>The vocabulary of a plan document alone: its actions and the units it names.</summary>
    public static ReportVocabulary Vocabulary(string document) => ReportVocabulary.Build(Extract(document), ExtractUnits(document));

    private static string TitleOf(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var title = "";
        foreach (var line in lines)
        {
            if (line.StartsWith('（') || line.Length > 40 || Section().IsMatch(line))
            {
                break;
            }

            title += line;
        }

        return title;
    }

    private static string Clean(string raw)
    {
        var name = raw.Trim();
        foreach (var prefix in new[] { "以及", "及", "和" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                name = name[prefix.Length..];
            }
        }

        foreach (var suffix in new[] { "等相关部门", "等部门", "等单位", "等" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        return name.Trim();
    }

    private static bool EndsWithUnitSuffix(string name)
    {
        foreach (var s in UnitSuffixes)
        {
            if (name.EndsWith(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string TypeOf(string name) =>
        name.EndsWith('乡') || name.EndsWith('镇') ? UnitTypes.Township
        : name.EndsWith("街道", StringComparison.Ordinal) ? UnitTypes.Subdistrict
        : name.EndsWith("示范区", StringComparison.Ordinal) || name.EndsWith("开发区", StringComparison.Ordinal) ? UnitTypes.Zone
        : UnitTypes.Department;
}
