using System.Globalization;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Skills.ProgressReports;

namespace Bot.Skills.Conversation;

/// <summary>The value an answer gives for the field a follow-up asked: a date (range) or an action number.</summary>
public sealed record FieldFill(string Field, DateOnly? Date = null, DateOnly? EndDate = null, int? Action = null);

/// <summary>
/// Answers to a pending follow-up: decides whether a message fills the asked field (and nothing else counts as an
/// answer), completes the report as a new version, and asks for the next missing field.
/// </summary>
public sealed class FollowUpHandler(
    IProgressReportRepository reports,
    IPlanRepository plans,
    IReportUnderstanding understanding,
    ReportAudit audit,
    ReportIntake intake)
{
    /// <summary>The value <paramref name="message"/> gives for the pending field, or null when it does not fill it.</summary>
    public async Task<FieldFill?> FillAsync(Member sender, InboxMessage message, PendingFollowUp pending, CancellationToken cancellationToken)
    {
        var text = message.Text.Trim();
        if (pending.FollowUp.Field == ReportFields.Date)
        {
            var parsed = await understanding.UnderstandAsync(new ReportMessage("汇报：" + text, sender.Name, message.ReceivedAt, 0), allowLlm: false, cancellationToken);
            return parsed.Date is DateOnly d ? new FieldFill(ReportFields.Date, d, parsed.EndDate) : null;
        }

        if (pending.FollowUp.Field == ReportFields.Action)
        {
            var plan = await plans.GetActiveAsync(cancellationToken);
            var action = RosterLookup.FindAction(text, plan)
                ?? (int.TryParse(text.TrimStart('第').TrimEnd('项', '个'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? plan?.Actions.FirstOrDefault(a => a.Number == n) : null);
            return action is null ? null : new FieldFill(ReportFields.Action, Action: action.Number);
        }

        return null;
    }

    /// <summary>Completes the pending report with <paramref name="fill"/>; the follow-up moves to the next missing field or ends.</summary>
    public async Task<IReadOnlyList<BotReply>> ApplyAsync(Member sender, InboxMessage message, PendingFollowUp pending, FieldFill fill, DateOnly today, CancellationToken cancellationToken)
    {
        var report = pending.Report;
        var amended = ReportTexts.Copy(report);
        if (fill.Date is DateOnly date)
        {
            amended.WorkDate = date;
            amended.EndDate = fill.EndDate;
            if (amended.Activity == Activities.Research && !amended.Metrics.ContainsKey(MetricKeys.ResearchTrips))
            {
                amended.Metrics[MetricKeys.ResearchTrips] = 1;
                amended.Metrics[MetricKeys.ResearchDays] = (fill.EndDate ?? date).DayNumber - date.DayNumber + 1;
            }
        }

        if (fill.Action is int action)
        {
            amended.Action = action;
        }

        amended.Missing.Remove(fill.Field);
        var newId = await reports.AddVersionAsync(report.Id, amended, cancellationToken);
        if (newId is null)
        {
            return [new BotReply($"第{report.Id}条汇报刚被更新或撤回，请查看后重新发送。")];
        }

        await audit.ChangedAsync(sender, "report.complete", report, amended, cancellationToken);
        return [await intake.ConfirmOrAskAsync(message, amended, today, "已补充。", cancellationToken)];
    }

    /// <summary>The pending question again, when a message neither answers it nor is anything else.</summary>
    public static BotReply Reask(PendingFollowUp pending) =>
        new(pending.FollowUp.Field == ReportFields.Date
            ? $"没能从这条消息中识别第{pending.Report.Id}条汇报的日期。请回复具体日期，例如“5月12日”或“昨天”；提问或发送新的汇报不受影响。"
            : $"没能识别第{pending.Report.Id}条汇报对应的行动。请回复行动名称或编号，例如“大招商”或“2”。");
}
