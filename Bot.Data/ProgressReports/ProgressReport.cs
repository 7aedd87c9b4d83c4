namespace Bot.Data.ProgressReports;

/// <summary>
/// A stored progress report: the canonical record of DESIGN.md plus who it is for, the raw text and its version chain.
/// A correction stores a new version (<see cref="PreviousId"/> → the old row, which stops being current).
/// </summary>
public sealed class ProgressReport
{
    public long Id { get; set; }

    public long? InboxId { get; set; }

    /// <summary>The roster member the report counts for (the leader), when known.</summary>
    public long? MemberId { get; set; }

    public string MemberName { get; set; } = "";

    /// <summary>Who sent it (differs from <see cref="MemberName"/> for 代…汇报).</summary>
    public string ReportedBy { get; set; } = "";

    public long? PlanId { get; set; }

    public int? Action { get; set; }

    public string? Activity { get; set; }

    public DateOnly? WorkDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public List<string> People { get; set; } = [];

    public List<string> Places { get; set; } = [];

    public List<string> Units { get; set; } = [];

    public Dictionary<string, double> Metrics { get; set; } = [];

    public int Photos { get; set; }

    public double Confidence { get; set; }

    public List<string> Missing { get; set; } = [];

    public string RawText { get; set; } = "";

    /// <summary>rules or llm.</summary>
    public string Source { get; set; } = "rules";

    public int Version { get; set; } = 1;

    public long? PreviousId { get; set; }

    /// <summary>The first version's id (its own id for the first version).</summary>
    public long? RootId { get; set; }

    public bool IsCurrent { get; set; } = true;

    public bool Withdrawn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
