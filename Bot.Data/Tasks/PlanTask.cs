namespace Bot.Data.Tasks;

/// <summary>Task states.</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
}

/// <summary>A trackable task: created from a plan milestone or added by the office.</summary>
public sealed class PlanTask
{
    public long Id { get; set; }

    public long? PlanId { get; set; }

    public long? ActionId { get; set; }

    public long? MilestoneId { get; set; }

    public string Title { get; set; } = "";

    public string Status { get; set; } = TaskStatuses.Open;

    public DateOnly? DueStart { get; set; }

    public DateOnly? DueEnd { get; set; }

    public string? Recurrence { get; set; }

    public long? OwnerUnitId { get; set; }

    public long? LeaderId { get; set; }

    public string? Evidence { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
