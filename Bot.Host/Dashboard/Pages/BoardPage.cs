using System.Globalization;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Host.Dashboard.Charts;
using Bot.Host.Dashboard.Html;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Bot.Skills.Scorecards;
using TaskView = Bot.Skills.Status.TaskView;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The board: filters, totals, charts, actions with lights, scorecards, overdue/upcoming tasks, non-reporters, coverage, latest reports.</summary>
public static class BoardPage
{
    /// <summary>The board; <paramref name="patrols"/> are the period's 河长巡河 reports and how many carry a photo in the evidence store.</summary>
    public static HtmlPage Render(PageContext page, Board board, (int Reports, int WithPhoto) patrols = default)
    {
        var f = board.Filter;
        var plan = board.Plan;
        var planNote = plan is null
            ? new HtmlContent("<p class=\"notice\">尚未导入实施方案：行动、任务和计分卡将在方案导入后显示。</p>")
            : HtmlContent.Empty;
        var visited = board.Coverage.Count(c => c.Visits > 0);
        var body = HtmlContent.Format($"""
            <div class="page-head">
            <div><h1>督查看板</h1><p class="muted">{plan?.Title ?? "实施方案"} · {f.Period.Label}（{PeriodCodes.Date(f.Period.Start)} 至 {PeriodCodes.Date(f.Period.End)}）· 今天 {PeriodCodes.Date(board.Today)}</p></div>
            <a class="button primary" id="export" href="/export?period={f.PeriodCode}" download>导出台账（Excel）</a>
            </div>
            {Filters(board)}
            {planNote}
            <section class="tiles">
            {Tile("本期汇报", board.ReportTotal.ToString(CultureInfo.InvariantCulture), "条", "tile-reports")}
            {Tile("未汇报", board.NonReporters.Count.ToString(CultureInfo.InvariantCulture), "人", board.NonReporters.Count > 0 ? "tile-warn" : "")}
            {Tile("逾期任务", board.Overdue.Count.ToString(CultureInfo.InvariantCulture), "项", board.Overdue.Count > 0 ? "tile-bad" : "")}
            {Tile($"{BoardQuery.UpcomingDays}天内到期", board.Upcoming.Count.ToString(CultureInfo.InvariantCulture), "项", "")}
            {Tile("走访覆盖", $"{visited}/{board.Coverage.Count}", "个乡街园区", "")}
            {Tile("河长巡河（有照片）", $"{patrols.WithPhoto}/{patrols.Reports}", $"次，{patrols.Reports - patrols.WithPhoto}次无照片", patrols.Reports > patrols.WithPhoto ? "tile-warn tile-patrols" : "tile-patrols")}
            </section>
            <section class="grid two">
            <div class="card"><h2>汇报数量（按周）</h2>{SvgCharts.ReportsPerWeek(board.Weeks, $"{f.Period.Label}每周汇报数量")}</div>
            <div class="card"><h2>{PaceTitle(board)}</h2>{SvgCharts.Pace(board.Pace, PaceTitle(board), MetricCatalog.Unit(board.PaceMetric ?? ""))}</div>
            </section>
            <section class="card" id="actions"><h2>行动看板</h2>{Actions(board)}</section>
            <section class="card" id="scorecards"><h2>领导计分卡 <small class="legend">对照方案指标：{Layout.Dot(Light.Green)}达到序时进度 {Layout.Dot(Light.Yellow)}落后或临近期限 {Layout.Dot(Light.Red)}到期未达标</small></h2>{Scorecards(board)}</section>
            <section class="grid two">
            <div class="card" id="overdue"><h2>逾期任务</h2>{TaskTable(board.Overdue, "暂无逾期任务。")}</div>
            <div class="card" id="upcoming"><h2>近期到期（{BoardQuery.UpcomingDays}天内）</h2>{TaskTable(board.Upcoming, "近期没有到期任务。")}</div>
            </section>
            <section class="grid two">
            <div class="card" id="non-reporters"><h2>本期未汇报</h2>{NonReporters(board)}</div>
            <div class="card" id="coverage"><h2>走访覆盖</h2>{Coverage(board)}</div>
            </section>
            <section class="card" id="latest"><h2>最新汇报 <a class="more" href="/reports{f.Query()}">全部汇报 →</a></h2>{ReportTable(board.Reports.Take(20).ToList(), board)}</section>
            """);
        return Layout.Page(page, "督查看板", "board", body);
    }

