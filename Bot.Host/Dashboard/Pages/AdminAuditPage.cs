using System.Globalization;
using Bot.Data.Audit;
using Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/audit</c>: the audit log, filtered by who, what, when and record, newest first, paged.</summary>
public static class AdminAuditPage
{
    private static readonly string[] Filters = ["actor", "action", "entity", "record", "from", "to"];

    public static HtmlPage Render(PageContext page, AuditPage log, IQueryCollection query)
    {
        string Value(string name) => query[name].ToString();
        var rows = log.Entries.Select(e => HtmlContent.Format($"""
            <tr data-audit="{e.Id}"><td>{AdminHtml.Time(e.At)}</td><td>{e.Actor}</td><td>{e.Action}</td><td>{e.Entity}{(e.EntityId is null ? "" : " #" + e.EntityId)}</td>
            <td class="raw">{e.OldValue ?? ""}</td><td class="raw">{e.NewValue ?? ""}</td></tr>
            """));
        var keep = string.Join('&', Filters
            .Where(k => Value(k).Length > 0).Select(k => $"{k}={Uri.EscapeDataString(Value(k))}"));
        HtmlContent PageLink(int n, string label) => HtmlContent.Format($"<a class=\"button\" href=\"/admin/audit?{keep}{(keep.Length > 0 ? "&" : "")}page={n.ToString(CultureInfo.InvariantCulture)}\">{label}</a>");
        var pager = HtmlContent.Format($"""
            <p class="pager">第 {log.Page} / {log.Pages} 页，共 {log.Total} 条
            {(log.Page > 1 ? PageLink(log.Page - 1, "上一页") : HtmlContent.Empty)}{(log.Page < log.Pages ? PageLink(log.Page + 1, "下一页") : HtmlContent.Empty)}</p>
            """);
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>操作留痕</h1><p class="muted">每一次修改：谁、何时、改了什么（原值 → 新值）</p></div></div>
            {AdminHtml.Nav("audit")}
            <form method="get" action="/admin/audit" class="filters" id="audit-filters">
            <label>操作人<input name="actor" value="{Value("actor")}"></label>
            <label>操作<input name="action" value="{Value("action")}" placeholder="如 task.close"></label>
            <label>对象<input name="entity" value="{Value("entity")}" placeholder="如 tasks"></label>
            <label>记录编号<input name="record" value="{Value("record")}"></label>
            <label>从<input type="date" name="from" value="{Value("from")}"></label>
            <label>到<input type="date" name="to" value="{Value("to")}"></label>
            <button type="submit">筛选</button><a class="reset" href="/admin/audit">清除</a></form>
            <section class="card" id="audit">{(log.Entries.Count == 0 ? new HtmlContent("<p class=\"muted\">没有符合条件的记录。</p>") : HtmlContent.Format($"<table><thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>对象</th><th>原值</th><th>新值</th></tr></thead><tbody>{rows}</tbody></table>"))}
            {pager}</section>
            """);
        return Layout.Page(page, "操作留痕", "console", body);
    }

    /// <summary>The query of the page: dates are business days in Asia/Shanghai, <c>to</c> inclusive.</summary>
    public static AuditQuery Parse(IQueryCollection query)
    {
        static DateTimeOffset? Day(string value, int addDays) =>
            DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new DateTimeOffset(d.AddDays(addDays).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8))
                : null;
        return new AuditQuery(
            query["actor"], query["action"], query["entity"], query["record"],
            Day(query["from"].ToString(), 0), Day(query["to"].ToString(), 1),
            int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1);
    }
}
