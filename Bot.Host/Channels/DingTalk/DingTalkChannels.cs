using System.Globalization;
using System.Net;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Inbox;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

/// <summary>DingTalk errcodes that decide between retrying and giving up.</summary>
public static class DingTalkErrorCodes
{
    /// <summary>"send too fast, exceed 20 times per minute": blocked for 10 minutes.</summary>
    public const long SendTooFast = 130101;

    /// <summary>sessionWebhook: "session 不存在" (expired); custom robot: "token is not exist".</summary>
    public const long SessionGone = 300001;

    /// <summary>Custom robot: sign mismatch, keywords not in content, invalid timestamp, IP not allowed.</summary>
    public const long SecurityCheckFailed = 310000;

    /// <summary>Maps a webhook reply to a delivery outcome: 0 is delivered, 130101/5xx/429 are retried, anything else is permanent.</summary>
    public static DeliveryResult Classify(DingTalkWebhookReply reply, string what)
    {
        var status = (int)reply.Status;
        var error = string.Create(CultureInfo.InvariantCulture, $"{what} HTTP {status} errcode {reply.ErrCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}: {reply.ErrMsg ?? reply.Body}");
        if (status >= 500 || reply.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
        {
            return DeliveryResult.Transient(error);
        }

        if (status >= 400)
        {
            return DeliveryResult.Permanent(error);
        }

        return reply.ErrCode switch
        {
            null or 0 => DeliveryResult.Ok,
            SendTooFast => DeliveryResult.Transient(error),
            _ => DeliveryResult.Permanent(error),
        };
    }
}

/// <summary>
/// <c>openapi</c>: the app robot sends on its own (dingtalk.md §5): <c>groupMessages/send</c> to a group's conversation id,
/// or <c>oToMessages/batchSend</c> for a target <c>user:{userid}</c>. Used for reminders, digests and replies whose
/// sessionWebhook has expired.
/// </summary>
internal sealed class DingTalkOpenApiChannel(DingTalkApiClient api, IOptions<DingTalkOptions> options) : IOutboundChannel
{
    public const string ChannelName = "openapi";

    public string Name => ChannelName;

    public int? PerMinuteLimit => 20;

    public int MaxBytes(string msgType) => DingTalkMessages.MaxTextBytes;

    public Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        DeliverToAsync(message, message.Target, cancellationToken);

    public async Task<DeliveryResult> DeliverToAsync(OutboxMessage message, string target, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.OpenApiConfigured)
        {
            return DeliveryResult.Permanent("未配置钉钉应用凭据，无法通过 OpenAPI 发送 / DingTalk:AppKey and DingTalk:AppSecret are required for OpenAPI sends.");
        }

        if (string.IsNullOrEmpty(target))
        {
            return DeliveryResult.Permanent("缺少会话 ID / no conversation id to send to.");
        }

        var (msgKey, msgParam) = DingTalkMessages.OpenApiMessage(message.MsgType, message.Payload, settings.RobotName);
        if (DingTalkMessages.Utf8Bytes(msgParam) > DingTalkMessages.MaxMsgParamBytes)
        {
            return DeliveryResult.Permanent($"消息超过 {DingTalkMessages.MaxMsgParamBytes} 字节 / msgParam exceeds {DingTalkMessages.MaxMsgParamBytes} bytes.");
        }

        return DingTalkTargets.IsUser(target, out var staffId)
            ? await api.SendOneOnOneAsync([staffId], msgKey, msgParam, cancellationToken)
            : await api.SendGroupAsync(target, msgKey, msgParam, cancellationToken);
    }
}

/// <summary>
/// <c>session_webhook</c>: an immediate reply through the sessionWebhook of the message it answers (found through the
/// row's inbox id). When that session has expired, or DingTalk says it is gone (300001), the reply goes out through
/// the OpenAPI instead. The target is the conversation id, so the per-minute limit is per chat.
/// </summary>
internal sealed class DingTalkSessionChannel(
    DingTalkApiClient api,
    DingTalkOpenApiChannel openApi,
    InboxReplyHandles replyHandles,
    IOptions<DingTalkOptions> options,
    TimeProvider time,
    ILogger<DingTalkSessionChannel> logger) : IOutboundChannel
{
    public const string ChannelName = "session_webhook";

    /// <summary>A session this close to expiry is not used at delivery time.</summary>
    private static readonly TimeSpan DeliveryMargin = TimeSpan.FromSeconds(10);

    public string Name => ChannelName;

    public int? PerMinuteLimit => 20;

    public int MaxBytes(string msgType) => DingTalkMessages.MaxTextBytes;

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var handle = message.InboxId is long id ? DingTalkReplyHandle.Read(await replyHandles.ReplyToAsync(id, cancellationToken)) : null;
        if (handle is null || !handle.IsFresh(time.GetUtcNow(), DeliveryMargin))
        {
            return await FallBackAsync(message, handle, "expired", cancellationToken);
        }

        if (!options.Value.IsAllowedWebhook(handle.SessionWebhook))
        {
            // Never call a URL that a message body made up (SSRF): the conversation is answered through the OpenAPI.
            return await FallBackAsync(message, handle, "not on DingTalk:AllowedWebhookHosts", cancellationToken);
        }

        var body = DingTalkMessages.WebhookBody(message.MsgType, message.Payload, DingTalkMessages.Mentions(message.Mentions), options.Value.RobotName);
        var reply = await api.PostWebhookAsync(handle.SessionWebhook!, body, cancellationToken);
        if (reply.ErrCode == DingTalkErrorCodes.SessionGone && (int)reply.Status < 400)
        {
            return await FallBackAsync(message, handle, "gone (300001)", cancellationToken);
        }

        return DingTalkErrorCodes.Classify(reply, "sessionWebhook");
    }

    private Task<DeliveryResult> FallBackAsync(OutboxMessage message, DingTalkReplyHandle? handle, string why, CancellationToken cancellationToken)
    {
        var target = handle?.OpenApiTarget ?? message.Target;
        DingTalkLog.SessionWebhookFallback(logger, message.Id, why, target);
        return openApi.DeliverToAsync(message, target, cancellationToken);
    }
}

