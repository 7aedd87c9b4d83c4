namespace Bot.Skills.Plans;

/// <summary>The canonical metric keys of DESIGN.md, plus <see cref="Coverage"/> for "visit every unit at least once".</summary>
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

    /// <summary>Share of the unit roster visited at least once (1 = every unit).</summary>
    public const string Coverage = "coverage";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ResearchTrips, ResearchDays, Reports, Results, Measures, ProblemsFound, ProblemsSolved, Enterprises, Projects,
        Investment, Trainings, Trainees, Patrols, Events, Experiences, Coverage,
    };

    /// <summary>Chinese labels for answers and summaries.</summary>
    public static string Label(string metric) => metric switch
    {
        ResearchTrips => "专题调研次数",
        ResearchDays => "调研天数",
        Reports => "调研报告篇数",
        Results => "调研成果转化项数",
        Measures => "重大政策措施项数",
        ProblemsFound => "发现问题个数",
        ProblemsSolved => "解决问题个数",
        Enterprises => "对接/走访企业家数",
        Projects => "项目个数",
        Investment => "投资额（亿元）",
        Trainings => "培训（项/次）",
        Trainees => "培训人次",
        Patrols => "巡查次数",
        Events => "宣传/活动场次",
        Experiences => "学习借鉴经验项数",
        Coverage => "走访覆盖面",
        _ => metric,
    };
}

/// <summary>Who a target applies to (<c>Target.AppliesTo</c>).</summary>
public static class TargetSubjects
{
    public const string Leader = "leader";
    public const string Unit = "unit";
    public const string RiverChief = "river_chief";
    public const string All = "all";
}

/// <summary>Who carries a duty (<c>Duty.Level</c>): river-chief levels 区/乡/村, or leader, office, unit.</summary>
public static class DutyLevels
{
    public const string District = "区";
    public const string Township = "乡";
    public const string Village = "村";
    public const string Leader = "leader";
    public const string Office = "office";
    public const string Unit = "unit";
}
