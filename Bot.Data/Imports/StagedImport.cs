using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Imports;

/// <summary>What a staged import holds.</summary>
public static class StagedImportKinds
{
    /// <summary>A plan document's text.</summary>
    public const string Plan = "plan";

    /// <summary>Roster rows as JSON.</summary>
    public const string Roster = "roster";
}

/// <summary>States of a staged import.</summary>
public static class StagedImportStates
{
    public const string Pending = "pending";
    public const string Imported = "imported";
    public const string Discarded = "discarded";
}

/// <summary>An uploaded file between its preview and 确认导入 (from the console or sent in a chat by the office).</summary>
public sealed class StagedImport
{
    public long Id { get; set; }

    public string Kind { get; set; } = StagedImportKinds.Plan;

    public string FileName { get; set; } = "";

    public string Payload { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string State { get; set; } = StagedImportStates.Pending;

    /// <summary>Where a file sent in chat came from (null for an upload on the console).</summary>
    public string? Platform { get; set; }

    public string? ChatId { get; set; }

    /// <summary>The summary of what the import did.</summary>
    public string? Result { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }
}

public interface IStagedImportRepository
{
    Task<long> AddAsync(StagedImport staged, CancellationToken cancellationToken = default);

    Task<StagedImport?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The newest pending import of a kind sent in a chat (for 确认导入 there).</summary>
    Task<StagedImport?> LatestPendingAsync(string kind, string platform, string chatId, CancellationToken cancellationToken = default);

    /// <summary>Moves a pending import to <paramref name="state"/>; false when it was no longer pending (confirmed twice).</summary>
    Task<bool> DecideAsync(long id, string state, string decidedBy, string? result, CancellationToken cancellationToken = default);
}

internal sealed class StagedImportRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IStagedImportRepository
{
    private const string Columns = """
        id AS Id, kind AS Kind, file_name AS FileName, payload AS Payload, created_by AS CreatedBy, created_at AS CreatedAt,
        state AS State, platform AS Platform, chat_id AS ChatId, result AS Result, decided_by AS DecidedBy, decided_at AS DecidedAt
        """;

    public Task<long> AddAsync(StagedImport staged, CancellationToken cancellationToken = default)
    {
        staged.CreatedAt = staged.CreatedAt == default ? time.GetUtcNow() : staged.CreatedAt;
        staged.State = StagedImportStates.Pending;
        return InsertAsync("""
            INSERT INTO staged_imports (kind, file_name, payload, created_by, created_at, state, platform, chat_id)
            VALUES (@Kind, @FileName, @Payload, @CreatedBy, @CreatedAt, @State, @Platform, @ChatId)
            """, staged, cancellationToken);
    }

    public Task<StagedImport?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<StagedImport>($"SELECT {Columns} FROM staged_imports WHERE id = @Id", new { Id = id }, cancellationToken);

    public Task<StagedImport?> LatestPendingAsync(string kind, string platform, string chatId, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<StagedImport>($"""
            SELECT {Columns} FROM staged_imports
            WHERE kind = @Kind AND state = @State AND platform = @Platform AND chat_id = @ChatId ORDER BY id DESC LIMIT 1
            """, new { Kind = kind, State = StagedImportStates.Pending, Platform = platform, ChatId = chatId }, cancellationToken);

    public async Task<bool> DecideAsync(long id, string state, string decidedBy, string? result, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE staged_imports SET state = @State, decided_by = @DecidedBy, decided_at = @Now, result = @Result
            WHERE id = @Id AND state = @Pending
            """, new { Id = id, State = state, DecidedBy = decidedBy, Now = time.GetUtcNow(), Result = result, Pending = StagedImportStates.Pending },
            cancellationToken) == 1;
}
