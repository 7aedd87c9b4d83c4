using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;

namespace Bot.Skills.Conversation;

/// <summary>Outcome of a withdrawal: the replies, and the report withdrawn (null when nothing was).</summary>
public sealed record WithdrawalResult(IReadOnlyList<BotReply> Replies, ProgressReport? Withdrawn);

/// <summary>
/// <c>撤回</c> / <c>撤回 #N</c> withdraws a report (it is no longer counted anywhere) and ends every pending follow-up of
/// it; <c>恢复 #N</c> brings it back. Same permissions as corrections; both are audited.
/// </summary>
public sealed class WithdrawalHandler(IProgressReportRepository reports, ReportTargets targets, PendingFollowUps memory, ReportAudit audit)
{
    public async Task<WithdrawalResult> WithdrawAsync(Member sender, InboxMessage message, CancellationToken cancellationToken)
    {
        var target = await targets.ResolveAsync(sender, message, "撤回", wantWithdrawn: false, cancellationToken);
        if (target.Report is not ProgressReport report)
        {
            return new([target.Refusal!], null);
        }

        if (!await reports.WithdrawAsync(report.Id, cancellationToken))
        {
            return new([new BotReply($"第{report.Id}条汇报刚被更新或已撤回，请查看后重试。")], null);
        }

        await memory.EndForReportAsync(report, cancellationToken);
        await audit.MarkedAsync(sender, "report.withdraw", report, "withdrawn", cancellationToken);
        return new([new BotReply($"↩️ 已撤回第{report.Id}条汇报（{ReportTexts.Short(report.RawText)}），不再计入统计。如需恢复请发送“恢复 #{report.Id}”。")], report);
    }

    public async Task<IReadOnlyList<BotReply>> RestoreAsync(Member sender, InboxMessage message, CancellationToken cancellationToken)
    {
        var target = await targets.ResolveAsync(sender, message, "恢复", wantWithdrawn: true, cancellationToken);
        if (target.Report is not ProgressReport report)
        {
            return [target.Refusal!];
        }

        if (!await reports.RestoreAsync(report.Id, cancellationToken))
        {
            return [new BotReply($"第{report.Id}条汇报刚被更新或已恢复，请查看后重试。")];
        }

        await audit.MarkedAsync(sender, "report.restore", report, "restored", cancellationToken);
        return [new BotReply($"↪️ 已恢复第{report.Id}条汇报（{ReportTexts.Short(report.RawText)}），重新计入统计。")];
    }
}
