using Bot.Data.Plans;

namespace Bot.Skills.Plans.Import;

/// <summary>The kind of a sub-section inside an action (时间安排, 具体要求, 责任人及责任部门 …).</summary>
internal enum SubKind
{
    None,
    Schedule,
    Requirements,
    Responsibility,
    Other,
}

/// <summary>
/// One trimmed line of the document: its heading level (1 = 一、, 2 = （一）, 3 = 1., 4 = （1）, 5 = ①; 0 = not numbered),
/// the text after the number, and the sub-section label it starts with, if any.
/// </summary>
internal sealed record PlanLine(int Index, string Text, int Level, string Body, SubKind Sub, string SubRest);

/// <summary>An action being read, with what belongs to it until the end of the document.</summary>
internal sealed class ActionState(PlanAction action, int level)
{
    public PlanAction Action { get; } = action;

    /// <summary>The heading level of the action (99 for a task of a task-split document).</summary>
    public int Level { get; } = level;

    public SubKind Sub { get; set; }

    /// <summary>The heading level of the current sub-section's label (0 when the label is not numbered).</summary>
    public int SubLevel { get; set; }

    public List<string> DescriptionLines { get; } = [];

    public List<string> RequirementLines { get; } = [];

    /// <summary>
    /// The parties as written, with the order they are assigned in (0 = leaders and lead units) and their role
    /// (<see cref="Bot.Data.Plans.ResponsibilityRoles"/>).
    /// </summary>
    public List<(int Priority, Party Party, string? Role)> Parties { get; } = [];

    public bool IsTask { get; init; }

    public string TaskText { get; set; } = "";
}
