using System.Globalization;
using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Data.Members;
using Bot.Data.ProgressReports;

namespace Bot.Skills.Conversation;

/// <summary>Writes every change of a report to the audit log: who, what, old and new values.</summary>
public sealed class ReportAudit(IAuditRepository audit)
{
    public Task ChangedAsync(Member sender, string action, ProgressReport before, ProgressReport after, CancellationToken cancellationToken) =>
        WriteAsync(sender, action, before.Id, Json.Serialize(ReportTexts.Snapshot(before)), Json.Serialize(ReportTexts.Snapshot(after)), cancellationToken);

    public Task MarkedAsync(Member sender, string action, ProgressReport report, string newValue, CancellationToken cancellationToken) =>
        WriteAsync(sender, action, report.Id, Json.Serialize(ReportTexts.Snapshot(report)), newValue, cancellationToken);

    private async Task WriteAsync(Member sender, string action, long id, string? oldValue, string? newValue, CancellationToken cancellationToken) =>
        await audit.AddAsync(new AuditEntry
        {
            Actor = sender.Name,
            Action = action,
            Entity = "progress_report",
            EntityId = id.ToString(CultureInfo.InvariantCulture),
            OldValue = oldValue,
            NewValue = newValue,
        }, cancellationToken);
}
