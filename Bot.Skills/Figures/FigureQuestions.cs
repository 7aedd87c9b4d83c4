using System.Globalization;
using System.Text;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Skills.Calendar;
using Bot.Skills.Conversation;
using Bot.Skills.Scorecards;

namespace Bot.Skills.Figures;

/// <summary>
/// The figures side of questions in natural wording: a measure (调研天数, 专题调研次数, 走访企业数, 报告篇数, 汇报条数 …),
/// a period word (今天, 本周, 上月, 11月份, 上季度, 上半年, 截至目前 …), an optional subject (a leader by name or title,
/// an action by number or name) and a shape (排名, 对比上月). Every number comes from <see cref="FigureService"/>, so
/// it is the figure digests, scorecards, the dashboard and the ledger show for the same period. Returns null when the
/// question has none of these shapes (the other status questions are answered elsewhere).
/// </summary>
public sealed class FigureQuestions(FigureService figures)
{
    /// <summary>Pseudo measure: the number of reports (汇报条数).</summary>
    public const string ReportCount = "report_count";

    private static readonly (string[] Words, string Measure)[] Measures =
    [
        (["汇报条数", "几条汇报", "多少条汇报", "汇报几条", "汇报多少条", "汇报了几次", "汇报了几条", "汇报了多少条", "汇报次数", "条汇报"], ReportCount),
        (["调研天数", "调研几天", "调研多少天", "调研了几天"], "research_days"),
        (["专题调研次数", "调研次数", "调研几次", "调研多少次", "专题调研"], "research_trips"),
        (["走访企业", "企业数", "对接企业", "几家企业", "多少家企业"], "enterprises"),
        (["报告篇数", "调研报告", "几篇"], "reports"),
        (["巡河", "巡查次数", "巡湖"], "patrols"),
        (["签约项目", "项目个数", "几个项目"], "projects"),
        (["投资额", "总投资"], "investment"),
    ];

    /// <summary>The measures a question names, in the order of <see cref="Measures"/>.</summary>
    public static IReadOnlyList<string> MeasuresOf(string text) =>
        Measures.Where(m => m.Words.Any(w => text.Contains(w, StringComparison.Ordinal))).Select(m => m.Measure).Distinct(StringComparer.Ordinal).ToList();

    public static bool AsksRanking(string text) => Has(text, "排名", "排行", "排个名", "谁最多", "最多的是", "前三", "前五", "谁最少");

    public static bool AsksComparison(string text) => Has(text, "对比上月", "比上月", "和上月比", "较上月", "环比", "对比上个月", "比上个月");

    /// <summary>
    /// Answers a ranking, comparison or report-count question; <paramref name="subject"/> is the member it is about
    /// (<see cref="RosterLookup.FindSubject"/>), null for everyone.
    /// </summary>
    public async Task<BotReply?> AnswerAsync(string text, DateOnly today, IReadOnlyList<Member> roster, Plan? plan, Member? subject, CancellationToken cancellationToken = default)
    {
        var measures = MeasuresOf(text);
        var ranking = AsksRanking(text);
        var comparison = AsksComparison(text);
        if (!ranking && !comparison && !measures.Contains(ReportCount))
        {
            return null;
        }

        if (measures.Count == 0)
        {
            measures = [ReportCount];
        }

        var period = Period.FromText(text.Replace("对比上月", "", StringComparison.Ordinal).Replace("比上月", "", StringComparison.Ordinal)
            .Replace("较上月", "", StringComparison.Ordinal).Replace("上个月", "", StringComparison.Ordinal), today) ?? Period.Month(today);
        // An action is the subject only when named as one (大招商行动, 行动二): 调研 alone is a measure, not action one.
        var action = text.Contains("行动", StringComparison.Ordinal) ? RosterLookup.FindAction(text, plan) : null;
        var leaders = roster.Where(m => m.Active && m.Role == Roles.Leader).ToList();

        if (ranking)
        {
            var measure = measures[0];
            var values = await ValuesAsync(measure, period, today, action?.Number, cancellationToken);
            var rows = leaders.Select(l => (l.Name, Value: Value(values, l))).OrderByDescending(x => x.Value).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
            var md = new StringBuilder($"**{period.Label}{Scope(action)}{Label(measure)}排名**\n");
            var rank = 0;
            foreach (var (name, value) in rows)
            {
                md.Append(CultureInfo.InvariantCulture, $"{++rank}. {name} {Format(measure, value)}\n");
            }

            return new BotReply(md.ToString().TrimEnd(), Markdown: true);
        }

        var people = subject is not null ? [subject] : leaders;
        var previous = Previous(period);
        var text2 = new StringBuilder($"**{period.Label}{Scope(action)}统计{(comparison ? $"（对比{previous.Label}）" : "")}**\n");
        var current = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var measure in measures)
        {
            current[measure] = await ValuesAsync(measure, period, today, action?.Number, cancellationToken);
        }

