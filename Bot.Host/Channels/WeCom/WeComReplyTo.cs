using Bot.Data.Common;

namespace Bot.Host.Channels.WeCom;

/// <summary>
/// What the WeCom addresser needs to answer a stored message, kept as JSON in <c>inbox.reply_to</c>:
/// which callback it came through, the chat and sender, and the robot's reply handles.
/// </summary>
public sealed record WeComReplyTo
{
    public const string App = "app";
    public const string AiBot = "aibot";

    /// <summary><see cref="App"/> (self-built app, 1:1) or <see cref="AiBot"/> (intelligent robot).</summary>
    public string Kind { get; init; } = App;

    /// <summary><c>single</c> or <c>group</c>.</summary>
    public string ChatType { get; init; } = "single";

    public string? ChatId { get; init; }

    public string UserId { get; init; } = "";

    /// <summary>The robot's one-shot active reply URL (valid for an hour).</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>Our id of the robot's stream answer; refresh callbacks carry it.</summary>
    public string? StreamId { get; init; }

    public int? AgentId { get; init; }

    /// <summary>
    /// True when the robot's stream was finished at once (a deep backlog, <see cref="WeComOptions.StreamHandOverBacklog"/>):
    /// no refresh will fetch the reply, which goes through <see cref="ResponseUrl"/> as soon as it is queued.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool StreamClosed { get; init; }

    public bool IsGroup => string.Equals(ChatType, "group", StringComparison.Ordinal);

    public string Serialize() => Json.Serialize(this);

    public static WeComReplyTo? Parse(string? json)
    {
        try
        {
            return Json.Deserialize<WeComReplyTo?>(json, null);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
