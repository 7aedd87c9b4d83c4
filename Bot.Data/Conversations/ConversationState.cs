namespace Bot.Data.Conversations;

/// <summary>A pending question the bot asked a sender in a chat (e.g. the date of a report), until it expires.</summary>
public sealed class ConversationState
{
    public long Id { get; set; }

    public string Platform { get; set; } = "";

    public string ChatId { get; set; } = "";

    public string Sender { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
