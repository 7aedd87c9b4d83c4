using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Skills.ProgressReports;
using Bot.Skills.Scorecards;

namespace Bot.Skills.Conversation;

/// <summary>
/// Stores a new report (idempotent per inbox message, on behalf of a leader when the sender may), and writes the
/// confirmation with the subject's standing, or the one follow-up question for a missing field.
/// </summary>
public sealed partial class ReportIntake(
    IProgressReportRepository reports,
    IMemberRepository members,
    IPlanRepository plans,
    PendingFollowUps memory,
    ScorecardService scorecards)
{
    public async Task<IReadOnlyList<BotReply>> ReportAsync(Member sender, InboxMessage message, ParsedReport parsed, DateOnly today, CancellationToken cancellationToken)
    {
        var existing = await reports.FindByInboxAsync(message.Id, cancellationToken);
        if (existing is not null)
        {
            return [await ConfirmAsync(message, existing, today, cancellationToken)];
        }

        var roster = await members.ListAsync(cancellationToken);
        var proxy = ProxyPrefix().Match(message.Text);
        Member subject;
        if (proxy.Success)
        {
            var named = RosterLookup.FindNamed(proxy.Groups["who"].Value, roster);
            if (named is null)
            {
                return [new BotReply($"名册中没有找到“{proxy.Groups["who"].Value}”，请写全名，例如：代王强副区长汇报：……")];
            }

            if (!Permissions.MayReportFor(sender, named))
            {
                return [new BotReply($"抱歉，只有{named.Name}的联络员或区政府办可以代为汇报（您的身份：{Permissions.RoleName(sender.Role)}）。")];
            }

            subject = named;
        }
        else
        {
            var lead = parsed.People.Count > 0 ? roster.FirstOrDefault(m => m.Name == parsed.People[0]) ?? RosterLookup.FindNamed(parsed.People[0], roster) : null;
            subject = lead is not null && Permissions.MayReportFor(sender, lead) ? lead : sender;
        }

        var plan = await plans.GetActiveAsync(cancellationToken);
        var report = new ProgressReport
        {
            InboxId = message.Id,
            MemberId = subject.Id,
            MemberName = subject.Name,
            ReportedBy = sender.Name,
            PlanId = plan?.Id,
            Action = parsed.Action,
            Activity = parsed.Activity,
            WorkDate = parsed.Date,
            EndDate = parsed.EndDate,
            People = [.. parsed.People],
            Places = [.. parsed.Places],
            Units = [.. parsed.Units],
            Metrics = parsed.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            Photos = Math.Max(parsed.Photos, message.Images),
            Confidence = parsed.Confidence,
            Missing = [.. parsed.Missing],
            RawText = message.Text,
            Source = parsed.Source,
        };
        // No audit row for a new report: the version row is never changed and itself records author, sender and text;
        // the audit log records what changes a report afterwards (corrections, withdrawals, restorations).
        report.Id = await reports.AddAsync(report, cancellationToken);
        return [await ConfirmOrAskAsync(message, report, today, "", cancellationToken)];
    }

    /// <summary>
    /// The confirmation of a stored or completed report; when a field is still missing, the summary and the question,
    /// and the sender's pending follow-up is bound to this report and field (otherwise it is cleared).
    /// </summary>
    public async Task<BotReply> ConfirmOrAskAsync(InboxMessage message, ProgressReport report, DateOnly today, string prefix, CancellationToken cancellationToken)
    {
        var question = ReportTexts.Question(report);
        if (question is null)
        {
            await memory.ClearAsync(message, cancellationToken);
            var confirmation = await ConfirmAsync(message, report, today, cancellationToken);
            return confirmation with { Text = prefix + confirmation.Text };
        }

        await memory.AskAsync(message, report.Id, question.Value.Field, cancellationToken);
        var plan = await plans.GetActiveAsync(cancellationToken);
        return new BotReply($"{prefix}{ReportTexts.Summary(report, plan)}\n❓ {question.Value.Text}", Markdown: true);
    }

    /// <summary>The one-line summary, the subject's standing against the plan, and how to correct.</summary>
    public async Task<BotReply> ConfirmAsync(InboxMessage message, ProgressReport report, DateOnly today, CancellationToken cancellationToken)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        var text = new StringBuilder(ReportTexts.Summary(report, plan));
        var subject = report.MemberId is long id ? await members.GetAsync(id, cancellationToken) : null;
        if (subject is { Role: Roles.Leader })
        {
            var card = await scorecards.ForMemberAsync(subject, today, cancellationToken);
            var lines = card.Lines.Where(l => report.Metrics.ContainsKey(l.Metric) || l.Metric is MetricKeys.ResearchTrips or MetricKeys.ResearchDays).ToList();
            if (lines.Count > 0)
            {
                text.Append('\n').Append(subject.Name).Append('：').Append(string.Join("　", lines.Select(l => l.Text)));
            }
        }

        text.Append('\n').Append(ReportTexts.CorrectionHint);
        return new BotReply(text.ToString(), Markdown: true);
    }

    [GeneratedRegex(@"^\s*代(?<who>[^：:，,\s]{2,8}?)(?:汇报|报告|报送)[：:]?")]
    private static partial Regex ProxyPrefix();
}
