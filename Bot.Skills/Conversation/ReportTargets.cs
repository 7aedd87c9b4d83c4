using System.Globalization;
using System.Text;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;

namespace Bot.Skills.Conversation;

/// <summary>The report a correction, withdrawal or restore means, or the reply that explains why there is none.</summary>
public sealed record ReportTarget(ProgressReport? Report, BotReply? Refusal)
{
    public static ReportTarget Found(ProgressReport report) => new(report, null);

    public static ReportTarget Refused(string text) => new(null, new BotReply(text));
}

/// <summary>
/// Finds the record a message about an earlier report names: <c>#N</c> (any version of the chain), a quoted bot
/// confirmation, else the sender's latest live report or the report the bot confirmed last in that chat; when those
/// two differ, it asks which one. Checks that the sender may change the report.
/// </summary>
public sealed class ReportTargets(IProgressReportRepository reports)
{
    /// <summary>The report meant; <paramref name="wantWithdrawn"/> is true for 恢复 (it must be withdrawn), false for 更正/撤回 (it must be live).</summary>
    public async Task<ReportTarget> ResolveAsync(Member sender, InboxMessage message, string verb, bool wantWithdrawn, CancellationToken cancellationToken)
    {
        var number = ConversationIntent.ReportNumber(message.Text) ?? ConversationIntent.QuotedReportNumber(message.Raw);
        if (number is long id)
        {
            var named = await reports.FindCurrentAsync(id, cancellationToken);
            if (named is null)
            {
                return ReportTarget.Refused($"没有找到第{id}条汇报，请核对编号（确认消息中的 #编号）。");
            }

            if (!Permissions.MayChangeReport(sender, named))
            {
                return ReportTarget.Refused($"抱歉，只有汇报人、被汇报的领导或区政府办可以{verb}第{id}条汇报（您的身份：{Permissions.RoleName(sender.Role)}）。");
            }

            if (named.Withdrawn != wantWithdrawn)
            {
                return ReportTarget.Refused(wantWithdrawn
                    ? $"第{id}条汇报没有被撤回，无需恢复。"
                    : $"第{id}条汇报已撤回，不能{verb}；如需恢复请发送“恢复 #{id}”。");
            }

            return ReportTarget.Found(named);
        }

        if (wantWithdrawn)
        {
            return ReportTarget.Refused("请注明要恢复的汇报编号，例如“恢复 #12”（编号见撤回时的回复）。");
        }

        var candidates = new List<ProgressReport>();
        candidates.AddRange(await reports.LatestSubmittedAsync(sender.Name, 1, cancellationToken));
        if (await reports.LatestInChatAsync(message.Platform, message.ChatId ?? "", cancellationToken) is { } last
            && Permissions.MayChangeReport(sender, last)
            && !candidates.Any(c => c.RootId == last.RootId))
        {
            candidates.Add(last);
        }

        if (candidates.Count == 0)
        {
            return ReportTarget.Refused($"没有找到您可以{verb}的最近汇报。请注明编号，例如“#12 {verb}……”。");
        }

        if (candidates.Count > 1)
        {
            var text = new StringBuilder($"您要{verb}哪一条汇报？\n");
            foreach (var c in candidates)
            {
                text.Append("· ").Append(ReportTexts.Candidate(c)).Append('\n');
            }

            text.Append(CultureInfo.InvariantCulture, $"请带上编号重新发送，例如“#{candidates[0].Id} {verb}……”。");
            return new ReportTarget(null, new BotReply(text.ToString()));
        }

        return ReportTarget.Found(candidates[0]);
    }
}
