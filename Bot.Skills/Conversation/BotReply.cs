namespace Bot.Skills.Conversation;

/// <summary>One message the bot sends back: plain text or markdown, optionally @-mentioning platform user ids.</summary>
public sealed record BotReply(string Text, bool Markdown = false, IReadOnlyList<string>? Mentions = null);
