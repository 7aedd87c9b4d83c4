using Bot.Data.Evidence;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Host.Dashboard.Html;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/tasks</c>: tasks with filters (action, unit, light), add; <c>/admin/tasks/{id}</c>: edit, close with evidence, reopen.</summary>
public static class AdminTasksPage
{
    public static HtmlPage List(PageContext page, IReadOnlyList<TaskView> tasks, Plan? plan, IReadOnlyList<Unit> units, IReadOnlyList<Member> members,
        int? action, long? unit, string? light, string? notice, string? error = null, int statusCode = 200)
    {
        var rows = tasks.Select(t => HtmlContent.Format($"""
            <tr data-task="{t.Task.Id}"><td>{Layout.Light(t.Light)}</td><td><a href="/admin/tasks/{t.Task.Id}">{t.Task.Title}</a></td><td>{(t.Action is int n ? $"行动{n}" : "")}</td>
            <td>{t.OwnerUnit ?? ""}</td><td>{AdminHtml.Date(t.Task.DueEnd)}</td><td>{Status(t.Task.Status)}</td></tr>
            """));
        HtmlContent Option(string value, string label, bool selected) => HtmlContent.Format($"<option value=\"{value}\"{(selected ? new HtmlContent(" selected") : HtmlContent.Empty)}>{label}</option>");
        var filters = HtmlContent.Format($"""
            <form method="get" action="/admin/tasks" class="filters" id="task-filters">
            <label>行动<select name="action">{Option("", "全部", action is null)}{(plan?.Actions ?? []).Select(a => Option(a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"行动{a.Number} {a.Title}", a.Number == action))}</select></label>
            <label>单位<select name="unit">{Option("", "全部", unit is null)}{units.Select(u => Option(u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Name, u.Id == unit))}</select></label>
            <label>状态灯<select name="light">{Option("", "全部", light is null)}{Option("red", "红灯（逾期）", light == "red")}{Option("yellow", "黄灯（临期）", light == "yellow")}{Option("green", "绿灯", light == "green")}</select></label>
            <button type="submit">筛选</button><a class="reset" href="/admin/tasks">清除</a></form>
            """);
        var add = page.IsAdmin ? HtmlContent.Format($"""
            <section class="card"><h2>新增任务</h2>
            <form method="post" action="/admin/tasks/add" class="inline" id="task-add">{page.Field}{Fields(null, plan, units, members)}<button type="submit" class="primary">添加</button></form></section>
            """) : HtmlContent.Empty;
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>任务</h1><p class="muted">方案节点生成的任务和办公室添加的任务</p></div></div>
            {AdminHtml.Nav("tasks")}{AdminHtml.Alert(error, notice)}{filters}
            <section class="card" id="tasks"><table><thead><tr><th>状态灯</th><th>任务</th><th>行动</th><th>责任单位</th><th>截止</th><th>状态</th></tr></thead><tbody>{rows}</tbody></table></section>
            {add}
            """);
        return Layout.Page(page, "任务", "console", body, statusCode: statusCode);
    }

    public static HtmlPage Detail(PageContext page, PlanTask task, Plan? plan, IReadOnlyList<Unit> units, IReadOnlyList<Member> members, IReadOnlyList<EvidenceItem> evidence, string? notice, string? error = null, int statusCode = 200)
    {
        var open = task.Status == TaskStatuses.Open;
        var forms = !page.IsAdmin ? HtmlContent.Empty : HtmlContent.Format($"""
            <section class="card"><h2>修改</h2>
            <form method="post" action="/admin/tasks/{task.Id}/edit" class="inline" id="task-edit">{page.Field}{Fields(task, plan, units, members)}<button type="submit" class="primary">保存</button></form></section>
            {(open ? HtmlContent.Format($"""
            <section class="card"><h2>销号</h2>
            <form method="post" action="/admin/tasks/{task.Id}/close" enctype="multipart/form-data" class="inline" id="task-close">{page.Field}
            <label>完成情况<input name="note" maxlength="500" placeholder="如：已召开推进会"></label>
            <label>佐证材料<input type="file" name="file" id="evidence-file"></label>
            <button type="submit" class="primary">销号</button></form></section>
            """) : HtmlContent.Format($"""
            <section class="card"><h2>重新打开</h2>
            <form method="post" action="/admin/tasks/{task.Id}/reopen" class="inline">{page.Field}<button type="submit" id="task-reopen">重新打开</button></form></section>
            """))}
            """);
        var body = HtmlContent.Format($"""
            <p><a href="/admin/tasks">← 任务</a></p>
            {AdminHtml.Alert(error, notice)}
            <section class="card"><h1>{task.Title}</h1>
            <dl class="record"><dt>状态</dt><dd id="task-status">{Status(task.Status)}</dd><dt>截止</dt><dd>{AdminHtml.Date(task.DueStart)} 至 {AdminHtml.Date(task.DueEnd)}</dd>
            <dt>责任单位</dt><dd>{units.FirstOrDefault(u => u.Id == task.OwnerUnitId)?.Name ?? ""}</dd><dt>牵头领导</dt><dd>{members.FirstOrDefault(m => m.Id == task.LeaderId)?.Name ?? ""}</dd>
            <dt>销号</dt><dd>{(task.ClosedAt is null ? "" : $"{AdminHtml.Time(task.ClosedAt)} {task.ClosedBy}：{task.Evidence}")}</dd></dl>
            <h2>佐证材料</h2><div id="task-evidence">{EvidenceHtml.Gallery(evidence)}</div></section>
            {forms}
            """);
        return Layout.Page(page, task.Title, "console", body, statusCode: statusCode);
    }

    private static HtmlContent Fields(PlanTask? t, Plan? plan, IReadOnlyList<Unit> units, IReadOnlyList<Member> members)
    {
        HtmlContent Selected(bool on) => on ? new HtmlContent(" selected") : HtmlContent.Empty;
        return HtmlContent.Format($"""
            <label>任务<input name="title" value="{t?.Title ?? ""}" required maxlength="200"></label>
            <label>行动<select name="actionId"><option value="">不关联</option>{(plan?.Actions ?? []).Select(a => HtmlContent.Format($"<option value=\"{a.Id}\"{Selected(a.Id == t?.ActionId)}>行动{a.Number}</option>"))}</select></label>
            <label>开始<input type="date" name="dueStart" value="{AdminHtml.Date(t?.DueStart)}"></label>
            <label>截止<input type="date" name="dueEnd" value="{AdminHtml.Date(t?.DueEnd)}"></label>
            <label>责任单位<select name="unitId"><option value="">无</option>{units.Select(u => HtmlContent.Format($"<option value=\"{u.Id}\"{Selected(u.Id == t?.OwnerUnitId)}>{u.Name}</option>"))}</select></label>
            <label>牵头领导<select name="leaderId"><option value="">无</option>{members.Where(m => m.Role == Roles.Leader && m.Active).Select(m => HtmlContent.Format($"<option value=\"{m.Id}\"{Selected(m.Id == t?.LeaderId)}>{m.Name}</option>"))}</select></label>
            """);
    }

    public static string Status(string status) => status switch
    {
        TaskStatuses.Done => "已销号",
        TaskStatuses.Cancelled => "已取消",
        _ => "进行中",
    };

    public static Light? ParseLight(string? light) => light switch
    {
        "red" => Light.Red,
        "yellow" => Light.Yellow,
        "green" => Light.Green,
        _ => null,
    };
}