        var before = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        if (comparison)
        {
            foreach (var measure in measures)
            {
                before[measure] = await ValuesAsync(measure, previous, previous.End, action?.Number, cancellationToken);
            }
        }

        foreach (var person in people)
        {
            var parts = measures.Select(measure =>
            {
                var now = Value(current[measure], person);
                if (!comparison)
                {
                    return $"{Label(measure)} {Format(measure, now)}";
                }

                var then = Value(before[measure], person);
                var delta = now - then;
                return $"{Label(measure)} {Format(measure, now)}（{previous.Label}{Format(measure, then)}，{(delta >= 0 ? "+" : "")}{MetricCatalog.Format(delta)}）";
            });
            text2.Append(CultureInfo.InvariantCulture, $"· {person.Name}：{string.Join("，", parts)}\n");
        }

        if (subject is null && !comparison)
        {
            var total = measures.Select(m => $"{Label(m)} {Format(m, current[m].Values.Sum())}");
            text2.Append("· 合计：").Append(string.Join("，", total)).Append('\n');
        }

        return new BotReply(text2.ToString().TrimEnd(), Markdown: true);
    }

    /// <summary>The period just before <paramref name="period"/> of the same kind (上月 for 本月, 上季度 for 本季度 …).</summary>
    public static Period Previous(Period period) => period.Kind switch
    {
        "week" => Period.Week(period.Start.AddDays(-7)) with { Label = "上周" },
        "month" => Period.Month(period.Start.AddMonths(-1)) with { Label = $"{period.Start.AddMonths(-1).Month}月" },
        "quarter" => Period.Quarter(period.Start.AddMonths(-3)) with { Label = "上季度" },
        "half_year" => Period.HalfYear(period.Start.AddMonths(-6)),
        "year" => Period.Year(period.Start.Year - 1) with { Label = $"{period.Start.Year - 1}年" },
        _ => new Period(period.Start.AddDays(-(period.End.DayNumber - period.Start.DayNumber + 1)), period.Start.AddDays(-1), "前一时段", period.Kind),
    };

    /// <summary>Values per member key (id, or name for reports without an id).</summary>
    private async Task<Dictionary<string, double>> ValuesAsync(string measure, Period period, DateOnly asOf, int? action, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (measure == ReportCount)
        {
            foreach (var c in action is null
                ? await figures.ReportCountsByMemberAsync(period, asOf, cancellationToken)
                : await figures.ReportCountsByMemberAsync(period, asOf, action.Value, cancellationToken))
            {
                var key = Key(c.Key, c.Name);
                result[key] = result.GetValueOrDefault(key) + c.Count;
            }

            return result;
        }

        foreach (var t in await figures.MetricsByMemberAsync(period, asOf, action, cancellationToken))
        {
            if (t.Metric == measure)
            {
                var key = Key(t.MemberId, t.MemberName);
                result[key] = result.GetValueOrDefault(key) + t.Value;
            }
        }

        return result;
    }

    private static double Value(Dictionary<string, double> values, Member member) =>
        values.GetValueOrDefault(Key(member.Id, member.Name)) + values.GetValueOrDefault(Key(null, member.Name));

    private static string Key(long? id, string name) => id is long value ? "#" + value.ToString(CultureInfo.InvariantCulture) : "@" + name;

    private static string Scope(PlanAction? action) => action is null ? "" : RosterLookup.ActionName(action);

    private static string Label(string measure) => measure == ReportCount ? "汇报条数" : MetricCatalog.Label(measure);

    private static string Format(string measure, double value) =>
        measure == ReportCount ? $"{MetricCatalog.Format(value)}条" : $"{MetricCatalog.Format(value)}{MetricCatalog.Unit(measure)}";

    private static bool Has(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
