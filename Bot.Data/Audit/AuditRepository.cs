using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Audit;

public interface IAuditRepository
{
    Task<long> AddAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string? entity = null, string? entityId = null, int limit = 200, CancellationToken cancellationToken = default);
    /// <summary>One page of the log, newest first, with the number of matching rows.</summary>
    Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Filters of <c>/admin/audit</c>: actor, action and entity are prefixes, the record is an exact entity id, dates are UTC bounds.</summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Entity = null, string? EntityId = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, int PageSize = 50);

/// <summary>One page of the audit log.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
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

    public async Task<AuditPage> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        var size = Math.Clamp(query.PageSize, 1, 500);
        var page = Math.Max(1, query.Page);
        var parameters = new
        {
            Actor = Like(query.Actor), Action = Like(query.Action), Entity = Like(query.Entity), EntityId = Blank(query.EntityId),
            query.From, query.To, Limit = size, Offset = (page - 1) * size,
        };
        const string Where = """
            WHERE (@Actor IS NULL OR actor LIKE @Actor ESCAPE '!') AND (@Action IS NULL OR action LIKE @Action ESCAPE '!')
              AND (@Entity IS NULL OR entity LIKE @Entity ESCAPE '!') AND (@EntityId IS NULL OR entity_id = @EntityId)
              AND (@From IS NULL OR at >= @From) AND (@To IS NULL OR at < @To)
            """;
        var total = await ScalarAsync<int>($"SELECT COUNT(*) FROM audit_log {Where}", parameters, cancellationToken);
        var rows = await QueryAsync<AuditEntry>($"""
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, entity AS Entity, entity_id AS EntityId,
                   old_value AS OldValue, new_value AS NewValue
            FROM audit_log {Where} ORDER BY id DESC LIMIT @Limit OFFSET @Offset
            """, parameters, cancellationToken);
        return new AuditPage(rows, total, page, size);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A prefix pattern; LIKE's wildcards in the value are taken literally (escaped with '!').</summary>
    private static string? Like(string? value) =>
        Blank(value) is { } v ? v.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal) + "%" : null;
}
