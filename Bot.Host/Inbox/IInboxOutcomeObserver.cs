using Bot.Data.Inbox;
using Bot.Data.Outbox;

namespace Bot.Host.Inbox;

/// <summary>
/// Told by the <see cref="InboxWorker"/> what became of a message, after its unit of work committed (so the rows it
/// names are visible): e.g. the WeCom robot's stream replies answer refreshes from memory. Must be quick and not throw.
/// </summary>
public interface IInboxOutcomeObserver
{
    /// <summary>The message was processed; <paramref name="replies"/> are the outbox rows queued for it (split parts, dedupe keys set).</summary>
    void Processed(InboxMessage message, IReadOnlyList<OutboxMessage> replies);

    /// <summary>The message failed for good (no more attempts).</summary>
    void Failed(InboxMessage message);
}
