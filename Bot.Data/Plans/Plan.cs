namespace Bot.Data.Plans;

/// <summary>An imported implementation plan (实施方案). A changed document becomes a new version.</summary>
public sealed class Plan
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The year the document itself names (2018 for the seed), kept as metadata.</summary>
    public int? SourceYear { get; set; }

    /// <summary>The calendar year the plan runs in (Plan:Year).</summary>
    public int Year { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>SHA-256 of the normalised document text.</summary>
    public string ContentHash { get; set; } = "";

    public string Document { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public DateTimeOffset ImportedAt { get; set; }

    public List<PlanAction> Actions { get; set; } = [];

    /// <summary>Plan-wide duties (section 三 and the like).</summary>
    public List<Duty> Duties { get; set; } = [];
}

/// <summary>One action (行动) of a plan, e.g. （一）“大走访大调研”行动（全年）.</summary>
public sealed class PlanAction
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public int Number { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The period as written: 全年, 第二、三、四季度, 12月 …</summary>
    public string? Period { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Description { get; set; }

    public List<Milestone> Milestones { get; set; } = [];

    public List<Target> Targets { get; set; } = [];

    public List<Duty> Duties { get; set; } = [];

    public List<Responsibility> Responsibilities { get; set; } = [];
}

/// <summary>Recurrence of a milestone or duty.</summary>
public static class Recurrences
{
    public const string Daily = "day";
    public const string Weekly = "week";
    public const string HalfMonthly = "half_month";
    public const string TenDays = "xun";
    public const string Monthly = "month";
    public const string Quarterly = "quarter";
    public const string HalfYearly = "half_year";
    public const string Yearly = "year";
}

/// <summary>A dated item of 时间安排: a window in the plan year, or a recurrence.</summary>
public sealed class Milestone
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long? ActionId { get; set; }

    public string Text { get; set; } = "";

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Recurrence { get; set; }
}

/// <summary>A per-leader quantitative requirement from 具体要求, e.g. research_trips per month 3..4.</summary>
public sealed class Target
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long? ActionId { get; set; }

    /// <summary>A canonical metric key of DESIGN.md (research_trips, research_days, reports …), or coverage.</summary>
    public string Metric { get; set; } = "";

    /// <summary>month, quarter, year …</summary>
    public string Per { get; set; } = Recurrences.Yearly;

    public double? MinValue { get; set; }

    public double? MaxValue { get; set; }

    /// <summary>An extra threshold, e.g. 1 亿元 for "亿元以上重大项目".</summary>
    public double? Threshold { get; set; }

    /// <summary>leader, unit, river_chief …</summary>
    public string AppliesTo { get; set; } = "leader";

    public string Text { get; set; } = "";
}

/// <summary>A recurring obligation: 河长每半月巡查一次, 每季度向区政府党组报告一次 …</summary>
public sealed class Duty
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long? ActionId { get; set; }

    public string Text { get; set; } = "";

    public string Every { get; set; } = Recurrences.Monthly;

    /// <summary>区, 乡, 村 for river chiefs; leader, office …</summary>
    public string? Level { get; set; }

    public bool PhotoRequired { get; set; }
}

/// <summary>Kinds of <see cref="Responsibility"/>.</summary>
public static class ResponsibilityKinds
{
    /// <summary>A leader or leader title (区政府领导, 各部门领导).</summary>
    public const string Leader = "leader";

    /// <summary>One unit of the roster (<see cref="Responsibility.UnitId"/> set once stored).</summary>
    public const string Unit = "unit";

    /// <summary>A collective that is no single unit (各部门, 各相关部门).</summary>
    public const string Group = "group";
}

/// <summary>The role a unit is named in: 牵头单位, 责任单位 or 配合单位 (null when the plan does not say).</summary>
public static class ResponsibilityRoles
{
    /// <summary>牵头单位 / 牵头部门 / 〔X牵头〕.</summary>
    public const string Lead = "lead";

    /// <summary>责任单位 / a unit under 责任人及责任部门 / 〔X负责落实〕.</summary>
    public const string Responsible = "responsible";

    /// <summary>配合单位 / 协办单位 / 〔X配合〕.</summary>
    public const string Support = "support";
}

/// <summary>A leader or unit named under 责任人及责任部门.</summary>
public sealed class Responsibility
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public long? ActionId { get; set; }

    /// <summary>leader, unit or group (see <see cref="ResponsibilityKinds"/>).</summary>
    public string Kind { get; set; } = ResponsibilityKinds.Unit;

    public string Name { get; set; } = "";

    /// <summary>lead, responsible or support for a unit or group (see <see cref="ResponsibilityRoles"/>); null for a leader.</summary>
    public string? Role { get; set; }

    public long? UnitId { get; set; }
}
