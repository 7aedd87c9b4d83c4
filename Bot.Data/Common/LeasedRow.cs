namespace Bot.Data.Common;

/// <summary>The lease columns of every row a <see cref="LeasedQueue{T}"/> works off (inbox, outbox, evidence downloads).</summary>
public abstract class LeasedRow
{
    public string State { get; set; } = WorkStates.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? Error { get; set; }
}
