using Bot.Data.Conversations;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Skills.Calendar;
using Bot.Skills.ProgressReports;

namespace Bot.Skills.Conversation;

/// <summary>
/// The one router of every channel: finds the sender on the roster, answers a pending follow-up question, then by the
/// message's kind records a report, applies a correction, answers a status question (rules, then the LLM when
/// configured) or runs a command. Unknown senders are asked to register (请回复：我是XXX) and the office confirms.
/// </summary>
public sealed partial class ConversationRouter(
    IMemberRepository members,
    IConversationStateRepository states,
    IReportUnderstanding understanding,
    ReportHandler reports,
    QueryHandler queries,
    CommandHandler commands,
    LlmQuestionAnswerer llm,
    Roster.BindingService binding,
    TimeProvider time) : IMessageRouter
{
    public async Task<IReadOnlyList<BotReply>> RouteAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        var text = TextNormalizer.Normalize(message.Text).Trim();
        var sender = await FindSenderAsync(message, cancellationToken);
        if (sender is null)
        {
            return [await UnknownSenderAsync(message, text, cancellationToken)];
        }

        var sentAt = message.ReceivedAt == default ? time.GetUtcNow() : message.ReceivedAt;
        var today = BusinessClock.DateOf(sentAt);
        var normalized = new InboxMessage
        {
            Id = message.Id, Platform = message.Platform, MessageId = message.MessageId, ChatId = message.ChatId, SenderId = message.SenderId,
            SenderName = message.SenderName, Text = text, Images = message.Images, ReceivedAt = sentAt, ReplyTo = message.ReplyTo,
        };

        var command = await commands.HandleAsync(sender, normalized, today, cancellationToken);
        if (command is not null)
        {
            return [command];
        }

        var parsed = await understanding.UnderstandAsync(new ReportMessage(message.Text, sender.Name, sentAt, message.Images), allowLlm: true, cancellationToken);
        var pending = await states.GetAsync(message.Platform, message.ChatId ?? "", message.SenderId, cancellationToken);
        if (pending?.Kind == ReportHandler.FollowUpKind && parsed.Kind is not (ReportKinds.Query or ReportKinds.Command or ReportKinds.Correction) &&
            !IsNewReport(parsed, text))
        {
            var answered = await reports.AnswerFollowUpAsync(sender, normalized, pending, today, cancellationToken);
            if (answered is not null)
            {
                return answered;
            }
        }

        switch (parsed.Kind)
        {
            case ReportKinds.Report:
                return await reports.ReportAsync(sender, normalized, parsed, today, cancellationToken);
            case ReportKinds.Correction:
                return await reports.CorrectAsync(sender, normalized, today, cancellationToken);
            case ReportKinds.Query:
                return [await queries.AnswerAsync(sender, text, today, cancellationToken)
                    ?? await llm.AnswerAsync(text, cancellationToken)
                    ?? new BotReply("抱歉，这个问题我还不会回答。可以问：本月谁还没汇报、大招商行动进展、王副区长本季度调研几天、逾期任务。发送“帮助”查看全部用法。")];
            case ReportKinds.Command:
                return [new BotReply("没有识别这条命令。发送“帮助”查看可用命令。")];
            default:
                return [await queries.AnswerAsync(sender, text, today, cancellationToken) ?? Chatter(text)];
        }
    }

    /// <summary>A message that describes work on its own (not a bare answer such as “5月18日” or “大招商”).</summary>
    private static bool IsNewReport(ParsedReport parsed, string text) =>
        parsed.IsReport && parsed.Activity is not (null or Activities.Other) && text.Length > 10;

    private async Task<Member?> FindSenderAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        var member = message.Platform == Platforms.Sandbox
            ? await members.FindByNameAsync(message.SenderId, cancellationToken)
            : await members.FindByAccountAsync(message.Platform, message.SenderId, cancellationToken);
        return member is { Active: true } ? member : null;
    }

    private async Task<BotReply> UnknownSenderAsync(InboxMessage message, string text, CancellationToken cancellationToken)
    {
        if (message.Platform != Platforms.Sandbox && Roster.BindingService.ClaimedName(text) is { } name)
        {
            return new BotReply(await binding.RequestAsync(message.Platform, message.SenderId, message.ChatId, name, cancellationToken));
        }

        return message.Platform == Platforms.Sandbox
            ? new BotReply($"名册中没有“{message.SenderId}”，请在沙盒中选择名册中的人员。")
            : new BotReply("您好！您的账号还没有和名册中的人员关联，暂时无法记录汇报（消息已保存）。请回复：我是XXX（您的姓名），由区政府办确认后即可使用。");
    }

    private static BotReply Chatter(string text) =>
        text.Contains('谢', StringComparison.Ordinal) ? new BotReply("不客气 🙂")
        : text is "收到" or "好的" or "好" or "ok" or "OK" || text.StartsWith("好的", StringComparison.Ordinal) || text.StartsWith("收到", StringComparison.Ordinal) ? new BotReply("👌")
        : new BotReply("您好！我是铁西小助手，可以记录工作汇报、查询进展。发送“帮助”查看用法。");
}
