using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Telemetry;

/// <summary>Reads the backlog of the inbox and outbox: rows not yet finished, and the age of the oldest of them.</summary>
public interface IQueueBacklogQuery
{
    Task<(QueueBacklog Inbox, QueueBacklog Outbox)> ReadAsync(CancellationToken cancellationToken = default);
}

internal sealed class QueueBacklogQuery(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IQueueBacklogQuery
{
    public async Task<(QueueBacklog Inbox, QueueBacklog Outbox)> ReadAsync(CancellationToken cancellationToken = default)
    {
        var inbox = await QuerySingleOrDefaultAsync<Row>(
            "SELECT COUNT(*) AS Depth, MIN(received_at) AS Oldest FROM inbox WHERE state IN (@Pending, @Leased)",
            new { WorkStates.Pending, Leased = WorkStates.Processing }, cancellationToken);
        var outbox = await QuerySingleOrDefaultAsync<Row>(
            "SELECT COUNT(*) AS Depth, MIN(created_at) AS Oldest FROM outbox WHERE state IN (@Pending, @Leased)",
            new { WorkStates.Pending, Leased = WorkStates.Sending }, cancellationToken);
        return (ToBacklog(inbox), ToBacklog(outbox));
    }

    private QueueBacklog ToBacklog(Row? row) =>
        row is null || row.Depth == 0 || row.Oldest is not { } oldest
            ? QueueBacklog.Empty
            : new QueueBacklog(row.Depth, Math.Max(0, (time.GetUtcNow() - oldest).TotalSeconds));

    private sealed class Row
    {
        public long Depth { get; set; }

        public DateTimeOffset? Oldest { get; set; }
    }
}
