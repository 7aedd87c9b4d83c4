using Bot.Data.Members;
using Bot.Data.Units;
using Bot.Host.Dashboard.Html;
using Bot.Skills.Roster;

namespace Bot.Host.Dashboard.Pages;

/// <summary><c>/admin/roster</c>: members (search, add, edit, deactivate), roster file import with preview, binding requests.</summary>
public static class AdminRosterPage
{
    public static HtmlPage List(PageContext page, IReadOnlyList<Member> members, IReadOnlyList<Unit> units, IReadOnlyList<BindingRequest> bindings,
        string? search, string? error, string? notice, int statusCode = 200)
    {
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var memberNames = members.ToDictionary(m => m.Id, m => m.Name);
        var shown = string.IsNullOrWhiteSpace(search) ? members : members.Where(m => m.Name.Contains(search.Trim(), StringComparison.Ordinal) ||
            (m.Title ?? "").Contains(search.Trim(), StringComparison.Ordinal) || (m.UnitId is long u && unitNames.GetValueOrDefault(u, "").Contains(search.Trim(), StringComparison.Ordinal))).ToList();
        var rows = shown.Select(m => HtmlContent.Format($"""
            <tr data-member="{m.Name}" class="{(m.Active ? "" : "inactive")}"><td><a href="/admin/roster/{m.Id}">{m.Name}</a></td><td>{m.Title ?? ""}</td><td>{RoleName(m.Role)}</td>
            <td>{(m.UnitId is long u ? unitNames.GetValueOrDefault(u, "") : "")}</td><td>{(m.Active ? "在用" : "已停用")}</td></tr>
            """));
        var pending = bindings.Count == 0 ? new HtmlContent("<p class=\"muted\">没有待确认的绑定申请。</p>") : HtmlContent.Format($"""
            <table><thead><tr><th>申请时间</th><th>平台</th><th>账号</th><th>自称</th><th>匹配人员</th><th></th></tr></thead><tbody>{bindings.Select(b => HtmlContent.Format($"""
            <tr data-binding="{b.Id}"><td>{AdminHtml.Time(b.CreatedAt)}</td><td>{AdminChatsPage.PlatformName(b.Platform)}</td><td>{b.UserId}</td><td>{b.ClaimedName}</td>
            <td>{(b.MemberId is long id ? memberNames.GetValueOrDefault(id, "?") : "未匹配")}</td>
            <td>{(page.IsAdmin ? HtmlContent.Format($"""
            <form method="post" action="/admin/roster/bindings/{b.Id}/approve" class="inline">{page.Field}{(b.MemberId is null ? MemberSelect(members) : HtmlContent.Empty)}<button type="submit" class="primary">确认</button></form>
            <form method="post" action="/admin/roster/bindings/{b.Id}/reject" class="inline">{page.Field}<button type="submit">拒绝</button></form>
            """) : HtmlContent.Empty)}</td></tr>
            """))}</tbody></table>
            """);
        var forms = page.IsAdmin ? HtmlContent.Format($"""
            <section class="card"><h2>添加人员</h2>
            <form method="post" action="/admin/roster/add" class="inline" id="member-add">{page.Field}{Fields(null, units)}<button type="submit" class="primary">添加</button></form></section>
            <section class="card"><h2>导入名册</h2>
            <p class="muted">.xlsx 或 .csv，表头：姓名，职务，角色，单位，分管单位，河长级别，企业微信账号，钉钉账号。先预览，确认后才保存。</p>
            <form method="post" action="/admin/roster/import" enctype="multipart/form-data" class="inline">{page.Field}
            <label>名册文件<input type="file" name="file" accept=".xlsx,.csv" required></label><button type="submit">上传并预览</button></form></section>
            """) : HtmlContent.Empty;
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>人员名册</h1><p class="muted">停用的人员不再参与统计和提醒，已有汇报保留。</p></div></div>
            {AdminHtml.Nav("roster")}{AdminHtml.Alert(error, notice)}
            <section class="card" id="bindings"><h2>待确认的账号绑定（{bindings.Count}）</h2>{pending}</section>
            <section class="card" id="members"><h2>人员（{members.Count}）</h2>
            <form method="get" action="/admin/roster" class="filters"><label>搜索<input name="q" value="{search ?? ""}" placeholder="姓名、职务或单位"></label><button type="submit">搜索</button></form>
            <table><thead><tr><th>姓名</th><th>职务</th><th>角色</th><th>单位</th><th>状态</th></tr></thead><tbody>{rows}</tbody></table></section>
            {forms}
            """);
        return Layout.Page(page, "人员名册", "console", body, statusCode: statusCode);
    }

    public static HtmlPage Edit(PageContext page, Member member, IReadOnlyList<Unit> units, IReadOnlyList<MemberAccount> accounts)
    {
        var body = HtmlContent.Format($"""
            <p><a href="/admin/roster">← 人员名册</a></p>
            <section class="card"><h1>{member.Name}</h1>
            <p>账号：{(accounts.Count == 0 ? "未绑定" : string.Join("、", accounts.Select(a => $"{AdminChatsPage.PlatformName(a.Platform)} {a.UserId}")))}</p>
            {(page.IsAdmin ? HtmlContent.Format($"""
            <form method="post" action="/admin/roster/{member.Id}" class="inline" id="member-edit">{page.Field}{Fields(member, units)}<button type="submit" class="primary">保存</button></form>
            <form method="post" action="/admin/roster/{member.Id}/active" class="inline">{page.Field}<input type="hidden" name="active" value="{(member.Active ? "0" : "1")}">
            <button type="submit" id="toggle-active">{(member.Active ? "停用" : "恢复启用")}</button></form>
            """) : HtmlContent.Empty)}
            </section>
            """);
        return Layout.Page(page, member.Name, "console", body);
    }

    public static HtmlPage ImportPreview(PageContext page, long id, string fileName, IReadOnlyList<RosterRow> rows, IReadOnlyList<string> errors, bool pending)
    {
        var body = HtmlContent.Format($"""
            <p><a href="/admin/roster">← 人员名册</a></p>
            <section class="card"><h1>名册预览：{fileName}</h1><p id="roster-summary">可导入 {rows.Count} 行，错误 {errors.Count} 行。</p>
            {(errors.Count == 0 ? HtmlContent.Empty : HtmlContent.Format($"<ul class=\"error\" id=\"row-errors\">{errors.Select(e => HtmlContent.Format($"<li>{e}</li>"))}</ul>"))}
            <table><thead><tr><th>行</th><th>姓名</th><th>职务</th><th>角色</th><th>单位</th><th>分管单位</th><th>企业微信</th><th>钉钉</th></tr></thead><tbody>{rows.Select(r => HtmlContent.Format($"""
            <tr><td>{r.Line}</td><td>{r.Name}</td><td>{r.Title ?? ""}</td><td>{RoleName(r.Role)}</td><td>{r.Unit ?? ""}</td><td>{string.Join("、", r.LedUnits)}</td><td>{r.WeComUserId ?? ""}</td><td>{r.DingTalkUserId ?? ""}</td></tr>
            """))}</tbody></table>
            {(page.IsAdmin && pending && rows.Count > 0 ? HtmlContent.Format($"<form method=\"post\" action=\"/admin/roster/import/{id}/confirm\" class=\"inline\">{page.Field}<button type=\"submit\" class=\"primary\">确认导入</button></form>") : HtmlContent.Empty)}
            </section>
            """);
        return Layout.Page(page, "名册预览", "console", body);
    }

    private static HtmlContent MemberSelect(IReadOnlyList<Member> members) => HtmlContent.Format($"""
        <select name="memberId" required><option value="">选择人员</option>{members.Where(m => m.Active).Select(m => HtmlContent.Format($"<option value=\"{m.Id}\">{m.Name}</option>"))}</select>
        """);

    private static HtmlContent Fields(Member? m, IReadOnlyList<Unit> units) => HtmlContent.Format($"""
        <label>姓名<input name="name" value="{m?.Name ?? ""}" required maxlength="32"></label>
        <label>职务<input name="title" value="{m?.Title ?? ""}" maxlength="64"></label>
        <label>角色<select name="role">{Roles.All.Select(r => HtmlContent.Format($"<option value=\"{r}\"{(r == (m?.Role ?? Roles.Department) ? new HtmlContent(" selected") : HtmlContent.Empty)}>{RoleName(r)}</option>"))}</select></label>
        <label>单位<select name="unitId"><option value="">区政府</option>{units.Select(u => HtmlContent.Format($"<option value=\"{u.Id}\"{(u.Id == m?.UnitId ? new HtmlContent(" selected") : HtmlContent.Empty)}>{u.Name}</option>"))}</select></label>
        """);

    public static string RoleName(string role) => role switch
    {
        Roles.Leader => "领导",
        Roles.Office => "办公室",
        Roles.Admin => "管理员",
        _ => "部门",
    };
}
