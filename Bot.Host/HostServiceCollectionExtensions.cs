using Bot.Host.Health;
using Bot.Host.Plans;

namespace Microsoft.Extensions.DependencyInjection;

public static class HostServiceCollectionExtensions
{
    /// <summary>Registers the host's channels, workers and endpoints' services.</summary>
    public static IServiceCollection AddBotHost(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddHostedService<PlanImportHostedService>();
        return services;
    }

    /// <summary>Maps every HTTP endpoint of the bot.</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapHealth();
        return app;
    }
}
