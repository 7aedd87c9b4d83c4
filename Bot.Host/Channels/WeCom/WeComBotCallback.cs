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
    Bot.Host.Inbox.InboxAdmission admission,
    InboxSignal signal,
    WeComStreamReplies streams,
    TimeProvider time,
    ILogger<WeComBotCallback> logger)
{
    /// <summary>The stream answer while a message failed for good.</summary>
    public const string FailedText = "抱歉，这条消息处理失败了，请稍后再试或联系区政府办。";

    /// <summary>
    /// The stream answer of a message taken while the backlog is deep (<see cref="WeComOptions.StreamHandOverBacklog"/>);
    /// the reply follows through <c>response_url</c>.
    /// </summary>
    public const string QueuedText = "已收到，当前消息较多，正在排队处理，处理完成后会另行回复您。";

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
            WeComLog.CallbackRejected(logger, "robot", ex.Message);
            return WeComHttp.CryptoFailure(ex);
        }
        catch (WeComFormatException ex)
        {
            WeComLog.CallbackRejected(logger, "robot", ex.Message);
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

        WeComLog.EventAcknowledged(logger, "robot");
        return Results.Ok();
    }

    private async Task<IResult> StoreAsync(InboxMessage message, WeComInbound.AiBotCallback callback, string nonce, CancellationToken cancellationToken)
    {
        var streamId = callback.StreamId!;
        var handOver = HandOver(message);
        if (await admission.TryAddAsync(message, cancellationToken))
        {
            if (handOver)
            {
                streams.Closed(streamId, QueuedText);
                WeComLog.StreamHandedOver(logger, streamId, admission.Backlog);
            }
            else
            {
                streams.Pending(streamId);
            }

            signal.Signal.Notify();
            WeComLog.MessageStored(logger, "robot", message.MessageId, message.SenderId, message.ChatId ?? "1:1");
        }
        else
        {
            WeComLog.MessageDuplicate(logger, "robot", message.MessageId);
        }

        // A chat the bot does not serve gets no stream: the message is kept and the worker completes it silently.
        if (callback.ChatId is { Length: > 0 } chatId && !await gate.IsChatAllowedAsync(Platforms.WeCom, chatId, cancellationToken))
        {
            return Results.Ok();
        }

        // A redelivery is answered as the first delivery was, when this host still knows it.
        return streams.Find(streamId) is { Content: { } answered }
            ? Stream(streamId, answered, finish: true, nonce)
            : Stream(streamId, "", finish: false, nonce);
    }

    /// <summary>
    /// True when the message is taken while the backlog is deep and it has a <c>response_url</c>: its stream is finished
    /// at once and the mark goes into its stored reply handle, so the reply is due for the sender as soon as it is queued
    /// (also on another host of a cluster, or after a restart).
    /// </summary>
    private bool HandOver(InboxMessage message)
    {
        var limit = options.Value.StreamHandOverBacklog;
        if (limit <= 0 || admission.Backlog < limit || WeComReplyTo.Parse(message.ReplyTo) is not { ResponseUrl.Length: > 0 } to)
        {
            return false;
        }

        message.ReplyTo = (to with { StreamClosed = true }).Serialize();
        return true;
    }

    /// <summary>
    /// A stream refresh: the processed reply (all parts) with finish:true, or finish:false while it is not ready. Known
    /// streams are answered from <see cref="WeComStreamReplies"/> (a pending one without any statement, a ready one with
    /// one UPDATE per part that marks it delivered); others are read from the database. A part the response_url
    /// fallback sent already is not repeated in the stream: a stream answers only with the parts it delivered itself.
    /// </summary>
    private async Task<IResult> RefreshAsync(string streamId, string nonce, CancellationToken cancellationToken)
    {
        var entry = streams.Find(streamId);
        if (entry is { Content: { } answered })
        {
            return Stream(streamId, answered, finish: true, nonce);
        }

        if (entry is { IsPending: true } && time.GetUtcNow() - entry.Since < WeComStreamReplies.PendingRecheck)
        {
            entry.PendingEncrypt ??= Encrypted(streamId, "", finish: false);
            return Signed(entry.PendingEncrypt, nonce);
        }

        Dictionary<string, string>? states = null;
        if (entry is null or { IsPending: true })
        {
            var msgId = WeComInbound.MsgIdOfStream(streamId);
            var message = msgId is null ? null : await inbox.FindAsync(Platforms.WeCom, WeComInbound.AiBotIdPrefix + msgId, cancellationToken);
            if (message is null)
            {
                streams.Forget(streamId);
                WeComLog.StreamUnknown(logger, streamId);
                return Stream(streamId, "", finish: true, nonce);
            }

            if (message.State is not (WorkStates.Done or WorkStates.Failed))
            {
                streams.Forget(streamId);
                streams.Pending(streamId);
                return Stream(streamId, "", finish: false, nonce);
            }

            var rows = await ReplyRowsAsync(message.Id, cancellationToken);
            states = rows.ToDictionary(r => r.DedupeKey!, r => r.State, StringComparer.Ordinal);
            entry = streams.Ready(streamId, message.Id, rows.Select(r => new WeComStreamReplies.Part(r.DedupeKey!, r.Payload)).ToList(),
                message.State == WorkStates.Failed);
        }

        var parts = entry.Parts!;
        var texts = new List<string>(parts.Count);
        var unresolved = new List<string>();
        var waiting = false;
        foreach (var part in parts)
        {
            bool mine;
            lock (entry.Mine)
            {
                mine = entry.Mine.Contains(part.DedupeKey);
            }

            var state = states?.GetValueOrDefault(part.DedupeKey);
            if (!mine && state is null or WorkStates.Pending)
            {
                mine = await outbox.MarkDeliveredAsync(part.DedupeKey, cancellationToken);
                if (mine)
                {
                    lock (entry.Mine)
                    {
                        entry.Mine.Add(part.DedupeKey);
                    }
                }
                else
                {
                    unresolved.Add(part.DedupeKey);
                }
            }
            else if (!mine && state == WorkStates.Sending)
            {
                waiting = true;
            }

            if (mine)
            {
                texts.Add(part.Payload);
            }
        }

        if (unresolved.Count > 0)
        {
            // The sender holds a part (response_url fallback) or has sent it: which one, only the database knows.
            var now = (await ReplyRowsAsync(entry.InboxId, cancellationToken)).ToDictionary(r => r.DedupeKey!, r => r.State, StringComparer.Ordinal);
            waiting |= unresolved.Any(key => now.GetValueOrDefault(key) is WorkStates.Sending or WorkStates.Pending);
        }

        if (waiting)
        {
            // The next refresh sees the outcome of the send in progress.
            return Stream(streamId, "", finish: false, nonce);
        }

        var content = parts.Count == 0 && entry.MessageFailed ? FailedText : string.Join("\n\n", texts);
        streams.Answered(streamId, entry, content);
        if (texts.Count < parts.Count)
        {
            WeComLog.StreamFinishedPartly(logger, streamId, texts.Count, parts.Count);
        }
        else
        {
            WeComLog.StreamAnswered(logger, streamId, parts.Count);
        }

        return Stream(streamId, content, finish: true, nonce);
    }

    private async Task<List<OutboxMessage>> ReplyRowsAsync(long inboxId, CancellationToken cancellationToken) =>
        (await outbox.ListByInboxAsync(inboxId, cancellationToken))
            .Where(r => r.Channel == WeComAiBotChannel.ChannelName && r.DedupeKey is not null)
            .ToList();

    /// <summary>An encrypted passive reply {"encrypt","msgsignature","timestamp","nonce"} carrying a stream message.</summary>
    private IResult Stream(string streamId, string content, bool finish, string nonce) =>
        Signed(Encrypted(streamId, content, finish), nonce);

    private string Encrypted(string streamId, string content, bool finish) =>
        _crypto!.Encrypt(Json.Serialize(new { msgtype = "stream", stream = new { id = streamId, finish, content } }));

    private IResult Signed(string encrypt, string nonce)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = _crypto!.Sign(timestamp.ToString(CultureInfo.InvariantCulture), nonce, encrypt);
        return Results.Json(new { encrypt, msgsignature = signature, timestamp, nonce });
    }
}
