using Microsoft.Extensions.Options;

namespace Bot.Skills.Plans;

/// <summary>Section <c>Plan</c>: which document is imported at start-up and which calendar year it runs in.</summary>
public sealed class PlanOptions
{
    public const string SectionName = "Plan";

    /// <summary>The plan document, relative to the content root (repository root) unless absolute. Empty: no import.</summary>
    public string? Document { get; set; } = "seeds/tiexi-2018-action-plan.txt";

    /// <summary>The calendar year the plan runs in; null = the current year in Asia/Shanghai.</summary>
    public int? Year { get; set; }
}

internal sealed class PlanOptionsValidator : IValidateOptions<PlanOptions>
{
    public ValidateOptionsResult Validate(string? name, PlanOptions options) =>
        options.Year is < 2000 or > 2100
            ? ValidateOptionsResult.Fail($"Plan:Year 必须在 2000 到 2100 之间（当前为 {options.Year}）/ Plan:Year must be between 2000 and 2100 (got {options.Year}).")
            : ValidateOptionsResult.Success;
}
