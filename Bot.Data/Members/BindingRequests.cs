using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Members;

/// <summary>States of a binding request.</summary>
public static class BindingRequestStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}

/// <summary>A platform user asking (<c>我是XXX</c>) to be bound to a roster member, waiting for the office.</summary>
public sealed class BindingRequest
{
    public long Id { get; set; }

    public string Platform { get; set; } = "";

    public string UserId { get; set; } = "";

    public string ClaimedName { get; set; } = "";

    /// <summary>The roster member the name matched, when one did.</summary>
    public long? MemberId { get; set; }

    public string? ChatId { get; set; }

    public string State { get; set; } = BindingRequestStates.Pending;

    public DateTimeOffset CreatedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}

public interface IBindingRequestRepository
{
    Task<long> AddAsync(BindingRequest request, CancellationToken cancellationToken = default);

    Task<BindingRequest?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BindingRequest>> ListPendingAsync(CancellationToken cancellationToken = default);

    /// <summary>Approves or rejects a pending request; false when it was already decided.</summary>
    Task<bool> DecideAsync(long id, string state, string decidedBy, CancellationToken cancellationToken = default);
}

internal sealed class BindingRequestRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IBindingRequestRepository
{
    private const string Columns = """
        id AS Id, platform AS Platform, user_id AS UserId, claimed_name AS ClaimedName, member_id AS MemberId, chat_id AS ChatId,
        state AS State, created_at AS CreatedAt, decided_by AS DecidedBy, decided_at AS DecidedAt
        """;

    public Task<long> AddAsync(BindingRequest request, CancellationToken cancellationToken = default)
    {
        request.CreatedAt = request.CreatedAt == default ? time.GetUtcNow() : request.CreatedAt;
        return InsertAsync("""
            INSERT INTO binding_requests (platform, user_id, claimed_name, member_id, chat_id, state, created_at)
            VALUES (@Platform, @UserId, @ClaimedName, @MemberId, @ChatId, @State, @CreatedAt)
            """, request, cancellationToken);
    }

    public Task<BindingRequest?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<BindingRequest>($"SELECT {Columns} FROM binding_requests WHERE id = @Id", new { Id = id }, cancellationToken);

    public Task<IReadOnlyList<BindingRequest>> ListPendingAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<BindingRequest>($"SELECT {Columns} FROM binding_requests WHERE state = @State ORDER BY created_at, id",
            new { State = BindingRequestStates.Pending }, cancellationToken);

    public async Task<bool> DecideAsync(long id, string state, string decidedBy, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE binding_requests SET state = @State, decided_by = @DecidedBy, decided_at = @Now WHERE id = @Id AND state = @Pending
            """, new { Id = id, State = state, DecidedBy = decidedBy, Now = time.GetUtcNow(), Pending = BindingRequestStates.Pending }, cancellationToken) == 1;
}
