namespace Bot.Data.Chats;

/// <summary>Chat purposes.</summary>
public static class ChatPurposes
{
    public const string Work = "work";
    public const string Office = "office";
}

/// <summary>A group chat or 1:1 conversation the bot serves; only whitelisted chats are answered.</summary>
public sealed class Chat
{
    public long Id { get; set; }

    public string Platform { get; set; } = "";

    public string ChatId { get; set; } = "";

    public string? Title { get; set; }

    public string? Purpose { get; set; }

    public bool Whitelisted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