    public static HtmlContent Filters(Board board)
    {
        var f = board.Filter;
        var year = board.Plan?.Year ?? board.Today.Year;
        var periods = PeriodCodes.Choices(year).ToList();
        if (!periods.Any(p => PeriodCodes.Of(p) == f.PeriodCode))
        {
            periods.Insert(0, f.Period);
        }

        var periodOptions = periods.Select(p => Option(PeriodCodes.Of(p), PeriodCodes.Describe(p), PeriodCodes.Of(p) == f.PeriodCode));
        var actionOptions = (board.Plan?.Actions ?? []).Select(a => Option(a.Number.ToString(CultureInfo.InvariantCulture), $"{a.Number}. {a.Title}", a.Number == f.Action));
        var leaderOptions = board.Leaders.Select(m => Option(m.Id.ToString(CultureInfo.InvariantCulture), $"{m.Name}（{m.Title}）", m.Id == f.LeaderId));
        var unitOptions = board.Units.OrderBy(u => u.Type, StringComparer.Ordinal).Select(u => Option(u.Id.ToString(CultureInfo.InvariantCulture), u.Name, u.Id == f.UnitId));
        return HtmlContent.Format($"""
            <form class="filters card" method="get" action="">
            <label>时间<select name="period" id="filter-period">{periodOptions}</select></label>
            <label>行动<select name="action" id="filter-action"><option value="">全部行动</option>{actionOptions}</select></label>
            <label>领导<select name="leader" id="filter-leader"><option value="">全部领导</option>{leaderOptions}</select></label>
            <label>单位<select name="unit" id="filter-unit"><option value="">全部单位</option>{unitOptions}</select></label>
            <button type="submit">筛选</button>
            <a class="reset" href="?">重置</a>
            </form>
            """);
    }

    private static HtmlContent Option(string value, string label, bool selected) =>
        HtmlContent.Format($"<option value=\"{value}\"{(selected ? new HtmlContent(" selected") : HtmlContent.Empty)}>{label}</option>");

    private static HtmlContent Tile(string label, string value, string unit, string css) =>
        HtmlContent.Format($"<div class=\"tile {css}\"><span class=\"label\">{label}</span><span class=\"value\">{value}</span><span class=\"unit\">{unit}</span></div>");

    private static string PaceTitle(Board board) =>
        board.PaceMetric is null ? "指标进度" : $"{MetricCatalog.Label(board.PaceMetric)}：完成与序时进度";

