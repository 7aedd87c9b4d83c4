using Bot.Host.Channels;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.Sandbox;
using Bot.Host.Channels.WeCom;
using Bot.Host.Health;
using Bot.Host.Hosting;
using Bot.Host.Inbox;
using Bot.Host.Outbox;
using Bot.Host.Roster;

namespace Microsoft.Extensions.DependencyInjection;

public static class HostServiceCollectionExtensions
{
    /// <summary>Registers the host's channels, the inbox worker and the outbox sender.</summary>
    public static IServiceCollection AddBotHost(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOptions<RosterSeedOptions>().BindConfiguration(RosterSeedOptions.SectionName);
        services.AddHostedService<RosterSeedService>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddSingleton<SandboxChannel>();
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<SandboxChannel>());
        services.AddSingleton<IReplyAddresser>(sp => sp.GetRequiredService<SandboxChannel>());
        services.AddSingleton<SandboxService>();

        services.AddWeCom();
        services.AddDingTalkChannel();
        return services;
    }

    /// <summary>Maps every HTTP endpoint of the bot.</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.UseDatabaseUnavailable();
        app.MapHealth();
        app.MapSandbox();
        app.MapWeCom();
        app.MapDingTalk();
        return app;
    }
}
