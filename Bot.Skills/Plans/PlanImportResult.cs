using Bot.Data.Plans;
using Bot.Data.Units;

namespace Bot.Skills.Plans;

/// <summary>A requirement sentence of an action that the rules turned into neither a target nor a duty.</summary>
public sealed record RequirementSentence(int ActionNumber, string Text);

/// <summary>What a non-empty line of a plan document became.</summary>
public enum LineUse
{
    /// <summary>The document's title (or a draft note under it).</summary>
    Title,

    /// <summary>A section heading that groups actions or tasks (三、保障措施).</summary>
    Heading,

    /// <summary>The heading of an action.</summary>
    Action,

    /// <summary>A sub-section label without text of its own (时间安排：).</summary>
    Label,

    /// <summary>Part of an action's description.</summary>
    Description,

    /// <summary>A schedule item: one or more milestones.</summary>
    Milestone,

    /// <summary>A requirement of an action (targets and duties come from it).</summary>
    Requirement,

    /// <summary>A responsibility list or field (牵头单位：…).</summary>
    Responsibility,

    /// <summary>A task of a task-split document, or a line inside a task.</summary>
    Task,

    /// <summary>A table's header row or rule.</summary>
    TableHeader,

    /// <summary>A plan-wide duty.</summary>
    Duty,

    /// <summary>Narrative (guiding ideas, principles), kept in the document only.</summary>
    Background,

    /// <summary>Not understood: the line is in <see cref="PlanImportResult.Unparsed"/>.</summary>
    Unparsed,
}

/// <summary>A non-empty line of the document (1-based line number, trimmed text) and what it became.</summary>
public sealed record ImportedLine(int Number, string Text, LineUse Use);

/// <summary>
/// What <see cref="PlanImporter.Parse"/> read from a plan document: the plan graph (actions with milestones, targets,
/// duties and responsibilities; plan-wide duties), the unit roster the plan names, and every line it did not understand.
/// </summary>
public sealed class PlanImportResult(Plan plan)
{
    /// <summary>The plan graph, ready for <see cref="IPlanRepository.SaveAsync"/> (ids unset).</summary>
    public Plan Plan { get; } = plan;

    /// <summary>Every unit the plan names, with canonical names, aliases and types, in order of first mention.</summary>
    public List<Unit> Units { get; } = [];

    /// <summary>Plan-wide duties (the same list as <c>Plan.Duties</c>).</summary>
    public List<Duty> Duties => Plan.Duties;

    /// <summary>Lines that were not understood, as written.</summary>
    public List<string> Unparsed { get; } = [];

    /// <summary>Every non-empty line with what it became, in document order.</summary>
    public List<ImportedLine> Lines { get; } = [];

    /// <summary>Requirement sentences without a target or duty (what the optional LLM pass looks at).</summary>
    public List<RequirementSentence> OpenRequirements { get; } = [];

    /// <summary>Narrative lines recognised as background (guiding ideas, principles); kept in the document only.</summary>
    public int BackgroundLines { get; internal set; }

    /// <summary>Targets accepted from the LLM pass.</summary>
    public int LlmTargets { get; internal set; }

    /// <summary>The leaders (区政府领导 …) responsible for an action.</summary>
    public static IReadOnlyList<string> LeadersOf(PlanAction action) =>
        action.Responsibilities.Where(r => r.Kind == ResponsibilityKinds.Leader).Select(r => r.Name).ToList();

    /// <summary>The canonical names of the roster units responsible for an action.</summary>
    public static IReadOnlyList<string> UnitsOf(PlanAction action) =>
        action.Responsibilities.Where(r => r.Kind == ResponsibilityKinds.Unit).Select(r => r.Name).ToList();

    /// <summary>The units named in one role (<see cref="ResponsibilityRoles"/>: 牵头, 责任 or 配合) for an action.</summary>
    public static IReadOnlyList<string> UnitsOf(PlanAction action, string role) =>
        action.Responsibilities.Where(r => r.Kind == ResponsibilityKinds.Unit && string.Equals(r.Role, role, StringComparison.Ordinal)).Select(r => r.Name).ToList();

    /// <summary>
    /// The unit that owns the action's tasks: the first responsible unit, or null when the first responsible party is a
    /// collective (各部门) or there is none.
    /// </summary>
    public static Responsibility? OwnerOf(PlanAction action) =>
        action.Responsibilities.FirstOrDefault(r => r.Kind != ResponsibilityKinds.Leader) is { Kind: ResponsibilityKinds.Unit } owner ? owner : null;
}
