using Quartz;

namespace Bot.Host.Scheduling;

/// <summary>Queues the reminders due now (and those downtime kept back, while still relevant).</summary>
[DisallowConcurrentExecution]
public sealed class ReminderJob(ReminderDispatcher dispatcher, ILogger<ReminderJob> logger) : IJob
{
    public static readonly JobKey Key = new("reminders", SchedulingServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await dispatcher.RunAsync(cancellationToken);
        SchedulingLog.ReminderRun(logger, context.Trigger.Key.ToString(), result.Reminders.Count, result.Rows);
    }
}

/// <summary>Queues the digests due now.</summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(DigestDispatcher dispatcher, ILogger<DigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("digests", SchedulingServiceCollectionExtensions.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var rows = await dispatcher.RunAsync(cancellationToken);
        SchedulingLog.DigestRun(logger, context.Trigger.Key.ToString(), rows);
    }
}

/// <summary>Source-generated log messages of the scheduler (event ids 6000–6099).</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Reminder run {Trigger}: {Reminders} reminders in {Rows} new outbox rows")]
    public static partial void ReminderRun(ILogger logger, string trigger, int reminders, int rows);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Digest run {Trigger}: {Rows} new outbox rows")]
    public static partial void DigestRun(ILogger logger, string trigger, int rows);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Digest {Kind} {Start}–{End} queued to {Targets} chat(s)")]
    public static partial void DigestQueued(ILogger logger, string kind, DateOnly start, DateOnly end, int targets);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Removed trigger {Trigger}: its time is no longer configured")]
    public static partial void TriggerRemoved(ILogger logger, string trigger);
}
