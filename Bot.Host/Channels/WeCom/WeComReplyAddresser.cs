using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>
/// Picks the WeCom channel for a reply from the inbox row's <see cref="WeComReplyTo"/>:
/// <list type="bullet">
/// <item>intelligent robot → <see cref="WeComAiBotChannel"/> (stream refresh, else <c>response_url</c>); a row
/// addressed while the stream is still refreshed becomes due for the sender only after the stream window (at once when
/// the stream was finished on arrival, <see cref="WeComReplyTo.StreamClosed"/>);</item>
/// <item>self-built app (1:1) → <see cref="WeComAppChannel"/> to the sender;</item>
/// <item>otherwise a group with a configured robot webhook → <see cref="WeComRobotChannel"/>.</item>
/// </list>
/// </summary>
internal sealed class WeComReplyAddresser(IOptions<WeComOptions> options, TimeProvider time) : IReplyAddresser
{
    public string Platform => Platforms.WeCom;

    public OutboxMessage Address(InboxMessage inbound, BotReply reply)
    {
        var to = WeComReplyTo.Parse(inbound.ReplyTo)
            ?? throw new InvalidOperationException($"WeCom message {inbound.MessageId} has no reply handle.");
        var row = new OutboxMessage
        {
            Platform = Platforms.WeCom,
            MsgType = reply.Markdown ? "markdown" : "text",
            Payload = reply.Text,
            Mentions = reply.Mentions is { Count: > 0 } ? Json.Serialize(reply.Mentions) : null,
        };

        if (to.Kind == WeComReplyTo.AiBot && (to.StreamId is not null || to.ResponseUrl is not null))
        {
            row.Channel = WeComAiBotChannel.ChannelName;
            row.Target = to.ChatId ?? to.UserId;
            row.MsgType = "markdown";
            var streamEnds = inbound.ReceivedAt + WeComAiBotChannel.StreamWindow;
            if (to.StreamId is not null && !to.StreamClosed && time.GetUtcNow() < streamEnds)
            {
                row.NextAttemptAt = streamEnds;
            }

            return row;
        }

        if (to.IsGroup && to.ChatId is { } chatId && options.Value.RobotKeyFor(chatId) is not null)
        {
            row.Channel = WeComRobotChannel.ChannelName;
            row.Target = chatId;
            return row;
        }

        if (!to.IsGroup && to.UserId.Length > 0)
        {
            row.Channel = WeComAppChannel.ChannelName;
            row.Target = to.UserId;
            return row;
        }

        throw new InvalidOperationException($"No WeCom channel can answer message {inbound.MessageId} (group {to.ChatId} has no robot webhook).");
    }
}

/// <summary><c>WeCom:AllowedChats</c> as a chat allow list for the <see cref="AccessGate"/>.</summary>
internal sealed class WeComChatAllowList(IOptions<WeComOptions> options) : IChatAllowList
{
    public bool Allows(string platform, string chatId) =>
        platform == Platforms.WeCom && options.Value.AllowedChats.Contains(chatId, StringComparer.Ordinal);
}
