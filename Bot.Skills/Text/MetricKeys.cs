namespace Bot.Skills.Text;

/// <summary>
/// The one metric-key catalogue (DESIGN.md): the canonical keys in their canonical order, the plan-only
/// <see cref="Coverage"/>, and their Chinese labels and units. The report parser, the plan importer, scorecards,
/// digests and the dashboard all read it.
/// </summary>
public static class MetricKeys
{
    public const string ResearchTrips = "research_trips";
    public const string ResearchDays = "research_days";
    public const string Reports = "reports";
    public const string Results = "results";
    public const string Measures = "measures";
    public const string ProblemsFound = "problems_found";
    public const string ProblemsSolved = "problems_solved";
    public const string Enterprises = "enterprises";
    public const string Projects = "projects";
    public const string Investment = "investment";
    public const string Trainings = "trainings";
    public const string Trainees = "trainees";
    public const string Patrols = "patrols";
    public const string Events = "events";
    public const string Experiences = "experiences";

    /// <summary>Plan targets only: every unit of the roster visited at least once.</summary>
    public const string Coverage = "coverage";

    /// <summary>The keys a report can carry, in canonical order (investment in 亿元).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        ResearchTrips, ResearchDays, Reports, Results, Measures, ProblemsFound, ProblemsSolved, Enterprises, Projects,
        Investment, Trainings, Trainees, Patrols, Events, Experiences,
    ];

    /// <summary>Every key a plan target may use: <see cref="All"/> and <see cref="Coverage"/>.</summary>
    public static readonly IReadOnlyList<string> AllWithCoverage = [.. All, Coverage];

    private static readonly (string Key, string Label, string Short, string Unit)[] Entries =
    [
        (ResearchTrips, "专题调研次数", "专题调研", "次"),
        (ResearchDays, "调研天数", "调研天数", "天"),
        (Reports, "调研报告篇数", "调研报告", "篇"),
        (Results, "调研成果转化项数", "成果转化", "项"),
        (Measures, "重大政策措施项数", "政策措施", "项"),
        (ProblemsFound, "发现问题个数", "发现问题", "个"),
        (ProblemsSolved, "解决问题个数", "解决问题", "个"),
        (Enterprises, "对接/走访企业家数", "走访对接企业", "家"),
        (Projects, "项目个数", "项目", "个"),
        (Investment, "投资额（亿元）", "投资额", "亿元"),
        (Trainings, "培训（项/次）", "培训", "场"),
        (Trainees, "培训人次", "培训人次", "人次"),
        (Patrols, "巡查次数", "巡查", "次"),
        (Events, "宣传/活动场次", "宣传活动", "场"),
        (Experiences, "学习借鉴经验项数", "学习借鉴经验", "项"),
        (Coverage, "走访覆盖面", "走访覆盖", "个单位"),
    ];

    /// <summary>True for a canonical key or <see cref="Coverage"/>.</summary>
    public static bool IsKnown(string key) => IndexOf(key) >= 0 || string.Equals(key, Coverage, StringComparison.Ordinal);

    /// <summary>The position of a key in <see cref="All"/>, or -1 when it is not canonical.</summary>
    public static int IndexOf(string key)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The label of a target (专题调研次数); the key itself when unknown.</summary>
    public static string Label(string metric) => Find(metric)?.Label ?? metric;

    /// <summary>The short label of a figure (专题调研); the key itself when unknown.</summary>
    public static string ShortLabel(string metric) => Find(metric)?.Short ?? metric;

    /// <summary>The unit a figure is counted in (次, 亿元); empty when unknown.</summary>
    public static string Unit(string metric) => Find(metric)?.Unit ?? "";

    private static (string Key, string Label, string Short, string Unit)? Find(string metric)
    {
        foreach (var e in Entries)
        {
            if (string.Equals(e.Key, metric, StringComparison.Ordinal))
            {
                return e;
            }
        }

        return null;
    }
}
