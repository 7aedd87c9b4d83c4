using Bot.Data.Chats;
using Bot.Data.Connections;

namespace Bot.Data.ReadModel;

/// <summary>The chats (and so the allowed chats) in memory, reloaded when the <see cref="ReferenceVersion"/> moves.</summary>
internal sealed class CachingChatRepository : IChatRepository
{
    private readonly IChatRepository _inner;
    private readonly ReferenceVersion _version;
    private readonly VersionedSnapshot<Chats> _chats;

    public CachingChatRepository(IChatRepository inner, IDbConnectionFactory connections, ReferenceVersion version)
    {
        _inner = inner;
        _version = version;
        var comparer = connections.Dialect.Provider == DatabaseProvider.MySql ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _chats = new VersionedSnapshot<Chats>(version, async ct =>
        {
            var all = await inner.ListAsync(ct);
            var byKey = new Dictionary<string, Chat>(comparer);
            foreach (var chat in all)
            {
                byKey.TryAdd(Key(chat.Platform, chat.ChatId), chat);
            }

            return new Chats(all, byKey);
        });
    }

    public async Task UpsertAsync(Chat chat, CancellationToken cancellationToken = default)
    {
        try
        {
            await _inner.UpsertAsync(chat, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task<Chat?> FindAsync(string platform, string chatId, CancellationToken cancellationToken = default) =>
        (await _chats.GetAsync(cancellationToken)).ByKey.TryGetValue(Key(platform, chatId), out var chat) ? Copy(chat) : null;

    public async Task<IReadOnlyList<Chat>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _chats.GetAsync(cancellationToken)).All.Select(Copy).ToList();

    private static string Key(string platform, string chatId) => platform + "\n" + chatId;

    private static Chat Copy(Chat c) => new()
    {
        Id = c.Id, Platform = c.Platform, ChatId = c.ChatId, Title = c.Title, Purpose = c.Purpose, Whitelisted = c.Whitelisted, CreatedAt = c.CreatedAt,
    };

    private sealed record Chats(IReadOnlyList<Chat> All, Dictionary<string, Chat> ByKey);
}
