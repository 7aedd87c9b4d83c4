using Bot.Data.Members;
using Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The Sandbox chat: talk to the bot as any roster member; replies, reminders and digests of the chat appear as they are sent.</summary>
public static class SandboxPage
{
    private static readonly string[] Examples =
    [
        "汇报：今天赴平西乡调研乡村振兴，走访企业3家，形成调研报告1篇",
        "本月谁还没汇报",
        "逾期任务",
        "更正：是2天不是1天",
    ];

    public static HtmlPage Render(PageContext page, IReadOnlyList<Member> roster, string chat, string? sender)
    {
        var groups = new[] { (Roles.Leader, "领导"), (Roles.Department, "部门联络员"), (Roles.Office, "区政府办"), (Roles.Admin, "管理员") };
        var selected = sender ?? roster.FirstOrDefault(m => m.Active && m.Role == Roles.Leader)?.Name;
        var options = groups.Select(g => (g.Item2, People: roster.Where(m => m.Active && m.Role == g.Item1).ToList()))
            .Where(g => g.People.Count > 0)
            .Select(g => HtmlContent.Format($"<optgroup label=\"{g.Item1}\">{g.People.Select(m =>
                HtmlContent.Format($"<option value=\"{m.Name}\"{(m.Name == selected ? new HtmlContent(" selected") : HtmlContent.Empty)}>{m.Name}（{m.Title ?? ""}）</option>"))}</optgroup>"));
        var examples = Examples.Select(e => HtmlContent.Format($"<button type=\"button\" class=\"example\" data-example=\"{e}\">{e}</button>"));
        var body = HtmlContent.Format($"""
            <div class="page-head"><div><h1>沙盒对话</h1>
            <p class="muted">不用企业微信或钉钉，以名册中任一成员的身份与{Layout.Product}对话。机器人的回复，以及发到本会话的提醒和摘要，都会显示在这里。</p></div></div>
            <section class="card chat" id="chat" data-chat="{chat}">
            <div class="chat-bar">
            <label>身份<select id="sender">{options}</select></label>
            <label>会话<input id="chat-id" value="{chat}" maxlength="64"></label>
            <span id="status" class="muted" role="status"></span>
            </div>
            <div id="messages" class="messages" aria-live="polite"><p class="muted empty">暂无消息，发一条试试。</p></div>
            <form id="composer" class="composer">
            <textarea id="text" name="text" rows="2" maxlength="4000" placeholder="输入消息，Enter 发送，Shift+Enter 换行" required></textarea>
            <button type="submit" class="primary" id="send">发送</button>
            </form>
            <div class="examples"><span class="muted">示例：</span>{examples}</div>
            </section>
            """);
        return Layout.Page(page, "沙盒对话", "sandbox", body, scripts: new HtmlContent("<script src=\"/assets/sandbox.js\" defer></script>"));
    }
}
