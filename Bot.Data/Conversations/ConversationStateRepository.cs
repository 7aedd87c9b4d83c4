using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Conversations;

public interface IConversationStateRepository
{
    /// <summary>Sets the one pending state of (platform, chat, sender), replacing any earlier one.</summary>
    Task SetAsync(ConversationState state, CancellationToken cancellationToken = default);

    /// <summary>The pending state, or null when none or expired.</summary>
    Task<ConversationState?> GetAsync(string platform, string chatId, string sender, CancellationToken cancellationToken = default);

    Task ClearAsync(string platform, string chatId, string sender, CancellationToken cancellationToken = default);

    /// <summary>Unexpired states of one kind (e.g. pending account bindings), oldest first.</summary>
    Task<IReadOnlyList<ConversationState>> ListByKindAsync(string kind, CancellationToken cancellationToken = default);
}

internal sealed class ConversationStateRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IConversationStateRepository
{
    public Task SetAsync(ConversationState state, CancellationToken cancellationToken = default) =>
        ExecuteAsync(Dialect.Upsert("conversation_states", ["platform", "chat_id", "sender"], ["kind", "payload", "expires_at"]), state, cancellationToken);

    public Task<ConversationState?> GetAsync(string platform, string chatId, string sender, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<ConversationState>("""
            SELECT id AS Id, platform AS Platform, chat_id AS ChatId, sender AS Sender, kind AS Kind, payload AS Payload, expires_at AS ExpiresAt
            FROM conversation_states WHERE platform = @Platform AND chat_id = @ChatId AND sender = @Sender AND expires_at > @Now
            """, new { Platform = platform, ChatId = chatId, Sender = sender, Now = time.GetUtcNow() }, cancellationToken);

    /// <summary>
    /// Unexpired states of the chats and senders of a claimed batch (a superset of its keys: the caller picks its own),
    /// read along the (platform, chat_id, sender) key.
    /// </summary>
    internal Task<IReadOnlyList<ConversationState>> GetManyAsync(IReadOnlyCollection<string> platforms, IReadOnlyCollection<string> chats, IReadOnlyCollection<string> senders, CancellationToken cancellationToken = default) =>
        QueryAsync<ConversationState>("""
            SELECT id AS Id, platform AS Platform, chat_id AS ChatId, sender AS Sender, kind AS Kind, payload AS Payload, expires_at AS ExpiresAt
            FROM conversation_states WHERE platform IN @Platforms AND chat_id IN @Chats AND sender IN @Senders AND expires_at > @Now
            """, new { Platforms = platforms, Chats = chats, Senders = senders, Now = time.GetUtcNow() }, cancellationToken);

    public Task<IReadOnlyList<ConversationState>> ListByKindAsync(string kind, CancellationToken cancellationToken = default) =>
        QueryAsync<ConversationState>("""
            SELECT id AS Id, platform AS Platform, chat_id AS ChatId, sender AS Sender, kind AS Kind, payload AS Payload, expires_at AS ExpiresAt
            FROM conversation_states WHERE kind = @Kind AND expires_at > @Now ORDER BY id
            """, new { Kind = kind, Now = time.GetUtcNow() }, cancellationToken);

    public Task ClearAsync(string platform, string chatId, string sender, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM conversation_states WHERE platform = @Platform AND chat_id = @ChatId AND sender = @Sender",
            new { Platform = platform, ChatId = chatId, Sender = sender }, cancellationToken);
}
