using Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The sign-in form.</summary>
public static class LoginPage
{
    public static HtmlPage Render(PageContext page, string? returnUrl, string? userName, string? error, bool bootstrap, int statusCode = 200)
    {
        var errorBlock = error is null ? HtmlContent.Empty : HtmlContent.Format($"<p class=\"error\" role=\"alert\" id=\"login-error\">{error}</p>");
        var hint = bootstrap
            ? new HtmlContent("<p class=\"hint\">首次启动时生成的管理员账号为 <b>admin</b>，一次性密码已打印在服务控制台，并保存在数据目录中仅本用户可读的 dashboard-admin.password 文件里；首次登录后须修改密码。</p>")
            : HtmlContent.Empty;
        return Layout.Bare(page, "登录", HtmlContent.Format($"""
            <section class="card narrow login">
            <h1><span class="logo">铁</span>{Layout.Product} · 督查看板</h1>
            <p class="muted">请使用区政府办分配的账号登录。</p>
            {errorBlock}
            <form method="post" action="/login">
            {page.Field}
            <input type="hidden" name="returnUrl" value="{returnUrl ?? "/"}">
            <label>用户名<input name="username" id="username" autocomplete="username" required value="{userName ?? ""}"></label>
            <label>密码<input name="password" id="password" type="password" autocomplete="current-password" required></label>
            <button type="submit" class="primary">登录</button>
            </form>
            {hint}
            </section>
            """), statusCode);
    }

    /// <summary>The form that replaces the first-start password (shown instead of every page until it is changed).</summary>
    public static HtmlPage ChangePassword(PageContext page, string? error, int statusCode = 200)
    {
        var errorBlock = error is null ? HtmlContent.Empty : HtmlContent.Format($"<p class=\"error\" role=\"alert\" id=\"password-error\">{error}</p>");
        return Layout.Bare(page, "修改密码", HtmlContent.Format($"""
            <section class="card narrow login">
            <h1><span class="logo">铁</span>修改一次性密码</h1>
            <p class="muted">首次启动生成的密码只能使用一次，请设置新密码（至少12位）后继续。</p>
            {errorBlock}
            <form method="post" action="/password">
            {page.Field}
            <label>当前密码<input name="current" id="current" type="password" autocomplete="current-password" required></label>
            <label>新密码<input name="password" id="new-password" type="password" autocomplete="new-password" minlength="12" required></label>
            <label>再次输入新密码<input name="confirm" id="confirm" type="password" autocomplete="new-password" minlength="12" required></label>
            <button type="submit" class="primary">保存新密码</button>
            </form>
            </section>
            """), statusCode);
    }
}
