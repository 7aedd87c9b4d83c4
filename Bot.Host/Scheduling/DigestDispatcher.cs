using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Host.Outbox;
using Bot.Skills.Digests;
using Bot.Skills.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Host.Scheduling;

/// <summary>
/// Posts the digests due now to the digest chats: the markdown (split by the writer) and, where the channel posts
/// images, the chart as an <c>image</c> row (base64 PNG). A digest already posted to a chat is neither rebuilt nor
/// posted again.
/// </summary>
public sealed class DigestDispatcher(
    DigestSchedule schedule,
    DigestService digests,
    IPlanRepository plans,
    IOutboxRepository outbox,
    OutboxWriter writer,
    IOptions<ScheduleOptions> options,
    TimeProvider time,
    ILogger<DigestDispatcher> logger)
{
    public Task<int> RunAsync(CancellationToken cancellationToken = default) => RunAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>Queues the digests due by <paramref name="now"/>; returns the rows stored.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (schedule.Due(now, null).Count == 0)
        {
            return 0; // Most runs: nothing is due whatever the plan year, so the plan is not loaded.
        }

        var planYear = (await plans.GetActiveAsync(cancellationToken))?.Year;
        var stored = 0;
        foreach (var occurrence in schedule.Due(now, planYear))
        {
            var pending = new List<ScheduleTarget>();
            foreach (var target in options.Value.EffectiveDigestTargets)
            {
                var key = Key(occurrence.Kind, occurrence.Period, target);
                if (!await outbox.ExistsAsync(key, cancellationToken) && !await outbox.ExistsAsync(key + ":p0", cancellationToken))
                {
                    pending.Add(target);
                }
            }

            if (pending.Count == 0)
            {
                continue;
            }

            var digest = await digests.BuildAsync(occurrence.Kind, occurrence.Period, occurrence.Day, cancellationToken);
            foreach (var target in pending)
            {
                foreach (var row in Rows(digest, target))
                {
                    stored += await writer.EnqueueAsync(row, cancellationToken);
                }
            }

            SchedulingLog.DigestQueued(logger, digest.Kind, digest.Period.Start, digest.Period.End, pending.Count);
        }

        Bot.Data.Telemetry.BotTelemetry.DigestsSent.Add(stored);
        return stored;
    }

    /// <summary>The rows a digest becomes for one chat (unsplit): markdown, then the chart where images are supported.</summary>
    public IReadOnlyList<OutboxMessage> Rows(Digest digest, ScheduleTarget target)
    {
        var key = Key(digest.Kind, digest.Period, target);
        var markdown = digest.Markdown;
        if (digest.Chart.Png is null && options.Value.Digests.Charts && digest.Chart.Error is { } error)
        {
            markdown += $"\n> {error}\n";
        }

        var rows = new List<OutboxMessage>
        {
            new()
            {
                Platform = target.Platform, Channel = target.Channel, Target = target.Target, MsgType = "markdown",
                Payload = markdown, Source = OutboxSources.Digest, DedupeKey = key,
            },
        };
        if (digest.Chart.Png is { } png && writer.SupportsImages(target.Channel))
        {
            rows.Add(new OutboxMessage
            {
                Platform = target.Platform, Channel = target.Channel, Target = target.Target, MsgType = "image",
                Payload = Convert.ToBase64String(png), Source = OutboxSources.Digest, DedupeKey = key + ":img",
            });
        }

        return rows;
    }

    private static string Key(string kind, Bot.Skills.Calendar.Period period, ScheduleTarget target) =>
        $"digest:{kind}:{ReminderContext.Iso(period.Start)}:{GroupChatReminderAddresser.TargetHash(target)}";
}
