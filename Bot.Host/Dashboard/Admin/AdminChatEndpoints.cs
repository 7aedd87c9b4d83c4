using Bot.Data.Audit;
using Bot.Data.Chats;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Host.Dashboard.Pages;
using Bot.Skills.Conversation;

namespace Bot.Host.Dashboard.Admin;

/// <summary><c>/admin/chats</c> (allowed group chats and the last message of each) and <c>/admin/audit</c>.</summary>
public static class AdminChatEndpoints
{
    public static void Map(RouteGroupBuilder viewer, RouteGroupBuilder admin)
    {
        viewer.MapGet("/admin/audit", async (HttpContext http, IAuditRepository audit, CancellationToken cancellationToken) =>
            AdminAuditPage.Render(PageContext.From(http), await audit.SearchAsync(AdminAuditPage.Parse(http.Request.Query), cancellationToken), http.Request.Query));

        viewer.MapGet("/admin/chats", async (HttpContext http, IChatRepository chats, IInboxRepository inbox, IEnumerable<IChatAllowList> allowLists, CancellationToken cancellationToken) =>
        {
            var known = (await chats.ListAsync(cancellationToken)).Where(c => c.Platform != Platforms.Sandbox).ToDictionary(c => (c.Platform, c.ChatId));
            var activity = (await inbox.LastMessagePerChatAsync(500, cancellationToken)).Where(a => a.Platform != Platforms.Sandbox).ToDictionary(a => (a.Platform, a.ChatId));
            var lists = allowLists.ToList();
            var rows = known.Keys.Union(activity.Keys)
                .Select(k => new ChatRow(k.Platform, k.ChatId, known.GetValueOrDefault(k), activity.GetValueOrDefault(k), lists.Any(l => l.Allows(k.Platform, k.ChatId))))
                .OrderBy(r => r.Allowed).ThenByDescending(r => r.Last?.ReceivedAt).ToList();
            return AdminChatsPage.Render(PageContext.From(http), rows, http.Request.Query["notice"]);
        });

        admin.MapPost("/admin/chats/allow", (HttpContext http, ConsoleAudit console, IChatRepository chats, CancellationToken cancellationToken) =>
            SetAsync(http, console, chats, allowed: true, cancellationToken));
        admin.MapPost("/admin/chats/deny", (HttpContext http, ConsoleAudit console, IChatRepository chats, CancellationToken cancellationToken) =>
            SetAsync(http, console, chats, allowed: false, cancellationToken));
    }

    private static async Task<IResult> SetAsync(HttpContext http, ConsoleAudit console, IChatRepository chats, bool allowed, CancellationToken cancellationToken)
    {
        if (await console.RejectAsync(http) is { } rejected)
        {
            return rejected;
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var platform = FormValues.Text(form, "platform");
        var chatId = FormValues.Text(form, "chatId");
        if (platform is not (Platforms.WeCom or Platforms.DingTalk) || chatId is null || chatId.Length > 128)
        {
            return Layout.Message(PageContext.From(http), "无法保存", "请选择平台并填写群 ID（不超过128个字符）。", StatusCodes.Status400BadRequest);
        }

        var existing = await chats.FindAsync(platform, chatId, cancellationToken);
        var chat = existing ?? new Chat { Platform = platform, ChatId = chatId, Purpose = ChatPurposes.Work };
        var before = existing is null ? null : new { existing.Whitelisted, existing.Title };
        chat.Whitelisted = allowed;
        chat.Title = FormValues.Text(form, "title") ?? chat.Title;
        await chats.UpsertAsync(chat, cancellationToken);
        var saved = await chats.FindAsync(platform, chatId, cancellationToken);
        await console.RecordAsync(http, allowed ? "chat.allow" : "chat.deny", "chats", saved?.Id, before, new { platform, chatId, chat.Whitelisted, chat.Title }, cancellationToken);
        return Results.Redirect("/admin/chats?notice=" + Uri.EscapeDataString(allowed ? $"已允许群 {chat.Title ?? chatId}。" : $"已拒绝群 {chat.Title ?? chatId}，机器人不再回复该群。"));
    }
}
