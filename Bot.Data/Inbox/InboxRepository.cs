using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Telemetry;

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

    public async Task<bool> TryAddAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        message.ReceivedAt = message.ReceivedAt == default ? Time.GetUtcNow() : message.ReceivedAt;
        message.NextAttemptAt = message.NextAttemptAt == default ? message.ReceivedAt : message.NextAttemptAt;
        message.State = WorkStates.Pending;
        message.TraceParent ??= BotTelemetry.CurrentTraceParent;
        var added = await InsertIfAbsentAsync("""
            INSERT INTO inbox (platform, message_id, chat_id, sender_id, sender_name, text, images, raw, reply_to, received_at,
                                          state, attempts, next_attempt_at, trace_parent)
            VALUES (@Platform, @MessageId, @ChatId, @SenderId, @SenderName, @Text, @Images, @Raw, @ReplyTo, @ReceivedAt,
                    @State, 0, @NextAttemptAt, @TraceParent)
            """, message, cancellationToken);
        if (added)
        {
            BotTelemetry.MessagesAccepted.Add(1, BotTelemetry.Tags(message));
        }

        return added;
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
