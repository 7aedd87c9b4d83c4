namespace Bot.Skills.Scorecards;

/// <summary>Chinese labels and units of the canonical metric keys (DESIGN.md).</summary>
public static class MetricCatalog
{
    private static readonly Dictionary<string, (string Label, string Unit)> Entries = new(StringComparer.Ordinal)
    {
        ["research_trips"] = ("专题调研", "次"),
        ["research_days"] = ("调研天数", "天"),
        ["reports"] = ("调研报告", "篇"),
        ["results"] = ("成果转化", "项"),
        ["measures"] = ("政策措施", "项"),
        ["problems_found"] = ("发现问题", "个"),
        ["problems_solved"] = ("解决问题", "个"),
        ["enterprises"] = ("走访对接企业", "家"),
        ["projects"] = ("项目", "个"),
        ["investment"] = ("投资额", "亿元"),
        ["trainings"] = ("培训", "场"),
        ["trainees"] = ("培训人次", "人次"),
        ["patrols"] = ("巡查", "次"),
        ["events"] = ("宣传活动", "场"),
        ["experiences"] = ("学习借鉴经验", "项"),
        ["coverage"] = ("走访覆盖", "个单位"),
    };

    public static IReadOnlyCollection<string> Keys => Entries.Keys;

    public static string Label(string metric) => Entries.TryGetValue(metric, out var e) ? e.Label : metric;

    public static string Unit(string metric) => Entries.TryGetValue(metric, out var e) ? e.Unit : "";

    /// <summary>A number as people write it: integers without decimals, others with up to two.</summary>
    public static string Format(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9
            ? Math.Round(value).ToString("0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
