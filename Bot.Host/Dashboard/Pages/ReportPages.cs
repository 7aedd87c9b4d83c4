using System.Globalization;
using Bot.Data.Audit;
using Bot.Data.ProgressReports;
using Bot.Host.Dashboard.Html;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Bot.Skills.Scorecards;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/reports</c> (the filtered list) and <c>/reports/{id}</c> (raw text, the record and every version).</summary>
public static class ReportPages
{
    public static HtmlPage List(PageContext page, Board board)
    {
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>汇报记录</h1><p class="muted">{board.Filter.Period.Label} · 共 {board.ReportTotal} 条（当前版本，不含已撤回）</p></div>
            <a class="button primary" href="/export?period={board.Filter.PeriodCode}" download>导出台账（Excel）</a></div>
            {BoardPage.Filters(board)}
            <section class="card">{BoardPage.ReportTable(board.Reports, board)}{Pager(board)}</section>
            """);
        return Layout.Page(page, "汇报记录", "reports", body);
    }

    /// <summary>Links to the previous and next page of the list, keeping the filters (<c>?…&amp;page=N</c>).</summary>
    public static HtmlContent Pager(Board board)
    {
        if (board.Pages <= 1)
        {
            return HtmlContent.Empty;
        }

        var page = board.Filter.Page;
        var query = board.Filter.Query();
        var previous = page > 1 ? HtmlContent.Format($"<a class=\"button\" rel=\"prev\" href=\"/reports{query}&page={page - 1}\">← 上一页</a>") : HtmlContent.Empty;
        var next = page < board.Pages ? HtmlContent.Format($"<a class=\"button\" rel=\"next\" href=\"/reports{query}&page={page + 1}\">下一页 →</a>") : HtmlContent.Empty;
        return HtmlContent.Format($"<nav class=\"pager\">{previous} <span class=\"muted\">第 {page}/{board.Pages} 页</span> {next}</nav>");
    }

    public static HtmlPage Detail(PageContext page, ProgressReport report, IReadOnlyList<ProgressReport> versions, IReadOnlyList<AuditEntry> audit, string? actionTitle, HtmlContent? extra = null)
    {
        var state = report.Withdrawn ? "已撤回" : report.IsCurrent ? "当前版本" : "已被更正";
        var metrics = report.Metrics.Count == 0
            ? new HtmlContent("<span class=\"muted\">无</span>")
            : HtmlContent.Join(report.Metrics.Select(m => HtmlContent.Format($"<span class=\"chip\">{MetricCatalog.Label(m.Key)} {MetricCatalog.Format(m.Value)} {MetricCatalog.Unit(m.Key)}</span>")));
        var rows = new (string Label, string Value)[]
        {
            ("领导", report.MemberName),
            ("汇报人", report.ReportedBy),
            ("行动", actionTitle ?? (report.Action is int a ? a.ToString(CultureInfo.InvariantCulture) : "未归类")),
            ("类型", report.Activity ?? ""),
            ("工作日期", report.WorkDate is DateOnly d ? PeriodCodes.Date(d) + (report.EndDate is DateOnly e && e != d ? " 至 " + PeriodCodes.Date(e) : "") : "未注明"),
            ("人员", string.Join("、", report.People)),
            ("地点", string.Join("、", report.Places)),
            ("单位", string.Join("、", report.Units)),
            ("照片", report.Photos.ToString(CultureInfo.InvariantCulture)),
            ("识别方式", report.Source == "llm" ? "大模型" : "规则"),
            ("置信度", report.Confidence.ToString("0.##", CultureInfo.InvariantCulture)),
            ("待补充", string.Join("、", report.Missing)),
            ("状态", $"第{report.Version}版 · {state}"),
            ("录入时间", Time(report.CreatedAt)),
        };
        var versionRows = versions.Select(v => HtmlContent.Format($"""
            <tr class="{(v.Id == report.Id ? "selected" : "")}"><td><a href="/reports/{v.Id}">第{v.Version}版</a></td><td>{Time(v.CreatedAt)}</td>
            <td>{v.ReportedBy}</td><td>{BoardPage.Summary(v)}</td><td>{(v.Withdrawn ? "已撤回" : v.IsCurrent ? "当前" : "已更正")}</td><td class="raw">{v.RawText}</td></tr>
            """));
        var auditRows = audit.Count == 0
            ? new HtmlContent("<p class=\"muted\">暂无操作记录。</p>")
            : HtmlContent.Format($"<table><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>原值</th><th>新值</th></tr></thead><tbody>{audit.Select(x =>
                HtmlContent.Format($"<tr><td>{Time(x.At)}</td><td>{x.Actor}</td><td>{x.Action}</td><td class=\"raw\">{x.OldValue ?? ""}</td><td class=\"raw\">{x.NewValue ?? ""}</td></tr>"))}</tbody></table>");
        var body = HtmlContent.Format($"""
            <p><a href="/reports">← 汇报记录</a></p>
            <section class="card"><h1>汇报 #{report.RootId ?? report.Id} · 第{report.Version}版</h1>
            <h2>原文</h2><pre class="raw-text" id="raw-text">{report.RawText}</pre>
            <h2>结构化记录</h2>
            <dl class="record">{rows.Select(r => HtmlContent.Format($"<dt>{r.Label}</dt><dd>{r.Value}</dd>"))}<dt>指标</dt><dd>{metrics}</dd></dl>
            </section>
            {extra ?? HtmlContent.Empty}
            <section class="card" id="versions"><h2>版本记录（{versions.Count}）</h2>
            <table><thead><tr><th>版本</th><th>录入时间</th><th>汇报人</th><th>内容</th><th>状态</th><th>原文</th></tr></thead><tbody>{versionRows}</tbody></table>
            </section>
            <section class="card"><h2>操作留痕</h2>{auditRows}</section>
            """);
        return Layout.Page(page, $"汇报 #{report.Id}", "reports", body);
    }

    private static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, BusinessClock.Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
