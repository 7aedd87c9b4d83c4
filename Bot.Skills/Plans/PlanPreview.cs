namespace Bot.Skills.Plans;

/// <summary>What a parsed plan document holds, counted for the console and for the reply to a plan file sent in chat.</summary>
public sealed record PlanPreview(int Actions, int Milestones, int Targets, int Duties, int Responsibilities, int Units, int Unparsed)
{
    public static PlanPreview Of(PlanImportResult result)
    {
        var plan = result.Plan;
        return new PlanPreview(
            plan.Actions.Count,
            plan.Actions.Sum(a => a.Milestones.Count),
            plan.Actions.Sum(a => a.Targets.Count),
            plan.Duties.Count + plan.Actions.Sum(a => a.Duties.Count),
            plan.Actions.Sum(a => a.Responsibilities.Count),
            result.Units.Count,
            result.Unparsed.Count);
    }

    /// <summary>"5项行动、12个节点、8项指标、3项职责、20条责任分工、15个单位，2行未识别".</summary>
    public string Summary =>
        $"{Actions}项行动、{Milestones}个节点、{Targets}项指标、{Duties}项职责、{Responsibilities}条责任分工、{Units}个单位，{Unparsed}行未识别";
}