    private static HtmlContent Actions(Board board)
    {
        if (board.Actions.Count == 0)
        {
            return new HtmlContent("<p class=\"muted\">暂无行动。</p>");
        }

        return HtmlContent.Format($"<div class=\"actions\">{board.Actions.Select(a =>
        {
            var title = a.Action is null ? "其他任务" : $"{a.Action.Number}. {a.Action.Title}";
            var metrics = a.Metrics.OrderBy(m => MetricOrder(m.Key)).Take(4)
                .Select(m => HtmlContent.Format($"<li>{MetricCatalog.Label(m.Key)} <b>{MetricCatalog.Format(m.Value)}</b> {MetricCatalog.Unit(m.Key)}</li>"));
            var counts = string.Join(" · ", new[] { Light.Red, Light.Yellow, Light.Green }
                .Select(l => (l, n: a.Tasks.Count(t => t.Light == l))).Where(x => x.n > 0).Select(x => $"{x.l.Chinese()}{x.n}"));
            var tasks = a.Tasks.Count == 0 ? new HtmlContent("<p class=\"muted\">本期无任务节点。</p>") : TaskList(a.Tasks);
            return HtmlContent.Format($"""
                <article class="action light-border-{a.Light.ToString().ToLowerInvariant()}" data-action="{a.Action?.Number}">
                <header>{Layout.Light(a.Light)}<h3>{title}</h3><span class="muted">{a.Action?.Period ?? ""}</span></header>
                <p class="stats">本期汇报 <b>{a.Reports}</b> 条 · 任务 <b>{a.Tasks.Count}</b> 项{(counts.Length > 0 ? $"（{counts}）" : "")}</p>
                <ul class="metrics">{metrics}</ul>
                <details><summary>任务节点</summary>{tasks}</details>
                </article>
                """);
        })}</div>");
    }

    private static int MetricOrder(string key)
    {
        var index = MetricCatalog.Keys.ToList().IndexOf(key);
        return index < 0 ? int.MaxValue : index;
    }

    private static HtmlContent TaskList(IReadOnlyList<TaskView> tasks) => HtmlContent.Format($"<ul class=\"tasks\">{tasks.Select(t =>
        HtmlContent.Format($"<li>{Layout.Light(t.Light)} {t.Task.Title}<span class=\"muted\"> {Due(t)} {t.OwnerUnit ?? ""} {Labels.TaskStatus(t.Task.Status)}</span></li>"))}</ul>");

    private static string Due(TaskView t) =>
        t.Task.Recurrence is { } r ? Labels.Recurrence(r)
        : t.Task.DueEnd is DateOnly due ? $"截止 {PeriodCodes.Date(due)}"
        : "";

    private static HtmlContent Scorecards(Board board)
    {
        if (board.Cards.Count == 0)
        {
            return new HtmlContent("<p class=\"muted\">名册中暂无领导。</p>");
        }

        return HtmlContent.Format($"<div class=\"scorecards\">{board.Cards.Select(card =>
        {
            var lines = card.Lines.Count == 0
                ? new HtmlContent("<li class=\"muted\">方案中暂无对领导的量化指标。</li>")
                : HtmlContent.Join(card.Lines.Select(l => HtmlContent.Format($"""
                    <li data-metric="{l.Metric}" data-period="{l.Period.Kind}">{Layout.Light(l.Light)}<span class="metric">{l.Period.Label}{MetricCatalog.Label(l.Metric)}</span>
                    <span class="count"><b class="actual">{MetricCatalog.Format(l.Actual)}</b>/{Bounds(l)} {MetricCatalog.Unit(l.Metric)}</span>{Progress(l)}</li>
                    """)));
            return HtmlContent.Format($"""
                <article class="scorecard" data-member="{card.Member.Name}">
                <header>{Layout.Light(card.Light)}<h3>{card.Member.Name}</h3><span class="muted">{card.Member.Title ?? ""}</span></header>
                <ul>{lines}</ul>
                </article>
                """);
        })}</div>");
    }

    private static string Bounds(ScoreLine line) => (line.Min, line.Max) switch
    {
        (double min, double max) when max > min => $"{MetricCatalog.Format(min)}–{MetricCatalog.Format(max)}",
        (double min, _) => MetricCatalog.Format(min),
        (null, double max) => MetricCatalog.Format(max),
        _ => "—",
    };

    private static HtmlContent Progress(ScoreLine line)
    {
        var min = line.Min ?? 0;
        var percent = min <= 0 ? 100 : Math.Min(100, line.Actual / min * 100);
        return HtmlContent.Format($"<svg class=\"progress\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect width=\"100\" height=\"6\" fill=\"#eef2f7\"/><rect width=\"{percent.ToString("0.#", CultureInfo.InvariantCulture)}\" height=\"6\" fill=\"{SvgCharts.Colour(line.Light)}\"/></svg>");
    }

    public static HtmlContent TaskTable(IReadOnlyList<TaskView> tasks, string empty)
    {
        if (tasks.Count == 0)
        {
            return HtmlContent.Format($"<p class=\"muted\">{empty}</p>");
        }

        return HtmlContent.Format($"""
            <table><thead><tr><th>灯</th><th>任务</th><th>责任单位</th><th>截止</th><th>状态</th></tr></thead><tbody>
            {tasks.Select(t => HtmlContent.Format($"<tr><td>{Layout.Light(t.Light)}</td><td>{t.Task.Title}</td><td>{t.OwnerUnit ?? ""}</td><td>{Due(t)}</td><td>{Labels.TaskStatus(t.Task.Status)}</td></tr>"))}
            </tbody></table>
            """);
    }

    private static HtmlContent NonReporters(Board board)
    {
        if (board.NonReporters.Count == 0)
        {
            return new HtmlContent("<p class=\"good\">本期应汇报人员均已汇报。</p>");
        }

        var units = board.Units.ToDictionary(u => u.Id, u => u.Name);
        return HtmlContent.Format($"<ul class=\"people\">{board.NonReporters.Select(m => HtmlContent.Format(
            $"<li><b>{m.Name}</b><span class=\"muted\">{m.Title ?? ""}{(m.UnitId is long u && units.TryGetValue(u, out var n) && m.Role != Roles.Leader ? " · " + n : "")}</span></li>"))}</ul>");
    }

    private static HtmlContent Coverage(Board board)
    {
        if (board.Coverage.Count == 0)
        {
            return new HtmlContent("<p class=\"muted\">名册中暂无乡、街道或园区。</p>");
        }

        return HtmlContent.Format($"""
            <table><thead><tr><th>单位</th><th>类型</th><th>走访次数</th><th>走访领导</th></tr></thead><tbody>
            {board.Coverage.OrderBy(c => c.Visits > 0 ? 1 : 0).ThenBy(c => c.Unit.Name, StringComparer.Ordinal).Select(c => HtmlContent.Format(
                $"<tr class=\"{(c.Visits > 0 ? "visited" : "unvisited")}\"><td>{c.Unit.Name}</td><td>{c.Unit.Type}</td><td>{c.Visits}</td><td>{(c.Visits > 0 ? string.Join("、", c.Leaders) : "未覆盖")}</td></tr>"))}
            </tbody></table>
            """);
    }

    /// <summary>Reports with a link to their raw text and versions.</summary>
    public static HtmlContent ReportTable(IReadOnlyList<ProgressReport> reports, Board board)
    {
        if (reports.Count == 0)
        {
            return new HtmlContent("<p class=\"muted\">本期暂无汇报。</p>");
        }

        return HtmlContent.Format($"""
            <table class="reports"><thead><tr><th>工作日期</th><th>领导</th><th>汇报人</th><th>行动</th><th>类型</th><th>内容</th><th>版本</th><th></th></tr></thead><tbody>
            {reports.Select(r => HtmlContent.Format($"""
                <tr data-report="{r.Id}"><td>{(r.WorkDate is DateOnly d ? PeriodCodes.Date(d) : "")}</td><td>{r.MemberName}</td><td>{r.ReportedBy}</td>
                <td>{(r.Action is int a ? a.ToString(CultureInfo.InvariantCulture) : "")}</td><td>{r.Activity ?? ""}</td>
                <td class="summary"><span class="excerpt">{Excerpt(r.RawText)}</span><small class="muted">{Summary(r)}</small></td>
                <td>{(r.Version > 1 ? $"第{r.Version}版" : "")}</td><td><a href="/reports/{r.Id}">原文与版本</a></td></tr>
                """))}
            </tbody></table>
            """);
    }

    /// <summary>The raw text cut to 80 characters.</summary>
    public static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "…";

    /// <summary>e.g. 平西乡 · 专题调研 1 次、调研天数 2 天.</summary>
    public static string Summary(ProgressReport r)
    {
        var metrics = string.Join("、", r.Metrics.Select(m => $"{MetricCatalog.Label(m.Key)} {MetricCatalog.Format(m.Value)} {MetricCatalog.Unit(m.Key)}".TrimEnd()));
        var places = string.Join("、", r.Places);
        return string.Join(" · ", new[] { places, metrics }.Where(s => s.Length > 0));
    }

    /// <summary>A period's code for links.</summary>
    public static string Code(Period period) => PeriodCodes.Of(period);
}
