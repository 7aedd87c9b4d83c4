using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.DingTalk;

public static class DingTalkServiceCollectionExtensions
{
    /// <summary>
    /// Registers the DingTalk channel: options (validated at start-up), the HTTP client and access-token cache, the
    /// inbound path shared by HTTP and Stream mode, the <c>session_webhook</c>, <c>openapi</c> and <c>custom_robot</c>
    /// outbound channels, the reply addresser and the Stream service (idle unless <c>DingTalk:Stream:Enabled</c>).
    /// </summary>
    public static IServiceCollection AddDingTalkChannel(this IServiceCollection services)
    {
        services.AddOptions<DingTalkOptions>().BindConfiguration(DingTalkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DingTalkOptions>, DingTalkOptionsValidator>();
        services.AddHttpClient(DingTalkApiClient.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<DingTalkOptions>>().Value.HttpTimeout)
            .AddPlatformResilience();
        services.AddSingleton<DingTalkApiClient>();
        services.AddSingleton<DingTalkInbound>();
        services.AddSingleton<Bot.Skills.Conversation.IChatAllowList, DingTalkChatAllowList>();

        services.AddSingleton<DingTalkOpenApiChannel>();
        services.AddSingleton<DingTalkSessionChannel>();
        services.AddSingleton<DingTalkCustomRobotChannel>();
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<DingTalkSessionChannel>());
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<DingTalkOpenApiChannel>());
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<DingTalkCustomRobotChannel>());
        services.AddSingleton<IReplyAddresser, DingTalkReplyAddresser>();

        services.AddSingleton<DingTalkStreamService>();
        services.AddHostedService(sp => sp.GetRequiredService<DingTalkStreamService>());
        return services;
    }
}
