using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Calendar;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Reminders;

/// <summary>
/// Computes the reminders the schedule owes at a Shanghai date-time from the active plan, its tasks, the roster, the
/// reports and the working-day calendar. It only reads: queuing and merging are the caller's (the Quartz job, the
/// <c>remind</c> verb). Every reminder carries a key, so replaying a day or firing twice produces the same set.
/// </summary>
public sealed class ReminderEngine
{
    private readonly IPlanRepository _plans;
    private readonly ITaskRepository _tasks;
    private readonly IMemberRepository _members;
    private readonly IUnitRepository _units;
    private readonly WorkingCalendar _calendar;
    private readonly IOptions<ScheduleOptions> _options;
    private readonly IReadOnlyList<IReminderRule> _rules;

    public ReminderEngine(
        IPlanRepository plans,
        ITaskRepository tasks,
        IMemberRepository members,
        IUnitRepository units,
        ScorecardService scorecards,
        StatusService status,
        RiverPatrols patrols,
        WorkingCalendar calendar,
        IOptions<ScheduleOptions> options)
    {
        (_plans, _tasks, _members, _units, _calendar, _options) = (plans, tasks, members, units, calendar, options);
        _rules = [new MilestoneRule(), new QuotaRule(scorecards), new PaceRule(scorecards), new RiverPatrolRule(patrols), new NonReporterRule(status), new DutyRule()];
    }

    /// <summary>Every reminder scheduled on <paramref name="day"/>, at any time of that day.</summary>
    public async Task<IReadOnlyList<Reminder>> ForDayAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var context = await LoadAsync(cancellationToken);
        return await EvaluateAsync(context, [day], cancellationToken);
    }

    /// <summary>
    /// What is due by <paramref name="now"/> and still relevant: today's reminders up to now and, on a working day,
    /// those of the days since the previous working day that downtime may have kept from being sent. On a
    /// non-working day only rules that send on non-working days contribute.
    /// </summary>
    public async Task<IReadOnlyList<Reminder>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = BusinessClock.DateOf(now);
        var days = new List<DateOnly>();
        if (_calendar.IsWorkingDay(today))
        {
            for (var d = _calendar.AddWorkingDays(today, -1); d <= today; d = d.AddDays(1))
            {
                days.Add(d);
            }
        }
        else
        {
            days.Add(today);
        }

        var context = await LoadAsync(cancellationToken);
        return (await EvaluateAsync(context, days, cancellationToken))
            .Where(r => r.DueAt <= now && r.RelevantUntil > now)
            .ToList();
    }

    private async Task<IReadOnlyList<Reminder>> EvaluateAsync(ReminderContext context, IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var result = new List<Reminder>();
        foreach (var day in days)
        {
            foreach (var rule in _rules)
            {
                result.AddRange(await rule.EvaluateAsync(context, day, cancellationToken));
            }
        }

        result = result.DistinctBy(r => r.Key, StringComparer.Ordinal).ToList();
        if (context.Options.MergeDaily)
        {
            // One message per chat per day: every reminder of a day goes out at that day's earliest reminder time.
            result = result.GroupBy(r => BusinessClock.DateOf(r.DueAt))
                .SelectMany(g =>
                {
                    var first = g.Min(r => r.DueAt);
                    return g.Select(r => r with { DueAt = first });
                })
                .ToList();
        }

        return result.OrderBy(r => r.DueAt).ToList();
    }

    private async Task<ReminderContext> LoadAsync(CancellationToken cancellationToken)
    {
        var plan = await _plans.GetActiveAsync(cancellationToken);
        var roster = await _members.ListAsync(cancellationToken);
        var led = new Dictionary<long, IReadOnlyList<long>>();
        foreach (var leader in roster.Where(m => m.Active && m.Role == Roles.Leader))
        {
            led[leader.Id] = await _members.GetLedUnitsAsync(leader.Id, cancellationToken);
        }

        return new ReminderContext
        {
            Plan = plan,
            Tasks = await _tasks.ListAsync(cancellationToken: cancellationToken),
            Members = roster,
            Units = (await _units.ListAsync(cancellationToken)).ToDictionary(u => u.Id),
            LedUnits = led,
            Options = _options.Value,
            Calendar = _calendar,
        };
    }
}
