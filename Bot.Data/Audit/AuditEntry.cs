namespace Bot.Data.Audit;

/// <summary>One audited change: who, when, what, old → new.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>e.g. report.correct, report.withdraw, task.close, member.bind.</summary>
    public string Action { get; set; } = "";

    public string Entity { get; set; } = "";

    public string? EntityId { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }
}
