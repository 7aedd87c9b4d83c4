using Bot.Data.Outbox;
using Bot.Data.Telemetry;
using Bot.Host.Outbox;
using Bot.Skills.Reminders;

namespace Bot.Host.Scheduling;

/// <summary>What one run queued: outbox rows stored and the reminders they carry.</summary>
public sealed record DispatchResult(int Rows, IReadOnlyList<Reminder> Reminders);

/// <summary>
/// Queues the reminders due now through the addresser (one merged message per chat and minute) and the outbox
/// writer. Runs are idempotent: a minute already posted to a chat is not posted again, so a replayed day, a job fired
/// twice or a catch-up after downtime adds nothing that was sent.
/// </summary>
public sealed class ReminderDispatcher(ReminderEngine engine, IReminderAddresser addresser, OutboxWriter writer, TimeProvider time)
{
    public Task<DispatchResult> RunAsync(CancellationToken cancellationToken = default) => RunAsync(time.GetUtcNow(), cancellationToken);

    public async Task<DispatchResult> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var due = await engine.DueAsync(now, cancellationToken);
        var rows = 0;
        var queued = new List<Reminder>();
        foreach (var minute in due.GroupBy(r => r.DueAt))
        {
            var stored = 0;
            foreach (var row in await addresser.AddressAsync(minute.Key, minute.ToList(), cancellationToken))
            {
                stored += await writer.EnqueueAsync(row, cancellationToken);
            }

            if (stored > 0)
            {
                queued.AddRange(minute);
            }

            rows += stored;
        }

        BotTelemetry.RemindersSent.Add(rows);
        return new DispatchResult(rows, queued);
    }

    /// <summary>The rows (split as the writer would) that <paramref name="reminders"/> become, without queuing them.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> PreviewAsync(IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken = default)
    {
        var rows = new List<OutboxMessage>();
        foreach (var minute in reminders.GroupBy(r => r.DueAt).OrderBy(g => g.Key))
        {
            foreach (var row in await addresser.AddressAsync(minute.Key, minute.ToList(), cancellationToken))
            {
                rows.AddRange(writer.Prepare(row));
            }
        }

        return rows;
    }

    /// <summary>Queues rows computed by <see cref="PreviewAsync"/> (the <c>remind</c> verb without --dry-run).</summary>
    public async Task<int> QueueAsync(IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken = default)
    {
        var stored = 0;
        foreach (var row in rows)
        {
            stored += await writer.EnqueueAsync(row, cancellationToken);
        }

        BotTelemetry.RemindersSent.Add(stored);
        return stored;
    }
}
