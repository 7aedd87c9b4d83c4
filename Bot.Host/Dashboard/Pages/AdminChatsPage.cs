using Bot.Data.Chats;
using Bot.Data.Inbox;
using Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>One group chat on <c>/admin/chats</c>: its row in the chats table (if any) and the last message seen from it.</summary>
public sealed record ChatRow(string Platform, string ChatId, Chat? Chat, ChatActivity? Last, bool AllowedByConfiguration)
{
    public bool Allowed => AllowedByConfiguration || Chat is { Whitelisted: true };
}

/// <summary><c>/admin/chats</c>: group chats per platform, the last message seen from each, allow/deny.</summary>
public static class AdminChatsPage
{
    public static HtmlPage Render(PageContext page, IReadOnlyList<ChatRow> chats, string? notice)
    {
        var groups = chats.GroupBy(c => c.Platform).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => HtmlContent.Format($"""
            <section class="card" data-platform="{g.Key}"><h2>{PlatformName(g.Key)}（{g.Count()}）</h2>
            <table><thead><tr><th>群</th><th>状态</th><th>最近消息</th><th>消息数</th><th></th></tr></thead><tbody>{g.Select(c => Row(page, c))}</tbody></table></section>
            """));
        var add = page.IsAdmin ? HtmlContent.Format($"""
            <section class="card"><h2>手动添加群</h2>
            <form method="post" action="/admin/chats/allow" class="inline" id="chat-add">{page.Field}
            <label>平台<select name="platform"><option value="wecom">企业微信</option><option value="dingtalk">钉钉</option></select></label>
            <label>群 ID<input name="chatId" required></label><label>名称<input name="title"></label>
            <button type="submit" class="primary">允许</button></form></section>
            """) : HtmlContent.Empty;
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>群聊</h1><p class="muted">机器人只回复允许的群；新群发来的消息会出现在这里，等待允许。</p></div></div>
            {AdminHtml.Nav("chats")}{AdminHtml.Alert(null, notice)}
            {(chats.Count == 0 ? new HtmlContent("<section class=\"card\"><p class=\"muted\">还没有收到任何群消息。</p></section>") : HtmlContent.Join(groups))}
            {add}
            """);
        return Layout.Page(page, "群聊", "console", body);
    }

    private static HtmlContent Row(PageContext page, ChatRow c)
    {
        var state = c.AllowedByConfiguration ? "已允许（配置文件）" : c.Chat is { Whitelisted: true } ? "已允许" : c.Chat is null ? "新群，待允许" : "已拒绝";
        var action = !page.IsAdmin || c.AllowedByConfiguration
            ? HtmlContent.Empty
            : HtmlContent.Format($"""
                <form method="post" action="/admin/chats/{(c.Chat is { Whitelisted: true } ? "deny" : "allow")}" class="inline">{page.Field}
                <input type="hidden" name="platform" value="{c.Platform}"><input type="hidden" name="chatId" value="{c.ChatId}">
                <button type="submit"{(c.Chat is { Whitelisted: true } ? HtmlContent.Empty : new HtmlContent(" class=\"primary\""))}>{(c.Chat is { Whitelisted: true } ? "拒绝" : "允许")}</button></form>
                """);
        var last = c.Last is null ? HtmlContent.Format($"<span class=\"muted\">无</span>")
            : HtmlContent.Format($"{AdminHtml.Time(c.Last.ReceivedAt)} {c.Last.SenderName ?? c.Last.SenderId}：{Short(c.Last.Text)}");
        return HtmlContent.Format($"""
            <tr data-chat="{c.ChatId}" data-allowed="{(c.Allowed ? "true" : "false")}"><td>{c.Chat?.Title ?? c.ChatId}<br><small class="muted">{c.ChatId}</small></td><td>{state}</td>
            <td>{last}</td><td>{c.Last?.Messages ?? 0}</td><td>{action}</td></tr>
            """);
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public static string PlatformName(string platform) => platform switch
    {
        "wecom" => "企业微信",
        "dingtalk" => "钉钉",
        "sandbox" => "沙盒",
        _ => platform,
    };
}
