using System.Data.Common;
using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Telemetry;
using Dapper;

namespace Bot.Data.Inbox;

public interface IInboxRepository
{
    /// <summary>Stores the message unless (platform, message id) is already stored; true when it is new.</summary>
    Task<bool> TryAddAsync(InboxMessage message, CancellationToken cancellationToken = default);

    Task<InboxMessage?> FindAsync(string platform, string messageId, CancellationToken cancellationToken = default);

    Task<InboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<InboxMessage>> ClaimAsync(string worker, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default);

    Task<bool> CompleteAsync(long id, string leaseOwner, CancellationToken cancellationToken = default);

    /// <summary>Marks the rows of one claim processed with one statement; returns how many were still leased to <paramref name="leaseOwner"/>.</summary>
    Task<int> CompleteManyAsync(IReadOnlyCollection<long> ids, string leaseOwner, CancellationToken cancellationToken = default);

    Task RescheduleAsync(long id, string leaseOwner, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> CountByStateAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest messages of a chat, oldest first.</summary>
    Task<IReadOnlyList<InboxMessage>> ListByChatAsync(string platform, string chatId, int limit, CancellationToken cancellationToken = default);

    /// <summary>The last message seen from each group chat (one row per platform and chat), newest first.</summary>
    Task<IReadOnlyList<ChatActivity>> LastMessagePerChatAsync(int limit, CancellationToken cancellationToken = default);
}

internal sealed class InboxRepository(IDbConnectionFactory connections, TimeProvider time)
    : LeasedQueue<InboxMessage>(connections, time, "inbox", Columns, WorkStates.Processing, WorkStates.Done), IInboxRepository
{
    private const string Columns = """
        id AS Id, platform AS Platform, message_id AS MessageId, chat_id AS ChatId, sender_id AS SenderId, sender_name AS SenderName,
        text AS Text, images AS Images, raw AS Raw, reply_to AS ReplyTo, received_at AS ReceivedAt, state AS State, attempts AS Attempts,
        next_attempt_at AS NextAttemptAt, lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, error AS Error, processed_at AS ProcessedAt,
        trace_parent AS TraceParent
        """;

    private const string InsertColumns = """
        INSERT INTO inbox (platform, message_id, chat_id, sender_id, sender_name, text, images, raw, reply_to, received_at,
                           state, attempts, next_attempt_at, trace_parent)
        """;

    /// <summary>Rows per multi-row INSERT of callbacks arriving together.</summary>
    internal const int MaxInsertBatch = 100;

    private WriteCoalescer<InboxMessage>? _coalescer;

    /// <summary>
    /// Callbacks' inserts, grouped while they arrive together (one statement for the rows of one flush). Few flushes at a
    /// time — one on SQLite, whose writers queue for one lock anyway, two on MariaDB — so that rows arriving meanwhile
    /// wait for the next flush instead of each taking a connection and a statement of their own.
    /// </summary>
    internal WriteCoalescer<InboxMessage> Coalescer =>
        LazyInitializer.EnsureInitialized(ref _coalescer, () => new WriteCoalescer<InboxMessage>(
            InsertManyAsync, InsertOneAsync, MaxInsertBatch, flushers: Dialect.Provider == DatabaseProvider.Sqlite ? 1 : 2));

    public async Task<bool> TryAddAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        message.ReceivedAt = message.ReceivedAt == default ? Time.GetUtcNow() : message.ReceivedAt;
        message.NextAttemptAt = message.NextAttemptAt == default ? message.ReceivedAt : message.NextAttemptAt;
        message.State = WorkStates.Pending;
        message.TraceParent ??= BotTelemetry.CurrentTraceParent;
        var added = await Coalescer.WriteAsync(message, cancellationToken);
        if (added)
        {
            BotTelemetry.MessagesAccepted.Add(1, BotTelemetry.Tags(message));
        }

        return added;
    }

    private Task<bool> InsertOneAsync(InboxMessage message, CancellationToken cancellationToken) =>
        InsertIfAbsentAsync(InsertColumns + """
            VALUES (@Platform, @MessageId, @ChatId, @SenderId, @SenderName, @Text, @Images, @Raw, @ReplyTo, @ReceivedAt,
                    @State, 0, @NextAttemptAt, @TraceParent)
            """, message, cancellationToken);

