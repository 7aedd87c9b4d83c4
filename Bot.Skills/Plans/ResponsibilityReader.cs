using System.Text.RegularExpressions;

namespace Bot.Skills.Plans;

/// <summary>What one name under 责任人及责任部门 (or a 牵头单位/责任单位 field) stands for.</summary>
internal enum PartyKind
{
    Leader,
    Unit,
    AllTownships,
    AllStreets,
    AllDepartments,

    /// <summary>A collective that is no roster unit (各村（社区）, 各县（市、区）人民政府): one group, as written.</summary>
    Collective,
}

/// <summary>One responsible party as written, before collectives (乡, 各街道办事处) are expanded against the roster.</summary>
internal sealed record Party(PartyKind Kind, string Name);

/// <summary>A field of a task-split document: 牵头单位：…, 责任单位：…, 完成时限：….</summary>
internal sealed record TaskField(string Role, string Value, int Index, int Length);

/// <summary>
/// Reads responsibility lists (<c>区政府领导及各部门领导，区发改局、区经合局、乡、街、循环经济示范区</c>), task-split fields
/// (<c>牵头单位：</c>, <c>责任单位：</c>, <c>配合单位：</c>, <c>责任领导：</c>, <c>完成时限：</c>) and notes such as
/// <c>〔区发改局牵头，区财政局参与，各乡镇负责落实〕</c>.
/// </summary>
internal static partial class ResponsibilityReader
{
    public const string Lead = "lead";
    public const string Responsible = "responsible";
    public const string Support = "support";
    public const string LeaderRole = "leader";
    public const string Deadline = "deadline";

    /// <summary>The parties of a responsibility list; names that are neither leaders nor units go to <paramref name="unknown"/>.</summary>
    public static List<Party> ReadList(string text, List<string> unknown, bool leadersOnly = false)
    {
        var parties = new List<Party>();
        // 各镇（街道）, 各乡镇街道, 各乡（镇、街道）: every township and every street.
        var cleaned = TownshipsAndStreets().Replace(text.Trim().TrimEnd('。', '；', ';', '，', ',', '.'), "各乡镇、各街道");
        // 各县（市、区）: one collective, whose 、 is no list separator.
        cleaned = ParenthesisedList().Replace(cleaned, m => m.Value.Replace('、', '\u2060'));
        foreach (var rawGroup in GroupSeparator().Split(cleaned))
        {
            var group = rawGroup.Trim();
            if (group.Length == 0)
            {
                continue;
            }

            var parts = ItemSeparator().Split(group).Select(p => p.Trim().Replace('\u2060', '、')).Where(p => p.Length > 0).ToList();
            parts = parts.SelectMany(SplitAnd).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            // "各部门、乡、街、循环经济示范区负责人": the heads of every listed unit.
            var last = parts[^1];
            if (parts.Count > 1 && UnitNames.WithoutLeaderSuffix(last) is { } stripped && IsParty(stripped))
            {
                parties.Add(new Party(PartyKind.Leader, group));
                parts[^1] = stripped;
                foreach (var part in parts)
                {
                    AddPart(part, parties, unknown, false);
                }

                continue;
            }

            foreach (var part in parts)
            {
                AddPart(part, parties, unknown, leadersOnly);
            }
        }

        return parties;
    }

    /// <summary>Fields (牵头单位：…) anywhere in the line.</summary>
    public static List<TaskField> ReadFields(string line)
    {
        var fields = new List<TaskField>();
        foreach (Match m in Field().Matches(line))
        {
            var value = m.Groups["v"].Value.Trim().TrimEnd('。', '，', ',', '；', ';');
            if (RoleOf(m.Groups["k"].Value) is { } role)
            {
                fields.Add(new TaskField(role, value, m.Index, m.Length));
            }
        }

        return fields;
    }

    /// <summary>True when the line starts with a field label.</summary>
    public static bool StartsWithField(string line) => FieldStart().IsMatch(line);

