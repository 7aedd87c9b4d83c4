using Bot.Skills.Llm;
using Bot.Skills.Plans;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>Registers the Semantic Kernel plugins and the domain services of Bot.Skills.</summary>
    public static IServiceCollection AddBotSkills(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.SectionName);
        services.AddOptions<PlanOptions>().BindConfiguration(PlanOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanOptions>, PlanOptionsValidator>());

        services.TryAddSingleton<PlanImporter>();
        services.TryAddSingleton<IPlanLlmExtractor, LlmTargetExtractor>();
        services.TryAddSingleton<IPlanParser, PlanParser>();
        services.TryAddSingleton<IPlanService, PlanService>();
        services.TryAddSingleton<PlanPlugin>();
        return services;
    }
}
