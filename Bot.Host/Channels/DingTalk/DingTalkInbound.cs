using System.Security.Cryptography;
using System.Text;
using Bot.Data.Chats;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

public enum DingTalkIngestOutcome
{
    Stored,

    /// <summary>The msgId was already stored (a redelivery): acknowledged and dropped.</summary>
    Duplicate,

    /// <summary>A message type the bot does not read: acknowledged, not stored.</summary>
    Ignored,

    Malformed,
}

public sealed record DingTalkIngestResult(DingTalkIngestOutcome Outcome, DingTalkIncoming? Message, string? Error);

/// <summary>
/// The one path from a robot message (HTTP callback body or Stream frame data) into the inbox: parse, normalise, store
/// once per msgId, wake the worker. Callers verify the message's origin first.
/// </summary>
public sealed class DingTalkInbound(
    IMemberRepository members,
    IChatRepository chats,
    Bot.Host.Inbox.InboxAdmission admission,
    InboxSignal signal,
    IOptions<DingTalkOptions> options,
    TimeProvider time,
    ILogger<DingTalkInbound> logger)
{
    private const int MaxIdLength = 128;

    public async Task<DingTalkIngestResult> IngestAsync(string json, string via, CancellationToken cancellationToken)
    {
        var parsed = DingTalkMessageParser.Parse(json, options.Value.RobotName);
        if (parsed.Status == DingTalkParseStatus.Malformed)
        {
            DingTalkLog.MessageRejected(logger, via, parsed.Error);
            return new(DingTalkIngestOutcome.Malformed, null, parsed.Error);
        }

        var message = parsed.Message!;
        if (parsed.Status == DingTalkParseStatus.Unsupported)
        {
            DingTalkLog.MessageIgnored(logger, via, message.MsgId, message.MsgType);
            return new(DingTalkIngestOutcome.Ignored, message, parsed.Error);
        }

        var senderId = message.SenderStaffId ?? message.SenderId ?? "unknown";
        var member = message.SenderStaffId is null ? null : await members.FindByAccountAsync(Platforms.DingTalk, message.SenderStaffId, cancellationToken);
        var row = new InboxMessage
        {
            Platform = Platforms.DingTalk,
            MessageId = Id(message.MsgId),
            // 1:1 conversations carry no chat id: the access gate only whitelists group chats.
            ChatId = message.IsGroup && message.ConversationId is not null ? Id(message.ConversationId) : null,
            SenderId = Id(senderId),
            SenderName = Truncate(member?.Name ?? message.SenderNick, 64),
            Text = message.Text,
            Images = message.Images,
            Raw = json,
            ReplyTo = DingTalkReplyHandle.From(message).ToJson(),
            ReceivedAt = time.GetUtcNow(),
        };

        if (!await admission.TryAddAsync(row, cancellationToken))
        {
            DingTalkLog.MessageDuplicate(logger, via, message.MsgId);
            return new(DingTalkIngestOutcome.Duplicate, message, null);
        }

        signal.Signal.Notify();
        DingTalkLog.MessageStored(logger, via, message.MsgId, senderId);
        await RecordChatAsync(message, cancellationToken);
        return new(DingTalkIngestOutcome.Stored, message, null);
    }

    /// <summary>Remembers a group the first time the bot hears from it: reminders need its conversation id.</summary>
    private async Task RecordChatAsync(DingTalkIncoming message, CancellationToken cancellationToken)
    {
        if (!message.IsGroup || message.ConversationId is null || message.ConversationId.Length > MaxIdLength)
        {
            return;
        }

        try
        {
            if (await chats.FindAsync(Platforms.DingTalk, message.ConversationId, cancellationToken) is null)
            {
                await chats.UpsertAsync(new Chat
                {
                    Platform = Platforms.DingTalk,
                    ChatId = message.ConversationId,
                    Title = Truncate(message.ConversationTitle, 128),
                    Whitelisted = false,
                }, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DingTalkLog.ChatNotRecorded(logger, ex, message.ConversationId);
        }
    }

    /// <summary>Ids longer than the column are replaced by a stable hash.</summary>
    private static string Id(string value) =>
        value.Length <= MaxIdLength ? value : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
