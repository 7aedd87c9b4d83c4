using Bot.Skills.Conversation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>Registers the WeCom channel (called from <c>AddBotHost</c>) and maps its callbacks (from <c>MapBotEndpoints</c>).</summary>
public static class WeComRegistration
{
    public static IServiceCollection AddWeCom(this IServiceCollection services)
    {
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>();
        services.AddHttpClient(WeComApiClient.HttpClientName, (sp, http) =>
            {
                var settings = sp.GetRequiredService<IOptions<WeComOptions>>().Value;
                http.BaseAddress = new Uri(settings.ApiBaseUrl.TrimEnd('/') + "/");
                http.Timeout = TimeSpan.FromSeconds(settings.HttpTimeoutSeconds);
            }).AddPlatformResilience(); // request URLs carry access tokens, secrets and webhook keys: logged only by RedactingHttpClientLogger (no RemoveAllLoggers here, it would remove that one too)
        services.AddSingleton<WeComApiClient>();
        services.AddSingleton<WeComAppCallback>();
        services.AddSingleton<WeComBotCallback>();
        services.AddSingleton<WeComStreamReplies>();
        services.AddSingleton<Bot.Host.Inbox.IInboxOutcomeObserver>(sp => sp.GetRequiredService<WeComStreamReplies>());
        services.AddSingleton<IOutboundChannel, WeComRobotChannel>();
        services.AddSingleton<IOutboundChannel, WeComAppChannel>();
        services.AddSingleton<IOutboundChannel, WeComAppChatChannel>();
        services.AddSingleton<IOutboundChannel, WeComAiBotChannel>();
        services.AddSingleton<IReplyAddresser, WeComReplyAddresser>();
        services.AddSingleton<IChatAllowList, WeComChatAllowList>();
        return services;
    }

    /// <summary>Maps <c>/webhooks/wecom/app</c> and <c>/webhooks/wecom/bot</c> (GET verification, POST messages).</summary>
    public static IEndpointRouteBuilder MapWeCom(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks/wecom");
        group.MapGet("/app", (HttpRequest request, WeComAppCallback callback) => callback.Verify(request));
        group.MapPost("/app", (HttpRequest request, WeComAppCallback callback, CancellationToken cancellationToken) =>
            callback.ReceiveAsync(request, cancellationToken));
        group.MapGet("/bot", (HttpRequest request, WeComBotCallback callback) => callback.Verify(request));
        group.MapPost("/bot", (HttpRequest request, WeComBotCallback callback, CancellationToken cancellationToken) =>
            callback.ReceiveAsync(request, cancellationToken));
        return app;
    }
}
