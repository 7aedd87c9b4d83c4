using Bot.Host.Dashboard.Html;
using Bot.Host.Dashboard.Security;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The system page (admins): accounts and a form that turns a password into a configuration hash.</summary>
public static class AdminPage
{
    public static HtmlPage Render(PageContext page, DashboardUserStore users, string? hash = null, string? error = null)
    {
        var source = users.UsesBootstrap ? $"首次启动生成（{users.BootstrapPath}）" : "配置 Dashboard:Users";
        var rows = users.Users.Select(u => HtmlContent.Format($"<tr><td>{u.Name}</td><td>{DashboardRoles.Chinese(u.Role)}（{u.Role}）</td><td>{source}</td></tr>"));
        var notice = users.UsesBootstrap
            ? new HtmlContent("<p class=\"notice\">当前使用首次启动生成的管理员账号。请在配置（环境变量或 appsettings）中添加正式账号，例如 <code>Dashboard__Users__0__Name</code>、<code>Dashboard__Users__0__PasswordHash</code>、<code>Dashboard__Users__0__Role</code>；配置后首次启动账号自动失效。</p>")
            : HtmlContent.Empty;
        var result = hash is null ? HtmlContent.Empty : HtmlContent.Format($"""
            <div class="result"><p>密码哈希（填入 <code>Dashboard:Users:N:PasswordHash</code>）：</p><pre id="hash">{hash}</pre></div>
            """);
        var errorBlock = error is null ? HtmlContent.Empty : HtmlContent.Format($"<p class=\"error\" role=\"alert\">{error}</p>");
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>系统</h1><p class="muted">仪表盘账号与密码哈希</p></div></div>
            <section class="card"><h2>账号</h2>{notice}
            <table><thead><tr><th>用户名</th><th>角色</th><th>来源</th></tr></thead><tbody>{rows}</tbody></table></section>
            <section class="card"><h2>生成密码哈希</h2>
            <p class="muted">哈希格式 pbkdf2-sha256$迭代次数$盐$哈希（PBKDF2-HMAC-SHA256）；服务器只保存哈希，不保存密码。</p>
            {errorBlock}
            <form method="post" action="/admin/hash" class="inline">{page.Field}
            <label>新密码<input type="password" name="password" autocomplete="new-password" minlength="10" required></label>
            <button type="submit">生成</button></form>
            {result}
            </section>
            """);
        return Layout.Page(page, "系统", "admin", body);
    }
}
