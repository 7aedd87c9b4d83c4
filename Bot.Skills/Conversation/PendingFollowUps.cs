using Bot.Data.Common;
using Bot.Data.Conversations;
using Bot.Data.Inbox;
using Bot.Data.ProgressReports;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Conversation;

/// <summary>Conversation settings (section <c>Conversation</c>).</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>How long the bot waits for the answer to a follow-up question (e.g. the date of a report).</summary>
    public TimeSpan FollowUpExpiry { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>A pending follow-up: bound to one report (any version id of its chain) and one missing field.</summary>
public sealed record FollowUp(long ReportId, string Field);

/// <summary>A pending follow-up that still applies: the report's current version is live and the field still missing.</summary>
public sealed record PendingFollowUp(ConversationState State, FollowUp FollowUp, ProgressReport Report);

/// <summary>The pending follow-ups in <c>conversation_states</c>: at most one per (platform, chat, sender).</summary>
public sealed class PendingFollowUps(IConversationStateRepository states, IProgressReportRepository reports, IOptions<ConversationOptions> options, TimeProvider time)
{
    public const string FollowUpKind = "complete_report";

    /// <summary>The sender's pending follow-up when it still applies; a stale one (withdrawn, answered, gone) is cleared.</summary>
    public async Task<PendingFollowUp?> GetAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(message.Platform, message.ChatId ?? "", message.SenderId, cancellationToken);
        if (state is null || state.Kind != FollowUpKind)
        {
            return null;
        }

        var followUp = Json.Deserialize<FollowUp?>(state.Payload, null);
        var report = followUp is null ? null : await reports.FindCurrentAsync(followUp.ReportId, cancellationToken);
        if (followUp is null || report is null || report.Withdrawn || !ReportTexts.IsMissing(report, followUp.Field))
        {
            await states.ClearAsync(state.Platform, state.ChatId, state.Sender, cancellationToken);
            return null;
        }

        return new PendingFollowUp(state, followUp, report);
    }

    public Task AskAsync(InboxMessage message, long reportId, string field, CancellationToken cancellationToken) =>
        states.SetAsync(new ConversationState
        {
            Platform = message.Platform,
            ChatId = message.ChatId ?? "",
            Sender = message.SenderId,
            Kind = FollowUpKind,
            Payload = Json.Serialize(new FollowUp(reportId, field)),
            ExpiresAt = time.GetUtcNow() + options.Value.FollowUpExpiry,
        }, cancellationToken);

    /// <summary>Ends the sender's pending state, if any (no statement when there is none).</summary>
    public async Task ClearAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        if (await states.GetAsync(message.Platform, message.ChatId ?? "", message.SenderId, cancellationToken) is not null)
        {
            await states.ClearAsync(message.Platform, message.ChatId ?? "", message.SenderId, cancellationToken);
        }
    }

    /// <summary>Ends every pending follow-up (of any sender) bound to the chain of <paramref name="report"/>.</summary>
    public async Task EndForReportAsync(ProgressReport report, CancellationToken cancellationToken)
    {
        var root = report.RootId ?? report.Id;
        foreach (var state in await states.ListByKindAsync(FollowUpKind, cancellationToken))
        {
            var followUp = Json.Deserialize<FollowUp?>(state.Payload, null);
            var bound = followUp is null ? null : await reports.GetAsync(followUp.ReportId, cancellationToken);
            if (followUp is null || bound is null || (bound.RootId ?? bound.Id) == root)
            {
                await states.ClearAsync(state.Platform, state.ChatId, state.Sender, cancellationToken);
            }
        }
    }
}
