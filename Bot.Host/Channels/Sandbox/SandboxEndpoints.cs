using Bot.Host.Dashboard.Security;

namespace Bot.Host.Channels.Sandbox;

/// <summary>
/// Sandbox HTTP API: <c>POST /sandbox/messages</c> and <c>GET /sandbox/messages?chat=sandbox</c>, for a signed-in
/// dashboard admin or a local tool on loopback (<see cref="SandboxApiAccess"/>).
/// </summary>
public static class SandboxEndpoints
{
    /// <summary>The body of <c>POST /sandbox/messages</c>.</summary>
    public sealed record SandboxPost(string? Sender, string? Text, string? Chat, int? Images, string? MessageId);

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox").AddEndpointFilter<SandboxApiAccess>();
        group.MapPost("/messages", async (SandboxPost? body, SandboxService sandbox, CancellationToken cancellationToken) =>
        {
            if (body is null || string.IsNullOrWhiteSpace(body.Sender) || string.IsNullOrWhiteSpace(body.Text))
            {
                return Results.BadRequest(new { error = "请提供发送人（sender）和消息内容（text）。" });
            }

            if (body.Text.Length > 4000)
            {
                return Results.BadRequest(new { error = "消息过长，请控制在4000字以内。" });
            }

            var stored = await sandbox.SubmitAsync(body.Sender.Trim(), body.Text, body.Chat, Math.Max(0, body.Images ?? 0), body.MessageId, cancellationToken);
            return Results.Accepted($"/sandbox/messages?chat={Uri.EscapeDataString(stored.ChatId ?? SandboxService.DefaultChat)}",
                new { id = stored.Id, chat = stored.ChatId, state = stored.State });
        });
        group.MapGet("/messages", async (string? chat, SandboxService sandbox, CancellationToken cancellationToken) =>
            Results.Json(await sandbox.ConversationAsync(chat, cancellationToken: cancellationToken)));
        return app;
    }
}
