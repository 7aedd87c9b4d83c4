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
    public Task<bool> TryUseAsync(string platform, string signature, string messageId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        RetryAsync(async () =>
        {
            var parameters = new { Platform = platform, Signature = signature, MessageId = messageId, ExpiresAt = expiresAt, Now = time.GetUtcNow() };
            await using var connection = await Connections.OpenAsync(cancellationToken);
            // An expired row of the same signature would otherwise block it forever; old rows of others go with it.
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM callback_signatures WHERE expires_at < @Now", parameters, cancellationToken: cancellationToken));
            await InsertIfAbsentAsync(
                "INSERT INTO callback_signatures (platform, signature, message_id, expires_at) VALUES (@Platform, @Signature, @MessageId, @ExpiresAt)",
                parameters, cancellationToken, connection);
            var holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT message_id FROM callback_signatures WHERE platform = @Platform AND signature = @Signature", parameters, cancellationToken: cancellationToken));
            return string.Equals(holder, messageId, StringComparison.Ordinal);
        }, cancellationToken);
}
