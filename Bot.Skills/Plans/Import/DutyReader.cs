using Bot.Data.Plans;

namespace Bot.Skills.Plans.Import;

/// <summary>
/// Stage 4 of the import: duties. Recurring obligations of an action or of the whole plan
/// (<see cref="DutyExtractor"/>: 每季度末报送, 每月跟进、季度督查, 每半月巡查一次), with the level (leader, unit, office)
/// decided from the text or, when it does not say, from the action's responsibilities.
/// </summary>
internal static class DutyReader
{
    /// <summary>Adds the duties of an action's line; returns how many.</summary>
    public static int Read(ActionState state, string text) => AddTo(state.Action.Duties, text, generalSection: false);

    /// <summary>Adds the plan-wide duties of a general section's line; returns how many.</summary>
    public static int ReadGeneral(Plan plan, string text) => AddTo(plan.Duties, text, generalSection: true);

    /// <summary>Duties of an action whose text does not say who fall to its leaders, else to its units.</summary>
    public static void SetLevels(PlanAction action)
    {
        var level = action.Responsibilities.Any(r => r.Kind == ResponsibilityKinds.Leader) ? DutyLevels.Leader : DutyLevels.Unit;
        foreach (var duty in action.Duties.Where(d => string.IsNullOrEmpty(d.Level)))
        {
            duty.Level = level;
        }
    }

    /// <summary>Plan-wide duties whose text does not say who fall to the office.</summary>
    public static void SetGeneralLevels(Plan plan)
    {
        foreach (var duty in plan.Duties.Where(d => string.IsNullOrEmpty(d.Level)))
        {
            duty.Level = DutyLevels.Office;
        }
    }

    private static int AddTo(List<Duty> list, string text, bool generalSection)
    {
        var duties = DutyExtractor.Extract(text, generalSection);
        foreach (var duty in duties)
        {
            duty.Text = ImportText.Cap(duty.Text, ImportText.MaxText);
            list.Add(duty);
        }

        return duties.Count;
    }
}
