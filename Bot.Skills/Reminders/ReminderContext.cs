using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Calendar;

namespace Bot.Skills.Reminders;

/// <summary>The data one evaluation of the rules works on, loaded once per run, plus calendar helpers.</summary>
public sealed class ReminderContext
{
    private string? _planText;

    public required Plan? Plan { get; init; }

    public required IReadOnlyList<PlanTask> Tasks { get; init; }

    public required IReadOnlyList<Member> Members { get; init; }

    public required IReadOnlyDictionary<long, Unit> Units { get; init; }

    /// <summary>Units each leader is in charge of (分管单位).</summary>
    public required IReadOnlyDictionary<long, IReadOnlyList<long>> LedUnits { get; init; }

    public required ScheduleOptions Options { get; init; }

    public required WorkingCalendar Calendar { get; init; }

    public IReadOnlyList<Member> Leaders => Members.Where(m => m.Active && m.Role == Roles.Leader).ToList();

    public IReadOnlyList<Member> Office => Members.Where(m => m.Active && m.Role == Roles.Office).ToList();

    /// <summary>Every text of the active plan, for rules that apply only when the plan mentions them.</summary>
    public string PlanText => _planText ??= Plan is null ? "" : string.Join('\n', new[] { Plan.Title, Plan.Document }
        .Concat(Plan.Duties.Select(d => d.Text))
        .Concat(Plan.Actions.SelectMany(a => new[] { a.Title, a.Description ?? "" }
            .Concat(a.Milestones.Select(m => m.Text)).Concat(a.Targets.Select(t => t.Text)).Concat(a.Duties.Select(d => d.Text)))));

    /// <summary>True when there is no plan, or the day lies in the plan's year.</summary>
    public bool InPlanYear(DateOnly day) => Plan is null || day.Year == Plan.Year;

    public Member? Member(long? id) => id is long value ? Members.FirstOrDefault(m => m.Id == value) : null;

    public string UnitName(long? id) => id is long value && Units.TryGetValue(value, out var unit) ? unit.Name : "";

    /// <summary>Active department members of a unit (its liaisons).</summary>
    public IReadOnlyList<Member> UnitMembers(long unitId) =>
        Members.Where(m => m.Active && m.UnitId == unitId && m.Role == Roles.Department).ToList();

    /// <summary>The leader in charge of a unit: its members' 分管领导, else the leader whose led units include it.</summary>
    public Member? LeaderOf(long unitId) =>
        Member(UnitMembers(unitId).Select(m => m.LeaderId).FirstOrDefault(id => id is not null))
        ?? Leaders.FirstOrDefault(l => LedUnits.TryGetValue(l.Id, out var led) && led.Contains(unitId));

    /// <summary>The instant (Asia/Shanghai) of a time on a day.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, BusinessClock.Shanghai.GetUtcOffset(local));
    }

    /// <summary>Midnight after <paramref name="day"/>: same-day reminders are not sent later.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => At(day.AddDays(1), TimeOnly.MinValue);

    /// <summary>Midnight after the next working day: once-per-period reminders survive one working day of downtime.</summary>
    public DateTimeOffset EndOfNextWorkingDay(DateOnly day) => EndOf(Calendar.AddWorkingDays(day, 1));

    /// <summary>Where a nominal day lands under a policy; null when the occurrence is skipped.</summary>
    public DateOnly? Shift(DateOnly nominal, NonWorkingDayPolicy policy) =>
        Calendar.IsWorkingDay(nominal) ? nominal : policy switch
        {
            NonWorkingDayPolicy.Next => Calendar.OnOrNextWorkingDay(nominal),
            NonWorkingDayPolicy.Previous => Calendar.OnOrPreviousWorkingDay(nominal),
            NonWorkingDayPolicy.Same => nominal,
            _ => null,
        };

    /// <summary>2026-05-31, culture-independent (for keys).</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>5月31日.</summary>
    public static string Md(DateOnly day) => $"{day.Month}月{day.Day}日";
}

/// <summary>One rule of the schedule: what it owes on a day.</summary>
internal interface IReminderRule
{
    Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken);
}
