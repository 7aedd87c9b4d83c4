using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Audit;

public interface IAuditRepository
{
    Task<long> AddAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string? entity = null, string? entityId = null, int limit = 200, CancellationToken cancellationToken = default);
}

internal sealed class AuditRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IAuditRepository
{
    public Task<long> AddAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        entry.At = entry.At == default ? time.GetUtcNow() : entry.At;
        return InsertAsync("""
            INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value)
            VALUES (@At, @Actor, @Action, @Entity, @EntityId, @OldValue, @NewValue)
            """, entry, cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string? entity = null, string? entityId = null, int limit = 200, CancellationToken cancellationToken = default) =>
        QueryAsync<AuditEntry>("""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, entity AS Entity, entity_id AS EntityId,
                   old_value AS OldValue, new_value AS NewValue
            FROM audit_log WHERE (@Entity IS NULL OR entity = @Entity) AND (@EntityId IS NULL OR entity_id = @EntityId)
            ORDER BY id DESC LIMIT @Limit
            """, new { Entity = entity, EntityId = entityId, Limit = limit }, cancellationToken);
}
