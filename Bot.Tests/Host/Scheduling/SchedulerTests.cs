using System.Collections.Concurrent;
using Bot.Data.Outbox;
using Bot.Host.Scheduling;
using Bot.Tests.Skills.Reminders;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;
using Quartz;

namespace Bot.Tests.Host.Scheduling;

public sealed class SchedulerTests
{
    [Fact]
    public async Task Cron_triggers_in_Shanghai_time_are_stored_in_the_bots_sqlite_database_and_follow_the_configuration_across_restarts()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var settings = new Dictionary<string, string?>(db.Settings) { ["Schedule:Enabled"] = "true", ["Plan:Roster"] = "" };

        await using (var host = await RunningHost.StartAsync(settings))
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Equal(["digests-0900", "digests-1500", "reminders-0900", "reminders-1600"], await TriggerNamesAsync(scheduler));
            var nine = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(new TriggerKey("reminders-0900", SchedulingServiceCollectionExtensions.Group)));
            Assert.Equal(("0 0 9 ? * *", "Asia/Shanghai"), (nine.CronExpressionString, nine.TimeZone.Id));
            Assert.Equal(1, nine.NextFireTimeUtc!.Value.UtcDateTime.Hour);
        }

        await using (var connection = new SqliteConnection(db.ConnectionString))
        {
            Assert.Equal(4, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_GROUP = 'tiexibot' AND TIME_ZONE_ID = 'Asia/Shanghai'"));
        }

        settings["Schedule:NonReporters:Time"] = "17:30";
        settings["Schedule:ResearchPace:Time"] = "17:30";
        await using (var host = await RunningHost.StartAsync(settings))
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Equal(["digests-0900", "digests-1500", "reminders-0900", "reminders-1730"], await TriggerNamesAsync(scheduler));
        }
    }

    [Fact]
    public async Task After_downtime_the_start_up_run_posts_the_days_missed_reminders_and_digest_once()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        world.Clock.SetUtcNow(ScheduleWorld.At(new DateOnly(2026, 6, 22), new TimeOnly(11, 0))); // down since Friday evening
        var settings = new Dictionary<string, string?>(world.Database.Settings)
        {
            ["Schedule:Enabled"] = "true", ["Plan:Roster"] = "", ["Schedule:Digests:Charts"] = "false",
        };
        var outbox = world.Get<IOutboxRepository>();

        await using (var host = await RunningHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(world.Clock)))
        {
            await EventuallyAsync(async () => (await outbox.ListByTargetAsync("sandbox", "sandbox", 100)).Any(r => r.Source == OutboxSources.Digest));
            await EventuallyAsync(async () => (await outbox.ListByTargetAsync("sandbox", "sandbox", 100)).Any(r => r.Source == OutboxSources.Reminder));
        }

        var first = await outbox.ListByTargetAsync("sandbox", "sandbox", 100);
        await using (var host = await RunningHost.StartAsync(settings, s => s.AddSingleton<TimeProvider>(world.Clock)))
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await EventuallyAsync(async () => (await scheduler.GetMetadata()).JobsExecuted >= 2);
        }

        var reminder = Assert.Single(first, r => r.Source == OutboxSources.Reminder);
        Assert.StartsWith("reminder:202606220900:", reminder.DedupeKey, StringComparison.Ordinal);
        Assert.Contains("月度指标提醒", reminder.Payload, StringComparison.Ordinal);
        Assert.Contains(first, r => r.DedupeKey!.StartsWith("digest:week:2026-06-15", StringComparison.Ordinal));
        Assert.Equal(first.Count, (await outbox.ListByTargetAsync("sandbox", "sandbox", 100)).Count);
    }

    [SkippableFact]
    public async Task Two_clustered_schedulers_on_one_mariadb_fire_each_trigger_exactly_once()
    {
        TestDatabase.SkipUnlessMySql();
        await using var db = await TestDatabase.CreateAsync("MySql");
        var settings = new Dictionary<string, string?>(db.Settings) { ["Schedule:Enabled"] = "true", ["Plan:Roster"] = "" };
        await using var node1 = await RunningHost.StartAsync(settings);
        await using var node2 = await RunningHost.StartAsync(settings);
        var scheduler1 = await node1.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var scheduler2 = await node2.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await EventuallyAsync(() => Task.FromResult(scheduler1.Status == SchedulerStatus.Running && scheduler2.Status == SchedulerStatus.Running));
        var key = new JobKey("count-" + Guid.NewGuid().ToString("N")[..8], "test");

        await scheduler1.ScheduleJob(
            JobBuilder.Create<CountingJob>().WithIdentity(key).Build(),
            TriggerBuilder.Create().WithIdentity(key.Name, "test").StartAt(DateTimeOffset.UtcNow.AddSeconds(1))
                .WithSimpleSchedule(x => x.WithInterval(TimeSpan.FromSeconds(1)).WithRepeatCount(5)).Build());
        await EventuallyAsync(() => Task.FromResult(CountingJob.Fires(key).Count >= 6));
        await node1.App.StopAsync();
        await node2.App.StopAsync();

        var fires = CountingJob.Fires(key);
        Assert.Equal(6, fires.Count);
        Assert.Equal(6, fires.Select(f => f.Scheduled).Distinct().Count());
        Assert.NotEqual(scheduler1.SchedulerInstanceId, scheduler2.SchedulerInstanceId);
        await using var connection = new MySqlConnection(db.ConnectionString);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = 'TieXiBot'"));
    }

    private static async Task<List<string>> TriggerNamesAsync(IScheduler scheduler) =>
        (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(SchedulingServiceCollectionExtensions.Group)))
            .Select(k => k.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>Waits for a condition (bounded), never for a fixed time.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 60 s");
            await Task.Delay(100);
        }
    }

    /// <summary>Records each execution with its scheduled fire time and the node that ran it.</summary>
    public sealed class CountingJob : IJob
    {
        private static readonly ConcurrentDictionary<JobKey, ConcurrentBag<(DateTimeOffset Scheduled, string Node)>> All = new();

        public static IReadOnlyList<(DateTimeOffset Scheduled, string Node)> Fires(JobKey key) => All.TryGetValue(key, out var bag) ? [.. bag] : [];

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            All.GetOrAdd(context.JobDetail.Key, _ => []).Add((context.ScheduledFireTimeUtc ?? default, context.Scheduler.SchedulerInstanceId));
            return ValueTask.CompletedTask;
        }
    }
}
