using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Reminders;

/// <summary>A cadence window of a river chief (河长) that ended without a qualifying patrol report.</summary>
public sealed record MissedPatrol(Member Chief, Duty Duty, DateOnly Start, DateOnly End)
{
    /// <summary>6月3日, or 6月1日—6月15日.</summary>
    public string Window => Start == End ? ReminderContext.Md(Start) : $"{ReminderContext.Md(Start)}—{ReminderContext.Md(End)}";
}

/// <summary>
/// River-chief cadence from the plan's duties with a level (区级每半月, 乡级每周, 村级每天, evidence photos when the duty
/// requires them): a patrol is a current report by or about the chief with activity 河长 or a <c>patrols</c> count
/// (read from the rollup's patrol rows, <see cref="IReportFigures.PatrolsAsync"/>),
/// with photos when required, whose dates overlap the window. Windows are calendar periods (day, week Monday–Sunday,
/// half month 1–15/16–end, 旬, month) clipped to the patrol season of the plan year.
/// </summary>
public sealed class RiverPatrols(IPlanRepository plans, IMemberRepository members, IReportFigures reports, IOptions<ScheduleOptions> options)
{
    /// <summary>Missed windows whose end lies in [endFrom, endTo], for the active plan and roster.</summary>
    public async Task<IReadOnlyList<MissedPatrol>> MissedAsync(DateOnly endFrom, DateOnly endTo, CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        return plan is null ? [] : await MissedAsync(plan, await members.ListAsync(cancellationToken), endFrom, endTo, cancellationToken);
    }

    public async Task<IReadOnlyList<MissedPatrol>> MissedAsync(Plan plan, IReadOnlyList<Member> roster, DateOnly endFrom, DateOnly endTo, CancellationToken cancellationToken = default)
    {
        var o = options.Value.RiverPatrols;
        if (endTo < endFrom)
        {
            return [];
        }

        var seasonStart = ScheduleOptionsValidator.MonthDay(o.From, plan.Year);
        var seasonEnd = ScheduleOptionsValidator.MonthDay(o.To, plan.Year);
        var duties = plan.Duties.Concat(plan.Actions.SelectMany(a => a.Duties))
            .Where(d => Level(d.Level) is not null)
            .DistinctBy(d => Level(d.Level))
            .ToList();
        var windows = new List<(Duty Duty, DateOnly Start, DateOnly End)>();
        foreach (var duty in duties)
        {
            windows.AddRange(Windows(duty.Every, seasonStart, seasonEnd)
                .Where(w => w.End >= endFrom && w.End <= endTo)
                .Select(w => (duty, w.Start, w.End)));
        }

        if (windows.Count == 0)
        {
            return [];
        }

        var earliest = windows.Min(w => w.Start);
        // The patrols of the period from the rollup (a row per day, person and last day), not every patrol report.
        var found = await reports.PatrolsAsync(earliest.AddDays(-31), endTo, cancellationToken);
        var missed = new List<MissedPatrol>();
        foreach (var duty in windows.Select(w => w.Duty).Distinct())
        {
            foreach (var chief in roster.Where(m => m.Active && Level(m.RiverChiefLevel) == Level(duty.Level)))
            {
                // The chief's patrols once, sorted by first day, with the latest last day so far: each window is then a
                // binary search (a year digest at a million reports checked every report for every window and chief).
                var spans = found.Where(p => IsPatrolOf(p, chief, duty.PhotoRequired))
                    .Select(p => (p.Start, p.End))
                    .OrderBy(x => x.Start)
                    .ToArray();
                var starts = spans.Select(x => x.Start).ToArray();
                var latestEnd = new DateOnly[spans.Length];
                for (var i = 0; i < spans.Length; i++)
                {
                    latestEnd[i] = i == 0 || spans[i].End > latestEnd[i - 1] ? spans[i].End : latestEnd[i - 1];
                }

                foreach (var (_, start, end) in windows.Where(w => w.Duty == duty))
                {
                    // Patrols that began by the window's end; one of them lasted into the window.
                    var begun = UpperBound(starts, end);
                    if (begun == 0 || latestEnd[begun - 1] < start)
                    {
                        missed.Add(new MissedPatrol(chief, duty, start, end));
                    }
                }
            }
        }

        return missed.OrderBy(m => m.Chief.Id).ThenBy(m => m.Start).ToList();
    }

