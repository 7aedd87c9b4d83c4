using Bot.Data.Plans;

namespace Bot.Skills.Plans.Import;

/// <summary>
/// Stage 3 of the import: targets. The quantitative targets of a requirement, schedule item or task
/// (<see cref="TargetExtractor"/>: metric keys from the one catalogue <see cref="MetricKeys"/>, time limits such as
/// 15个工作日内 never a target), capped and added to the action.
/// </summary>
internal static class TargetReader
{
    /// <summary>Adds the targets of <paramref name="text"/> to the action; returns how many.</summary>
    public static int Read(ActionState state, string text)
    {
        var targets = TargetExtractor.Extract(text);
        foreach (var target in targets)
        {
            target.Text = ImportText.Cap(target.Text, ImportText.MaxText);
            state.Action.Targets.Add(target);
        }

        return targets.Count;
    }

    /// <summary>Targets whose text does not say who they apply to apply to the action's leaders, else to its units.</summary>
    public static void SetSubjects(PlanAction action)
    {
        var fallback = action.Responsibilities.Any(r => r.Kind == ResponsibilityKinds.Leader) ? TargetSubjects.Leader : TargetSubjects.Unit;
        foreach (var target in action.Targets.Where(t => t.AppliesTo.Length == 0))
        {
            target.AppliesTo = fallback;
        }
    }
}
