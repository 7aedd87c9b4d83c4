namespace Bot.Skills.ProgressReports;

/// <summary>An incoming message as the parser sees it: the text, who sent it, when, and how many pictures came with it.</summary>
/// <param name="Text">The raw text, @-mention and all.</param>
/// <param name="Sender">The sender's display name (used as the person when nobody is named).</param>
/// <param name="SentAt">When it was sent; relative dates resolve against this instant in Asia/Shanghai.</param>
/// <param name="Images">Pictures sent with the message.</param>
public readonly record struct ReportMessage(string Text, string Sender, DateTimeOffset SentAt, int Images = 0);
