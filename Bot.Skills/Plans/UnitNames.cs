using System.Text.RegularExpressions;
using Bot.Data.Units;

namespace Bot.Skills.Plans;

/// <summary>
/// Names of district government units: the canonical short form (区发改局), its aliases (发改局, 区发展和改革局 …),
/// its type, and the collective words plans use (各部门, 乡, 各街道办事处).
/// </summary>
public static partial class UnitNames
{
    /// <summary>Canonical name of the collective "all streets" unit when a plan names no street.</summary>
    public const string AllStreets = "各街道办事处";

    /// <summary>Canonical name of the collective "all townships" unit when a plan names no township.</summary>
    public const string AllTownships = "各乡镇";

    // Short stem ↔ official stem of departments ending in 局/分局/委.
    private static readonly (string Short, string Full)[] Stems =
    [
        ("发改", "发展和改革"), ("经合", "经济合作"), ("人社", "人力资源和社会保障"), ("住建", "住房和城乡建设"),
        ("卫计", "卫生和计划生育"), ("卫健", "卫生健康"), ("文体", "文化体育"), ("文旅", "文化和旅游"),
        ("科技", "科学技术"), ("工信", "工业和信息化"), ("市场监管", "市场监督管理"), ("环保", "环境保护"),
        ("应急", "应急管理"), ("城管", "城市管理"), ("国资", "国有资产监督管理"), ("医保", "医疗保障"),
        ("民宗", "民族宗教事务"), ("交通", "交通运输"), ("退役军人", "退役军人事务"),
    ];

    // Units renamed in the reform whose current name is kept as written (区农业农村局 stays 区农业农村局, never
    // 区农业局); the former name is only an alias.
    private static readonly (string Former, string Current)[] Renamed = [("农业", "农业农村")];

    // Short ↔ official names of offices (办).
    private static readonly (string Short, string Full)[] Offices =
    [
        ("政府办", "政府办公室"), ("编办", "机构编制委员会办公室"), ("法制办", "法制办公室"), ("扶贫办", "扶贫开发办公室"),
        ("党政办", "党政办公室"), ("人大办", "人大常委会办公室"), ("政协办", "政协办公室"), ("信访办", "信访办公室"),
    ];

    /// <summary>The canonical form of a written unit name: trimmed, official long forms contracted (区发展和改革局 → 区发改局).</summary>
    public static string Canonicalize(string name)
    {
        var n = Clean(name);
        foreach (var (shortName, full) in Offices)
        {
            if (n.EndsWith(full, StringComparison.Ordinal))
            {
                return n[..^full.Length] + shortName;
            }
        }

        var m = DepartmentShape().Match(n);
        if (m.Success)
        {
            foreach (var (shortName, full) in Stems)
            {
                if (string.Equals(m.Groups["stem"].Value, full, StringComparison.Ordinal))
                {
                    // 市发展和改革委员会 → 市发改委.
                    var suffix = m.Groups["s"].Value == "委员会" ? "委" : m.Groups["s"].Value;
                    return m.Groups["p"].Value + shortName + suffix;
                }
            }
        }

        if (IsStreetCollective(n))
        {
            return AllStreets;
        }

        return IsTownshipCollective(n) ? AllTownships : n;
    }

    /// <summary>
    /// A unit name as the document writes it (trimmed; a collective word becomes its collective): 区发展和改革局 stays
    /// 区发展和改革局. The canonical short form (区发改局) is one of its <see cref="AliasesOfWritten"/>.
    /// </summary>
    public static string AsWritten(string name)
    {
        var n = Clean(name);
        if (IsStreetCollective(n))
        {
            return AllStreets;
        }

        return IsTownshipCollective(n) ? AllTownships : n;
    }

