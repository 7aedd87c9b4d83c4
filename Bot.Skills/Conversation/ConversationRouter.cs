using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Skills.Calendar;
using Bot.Skills.ProgressReports;

namespace Bot.Skills.Conversation;

/// <summary>
/// The one router of every channel: finds the sender on the roster, decides what the message is (a withdrawal, restore
/// or correction of an earlier report, a command, a question, the answer to the pending follow-up, a new report,
/// chatter) and lets <see cref="ConversationMachine"/> decide what to do and what stays pending. Unknown senders are
/// asked to register (请回复：我是XXX) and the office confirms.
/// </summary>
public sealed partial class ConversationRouter(
    IMemberRepository members,
    IReportUnderstanding understanding,
    PendingFollowUps memory,
    ReportIntake intake,
    FollowUpHandler followUps,
    CorrectionHandler corrections,
    WithdrawalHandler withdrawals,
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
            SenderName = message.SenderName, Text = text, Images = message.Images, ReceivedAt = sentAt, ReplyTo = message.ReplyTo, Raw = message.Raw,
        };

        var pending = await memory.GetAsync(normalized, cancellationToken);
        var seen = await ClassifyAsync(sender, normalized, message.Text, pending, today, cancellationToken);
        var state = pending is null ? DialogState.Idle : DialogState.AwaitingField;
        var transition = ConversationMachine.Decide(state, seen.Kind);

        IReadOnlyList<BotReply> replies;
        ProgressReport? touched = null;
        switch (transition.Action)
        {
            case DialogAction.StoreReport:
                replies = await intake.ReportAsync(sender, normalized, seen.Parsed!, today, cancellationToken);
                break;
            case DialogAction.FillField:
                replies = await followUps.ApplyAsync(sender, normalized, pending!, seen.Fill!, today, cancellationToken);
                break;
            case DialogAction.AnswerQuestion:
                replies = [seen.Answer ?? await llm.AnswerAsync(text, cancellationToken) ?? new BotReply(HelpText.CannotAnswer, Markdown: true)];
                break;
            case DialogAction.RunCommand:
                replies = [seen.Answer ?? new BotReply("没有识别这条命令。\n" + HelpText.CanBeAsked, Markdown: true)];
                break;
            case DialogAction.Correct:
                replies = await corrections.CorrectAsync(sender, normalized, cancellationToken);
                break;
            case DialogAction.Withdraw:
                var withdrawal = await withdrawals.WithdrawAsync(sender, normalized, cancellationToken);
                touched = withdrawal.Withdrawn;
                replies = withdrawal.Replies;
                break;
            case DialogAction.Restore:
                replies = await withdrawals.RestoreAsync(sender, normalized, cancellationToken);
                break;
            case DialogAction.Chat:
                replies = [Chatter(text)];
                break;
            case DialogAction.Reask:
                replies = [FollowUpHandler.Reask(pending!)];
                break;
            default:
                replies = [MessageClassifier.IsPlanForLater(text)
                    ? new BotReply(HelpText.PlanNotRecorded, Markdown: true)
                    : new BotReply(HelpText.CanBeAsked, Markdown: true)];
                break;
        }

        if (transition.Next == DialogNext.Idle && pending is not null)
        {
            await memory.ClearAsync(normalized, cancellationToken);
        }
        else if (transition.Next == DialogNext.KeepUnlessPendingReportTouched && pending is not null && touched is not null
                 && (touched.RootId ?? touched.Id) == (pending.Report.RootId ?? pending.Report.Id))
        {
            await memory.ClearAsync(normalized, cancellationToken);
        }

        return replies;
    }

    /// <summary>What a message is, with what was already worked out on the way (the record, the answer, the fill).</summary>
    private sealed record Seen(MessageKind Kind, ParsedReport? Parsed = null, BotReply? Answer = null, FieldFill? Fill = null);

    private async Task<Seen> ClassifyAsync(Member sender, InboxMessage message, string rawText, PendingFollowUp? pending, DateOnly today, CancellationToken cancellationToken)
    {
        var text = message.Text;
        switch (ConversationIntent.Of(text))
        {
            case ReportIntent.Withdrawal:
                return new(MessageKind.Withdrawal);
            case ReportIntent.Restore:
                return new(MessageKind.Restore);
            case ReportIntent.Correction:
                return new(MessageKind.Correction);
        }

        var command = await commands.HandleAsync(sender, message, today, cancellationToken);
        if (command is not null)
        {
            return new(MessageKind.Command, Answer: command);
        }

        var parsed = await understanding.UnderstandAsync(new ReportMessage(rawText, sender.Name, message.ReceivedAt, message.Images), allowLlm: true, cancellationToken);
        switch (parsed.Kind)
        {
            case ReportKinds.Correction:
                return new(WithdrawWord().IsMatch(text) && !text.Contains("更正", StringComparison.Ordinal) ? MessageKind.Withdrawal : MessageKind.Correction);
            case ReportKinds.Command:
                // A request no command handles (汇总一下本周进展发群里) is answered as a question when the query service can.
                return await queries.AnswerAsync(sender, text, today, cancellationToken) is { } summary
                    ? new(MessageKind.Question, parsed, summary)
                    : new(MessageKind.Command);
            case ReportKinds.Query:
                return new(MessageKind.Question, parsed, await queries.AnswerAsync(sender, text, today, cancellationToken));
        }

        if (pending is not null && !IsNewReport(parsed, text) && await followUps.FillAsync(sender, message, pending, cancellationToken) is { } fill)
        {
            return new(MessageKind.Answer, parsed, Fill: fill);
        }

        if (parsed.Kind == ReportKinds.Report && DescribesWork(parsed, text))
        {
            return new(MessageKind.Report, parsed);
        }

        if (await queries.AnswerAsync(sender, text, today, cancellationToken) is { } answer)
        {
            return new(MessageKind.Question, parsed, answer);
        }

        return new(IsChatter(text) ? MessageKind.Chatter : MessageKind.Unclear, parsed);
    }

    /// <summary>A message that describes work on its own (not a bare answer such as “5月18日” or “大招商”).</summary>
    private static bool IsNewReport(ParsedReport parsed, string text) =>
        parsed.IsReport && parsed.Activity is not (null or Activities.Other) && text.Length > 10;

    /// <summary>
    /// A report stands on its own: at least two of a report head, a date, a known activity, a place or unit, a counter or figure,
    /// a sentence's length. A bare “5月18日” or “大招商” is not a report (it may be the answer to a follow-up).
    /// </summary>
    private static bool DescribesWork(ParsedReport parsed, string text)
    {
        var signs = 0;
        signs += ReportHead().IsMatch(text) ? 1 : 0;
        signs += parsed.Date is not null ? 1 : 0;
        signs += parsed.Activity is not (null or Activities.Other) ? 1 : 0;
        signs += parsed.Places.Count + parsed.Units.Count > 0 ? 1 : 0;
        signs += parsed.Metrics.Count > 0 || Figure().IsMatch(text) ? 1 : 0;
        signs += text.Length > 12 ? 1 : 0;
        return signs >= 2;
    }

    private static bool IsChatter(string text) =>
        text.Length <= 12 && (text.Contains('谢', StringComparison.Ordinal) || ChatterStart().IsMatch(text));

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

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:收到|好的|好滴|好|明白|了解|知道了|辛苦|你好|您好|大家好|早上好|上午好|下午好|晚上好|早安|晚安|在吗|在不在|没问题|稍等|哈哈|嗯|ok|OK|Ok|是的)")]
    private static partial System.Text.RegularExpressions.Regex ChatterStart();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:代\S{2,8}?)?(?:汇报|补报|报告|报送)")]
    private static partial System.Text.RegularExpressions.Regex ReportHead();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d(?:\.\d+)?\s*(?:%|％|个|家|户|次|天|篇|项|人|场|期|亿|万|元|公里|处|件|条|座|台|吨|亩)")]
    private static partial System.Text.RegularExpressions.Regex Figure();

    [System.Text.RegularExpressions.GeneratedRegex(@"撤回|撤销|作废")]
    private static partial System.Text.RegularExpressions.Regex WithdrawWord();

}
