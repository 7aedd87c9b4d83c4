using System.Globalization;
using Bot.Data.Imports;
using Bot.Data.Plans;
using Bot.Host.Dashboard.Html;
using Bot.Skills.Plans;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/plans</c>: upload a plan document, its preview and diff against the active plan, the versions.</summary>
public static class AdminPlansPage
{
    public static HtmlPage List(PageContext page, IReadOnlyList<Plan> versions, string? error = null, string? notice = null, int statusCode = 200)
    {
        var upload = page.IsAdmin ? HtmlContent.Format($"""
            <section class="card"><h2>上传方案</h2>
            <p class="muted">支持 .docx（Word 2007 及以上）和 .txt；上传后先预览识别结果和与当前方案的差异，确认后才导入为新版本。</p>
            <form method="post" action="/admin/plans/upload" enctype="multipart/form-data" class="inline" id="plan-upload">{page.Field}
            <label>方案文件<input type="file" name="file" id="plan-file" accept=".docx,.txt" required></label>
            <label>年度<input type="number" name="year" min="2000" max="2100" placeholder="默认今年"></label>
            <button type="submit" class="primary">上传并预览</button></form></section>
            """) : HtmlContent.Empty;
        var rows = versions.OrderByDescending(v => v.Version).Select(v => HtmlContent.Format($"""
            <tr data-version="{v.Version}" class="{(v.IsActive ? "selected" : "")}"><td>第{v.Version}版</td><td>{v.Title}</td><td>{v.Year}</td>
            <td>{AdminHtml.Time(v.ImportedAt)}</td><td>{(v.IsActive ? "当前生效" : "历史版本")}</td></tr>
            """));
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>实施方案</h1><p class="muted">方案文档、导入预览与版本</p></div></div>
            {AdminHtml.Nav("plans")}
            {AdminHtml.Alert(error, notice)}
            {upload}
            <section class="card" id="versions"><h2>版本（{versions.Count}）</h2>
            {(versions.Count == 0 ? new HtmlContent("<p class=\"muted\">尚未导入方案。</p>") : HtmlContent.Format($"<table><thead><tr><th>版本</th><th>标题</th><th>年度</th><th>导入时间</th><th>状态</th></tr></thead><tbody>{rows}</tbody></table>"))}
            </section>
            """);
        return Layout.Page(page, "实施方案", "console", body, statusCode: statusCode);
    }

    public static HtmlPage Preview(PageContext page, StagedImport staged, PlanImportResult result, PlanDiff diff)
    {
        var plan = result.Plan;
        var preview = PlanPreview.Of(result);
        var decided = staged.State != StagedImportStates.Pending;
        var confirm = page.IsAdmin && !decided ? HtmlContent.Format($"""
            <form method="post" action="/admin/plans/confirm/{staged.Id}" class="inline">{page.Field}<button type="submit" class="primary" id="confirm-import">确认导入</button></form>
            <form method="post" action="/admin/plans/discard/{staged.Id}" class="inline">{page.Field}<button type="submit">放弃</button></form>
            """) : decided ? HtmlContent.Format($"<p class=\"notice\">该文件已{(staged.State == StagedImportStates.Imported ? "导入" : "放弃")}：{staged.Result ?? ""}</p>") : HtmlContent.Empty;
        var changes = diff.Changes.Count == 0
            ? HtmlContent.Format($"<p class=\"muted\" id=\"no-changes\">{(diff.Identical ? "与当前生效方案完全相同，导入不会产生新版本。" : diff.HasActivePlan ? "与当前方案相比没有结构变化（仅文字变化）。" : "当前没有生效的方案，全部内容为新增。")}</p>")
            : HtmlContent.Format($"""
                <table><thead><tr><th>变化</th><th>类别</th><th>行动</th><th>原内容</th><th>新内容</th></tr></thead><tbody>{diff.Changes.Select(c => HtmlContent.Format($"""
                <tr class="change-{c.Kind.ToString().ToLowerInvariant()}" data-kind="{c.Kind.ToString().ToLowerInvariant()}" data-item="{c.Item}"><td>{Kind(c.Kind)}</td><td>{c.Item}</td><td>{(c.ActionNumber is int n ? n.ToString(CultureInfo.InvariantCulture) : "全局")}</td><td>{c.Old ?? ""}</td><td>{c.New ?? ""}</td></tr>
                """))}</tbody></table>
                """);
        var tasks = HtmlContent.Format($"""
            <h3>将新建的任务（{diff.TasksToOpen.Count}）</h3>{List(diff.TasksToOpen, "tasks-open")}
            <h3>将不再跟踪的未完成任务（{diff.TasksToClose.Count}）</h3>{List(diff.TasksToClose.Select(t => t.Title).ToList(), "tasks-close")}
            """);
        var actions = plan.Actions.Select(a => HtmlContent.Format($"""
            <details class="plan-action" data-action="{a.Number}" open><summary>行动{a.Number}：{a.Title}（{a.Period ?? "未注明时段"}）</summary>
            <p>节点（{a.Milestones.Count}）</p>{List(a.Milestones.Select(m => m.Text + Dates(m.StartDate, m.EndDate)).ToList(), null)}
            <p>指标（{a.Targets.Count}）</p>{List(a.Targets.Select(t => $"{t.Text}（{t.Metric}，每{t.Per}，{t.MinValue?.ToString(CultureInfo.InvariantCulture) ?? "…"}–{t.MaxValue?.ToString(CultureInfo.InvariantCulture) ?? "…"}）").ToList(), null)}
            <p>职责（{a.Duties.Count}）</p>{List(a.Duties.Select(d => $"{d.Text}（每{d.Every}{(d.PhotoRequired ? "，须附照片" : "")}）").ToList(), null)}
            <p>责任分工（{a.Responsibilities.Count}）</p>{List(a.Responsibilities.Select(r => (r.Kind == ResponsibilityKinds.Leader ? "牵头领导：" : "责任单位：") + r.Name).ToList(), null)}
            </details>
            """));
        var body = HtmlContent.Format($"""
            <p><a href="/admin/plans">← 实施方案</a></p>
            <section class="card"><h1>导入预览：{staged.FileName}</h1>
            <p id="preview-summary">《{plan.Title}》（{plan.Year}年）：{preview.Summary}</p>
            {confirm}
            </section>
            <section class="card" id="diff"><h2>与当前方案的差异</h2>
            <p class="muted">新增 {diff.Count(PlanChangeKind.Added)} 项 · 修改 {diff.Count(PlanChangeKind.Changed)} 项 · 删除 {diff.Count(PlanChangeKind.Removed)} 项</p>
            {changes}{tasks}</section>
            <section class="card" id="preview"><h2>识别结果</h2>{actions}
            <h3>全局职责（{plan.Duties.Count}）</h3>{List(plan.Duties.Select(d => d.Text).ToList(), "plan-duties")}
            <h3>新单位（{diff.NewUnits.Count}）</h3>{List(diff.NewUnits, "new-units")}
            </section>
            <section class="card" id="unparsed"><h2>未识别的行（{result.Unparsed.Count}）</h2>
            <p class="muted">这些行没有被理解，导入后只保存在方案原文中；如果其中有任务或指标，请修改文档后重新上传。</p>
            {List(result.Unparsed, "unparsed-lines")}</section>
            """);
        return Layout.Page(page, "导入预览", "console", body);
    }

    private static string Kind(PlanChangeKind kind) => kind switch
    {
        PlanChangeKind.Added => "新增",
        PlanChangeKind.Changed => "修改",
        _ => "删除",
    };

    private static string Dates(DateOnly? start, DateOnly? end) =>
        start is null && end is null ? "" : $"（{start?.ToString("M月d日", CultureInfo.InvariantCulture) ?? "…"}—{end?.ToString("M月d日", CultureInfo.InvariantCulture) ?? "…"}）";

    private static HtmlContent List(IReadOnlyList<string> items, string? id) =>
        items.Count == 0
            ? new HtmlContent("<p class=\"muted\">无</p>")
            : HtmlContent.Format($"<ul{(id is null ? HtmlContent.Empty : HtmlContent.Format($" id=\"{id}\""))}>{items.Select(i => HtmlContent.Format($"<li>{i}</li>"))}</ul>");
}

/// <summary>Pieces shared by the console pages.</summary>
public static class AdminHtml
{
    private static readonly (string Key, string Href, string Label)[] Sections =
    [
        ("plans", "/admin/plans", "方案"),
        ("tasks", "/admin/tasks", "任务"),
        ("roster", "/admin/roster", "人员"),
        ("chats", "/admin/chats", "群聊"),
        ("audit", "/admin/audit", "操作留痕"),
    ];

    /// <summary>The console's section tabs.</summary>
    public static HtmlContent Nav(string active) => HtmlContent.Format($"""
        <nav class="filters console-nav">{Sections.Select(s => HtmlContent.Format($"<a class=\"button{(s.Key == active ? " primary" : "")}\" href=\"{s.Href}\">{s.Label}</a>"))}</nav>
        """);

    public static HtmlContent Alert(string? error, string? notice) => HtmlContent.Format($"""
        {(error is null ? HtmlContent.Empty : HtmlContent.Format($"<p class=\"error\" role=\"alert\" id=\"error\">{error}</p>"))}{(notice is null ? HtmlContent.Empty : HtmlContent.Format($"<p class=\"good\" role=\"status\" id=\"notice\">{notice}</p>"))}
        """);

    public static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Bot.Skills.Calendar.BusinessClock.Shanghai).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is DateTimeOffset t ? Time(t) : "";

    public static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