    /// <summary>How many of the sorted <paramref name="days"/> are on or before <paramref name="day"/>.</summary>
    private static int UpperBound(DateOnly[] days, DateOnly day)
    {
        int low = 0, high = days.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (days[mid] <= day)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>
    /// True when the patrol is by (or about) the chief — stored for the chief's member id, or naming the chief as member,
    /// reporter or one of its people — with a photo when one is required.
    /// </summary>
    public static bool IsPatrolOf(PatrolSpan patrol, Member chief, bool photoRequired) =>
        (patrol.MemberId == chief.Id || patrol.Name == chief.Name) && (!photoRequired || patrol.Photos);

    /// <summary>区, 乡 or 村 from 区级/乡级河长/村 …; null for other levels.</summary>
    public static string? Level(string? level) =>
        string.IsNullOrEmpty(level) ? null : level[0] switch { '区' => "区", '乡' or '镇' or '街' => "乡", '村' => "村", _ => null };

    /// <summary>The cadence windows of <paramref name="every"/> overlapping [from, to], clipped to it.</summary>
    public static IEnumerable<(DateOnly Start, DateOnly End)> Windows(string every, DateOnly from, DateOnly to)
    {
        var day = from;
        while (day <= to)
        {
            var (start, end) = every switch
            {
                Recurrences.Daily => (day, day),
                Recurrences.HalfMonthly => day.Day <= 15
                    ? (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 15))
                    : (new DateOnly(day.Year, day.Month, 16), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month))),
                Recurrences.TenDays or Recurrences.Weekly or Recurrences.Monthly or Recurrences.Quarterly => DutyPeriods.Containing(every == Recurrences.TenDays ? "xun" : every, day),
                _ => (day, day),
            };
            yield return (start < from ? from : start, end > to ? to : end);
            day = end.AddDays(1);
        }
    }
}

/// <summary>A missing patrol is nudged to that chief on the next working day after its window ends (all windows since the previous working day in one message).</summary>
internal sealed class RiverPatrolRule(RiverPatrols patrols) : IReminderRule
{
    private static readonly Dictionary<string, string> Cadence = new(StringComparer.Ordinal)
    {
        [Recurrences.Daily] = "每天", [Recurrences.Weekly] = "每周", [Recurrences.HalfMonthly] = "每半月",
        [Recurrences.TenDays] = "每旬", [Recurrences.Monthly] = "每月", [Recurrences.Quarterly] = "每季度",
    };

    public async Task<IEnumerable<Reminder>> EvaluateAsync(ReminderContext context, DateOnly day, CancellationToken cancellationToken)
    {
        var o = context.Options.RiverPatrols;
        if (!o.Enabled || context.Plan is null || !context.Calendar.IsWorkingDay(day))
        {
            return [];
        }

        var missed = await patrols.MissedAsync(context.Plan, context.Members, context.Calendar.AddWorkingDays(day, -1), day.AddDays(-1), cancellationToken);
        return missed.GroupBy(m => m.Chief.Id).Select(g =>
        {
            var first = g.First();
            var level = RiverPatrols.Level(first.Duty.Level);
            var evidence = first.Duty.PhotoRequired ? "并附现场照片" : "";
            return new Reminder
            {
                Rule = ReminderRuleNames.RiverPatrol,
                Key = $"{ReminderRuleNames.RiverPatrol}:{first.Chief.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{ReminderContext.Iso(day)}",
                Nominal = day,
                DueAt = ReminderContext.At(day, o.At),
                RelevantUntil = ReminderContext.EndOf(day),
                Recipients = [first.Chief],
                Text = $"河长巡查提醒：{string.Join("、", g.Select(m => m.Window))}未见{level}级河长巡查记录（要求{Cadence.GetValueOrDefault(first.Duty.Every, "定期")}巡查一次{evidence}），请及时巡查{(first.Duty.PhotoRequired ? "并上传影像资料" : "")}后在群里汇报。",
            };
        }).ToList();
    }
}
