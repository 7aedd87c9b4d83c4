using System.Globalization;
using System.Text;
using Bot.Data.Plans;
using Bot.Skills.Calendar;
using Bot.Skills.Reminders;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Digests;

/// <summary>A digest ready to post: markdown (split by the outbox writer when too long) and an optional chart.</summary>
public sealed record Digest(string Kind, Period Period, DateOnly At, string Title, string Markdown, ChartImage Chart);

/// <summary>
/// Builds the office digests: progress per action, each leader's scorecard with lights, overdue and upcoming tasks,
/// non-reporters, missed river patrols and highlights of the period; the year-end kind adds the scoring table. Every
/// number comes from the same services the chat answers use (ScorecardService, StatusService, RiverPatrols).
/// </summary>
public sealed class DigestService(
    IPlanRepository plans,
    Figures.FigureService figures,
    ScorecardService scorecards,
    StatusService status,
    RiverPatrols patrols,
    DigestChart chart,
    WorkingCalendar calendar,
    IOptions<ScheduleOptions> options)
{
    public async Task<Digest> BuildAsync(string kind, Period period, DateOnly at, CancellationToken cancellationToken = default)
    {
        var o = options.Value.Digests;
        var asOf = period.End < at ? period.End : at;
        var plan = await plans.GetActiveAsync(cancellationToken);
        // Every figure is bounded by the period and by the digest day: work after the period or reported after the
        // digest day never counts (a November digest made on December 1st holds no December report).
        var cards = await scorecards.ForLeadersAsync(asOf, at, cancellationToken);
        var overdue = await status.OverdueAsync(at, cancellationToken);
        var upcoming = await status.UpcomingAsync(at, o.UpcomingDays, cancellationToken);
        var silent = await status.NonReportersAsync(period, at, cancellationToken);
        var missed = await patrols.MissedAsync(period.Start, asOf < at ? asOf : at.AddDays(-1), cancellationToken);
        var highlights = await figures.ReportsAsync(period, at, o.Highlights, cancellationToken: cancellationToken);

        var title = $"铁西区“调查研究、狠抓落实、拼搏奋斗年”{DigestKinds.Label(kind)}";
        var md = new StringBuilder();
        md.Append("## 📊 ").Append(title).Append('\n');
        md.Append("**统计周期：").Append(Range(period)).Append("**（").Append(period.Label).Append('，').Append(ReminderContext.Md(at)).Append("生成）\n");
        if (plan is null)
        {
            md.Append("\n> 尚未导入实施方案，以下仅含汇报与任务情况。\n");
        }

        var section = 0;
        var actionCounts = new List<(string Label, double Value)>();
        if (plan is not null && plan.Actions.Count > 0)
        {
            md.Append('\n').Append(Heading(++section, "各行动进展"));
            // One grouped query for every action's reports and metric totals, and the task list once.
            var byAction = await figures.ByActionAsync(period, at, cancellationToken: cancellationToken);
            var allTasks = await status.TasksAsync(at, cancellationToken);
            foreach (var action in plan.Actions)
            {
                var progress = byAction.GetValueOrDefault(action.Number) ?? new Figures.ActionFigures(0, new Dictionary<string, double>());
                actionCounts.Add(($"（{Chinese(action.Number)}）", progress.Reports));
                var metrics = progress.Metrics.Where(kv => kv.Value > 0)
                    .Select(kv => $"{MetricCatalog.Label(kv.Key)}{MetricCatalog.Format(kv.Value)}{MetricCatalog.Unit(kv.Key)}");
                var tasks = allTasks.Where(t => t.Action == action.Number).ToList();
                var taskText = tasks.Count == 0 ? "" :
                    $"；任务 完成{tasks.Count(t => t.Task.Status == Bot.Data.Tasks.TaskStatuses.Done)}/逾期{tasks.Count(t => t.Light == Light.Red)}/共{tasks.Count}项";
                md.Append(CultureInfo.InvariantCulture, $"- （{Chinese(action.Number)}）{Short(action.Title)}：本期汇报{progress.Reports}条");
                md.Append(metrics.Any() ? "，" + string.Join("、", metrics) : "").Append(taskText).Append('\n');
            }
        }

        md.Append('\n').Append(Heading(++section, "区政府领导记分卡"));
        if (cards.All(c => c.Lines.Count == 0))
        {
            md.Append("- 方案中暂无按领导考核的量化指标\n");
        }

        foreach (var card in cards.Where(c => c.Lines.Count > 0))
        {
            md.Append(CultureInfo.InvariantCulture, $"- {card.Light.Emoji()} **{card.Member.Name}**：{string.Join("；", card.Lines.Select(l => l.Text))}\n");
        }

        if (kind == DigestKinds.Year)
        {
            md.Append('\n').Append(Heading(++section, "全年评分表（按指标完成率，满分100）"));
            foreach (var (card, score) in cards.Where(c => c.Lines.Count > 0).Select(c => (c, Score(c))).OrderByDescending(x => x.Item2))
            {
                md.Append(CultureInfo.InvariantCulture, $"- {card.Member.Name}：**{score.ToString("0", CultureInfo.InvariantCulture)}分** {card.Light.Emoji()}\n");
            }
        }

        md.Append('\n').Append(Heading(++section, $"逾期任务（{overdue.Count}项）"));
        foreach (var t in overdue.Take(30))
        {
            var due = t.Task.DueEnd!.Value;
            md.Append(CultureInfo.InvariantCulture, $"- 🔴 {t.Task.Title}（{Owner(t.OwnerUnit)}截止{ReminderContext.Md(due)}，已逾期{calendar.WorkingDaysBetween(due, at)}个工作日）\n");
        }

        if (overdue.Count == 0)
        {
            md.Append("- 无\n");
        }

        md.Append('\n').Append(Heading(++section, $"近期到期（{o.UpcomingDays}天内，{upcoming.Count}项）"));
        foreach (var t in upcoming.Take(30))
        {
            md.Append(CultureInfo.InvariantCulture, $"- {t.Light.Emoji()} {t.Task.Title}（{Owner(t.OwnerUnit)}截止{ReminderContext.Md(t.Task.DueEnd!.Value)}）\n");
        }

        if (upcoming.Count == 0)
        {
            md.Append("- 无\n");
        }

        md.Append('\n').Append(Heading(++section, $"未汇报（{silent.Count}人）"));
        md.Append(silent.Count == 0 ? "- 无，全部按时汇报 👍\n" : "- " + string.Join("、", silent.Select(m => m.Name)) + "\n");

        md.Append('\n').Append(Heading(++section, "河长巡查缺失"));
        foreach (var g in missed.GroupBy(m => m.Chief.Id))
        {
            var first = g.First();
            var windows = g.Select(m => m.Window).ToList();
            var shown = windows.Count > 6 ? string.Join("、", windows.Take(6)) + "等" : string.Join("、", windows);
            md.Append(CultureInfo.InvariantCulture, $"- {first.Chief.Name}（{RiverPatrols.Level(first.Duty.Level)}级河长）：{shown}，共{windows.Count}次未见巡查记录\n");
        }

        if (missed.Count == 0)
        {
            md.Append("- 无\n");
        }

        md.Append('\n').Append(Heading(++section, "工作亮点"));
        foreach (var r in highlights)
        {
            var text = r.RawText.Replace('\n', ' ');
            md.Append(CultureInfo.InvariantCulture, $"- {(r.WorkDate is DateOnly d ? ReminderContext.Md(d) + " " : "")}{r.MemberName}：{(text.Length > 60 ? text[..60] + "…" : text)}\n");
        }

        if (highlights.Count == 0)
        {
            md.Append("- 本期暂无汇报\n");
        }

        var image = cards.Any(c => c.Lines.Any(l => l.Metric == "research_days" && l.Period.Kind == "year"))
            ? chart.LeadersVersusPace(cards, "research_days", asOf)
            : chart.Counts($"各行动汇报条数（{Range(period)}）", "条", actionCounts);
        return new Digest(kind, period, at, title, md.ToString(), image);
    }

    /// <summary>Average completion of a card's targets, each capped at 100 %.</summary>
    public static double Score(Scorecard card) =>
        card.Lines.Count == 0 ? 0 : 100 * card.Lines.Average(l => l.Min is double min && min > 0 ? Math.Min(1, l.Actual / min) : 1);

    private static string Range(Period period) =>
        period.Start == period.End ? $"{period.Start.Year}年{ReminderContext.Md(period.Start)}" : $"{period.Start.Year}年{ReminderContext.Md(period.Start)}—{ReminderContext.Md(period.End)}";

    private static string Heading(int number, string text) => $"### {Chinese(number)}、{text}\n";

    private static string Owner(string? unit) => string.IsNullOrEmpty(unit) ? "" : unit + "，";

    private static string Short(string title) => title.Replace("“", "", StringComparison.Ordinal).Replace("”", "", StringComparison.Ordinal);

    private static string Chinese(int n) => n is >= 1 and <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString(CultureInfo.InvariantCulture);
}
