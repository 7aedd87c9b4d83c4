using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Bot.Data.Common;
using Bot.Data.Outbox;
using Bot.Host.Inbox;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>Message bodies shared by the WeCom send APIs.</summary>
internal static class WeComBodies
{
    /// <summary>The <c>text</c> or <c>markdown</c> part of a send body.</summary>
    public static object Content(OutboxMessage message) => new { content = message.Payload };

    public static IReadOnlyList<string> Mentions(OutboxMessage message) => Json.Deserialize<List<string>>(message.Mentions, []);

    /// <summary>Text limits of the group robot and the app (wecom.md §5, §8.11): text 2048 bytes, markdown 4096.</summary>
    public static int MaxBytes(string msgType) => msgType == "markdown" ? 4096 : 2048;
}

/// <summary>
/// Group robot webhook (群机器人, <c>webhook/send?key=</c>): text with <c>mentioned_list</c>, markdown with
/// <c>&lt;@userid&gt;</c> mentions, image (payload = base64 of a JPG/PNG ≤ 2 MB). The target is a chat id whose key comes
/// from <c>WeCom:RobotWebhooks</c>, so keys never reach the database. 20 messages per minute per robot.
/// </summary>
internal sealed class WeComRobotChannel(WeComApiClient api, IOptions<WeComOptions> options) : IOutboundChannel
{
    public const string ChannelName = "wecom_robot";

    public string Name => ChannelName;

    public int? PerMinuteLimit => 20;

    public int MaxBytes(string msgType) => WeComBodies.MaxBytes(msgType);

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (options.Value.RobotKeyFor(message.Target) is not { } key)
        {
            return DeliveryResult.Permanent($"no group robot webhook key configured for chat {message.Target} (WeCom:RobotWebhooks)");
        }

        var mentions = WeComBodies.Mentions(message);
        object body;
        switch (message.MsgType)
        {
            case "markdown":
                var tags = string.Concat(mentions.Select(m => m == "@all" ? "" : $"<@{m}>"));
                body = new { msgtype = "markdown", markdown = new { content = tags.Length == 0 ? message.Payload : message.Payload + "\n" + tags } };
                break;
            case "image":
                if (!TryImage(message.Payload, out var image))
                {
                    return DeliveryResult.Permanent("image payload is not base64");
                }

                body = new { msgtype = "image", image };
                break;
            default:
                body = mentions.Count == 0
                    ? new { msgtype = "text", text = new { content = message.Payload } }
                    : new { msgtype = "text", text = (object)new { content = message.Payload, mentioned_list = mentions } };
                break;
        }

        return (await api.SendRobotAsync(key, body, cancellationToken)).ToDelivery();
    }

    [SuppressMessage("Security", "CA5351", Justification = "The WeCom webhook image message mandates an MD5 checksum of the picture.")]
    private static bool TryImage(string payload, out object image)
    {
        try
        {
            var bytes = Convert.FromBase64String(payload);
            image = new { base64 = payload, md5 = Convert.ToHexStringLower(MD5.HashData(bytes)) };
            return true;
        }
        catch (FormatException)
        {
            image = new { };
            return false;
        }
    }
}

/// <summary>The self-built app's <c>message/send</c> to one member (target = userid); 30 per minute per member.</summary>
internal sealed class WeComAppChannel(WeComApiClient api, IOptions<WeComOptions> options) : IOutboundChannel
{
    public const string ChannelName = "wecom_app";

    public string Name => ChannelName;

    public int? PerMinuteLimit => 30;

    public int MaxBytes(string msgType) => WeComBodies.MaxBytes(msgType);

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var msgType = message.MsgType == "markdown" ? "markdown" : "text";
        var content = WeComBodies.Content(message);
        var body = msgType == "markdown"
            ? (object)new { touser = message.Target, msgtype = msgType, agentid = options.Value.AgentId, markdown = content }
            : new { touser = message.Target, msgtype = msgType, agentid = options.Value.AgentId, text = content, safe = 0 };
        return (await api.SendAppMessageAsync(body, cancellationToken)).ToDelivery();
    }
}

/// <summary>The self-built app's <c>appchat/send</c> to a group the app created (target = chatid).</summary>
internal sealed class WeComAppChatChannel(WeComApiClient api) : IOutboundChannel
{
    public const string ChannelName = "wecom_appchat";

    public string Name => ChannelName;

    /// <summary>WeCom limits app group messages per member (200/min) and per corp, not per chat.</summary>
    public int? PerMinuteLimit => null;

    public int MaxBytes(string msgType) => WeComBodies.MaxBytes(msgType);

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var msgType = message.MsgType == "markdown" ? "markdown" : "text";
        var content = WeComBodies.Content(message);
        var body = msgType == "markdown"
            ? (object)new { chatid = message.Target, msgtype = msgType, markdown = content }
            : new { chatid = message.Target, msgtype = msgType, text = content, safe = 0 };
        return (await api.SendAppChatAsync(body, cancellationToken)).ToDelivery();
    }
}

/// <summary>
/// Replies to an intelligent-robot message. Normally the row is fetched by the robot's stream refresh callbacks
/// (<see cref="WeComBotCallback"/> marks it sent); the row only becomes due after
/// <see cref="StreamWindow"/>, and a row still pending then is posted once to the message's <c>response_url</c>
/// (markdown, ≤ 20480 bytes).
/// </summary>
internal sealed class WeComAiBotChannel(WeComApiClient api, InboxReplyHandles replyHandles) : IOutboundChannel
{
    public const string ChannelName = "wecom_aibot";

    /// <summary>How long the stream refreshes are waited for. WeCom refreshes for up to 6 minutes after the user's message.</summary>
    public static readonly TimeSpan StreamWindow = TimeSpan.FromMinutes(5);

    public string Name => ChannelName;

    public int? PerMinuteLimit => null;

    /// <summary>
    /// The stream answer is fetched by WeCom by stream id (the row is marked sent there), and a <c>response_url</c> may be
    /// called once (wecom.md §3.3): a second post of the same row is refused by WeCom, never shown twice.
    /// </summary>
    public bool Idempotent => true;

    public int MaxBytes(string msgType) => 20480;

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var replyTo = WeComReplyTo.Parse(message.InboxId is long id ? await replyHandles.ReplyToAsync(id, cancellationToken) : null);
        if (replyTo?.ResponseUrl is not { Length: > 0 } url || !Uri.TryCreate(url, UriKind.Absolute, out var responseUrl))
        {
            return DeliveryResult.Permanent("the robot message has no response_url and its stream was not refreshed in time");
        }

        var body = new { msgtype = "markdown", markdown = new { content = message.Payload } };
        return (await api.PostResponseUrlAsync(responseUrl, body, cancellationToken)).ToDelivery();
    }
}
