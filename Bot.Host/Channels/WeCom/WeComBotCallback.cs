using System.Globalization;
using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>
/// <c>/webhooks/wecom/bot</c>, the intelligent robot's callback (智能机器人; group messages that @ the robot and 1:1
/// messages), receiveid "". A message is stored in the inbox and answered at once with an encrypted <c>stream</c>
/// (<c>finish:false</c>); WeCom then sends stream refresh callbacks, answered with the processed reply from the outbox
/// and <c>finish:true</c> (wecom.md §3.2). A reply not fetched in time goes out through <c>response_url</c>
/// (<see cref="WeComAiBotChannel"/>).
/// </summary>
public sealed class WeComBotCallback(
    IOptions<WeComOptions> options,
    IInboxRepository inbox,
    IOutboxRepository outbox,
    AccessGate gate,
    InboxSignal signal,
    TimeProvider time,
    ILogger<WeComBotCallback> logger)
{
    /// <summary>The stream answer while a message failed for good.</summary>
    public const string FailedText = "抱歉，这条消息处理失败了，请稍后再试或联系区政府办。";

    private const string Keys = "WeCom__Token and WeCom__EncodingAesKey, or WeCom__AiBotToken and WeCom__AiBotEncodingAesKey";

    private readonly WeComCrypto? _crypto = options.Value.AiBotCallbackConfigured
        ? new WeComCrypto(options.Value.EffectiveAiBotToken, options.Value.EffectiveAiBotEncodingAesKey, "")
        : null;

    public IResult Verify(HttpRequest request) => _crypto is null
        ? WeComHttp.NotConfigured("企业微信智能机器人回调", "the WeCom intelligent robot callback", Keys)
        : WeComHttp.Verify(request, _crypto, options.Value.TimestampToleranceSeconds, time);

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (_crypto is null)
        {
            return WeComHttp.NotConfigured("企业微信智能机器人回调", "the WeCom intelligent robot callback", Keys);
        }

        var query = WeComCallbackQuery.From(request);
        if (query is null)
        {
            return WeComHttp.Unauthorized("缺少签名参数 / msg_signature, timestamp and nonce are required.");
        }

        var body = await WeComHttp.ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return WeComHttp.TooLarge();
        }

        WeComInbound.AiBotCallback callback;
        try
        {
            var encrypt = WeComInbound.EncryptOfJson(body);
            if (!query.IsFresh(options.Value.TimestampToleranceSeconds, time))
            {
                return WeComHttp.Unauthorized("时间戳无效或已过期 / timestamp is invalid or outside the allowed window.");
            }

            var plaintext = _crypto.VerifyAndDecrypt(query.Signature, query.Timestamp, query.Nonce, encrypt);
            callback = WeComInbound.FromAiBotMessage(plaintext, options.Value.MentionNames, time.GetUtcNow());
        }
        catch (WeComCryptoException ex)
        {
            logger.LogWarning("Rejected WeCom robot callback: {Reason}", ex.Message);
            return WeComHttp.CryptoFailure(ex);
        }
        catch (WeComFormatException ex)
        {
            logger.LogWarning("Rejected WeCom robot callback: {Reason}", ex.Message);
            return WeComHttp.BadRequest(ex.Message);
        }

        if (callback.Message is { } message)
        {
            return await StoreAsync(message, callback, query.Nonce, cancellationToken);
        }

        if (callback.StreamId is { } streamId)
        {
            return await RefreshAsync(streamId, query.Nonce, cancellationToken);
        }

        logger.LogDebug("WeCom robot event acknowledged and not stored");
        return Results.Ok();
    }

    private async Task<IResult> StoreAsync(InboxMessage message, WeComInbound.AiBotCallback callback, string nonce, CancellationToken cancellationToken)
    {
        if (await inbox.TryAddAsync(message, cancellationToken))
        {
            signal.Signal.Notify();
            logger.LogInformation("WeCom robot message {MessageId} from {Sender} in {ChatId} stored", message.MessageId, message.SenderId, message.ChatId ?? "1:1");
        }
        else
        {
            logger.LogInformation("WeCom robot message {MessageId} delivered again; dropped", message.MessageId);
        }

        // A chat the bot does not serve gets no stream: the message is kept and the worker completes it silently.
        if (callback.ChatId is { Length: > 0 } chatId && !await gate.IsChatAllowedAsync(Platforms.WeCom, chatId, cancellationToken))
        {
            return Results.Ok();
        }

        return Stream(callback.StreamId!, "", finish: false, nonce);
    }

    /// <summary>A stream refresh: the processed reply (all parts) with finish:true, or finish:false while it is not ready.</summary>
    private async Task<IResult> RefreshAsync(string streamId, string nonce, CancellationToken cancellationToken)
    {
        var msgId = WeComInbound.MsgIdOfStream(streamId);
        var message = msgId is null ? null : await inbox.FindAsync(Platforms.WeCom, WeComInbound.AiBotIdPrefix + msgId, cancellationToken);
        if (message is null)
        {
            logger.LogWarning("WeCom stream refresh for unknown stream {StreamId}", streamId);
            return Stream(streamId, "", finish: true, nonce);
        }

        if (message.State is not (WorkStates.Done or WorkStates.Failed))
        {
            return Stream(streamId, "", finish: false, nonce);
        }

        var replies = (await outbox.ListByInboxAsync(message.Id, cancellationToken))
            .Where(r => r.Channel == WeComAiBotChannel.ChannelName && r.State != WorkStates.Failed)
            .ToList();
        var ready = true;
        foreach (var reply in replies.Where(r => r.State == WorkStates.Pending))
        {
            if (await outbox.MarkDeliveredAsync(reply.Id, cancellationToken))
            {
                reply.State = WorkStates.Sent;
            }
            else
            {
                ready = false;
            }
        }

        if (!ready || replies.Any(r => r.State == WorkStates.Sending))
        {
            // The sender holds a part right now (response_url fallback); the next refresh sees the outcome.
            return Stream(streamId, "", finish: false, nonce);
        }

        var content = replies.Count == 0 && message.State == WorkStates.Failed
            ? FailedText
            : string.Join("\n\n", replies.Select(r => r.Payload));
        logger.LogInformation("WeCom stream {StreamId} answered with {Parts} part(s)", streamId, replies.Count);
        return Stream(streamId, content, finish: true, nonce);
    }

    /// <summary>An encrypted passive reply {"encrypt","msgsignature","timestamp","nonce"} carrying a stream message.</summary>
    private IResult Stream(string streamId, string content, bool finish, string nonce)
    {
        var plaintext = Json.Serialize(new { msgtype = "stream", stream = new { id = streamId, finish, content } });
        var encrypt = _crypto!.Encrypt(plaintext);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = _crypto.Sign(timestamp.ToString(CultureInfo.InvariantCulture), nonce, encrypt);
        return Results.Json(new { encrypt, msgsignature = signature, timestamp, nonce });
    }
}
