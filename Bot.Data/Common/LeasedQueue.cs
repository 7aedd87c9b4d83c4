using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.Common;

/// <summary>
/// The lease protocol shared by the inbox and the outbox: claim due rows for one owner with a single UPDATE
/// (so two workers never claim the same row), then complete, reschedule or fail them.
/// </summary>
public abstract class LeasedQueue<T>(IDbConnectionFactory connections, TimeProvider time, string table, string columns, string leasedState, string finishedState)
    : RepositoryBase(connections)
    where T : LeasedRow
{
    protected TimeProvider Time { get; } = time;

    /// <summary>Leases up to <paramref name="limit"/> due rows to a fresh owner token and returns them.</summary>
    public async Task<IReadOnlyList<T>> ClaimAsync(string worker, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        var owner = $"{worker}:{Guid.NewGuid():N}"[..Math.Min(64, worker.Length + 33)];
        var parameters = new
        {
            Owner = owner,
            LeaseUntil = now + leaseFor,
            Now = now,
            State = WorkStates.Pending,
            RetryState = leasedState,
            LeasedState = leasedState,
            Limit = limit,
        };
        return await RetryAsync<IReadOnlyList<T>>(async () =>
        {
            await using var connection = await Connections.OpenAsync(cancellationToken);
            int claimed;
            if (Dialect.ClaimCandidates(table) is { } candidates)
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition(candidates, parameters, cancellationToken: cancellationToken))).AsList();
                claimed = ids.Count == 0 ? 0 : await connection.ExecuteAsync(new CommandDefinition(Dialect.ClaimIds(table), new
                {
                    parameters.Owner,
                    parameters.LeaseUntil,
                    parameters.Now,
                    parameters.State,
                    parameters.RetryState,
                    parameters.LeasedState,
                    Ids = ids,
                }, cancellationToken: cancellationToken));
            }
            else
            {
                claimed = await connection.ExecuteAsync(new CommandDefinition(Dialect.ClaimBatch(table), parameters, cancellationToken: cancellationToken));
            }

            if (claimed == 0)
            {
                return [];
            }

            return (await connection.QueryAsync<T>(new CommandDefinition(
                $"SELECT {columns} FROM {table} WHERE lease_owner = @Owner AND state = @LeasedState ORDER BY id",
                parameters, cancellationToken: cancellationToken))).AsList();
        }, cancellationToken);
    }

    /// <summary>Marks a leased row finished; false when the lease was lost to another worker.</summary>
    public async Task<bool> CompleteAsync(long id, string leaseOwner, CancellationToken cancellationToken = default)
    {
        var timestampColumn = finishedState == WorkStates.Sent ? "sent_at" : "processed_at";
        return await ExecuteAsync($"""
            UPDATE {table} SET state = @Finished, {timestampColumn} = @Now, lease_owner = NULL, lease_expires_at = NULL, error = NULL
            WHERE id = @Id AND lease_owner = @Owner
            """, new { Id = id, Owner = leaseOwner, Finished = finishedState, Now = Time.GetUtcNow() }, cancellationToken) == 1;
    }

    /// <summary>
    /// Marks rows leased by <paramref name="leaseOwner"/> finished with one statement (a worker's whole batch); returns
    /// how many were still held.
    /// </summary>
    public async Task<int> CompleteManyAsync(IReadOnlyCollection<long> ids, string leaseOwner, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var timestampColumn = finishedState == WorkStates.Sent ? "sent_at" : "processed_at";
        return await ExecuteAsync($"""
            UPDATE {table} SET state = @Finished, {timestampColumn} = @Now, lease_owner = NULL, lease_expires_at = NULL, error = NULL
            WHERE id IN @Ids AND lease_owner = @Owner
            """, new { Ids = ids, Owner = leaseOwner, Finished = finishedState, Now = Time.GetUtcNow() }, cancellationToken);
    }

    /// <summary>Releases a leased row for another attempt at <paramref name="nextAttemptAt"/>, or fails it for good.</summary>
    public async Task RescheduleAsync(long id, string leaseOwner, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default) =>
        await ExecuteAsync($"""
            UPDATE {table} SET state = @State, next_attempt_at = @Next, lease_owner = NULL, lease_expires_at = NULL, error = @Error
            WHERE id = @Id AND lease_owner = @Owner
            """, new
        {
            Id = id,
            Owner = leaseOwner,
            State = nextAttemptAt is null ? WorkStates.Failed : WorkStates.Pending,
            Next = nextAttemptAt ?? Time.GetUtcNow(),
            Error = error.Length > 4000 ? error[..4000] : error,
        }, cancellationToken);

    /// <summary>Gives a leased row back untouched until <paramref name="until"/> (e.g. rate limited): the claim does not count as an attempt.</summary>
    public async Task DeferAsync(long id, string leaseOwner, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        await ExecuteAsync($"""
            UPDATE {table} SET state = @State, next_attempt_at = @Until, lease_owner = NULL, lease_expires_at = NULL, attempts = attempts - 1
            WHERE id = @Id AND lease_owner = @Owner
            """, new { Id = id, Owner = leaseOwner, State = WorkStates.Pending, Until = until }, cancellationToken);

    /// <summary>Counts rows per state (for health and the dashboard).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByStateAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync<(string State, int Count)>($"SELECT state, COUNT(*) FROM {table} GROUP BY state", null, cancellationToken))
            .ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
}
