using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Chats;

public interface IChatRepository
{
    /// <summary>Adds the chat or updates title, purpose and whitelist flag of the existing one.</summary>
    Task UpsertAsync(Chat chat, CancellationToken cancellationToken = default);

    Task<Chat?> FindAsync(string platform, string chatId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Chat>> ListAsync(CancellationToken cancellationToken = default);
}

internal sealed class ChatRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IChatRepository
{
    private const string Columns = "id AS Id, platform AS Platform, chat_id AS ChatId, title AS Title, purpose AS Purpose, whitelisted AS Whitelisted, created_at AS CreatedAt";

    public Task UpsertAsync(Chat chat, CancellationToken cancellationToken = default)
    {
        chat.CreatedAt = chat.CreatedAt == default ? time.GetUtcNow() : chat.CreatedAt;
        return ExecuteAsync(Dialect.Upsert("chats", ["platform", "chat_id"], ["title", "purpose", "whitelisted"], ["created_at"]), chat, cancellationToken);
    }

    public Task<Chat?> FindAsync(string platform, string chatId, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<Chat>($"SELECT {Columns} FROM chats WHERE platform = @Platform AND chat_id = @ChatId",
            new { Platform = platform, ChatId = chatId }, cancellationToken);

    public Task<IReadOnlyList<Chat>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<Chat>($"SELECT {Columns} FROM chats ORDER BY id", null, cancellationToken);
}
