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

    public Task<bool> TryUseAsync(string platform, string signature, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        RetryAsync(async () =>
        {
            var now = time.GetUtcNow();
            var parameters = new { Platform = platform, Signature = signature, MessageId = messageId, ExpiresAt = expiresAt, Now = now };
            await using var connection = await Connections.OpenAsync(cancellationToken);
            await PurgeExpiredAsync(connection, now, cancellationToken);

            // The common case, a fresh signature: one INSERT.
            if (await InsertIfAbsentAsync(Insert, parameters, cancellationToken, connection))
            {
                return true;
            }

            // Taken: by this message (a redelivery), by another one, or by an expired row, which would otherwise block
            // the signature until the next purge.
            var holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT message_id FROM callback_signatures WHERE platform = @Platform AND signature = @Signature AND expires_at >= @Now", parameters, cancellationToken: cancellationToken));
            if (holder is not null)
            {
                return string.Equals(holder, messageId, StringComparison.Ordinal);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM callback_signatures WHERE platform = @Platform AND signature = @Signature AND expires_at < @Now", parameters, cancellationToken: cancellationToken));
            await InsertIfAbsentAsync(Insert, parameters, cancellationToken, connection);
            holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT message_id FROM callback_signatures WHERE platform = @Platform AND signature = @Signature", parameters, cancellationToken: cancellationToken));
            return string.Equals(holder, messageId, StringComparison.Ordinal);
        }, cancellationToken);

    private async Task PurgeExpiredAsync(System.Data.Common.DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, now.UtcTicks + PurgeEvery.Ticks, due) != due)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM callback_signatures WHERE expires_at < @Now", new { Now = now }, cancellationToken: cancellationToken));
    }
}
