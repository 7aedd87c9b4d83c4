using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Bot.Data.Plans;

namespace Bot.Skills.Plans;

/// <summary>
/// The JSON shape of a parsed plan (<c>plan import FILE --json</c>): snake_case keys, ISO dates, null where absent,
/// Chinese unescaped.
/// <code>
/// {"title","source_year","year",
///  "actions":[{"number","title","period",
///              "milestones":[{"text","start","end","recurrence"}],
///              "targets":[{"metric","per","min","max","threshold","applies_to","action","text"}],
///              "duties":[{"text","every","level","photo_required"}],
///              "units":["区发改局",…],"lead_units":[…],"support_units":[…],"leaders":["区政府领导",…]}],
///  "duties":[…],"units":[{"name","type","aliases"}],"unparsed":["…"]}
/// </code>
/// </summary>
public static class PlanJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = true,
    };

    public static string Serialize(PlanImportResult result) => JsonSerializer.Serialize(ToDocument(result), Options);

    public static PlanDocument ToDocument(PlanImportResult result)
    {
        var plan = result.Plan;
        return new PlanDocument(
            plan.Title,
            plan.SourceYear,
            plan.Year,
            plan.Actions.Select(a => new ActionDocument(
                a.Number,
                a.Title,
                a.Period,
                a.Milestones.Select(m => new MilestoneDocument(m.Text, m.StartDate, m.EndDate, m.Recurrence)).ToList(),
                a.Targets.Select(t => new TargetDocument(t.Metric, t.Per, t.MinValue, t.MaxValue, t.Threshold, t.AppliesTo, a.Number, t.Text)).ToList(),
                a.Duties.Select(Duty).ToList(),
                [.. PlanImportResult.UnitsOf(a)],
                [.. PlanImportResult.UnitsOf(a, ResponsibilityRoles.Lead)],
                [.. PlanImportResult.UnitsOf(a, ResponsibilityRoles.Support)],
                [.. PlanImportResult.LeadersOf(a)])).ToList(),
            plan.Duties.Select(Duty).ToList(),
            result.Units.Select(u => new UnitDocument(u.Name, u.Type, u.Aliases)).ToList(),
            result.Unparsed);
    }

    private static DutyDocument Duty(Duty d) => new(d.Text, d.Every, d.Level, d.PhotoRequired);

    public sealed record PlanDocument(string Title, int? SourceYear, int Year, List<ActionDocument> Actions, List<DutyDocument> Duties, List<UnitDocument> Units, List<string> Unparsed);

    public sealed record ActionDocument(int Number, string Title, string? Period, List<MilestoneDocument> Milestones, List<TargetDocument> Targets, List<DutyDocument> Duties, List<string> Units, List<string> LeadUnits, List<string> SupportUnits, List<string> Leaders);

    public sealed record MilestoneDocument(string Text, DateOnly? Start, DateOnly? End, string? Recurrence);

    public sealed record TargetDocument(string Metric, string Per, double? Min, double? Max, double? Threshold, string AppliesTo, int Action, string Text);

    public sealed record DutyDocument(string Text, string Every, string? Level, bool PhotoRequired);

    public sealed record UnitDocument(string Name, string Type, List<string> Aliases);
}
