using System.Data.Common;
using Bot.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.Callbacks;

/// <summary>
/// Signatures of accepted platform callbacks, remembered cluster-wide until they expire, so that a captured signature
/// cannot be replayed with another message (a DingTalk HTTP-mode <c>sign</c> covers only its timestamp).
/// </summary>
public interface ICallbackSignatureRepository
{
    /// <summary>
    /// Records that <paramref name="signature"/> of <paramref name="platform"/> was used by <paramref name="messageId"/>
    /// until <paramref name="expiresAt"/>. True when it was unused or used by the same message (a redelivery); false when
    /// another message already used it.
    /// </summary>
    Task<bool> TryUseAsync(string platform, string signature, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);
}

internal sealed class CallbackSignatureRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), ICallbackSignatureRepository
{
    private const string Insert =
        "INSERT INTO callback_signatures (platform, signature, message_id, expires_at) VALUES (@Platform, @Signature, @MessageId, @ExpiresAt)";

    /// <summary>How often expired signatures of all platforms are deleted (not on every callback: one statement per callback).</summary>
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromMinutes(1);

    private long _nextPurgeTicks;
    private WriteCoalescer<Use>? _coalescer;

    /// <summary>Fresh signatures of callbacks arriving together, inserted with one statement (issue 18).</summary>
    internal WriteCoalescer<Use> Coalescer =>
        LazyInitializer.EnsureInitialized(ref _coalescer, () => new WriteCoalescer<Use>(
            InsertManyAsync, (use, cancellationToken) => InsertIfAbsentAsync(Insert, use, cancellationToken), maxBatch: 100,
            flushers: Dialect.Provider == DatabaseProvider.Sqlite ? 1 : 2));

    public async Task<bool> TryUseAsync(string platform, string signature, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        // The common case, a fresh signature: one INSERT, shared with the callbacks arriving at the same time.
        var use = new Use(platform, signature, messageId, expiresAt);
        var now = time.GetUtcNow();
        if (ClaimPurge(now))
        {
            // Only the one caller that won the minute's purge opens a connection for it.
            await using var connection = await Connections.OpenAsync(cancellationToken);
            await DeleteExpiredAsync(connection, now, cancellationToken);
        }

        return await Coalescer.WriteAsync(use, cancellationToken) || await CheckTakenAsync(use, cancellationToken);
    }

    /// <summary>
    /// One INSERT for the signatures; true for each one it stored. A signature already taken (or repeated in the batch) is
    /// false here and checked by <see cref="CheckTakenAsync"/>: SQLite skips such rows and names the stored ones, MariaDB
    /// rejects the whole statement, and its rows are then inserted one by one.
    /// </summary>
    private async Task<IReadOnlyList<bool>> InsertManyAsync(IReadOnlyList<Use> uses)
    {
        if (uses.Count == 1)
        {
            return [await InsertIfAbsentAsync(Insert, uses[0], CancellationToken.None)];
        }

        var parameters = new DynamicParameters();
        var values = uses.Select((u, i) => MultiRowValues.Add(parameters, i, u.Platform, u.Signature, u.MessageId, u.ExpiresAt));
        var sql = $"INSERT INTO callback_signatures (platform, signature, message_id, expires_at) VALUES {string.Join(", ", values)}";
        if (Dialect.Provider == DatabaseProvider.Sqlite)
        {
            var stored = (await QueryAsync<(string Platform, string Signature)>(
                sql + " ON CONFLICT DO NOTHING RETURNING platform, signature", parameters, CancellationToken.None)).ToHashSet();
            return [.. uses.Select(u => stored.Remove((u.Platform, u.Signature)))];
        }

        try
        {
            await ExecuteAsync(sql, parameters, CancellationToken.None);
            return [.. uses.Select(_ => true)];
        }
        catch (DbException ex) when (SqlDialect.IsDuplicateKey(ex))
        {
            // One by one in this flush (not each caller on a connection of its own): only the taken ones are checked.
            var results = new bool[uses.Count];
            for (var i = 0; i < uses.Count; i++)
            {
                results[i] = await InsertIfAbsentAsync(Insert, uses[i], CancellationToken.None);
            }

            return results;
        }
    }

    /// <summary>
    /// The signature was not stored by the common INSERT (it is taken): by this message (a redelivery), by another one,
    /// or by an expired row, which would otherwise block the signature until the next purge.
    /// </summary>
    private Task<bool> CheckTakenAsync(Use use, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            var parameters = new { use.Platform, use.Signature, use.MessageId, use.ExpiresAt, Now = time.GetUtcNow() };
            await using var connection = await Connections.OpenAsync(cancellationToken);
            var holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT message_id FROM callback_signatures WHERE platform = @Platform AND signature = @Signature AND expires_at >= @Now", parameters, cancellationToken: cancellationToken));
            if (holder is not null)
            {
                return string.Equals(holder, use.MessageId, StringComparison.Ordinal);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM callback_signatures WHERE platform = @Platform AND signature = @Signature AND expires_at < @Now", parameters, cancellationToken: cancellationToken));
            await InsertIfAbsentAsync(Insert, parameters, cancellationToken, connection);
            holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT message_id FROM callback_signatures WHERE platform = @Platform AND signature = @Signature", parameters, cancellationToken: cancellationToken));
            return string.Equals(holder, use.MessageId, StringComparison.Ordinal);
        }, cancellationToken);

    /// <summary>One callback's use of a signature.</summary>
    internal sealed record Use(string Platform, string Signature, string MessageId, DateTimeOffset ExpiresAt);

    /// <summary>True for the one caller that is to purge now (at most once per <see cref="PurgeEvery"/>).</summary>
    private bool ClaimPurge(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextPurgeTicks);
        return now.UtcTicks >= due && Interlocked.CompareExchange(ref _nextPurgeTicks, now.UtcTicks + PurgeEvery.Ticks, due) == due;
    }

    private static Task<int> DeleteExpiredAsync(System.Data.Common.DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM callback_signatures WHERE expires_at < @Now", new { Now = now }, cancellationToken: cancellationToken));
}