/// <summary>
/// <c>custom_robot</c>: a configured custom group robot (自定义机器人) per chat, for reminders and digests. Each request is
/// signed afresh (timestamp + URL-encoded sign) and carries <c>msgUuid</c> so a retry after a timeout is not shown
/// twice. DingTalk blocks a robot for 10 minutes past 20 messages a minute, so the limit is 20 per target.
/// </summary>
internal sealed class DingTalkCustomRobotChannel(DingTalkApiClient api, IOptions<DingTalkOptions> options, TimeProvider time) : IOutboundChannel
{
    public const string ChannelName = "custom_robot";

    public string Name => ChannelName;

    public int? PerMinuteLimit => 20;

    /// <summary>The <c>msgUuid</c> is the row id: a resend after a crash or a timeout is not shown twice.</summary>
    public bool Idempotent => true;

    public int MaxBytes(string msgType) => DingTalkMessages.MaxTextBytes;

    public async Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var robot = settings.FindCustomRobot(message.Target);
        if (robot is null)
        {
            return DeliveryResult.Permanent($"未配置该群的自定义机器人 / no DingTalk:CustomRobots entry for chat '{message.Target}'.");
        }

        var url = DingTalkSignature.SignCustomRobotUrl(WebhookUrl(robot.Webhook, settings.OapiBaseUrl), robot.Secret, time.GetUtcNow().ToUnixTimeMilliseconds());
        var body = DingTalkMessages.WebhookBody(message.MsgType, message.Payload, DingTalkMessages.Mentions(message.Mentions), settings.RobotName,
            msgUuid: string.Create(CultureInfo.InvariantCulture, $"tiexibot-{message.Id}"));
        return DingTalkErrorCodes.Classify(await api.PostWebhookAsync(url, body, cancellationToken), "custom robot");
    }

    /// <summary>A full webhook URL as configured, or a bare access token turned into <c>{OapiBaseUrl}/robot/send?access_token=…</c>.</summary>
    public static string WebhookUrl(string webhook, string oapiBaseUrl) =>
        webhook.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || webhook.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            ? webhook
            : DingTalkApiClient.Combine(oapiBaseUrl, "/robot/send?access_token=" + Uri.EscapeDataString(webhook));
}

/// <summary>
/// Addresses replies to DingTalk messages: through the sessionWebhook while it is fresh (with a margin), otherwise
/// through the OpenAPI (the group, or the sender 1:1). In a group the sender is @-mentioned unless the reply names
/// its own mentions.
/// </summary>
internal sealed class DingTalkReplyAddresser(IOptions<DingTalkOptions> options, TimeProvider time) : IReplyAddresser
{
    public string Platform => Platforms.DingTalk;

    public OutboxMessage Address(InboxMessage inbound, BotReply reply)
    {
        var settings = options.Value;
        var handle = DingTalkReplyHandle.Read(inbound.ReplyTo) ?? new DingTalkReplyHandle { ConversationId = inbound.ChatId };
        var now = time.GetUtcNow();
        var fresh = settings.IsAllowedWebhook(handle.SessionWebhook) &&
            (handle.IsFresh(now, settings.SessionWebhookMargin) || (!settings.OpenApiConfigured && handle.IsFresh(now, TimeSpan.Zero)));
        var mentions = reply.Mentions ?? (handle.IsGroup && handle.SenderStaffId is { } sender ? [sender] : null);
        return new OutboxMessage
        {
            Platform = Platforms.DingTalk,
            Channel = fresh ? DingTalkSessionChannel.ChannelName : DingTalkOpenApiChannel.ChannelName,
            Target = fresh ? inbound.ChatId ?? handle.ConversationId ?? "" : handle.OpenApiTarget ?? inbound.ChatId ?? "",
            MsgType = reply.Markdown ? "markdown" : "text",
            Payload = reply.Text,
            Mentions = mentions is { Count: > 0 } ? Bot.Data.Common.Json.Serialize(mentions) : null,
        };
    }
}
