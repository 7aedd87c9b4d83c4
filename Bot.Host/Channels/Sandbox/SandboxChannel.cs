using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Skills.Conversation;

namespace Bot.Host.Channels.Sandbox;

/// <summary>
/// The Sandbox platform: a chat without WeCom or DingTalk. Replies are "delivered" by being recorded; the dashboard
/// chat page and the <c>chat</c> verb read them back from the outbox.
/// </summary>
internal sealed class SandboxChannel : IOutboundChannel, IReplyAddresser
{
    public const string ChannelName = "sandbox";

    public string Name => ChannelName;

    public string Platform => Platforms.Sandbox;

    public int? PerMinuteLimit => null;

    /// <summary>Nothing leaves the host: the page reads the row.</summary>
    public bool Idempotent => true;

    public int MaxBytes(string msgType) => 4096;

    public bool SupportsImages => true;

    public Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Ok);

    public OutboxMessage Address(InboxMessage inbound, BotReply reply) => new()
    {
        Platform = Platforms.Sandbox,
        Channel = ChannelName,
        Target = inbound.ChatId ?? SandboxService.DefaultChat,
        MsgType = reply.Markdown ? "markdown" : "text",
        Payload = reply.Text,
        Mentions = reply.Mentions is { Count: > 0 } ? Bot.Data.Common.Json.Serialize(reply.Mentions) : null,
    };
}