    /// <summary>The parties of a note 〔X牵头，Y参与，Z负责落实〕, lead first; the note's span in the line.</summary>
    public static List<(string Role, string Names, int Index, int Length)> ReadNotes(string line)
    {
        var result = new List<(string, string, int, int)>();
        foreach (Match note in Note().Matches(line))
        {
            var roles = new List<(string Role, string Names)>();
            foreach (var part in note.Groups["b"].Value.Split(['，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var m = NoteRole().Match(part);
                if (m.Success)
                {
                    roles.Add((m.Groups["r"].Value switch
                    {
                        "牵头" or "主责" => Lead,
                        "负责落实" or "负责" or "落实" or "具体负责" => Responsible,
                        _ => Support,
                    }, m.Groups["n"].Value));
                }
            }

            if (roles.Count == 0)
            {
                continue;
            }

            foreach (var (role, names) in roles.OrderBy(r => r.Role == Lead ? 0 : r.Role == Responsible ? 1 : 2))
            {
                result.Add((role, names, note.Index, note.Length));
            }
        }

        return result;
    }

    private static string? RoleOf(string label) => label switch
    {
        "牵头单位" or "牵头部门" or "主责单位" or "主办单位" or "牵头" => Lead,
        "责任单位" or "责任部门" or "落实单位" or "承办单位" or "实施单位" => Responsible,
        "配合单位" or "协办单位" or "参与单位" or "协助单位" or "配合部门" => Support,
        "责任领导" or "牵头领导" or "分管领导" or "包保领导" or "责任人" => LeaderRole,
        "完成时限" or "完成时间" or "时间节点" or "时限要求" or "完成期限" or "截止时间" or "时限" => Deadline,
        _ => null,
    };

    private static void AddPart(string part, List<Party> parties, List<string> unknown, bool leadersOnly)
    {
        var p = LeadingWord().Replace(part, "");
        if (p.Length == 0)
        {
            return;
        }

        if (leadersOnly || UnitNames.IsLeaderTitle(p))
        {
            parties.Add(new Party(PartyKind.Leader, p));
            if (UnitNames.WithoutLeaderSuffix(p) is { } unit && UnitNames.LooksLikeUnit(unit))
            {
                parties.Add(new Party(PartyKind.Unit, UnitNames.AsWritten(unit)));
            }

            return;
        }

        if (UnitNames.IsOtherCollective(p))
        {
            parties.Add(new Party(PartyKind.Collective, p));
        }
        else if (UnitNames.IsDepartmentCollective(p))
        {
            parties.Add(new Party(PartyKind.AllDepartments, p));
        }
        else if (UnitNames.IsTownshipCollective(p))
        {
            parties.Add(new Party(PartyKind.AllTownships, p));
        }
        else if (UnitNames.IsStreetCollective(p))
        {
            parties.Add(new Party(PartyKind.AllStreets, p));
        }
        else if (UnitNames.LooksLikeUnit(p))
        {
            parties.Add(new Party(PartyKind.Unit, UnitNames.AsWritten(p)));
        }
        else
        {
            unknown.Add(part);
        }
    }

    private static bool IsParty(string token) =>
        UnitNames.LooksLikeUnit(token) || UnitNames.IsOtherCollective(token) || UnitNames.IsDepartmentCollective(token) || UnitNames.IsTownshipCollective(token) || UnitNames.IsStreetCollective(token);

    // "街和循环经济示范区" → 街, 循环经济示范区; "区发展和改革局" stays whole.
    private static IEnumerable<string> SplitAnd(string part)
    {
        var pieces = part.Split('和');
        if (pieces.Length > 1 && pieces.All(p => p.Length > 0 && IsParty(LeadingWord().Replace(p, ""))))
        {
            return pieces;
        }

        return [part];
    }

    [GeneratedRegex(@"各?(?:乡镇|乡|镇)[（(]?(?:镇、|乡、)?(?:街道|街)(?:办事处)?[）)]?")]
    private static partial Regex TownshipsAndStreets();

    [GeneratedRegex(@"[（(][^（）()]{1,12}[）)]")]
    private static partial Regex ParenthesisedList();

    /// <summary>
    /// A responsibility sentence "镇党政办负责统筹协调，镇财政所负责资金保障，各村（社区）负责具体组织实施": the subject
    /// of each clause is a party; null when a clause has no subject that is a leader, a unit or a collective.
    /// </summary>
    public static List<Party>? ReadDutySentence(string text)
    {
        var parties = new List<Party>();
        foreach (var clause in text.Split(['，', ',', '；', ';', '。'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = ClauseSubject().Match(clause);
            if (!m.Success)
            {
                return null;
            }

            var unknown = new List<string>();
            var found = ReadList(m.Groups["s"].Value, unknown);
            if (unknown.Count > 0 || found.Count == 0)
            {
                return null;
            }

            parties.AddRange(found);
        }

        return parties.Count > 0 ? parties : null;
    }

    [GeneratedRegex(@"^(?<s>[^，,；;。]{2,40}?)(?:牵头|具体|主要|共同)?负责")]
    private static partial Regex ClauseSubject();

    [GeneratedRegex("[，,；;]|以及|及")]
    private static partial Regex GroupSeparator();

    [GeneratedRegex("[、/／]")]
    private static partial Regex ItemSeparator();

    [GeneratedRegex("^(?:由|请|会同|和|与|及)")]
    private static partial Regex LeadingWord();

    private const string Labels = "牵头单位|牵头部门|主责单位|主办单位|责任单位|责任部门|落实单位|承办单位|实施单位|配合单位|协办单位|参与单位|协助单位|配合部门|责任领导|牵头领导|分管领导|包保领导|责任人|完成时限|完成时间|时间节点|时限要求|完成期限|截止时间|时限";

    [GeneratedRegex(@"(?<k>" + Labels + @")\s*[:：]\s*(?<v>(?:[^；;。〔【\[（()）]|[（(][^（()）；;。]{1,8}[）)])*?)(?=\s*(?:" + Labels + @")\s*[:：]|[；;。〔【\[）)]|$)")]
    private static partial Regex Field();

    [GeneratedRegex(@"^\s*[（(【\[]?\s*(?:" + Labels + @")\s*[:：]")]
    private static partial Regex FieldStart();

    [GeneratedRegex(@"[〔【\[（(](?<b>[^〔〕【】\[\]（）()]*?(?:牵头|负责|配合|参与|协助|协办|落实)[^〔〕【】\[\]（）()]*?)[〕】\]）)]")]
    private static partial Regex Note();

    [GeneratedRegex(@"^(?<n>.+?)(?<r>牵头|主责|具体负责|负责落实|负责|落实|配合|参与|协助|协办)$")]
    private static partial Regex NoteRole();
}
