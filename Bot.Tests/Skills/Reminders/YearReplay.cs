using Bot.Data.Outbox;
using Bot.Host.Scheduling;
using Bot.Skills.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Skills.Reminders;

/// <summary>
/// Replays 2026 day by day on the fake clock for <see cref="ScheduleWorld"/>: before work each day the day's reports
/// and task closures happen, then the reminder and digest jobs run at each of their times. Optionally the host is
/// restarted on one day: it goes down after the previous day's last run and comes back at 11:00, when its start-up
/// run catches up.
/// </summary>
public class YearReplay : IAsyncLifetime
{
    public static readonly DateOnly First = new(2026, 1, 1);
    public static readonly DateOnly Last = new(2026, 12, 31);
    private readonly DateOnly? _restartOn;

    public YearReplay()
        : this(null)
    {
    }

    protected YearReplay(DateOnly? restartOn) => _restartOn = restartOn;

    public ScheduleWorld World { get; private set; } = null!;

    /// <summary>Every reminder whose message was newly queued, in order.</summary>
    public List<Reminder> Sent { get; } = [];

    /// <summary>Every outbox row at the end of the year.</summary>
    public IReadOnlyList<OutboxMessage> Rows { get; private set; } = [];

    public async Task InitializeAsync()
    {
        World = await ScheduleWorld.CreateAsync();
        for (var day = First; day <= Last; day = day.AddDays(1))
        {
            World.Clock.SetUtcNow(ScheduleWorld.At(day, new TimeOnly(8, 0)));
            await EventsAsync(day);
            var after = TimeOnly.MinValue;
            if (day == _restartOn)
            {
                after = new TimeOnly(11, 0);
                World.Clock.SetUtcNow(ScheduleWorld.At(day, after));
                await World.RestartAsync();
                await RunRemindersAsync(); // both jobs run once at start-up
                await World.Get<DigestDispatcher>().RunAsync();
            }

            // The jobs' triggers: one per distinct configured time.
            var options = World.Get<IOptions<ScheduleOptions>>().Value;
            var slots = options.ReminderTimes.Select(t => (Time: t, Reminders: true)).Concat(options.DigestTimes.Select(t => (Time: t, Reminders: false)));
            foreach (var (time, reminders) in slots.Where(s => s.Time > after).OrderBy(s => s.Time))
            {
                World.Clock.SetUtcNow(ScheduleWorld.At(day, time));
                if (reminders)
                {
                    await RunRemindersAsync();
                }
                else
                {
                    await World.Get<DigestDispatcher>().RunAsync();
                }
            }
        }

        Rows = await World.Get<IOutboxRepository>().ListByTargetAsync("sandbox", "sandbox", 100_000);
    }

    public async Task DisposeAsync() => await World.DisposeAsync();

    private async Task RunRemindersAsync() => Sent.AddRange((await World.Get<ReminderDispatcher>().RunAsync()).Reminders);

    private async Task EventsAsync(DateOnly day)
    {
        // 王强 meets the monthly quota and stays ahead of the yearly pace.
        if (day.Day == 5)
        {
            await World.ReportAsync("王强", day, "调研", new() { ["research_trips"] = 3, ["research_days"] = 5 });
        }

        // 周涛 (乡级河长) patrols every Wednesday with a photo.
        if (day.DayOfWeek == DayOfWeek.Wednesday)
        {
            await World.ReportAsync("周涛", day, "河长", new() { ["patrols"] = 1 }, photos: 1);
        }

        // 刘波 (区级河长) patrols twice a month but never attaches a photo.
        if (day.Day is 3 or 18)
        {
            await World.ReportAsync("刘波", day, "河长", new() { ["patrols"] = 1 });
        }

        if (day == new DateOnly(2026, 7, 28))
        {
            await World.CloseAsync(ScheduleWorld.ReturnPolicy);
        }

        if (day == new DateOnly(2026, 10, 12))
        {
            await World.CloseAsync(ScheduleWorld.InspectionFixes);
        }
    }
}

/// <summary>The same year with the host restarted on 2026-07-01: down from the evening before until 11:00.</summary>
public sealed class RestartedYearReplay : YearReplay
{
    public RestartedYearReplay()
        : base(new DateOnly(2026, 7, 1))
    {
    }
}
