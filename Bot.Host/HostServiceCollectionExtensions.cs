using Bot.Host.Channels;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.Sandbox;
using Bot.Host.Channels.WeCom;
using Bot.Host.Dashboard;
using Bot.Host.Health;
using Bot.Host.Hosting;
using Bot.Host.Inbox;
using Bot.Host.Outbox;
using Bot.Host.Roster;
using Bot.Host.Plans;
using Bot.Host.Scheduling;
using Bot.Host.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

public static class HostServiceCollectionExtensions
{
    /// <summary>Registers the host's channels, the inbox worker, the outbox sender and (given the configuration) the scheduler.</summary>
    public static IServiceCollection AddBotHost(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.AddProblemDetails();
        services.AddOptions<RosterSeedOptions>().BindConfiguration(RosterSeedOptions.SectionName);
        services.AddSingleton<StartupSeedLock>();
        services.AddHostedService<RosterSeedService>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboxSignal>();
        services.AddSingleton<Bot.Host.Inbox.InboxAdmission>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<OutboxWriter>();
        services.AddSingleton<InboxWorker>();
        services.AddSingleton<InboxReplyHandles>();
        services.AddSingleton<IInboxOutcomeObserver>(sp => sp.GetRequiredService<InboxReplyHandles>());
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());

        services.AddSingleton<SandboxChannel>();
        services.AddSingleton<IOutboundChannel>(sp => sp.GetRequiredService<SandboxChannel>());
        services.AddSingleton<IReplyAddresser>(sp => sp.GetRequiredService<SandboxChannel>());
        services.AddSingleton<SandboxService>();

        services.AddRedactingHttpClientLogging();
        services.AddHttpClient(Bot.Skills.Llm.LlmCalls.ClientName).AddPlatformResilience(retryPosts: true);
        services.AddWeCom();
        services.AddDingTalkChannel();
        services.AddHostedService<PlanImportHostedService>();
        services.AddBotDashboard();
        services.AddBotScheduling(configuration);
        services.AddBotTelemetry(configuration);
        services.AddBotHealth();
        return services;
    }

    /// <summary>Maps every HTTP endpoint of the bot (the dashboard also adds sign-in and anti-forgery to the pipeline).</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseWebhookTelemetry();
        app.UseDatabaseUnavailable();
        app.MapDashboard();
        app.MapBotTelemetry();
        app.MapHealth();
        app.MapSandbox();
        app.MapWeCom();
        app.MapDingTalk();
        return app;
    }
}
