using System.Globalization;
using Bot.Data.Connections;
using Bot.Skills.Calendar;
using Bot.Skills.Reminders;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Quartz;

namespace Bot.Host.Scheduling;

/// <summary>
/// Registers the reminder and digest jobs on Quartz 4 with a persistent AdoJobStore on the bot's own database:
/// SQLite (not clustered) or MySQL/MariaDB (clustered, so several hosts fire each trigger once). Triggers are cron
/// schedules in Asia/Shanghai, one per distinct time of the <c>Schedule</c> rules, with fire-once-now misfire
/// handling; each job also runs once at every start, which sends what downtime kept back while it is still relevant
/// (dedupe keys make that idempotent).
/// </summary>
public static class SchedulingServiceCollectionExtensions
{
    public const string Group = "tiexibot";
    public const string SchedulerName = "TieXiBot";

    public static IServiceCollection AddBotScheduling(this IServiceCollection services, IConfiguration? configuration, Action<IQuartzBuilder>? configure = null)
    {
        services.AddSingleton<ReminderDispatcher>();
        services.AddSingleton<DigestDispatcher>();
        var schedule = configuration?.GetSection(ScheduleOptions.SectionName).Get<ScheduleOptions>() ?? new ScheduleOptions();
        if (configuration is null || !schedule.Enabled)
        {
            return services;
        }

        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var declared = new HashSet<TriggerKey>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                o.DefaultMisfireHandling = DefaultMisfireHandling.FireAndProceed;
                if (provider == DatabaseProvider.MySql)
                {
                    o.InstanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
                }
            });
            q.UseDefaultTimeZone(BusinessClock.Shanghai);
            q.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.MySql)
                {
                    store.UseMySqlConnector(ds => ds.DataSourceFactory = sp => MySqlConnectorFactory.Instance.CreateDataSource(sp.GetRequiredService<IDbConnectionFactory>().ConnectionString));
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else
                {
                    store.UseSqlite(ds => ds.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<IDbConnectionFactory>().ConnectionString));
                }

                store.ProvisionSchema();
            });

            q.AddJob<ReminderJob>(j => j.WithIdentity(ReminderJob.Key).StoreDurably());
            q.AddJob<DigestJob>(j => j.WithIdentity(DigestJob.Key).StoreDurably());
            foreach (var time in Times(schedule.ReminderRules.Where(r => r.Rule.Enabled).Select(r => r.Rule.Time)))
            {
                declared.Add(AddDailyTrigger(q, ReminderJob.Key, time));
            }

            foreach (var time in Times(schedule.DigestRules.Where(r => r.Rule.Enabled).Select(r => r.Rule.Time)))
            {
                declared.Add(AddDailyTrigger(q, DigestJob.Key, time));
            }

            q.RunAtStartup(ReminderJob.Key);
            q.RunAtStartup(DigestJob.Key);
            configure?.Invoke(q);
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        services.AddHostedService(sp => new StaleTriggerCleanup(sp.GetRequiredService<ISchedulerFactory>(), declared,
            sp.GetRequiredService<ILogger<StaleTriggerCleanup>>()));
        return services;
    }

    private static IEnumerable<TimeOnly> Times(IEnumerable<string> values) =>
        values.Select(v => TimeOnly.TryParseExact(v, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? (TimeOnly?)t : null)
            .OfType<TimeOnly>()
            .Distinct()
            .Order();

    private static TriggerKey AddDailyTrigger(IQuartzBuilder q, JobKey job, TimeOnly time)
    {
        var key = new TriggerKey($"{job.Name}-{time.ToString("HHmm", CultureInfo.InvariantCulture)}", Group);
        q.AddTrigger(t => t.ForJob(job).WithIdentity(key).WithCronSchedule(
            string.Create(CultureInfo.InvariantCulture, $"0 {time.Minute} {time.Hour} ? * *"),
            c => c.InTimeZone(BusinessClock.Shanghai).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        return key;
    }
}

/// <summary>Removes stored triggers of the bot's group that the configuration no longer declares (a re-timed rule).</summary>
internal sealed class StaleTriggerCleanup(ISchedulerFactory factory, IReadOnlySet<TriggerKey> declared, ILogger<StaleTriggerCleanup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SchedulingServiceCollectionExtensions.Group), cancellationToken))
        {
            if (!declared.Contains(key))
            {
                await scheduler.UnscheduleJob(key, cancellationToken);
                SchedulingLog.TriggerRemoved(logger, key.ToString());
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