    /// <summary>The other names of a unit written as <paramref name="written"/>: its canonical short form and that form's aliases.</summary>
    public static List<string> AliasesOfWritten(string written)
    {
        var canonical = Canonicalize(written);
        var aliases = new List<string>();
        if (!string.Equals(canonical, written, StringComparison.Ordinal))
        {
            aliases.Add(canonical);
        }

        aliases.AddRange(AliasesOf(canonical));
        return aliases.Where(a => !string.Equals(a, written, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The type (部门, 乡, 街道, 示范区) of a canonical name.</summary>
    public static string TypeOf(string canonical)
    {
        if (string.Equals(canonical, AllStreets, StringComparison.Ordinal) || StreetSuffix().IsMatch(canonical))
        {
            return UnitTypes.Subdistrict;
        }

        if (string.Equals(canonical, AllTownships, StringComparison.Ordinal) || TownshipSuffix().IsMatch(canonical))
        {
            return UnitTypes.Township;
        }

        return ZoneSuffix().IsMatch(canonical) ? UnitTypes.Zone : UnitTypes.Department;
    }

    /// <summary>The other names people use for a canonical unit (without the canonical name itself).</summary>
    public static List<string> AliasesOf(string canonical)
    {
        var aliases = new List<string>();
        if (string.Equals(canonical, AllStreets, StringComparison.Ordinal))
        {
            aliases.AddRange(["各街道", "街道办事处", "各街", "街道", "街"]);
            return aliases;
        }

        if (string.Equals(canonical, AllTownships, StringComparison.Ordinal))
        {
            aliases.AddRange(["各乡", "乡镇", "乡", "镇"]);
            return aliases;
        }

        var type = TypeOf(canonical);
        var local = canonical.StartsWith('区') && canonical.Length >= 3 ? canonical[1..] : canonical;
        var prefix = canonical.Length > local.Length ? "区" : "";
        if (type == UnitTypes.Department)
        {
            if (prefix.Length > 0)
            {
                aliases.Add(local);
            }
            else if (!local.StartsWith('各') && local[0] is not ('县' or '市' or '省' or '镇' or '乡'))
            {
                aliases.Add("区" + local);
            }

            foreach (var (shortName, full) in Offices)
            {
                if (local.EndsWith(shortName, StringComparison.Ordinal) && local.Length == shortName.Length)
                {
                    aliases.Add(prefix + full);
                    aliases.Add(full);
                }
            }

            var m = DepartmentShape().Match(local);
            if (m.Success)
            {
                // The official long form as a plan writes it: 县市场监管局 ← 县市场监督管理局, 区发改局 ← 区发展和改革局.
                var own = m.Groups["p"].Value;
                foreach (var (shortName, full) in Stems)
                {
                    if (string.Equals(m.Groups["stem"].Value, shortName, StringComparison.Ordinal))
                    {
                        // 委 is written 委员会 in full: 市发改委 ← 市发展和改革委员会.
                        var suffix = m.Groups["s"].Value == "委" ? "委员会" : m.Groups["s"].Value;
                        aliases.Add(prefix + own + full + suffix);
                        if (own.Length == 0)
                        {
                            aliases.Add(full + suffix);
                        }
                    }
                }

                foreach (var (former, current) in Renamed)
                {
                    if (string.Equals(m.Groups["stem"].Value, current, StringComparison.Ordinal))
                    {
                        aliases.Add(prefix + former + m.Groups["s"].Value);
                    }
                }
            }
        }
        else if (type == UnitTypes.Township && canonical.Length >= 3)
        {
            aliases.Add(canonical[..^1]);
            aliases.Add(canonical + "政府");
        }
        else if (type == UnitTypes.Subdistrict)
        {
            if (canonical.EndsWith("街道办事处", StringComparison.Ordinal))
            {
                aliases.Add(canonical[..^3]);
            }
            else if (canonical.EndsWith("街道", StringComparison.Ordinal))
            {
                aliases.Add(canonical + "办事处");
            }

            var stem = StreetSuffix().Replace(canonical, "");
            if (stem.Length >= 2)
            {
                aliases.Add(stem + "街");
            }
        }
        else if (type == UnitTypes.Zone)
        {
            var suffix = ZoneSuffix().Match(canonical).Value;
            if (suffix.Length > 0 && suffix.Length < canonical.Length)
            {
                aliases.Add(suffix);
            }

            aliases.Add(canonical + "管委会");
        }

        return aliases.Where(a => a.Length >= 2 && !string.Equals(a, canonical, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>True for a token that names a unit (ends in 局, 办, 中心, 乡, 街道, 示范区 …).</summary>
    public static bool LooksLikeUnit(string token)
    {
        var t = Clean(token);
        return t.Length is >= 2 and <= 24 && !t.StartsWith('各') && UnitSuffix().IsMatch(t) && !LeaderSuffix().IsMatch(t)
               && t.All(c => c >= '\u4e00' && c <= '\u9fff');
    }

    /// <summary>True for a leader title (区政府领导, 各部门领导, 负责人, 副区长 …).</summary>
    public static bool IsLeaderTitle(string token) => LeaderSuffix().IsMatch(Clean(token));

    /// <summary>The token without its leader suffix (循环经济示范区负责人 → 循环经济示范区), or null.</summary>
    public static string? WithoutLeaderSuffix(string token)
    {
        var t = Clean(token);
        var m = LeaderSuffix().Match(t);
        return m.Success && m.Index > 0 ? t[..m.Index] : null;
    }

    /// <summary>各部门, 相关部门, 各单位 …: "all departments", not one unit.</summary>
    public static bool IsDepartmentCollective(string token) => DepartmentCollective().IsMatch(Clean(token));

    /// <summary>乡, 各乡镇 …: all townships.</summary>
    public static bool IsTownshipCollective(string token) => TownshipCollective().IsMatch(Clean(token));

    /// <summary>街, 各街道办事处 …: all streets.</summary>
    public static bool IsStreetCollective(string token) => StreetCollective().IsMatch(Clean(token));

    private static string Clean(string name) => CleanUp().Replace(name.Trim(), "");

    /// <summary>
    /// A collective that is no unit of the district's roster: 各村（社区）, 各社区, 各县（市、区）人民政府 — kept as one
    /// group, as written.
    /// </summary>
    public static bool IsOtherCollective(string text) => OtherCollective().IsMatch(text.Trim());

    [GeneratedRegex(@"^各(?:村|社区|村（社区）|村\(社区\)|村居|村（居）|行政村|县市区|县区|区县|县（市、区）|县\(市、区\)|县（市）|县市)(?:委会|居委会|人民政府|政府|党委)?$")]
    private static partial Regex OtherCollective();

    [GeneratedRegex(@"\s|“|”|""|《|》|等相关部门$|等有关部门$|等部门$|等单位$|等$")]
    private static partial Regex CleanUp();

    [GeneratedRegex(@"^(?<p>区|市|县)?(?<stem>[\u4e00-\u9fff]{2,12}?)(?<s>分局|局|委员会|委)$")]
    private static partial Regex DepartmentShape();

    [GeneratedRegex(@"(?:局|办|办公室|委|委员会|中心|处|大队|中队|支队|所|站|院|馆|队|乡|镇|街道|办事处|示范区|开发区|园区|新区|管委会|公司|集团|社区|村|部|厅|会|联|室|科)$")]
    private static partial Regex UnitSuffix();

    [GeneratedRegex(@"(?:主要领导|领导同志|领导|主要负责人|负责人|负责同志|副区长|区长|书记|主任|局长|乡长|镇长)$")]
    private static partial Regex LeaderSuffix();

    [GeneratedRegex(@"^(?:全区|区直|区政府)?各?(?:相关|有关|成员)?(?:部门|单位|部门和单位|部门、单位|委办局)$")]
    private static partial Regex DepartmentCollective();

    [GeneratedRegex(@"^各?(?:乡|镇|乡镇|乡（镇）)$")]
    private static partial Regex TownshipCollective();

    [GeneratedRegex(@"^各?(?:街|街道|街道办事处|街道办)$")]
    private static partial Regex StreetCollective();

    [GeneratedRegex(@"(?:街道办事处|街道)$")]
    private static partial Regex StreetSuffix();

    [GeneratedRegex(@"(?<!街道办事)(?:乡|镇)$")]
    private static partial Regex TownshipSuffix();

    [GeneratedRegex(@"(?:示范区|开发区|园区|新区|工业园)$")]
    private static partial Regex ZoneSuffix();
}
