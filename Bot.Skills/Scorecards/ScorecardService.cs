using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Skills.Calendar;

namespace Bot.Skills.Scorecards;

/// <summary>One target of a scorecard: the count so far in the target's period against its bounds, with a light.</summary>
public sealed record ScoreLine(string Metric, double Actual, double? Min, double? Max, Period Period, Light Light, int? Action)
{
    /// <summary>e.g. <c>本月专题调研 3/3–4 次 🟢</c>, <c>全年调研天数 18/50 天 🟡</c>.</summary>
    public string Text
    {
        get
        {
            var bounds = (Min, Max) switch
            {
                (double min, double max) when max > min => $"{MetricCatalog.Format(min)}–{MetricCatalog.Format(max)}",
                (double min, _) => MetricCatalog.Format(min),
                (null, double max) => MetricCatalog.Format(max),
                _ => "—",
            };
            return $"{Period.Label}{MetricCatalog.Label(Metric)} {MetricCatalog.Format(Actual)}/{bounds} {MetricCatalog.Unit(Metric)} {Light.Emoji()}";
        }
    }
}

/// <summary>A leader's standing against every per-leader target of the active plan.</summary>
public sealed record Scorecard(Member Member, IReadOnlyList<ScoreLine> Lines)
{
    /// <summary>The worst light of the card.</summary>
    public Light Light => Lines.Count == 0 ? Light.Green : Lines.Max(l => l.Light);
}

/// <summary>Computes scorecards from stored reports and the plan's targets. Numbers always come from the database.</summary>
/// <remarks>
/// A card "as of" a day counts what was reported by the end of that day about work up to that day
/// (<see cref="Figures.FigureService"/>): a card as of a past date is what it was that day.
/// </remarks>
public sealed class ScorecardService(IPlanRepository plans, IMemberRepository members, Figures.FigureService figures, WorkingCalendar calendar)
{
    /// <summary>Per-leader targets with a metric that reports can count (coverage and thresholds are handled elsewhere).</summary>
    public static IEnumerable<(Target Target, int? Action)> LeaderTargets(Plan plan) =>
        plan.Actions.SelectMany(a => a.Targets.Select(t => (t, (int?)a.Number)))
            .Where(x => x.t.AppliesTo == "leader" && x.t.MinValue is not null && MetricCatalog.Keys.Contains(x.t.Metric) && x.t.Metric != "coverage");

    public async Task<Scorecard> ForMemberAsync(Member member, DateOnly today, CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        return plan is null ? new Scorecard(member, []) : (await ComputeAsync(plan, [member], today, null, cancellationToken, member))[0];
    }

    /// <summary>Scorecards of every active leader as of <paramref name="today"/> (target periods containing it; later work does not count).</summary>
    public Task<IReadOnlyList<Scorecard>> ForLeadersAsync(DateOnly today, CancellationToken cancellationToken = default) =>
        ForLeadersAsync(today, null, cancellationToken);

    /// <param name="today">The as-of day: target periods are those containing it, and work after it does not count.</param>
    /// <param name="recordedBy">Reports stored by the end of this day count (default <paramref name="today"/>); a digest made
    /// on the 1st about the previous month counts what was reported about that month by the 1st.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IReadOnlyList<Scorecard>> ForLeadersAsync(DateOnly today, DateOnly? recordedBy, CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        var leaders = (await members.ListAsync(cancellationToken)).Where(m => m.Active && m.Role == Roles.Leader).ToList();
        return plan is null ? leaders.Select(l => new Scorecard(l, [])).ToList() : await ComputeAsync(plan, leaders, today, recordedBy, cancellationToken);
    }

    // only: when set, the totals are read for this member alone (one leader's card).
    private async Task<IReadOnlyList<Scorecard>> ComputeAsync(Plan plan, IReadOnlyList<Member> people, DateOnly today, DateOnly? recordedBy, CancellationToken cancellationToken, Member? only = null)
    {
        var targets = LeaderTargets(plan).ToList();
        var totals = new Dictionary<(string Per, DateOnly Start), IReadOnlyList<MetricTotal>>();
        var pers = targets.Select(t => t.Target.Per).Distinct(StringComparer.Ordinal).ToList();
        if (only is not null)
        {
            // One leader's card (the confirmation's standing line): every period in one query where the rollup allows.
            var periods = pers.Select(per => PeriodOf(per, today, plan)).ToList();
            var sums = await figures.MetricsByMemberAsync(only, periods, today, recordedBy, cancellationToken);
            for (var i = 0; i < pers.Count; i++)
            {
                totals[(pers[i], periods[i].Start)] = sums[i];
            }
        }
        else
        {
            foreach (var per in pers)
            {
                var period = PeriodOf(per, today, plan);
                totals[(per, period.Start)] = await figures.MetricsByMemberAsync(period, today, recordedBy, cancellationToken);
            }
        }

        var cards = new List<Scorecard>();
        foreach (var person in people)
        {
            var lines = new List<ScoreLine>();
            foreach (var (target, action) in targets)
            {
                var period = PeriodOf(target.Per, today, plan);
                var actual = Figures.FigureService.Of(totals[(target.Per, period.Start)], person, target.Metric);
                if (lines.Any(l => l.Metric == target.Metric && l.Period == period))
                {
                    continue; // The same requirement stated twice in the plan counts once.
                }

                var light = TrafficLights.ForTarget(actual, target.MinValue!.Value, period.Start, period.End, today, calendar);
                lines.Add(new ScoreLine(target.Metric, actual, target.MinValue, target.MaxValue, period, light, action));
            }

            cards.Add(new Scorecard(person, lines));
        }

        return cards;
    }

    private static Period PeriodOf(string per, DateOnly today, Plan plan) =>
        per == "year" ? Period.Year(plan.Year) : Period.Of(per, today);
}
