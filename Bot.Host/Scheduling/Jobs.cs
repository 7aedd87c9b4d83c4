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
        logger.LogInformation("Reminder run {Trigger}: {Reminders} reminders in {Rows} new outbox rows", context.Trigger.Key, result.Reminders.Count, result.Rows);
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
        logger.LogInformation("Digest run {Trigger}: {Rows} new outbox rows", context.Trigger.Key, rows);
    }
}
