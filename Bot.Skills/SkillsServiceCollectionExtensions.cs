using Bot.Skills.Conversation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>Registers the Semantic Kernel plugins and the domain services of Bot.Skills.</summary>
    public static IServiceCollection AddBotSkills(this IServiceCollection services)
    {
        services.TryAddSingleton<IMessageRouter, EchoRouter>();
        services.TryAddSingleton<AccessGate>();
        return services;
    }
}