    /// <summary>
    /// One INSERT for the rows; a row whose (platform, message id) is stored already — or repeated in the same batch — is
    /// not inserted. SQLite skips such rows itself and names the inserted ones (<c>RETURNING</c>); MariaDB rejects the
    /// whole statement on a duplicate (and only that statement), and the rows are then inserted one by one.
    /// </summary>
    private async Task<IReadOnlyList<bool>> InsertManyAsync(IReadOnlyList<InboxMessage> rows)
    {
        if (rows.Count == 1)
        {
            return [await InsertOneAsync(rows[0], CancellationToken.None)];
        }

        var (sql, parameters) = MultiRowInsert(rows);
        if (Dialect.Provider == DatabaseProvider.Sqlite)
        {
            var inserted = (await QueryAsync<(string Platform, string MessageId)>(
                sql + " ON CONFLICT DO NOTHING RETURNING platform, message_id", parameters, CancellationToken.None)).ToHashSet();
            var results = new bool[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                // The first of two rows with one key in the batch is the one inserted.
                results[i] = inserted.Remove((rows[i].Platform, rows[i].MessageId));
            }

            return results;
        }

        try
        {
            await ExecuteAsync(sql, parameters, CancellationToken.None);
            return Enumerable.Repeat(true, rows.Count).ToArray();
        }
        catch (DbException ex) when (SqlDialect.IsDuplicateKey(ex))
        {
            return await InsertNewOnesAsync(rows);
        }
    }

    private static (string Sql, DynamicParameters Parameters) MultiRowInsert(IReadOnlyList<InboxMessage> rows)
    {
        var parameters = new DynamicParameters();
        var values = rows.Select((m, i) => MultiRowValues.Add(parameters, i, m.Platform, m.MessageId, m.ChatId, m.SenderId, m.SenderName, m.Text,
            m.Images, m.Raw, m.ReplyTo, m.ReceivedAt, WorkStates.Pending, 0, m.NextAttemptAt, m.TraceParent));
        return (InsertColumns + "VALUES " + string.Join(", ", values), parameters);
    }

    /// <summary>
    /// MariaDB after a duplicate: the keys stored already are read with one statement and the first row of each other
    /// key is inserted with one more; only when that loses a race (another flush stored one of them meanwhile) are the
    /// rows inserted one by one.
    /// </summary>
    private async Task<IReadOnlyList<bool>> InsertNewOnesAsync(IReadOnlyList<InboxMessage> rows)
    {
        var keys = new DynamicParameters();
        var tuples = rows.Select((m, i) => MultiRowValues.Add(keys, i, m.Platform, m.MessageId)).ToList();
        var stored = (await QueryAsync<(string Platform, string MessageId)>(
            $"SELECT platform, message_id FROM inbox WHERE (platform, message_id) IN ({string.Join(", ", tuples)})", keys, CancellationToken.None)).ToHashSet();
        var results = new bool[rows.Count];
        var fresh = new List<InboxMessage>();
        for (var i = 0; i < rows.Count; i++)
        {
            // True for the first row of a key that is not stored yet (the key then counts as stored for the rows after it).
            results[i] = stored.Add((rows[i].Platform, rows[i].MessageId));
            if (results[i])
            {
                fresh.Add(rows[i]);
            }
        }

        if (fresh.Count == 0)
        {
            return results;
        }

        try
        {
            if (fresh.Count == 1)
            {
                results[Array.IndexOf(results, true)] = await InsertOneAsync(fresh[0], CancellationToken.None);
                return results;
            }

            var (sql, parameters) = MultiRowInsert(fresh);
            await ExecuteAsync(sql, parameters, CancellationToken.None);
            return results;
        }
        catch (DbException ex) when (SqlDialect.IsDuplicateKey(ex))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                results[i] = results[i] && await InsertOneAsync(rows[i], CancellationToken.None);
            }

            return results;
        }
    }

    public Task<InboxMessage?> FindAsync(string platform, string messageId, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<InboxMessage>($"SELECT {Columns} FROM inbox WHERE platform = @Platform AND message_id = @MessageId",
            new { Platform = platform, MessageId = messageId }, cancellationToken);

    public Task<InboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<InboxMessage>($"SELECT {Columns} FROM inbox WHERE id = @Id", new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<InboxMessage>> ListByChatAsync(string platform, string chatId, int limit, CancellationToken cancellationToken = default) =>
        (await QueryAsync<InboxMessage>($"SELECT {Columns} FROM inbox WHERE platform = @Platform AND chat_id = @ChatId ORDER BY id DESC LIMIT @Limit",
            new { Platform = platform, ChatId = chatId, Limit = limit }, cancellationToken)).Reverse().ToList();

    public Task<IReadOnlyList<ChatActivity>> LastMessagePerChatAsync(int limit, CancellationToken cancellationToken = default) =>
        QueryAsync<ChatActivity>("""
            SELECT i.platform AS Platform, i.chat_id AS ChatId, i.sender_name AS SenderName, i.sender_id AS SenderId, i.text AS Text,
                   i.received_at AS ReceivedAt, c.messages AS Messages
            FROM inbox i
            JOIN (SELECT platform, chat_id, MAX(id) AS last_id, COUNT(*) AS messages FROM inbox WHERE chat_id IS NOT NULL GROUP BY platform, chat_id) c
              ON i.id = c.last_id
            ORDER BY i.id DESC LIMIT @Limit
            """, new { Limit = limit }, cancellationToken);
}

/// <summary>The last message seen from a group chat.</summary>
public sealed class ChatActivity
{
    public string Platform { get; set; } = "";

    public string ChatId { get; set; } = "";

    public string? SenderName { get; set; }

    public string SenderId { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public int Messages { get; set; }
}
