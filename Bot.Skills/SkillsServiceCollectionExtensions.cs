using Bot.Skills.Llm;
using Bot.Skills.ProgressReports;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace Microsoft.Extensions.DependencyInjection;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>Registers the Semantic Kernel plugins and the domain services of Bot.Skills.</summary>
    public static IServiceCollection AddBotSkills(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LlmOptions>().BindConfiguration("Llm");

        // Report understanding: rules parser, plan vocabulary, optional LLM, the kernel plugin.
        services.TryAddSingleton(ReportParser.Instance);
        services.TryAddSingleton<IReportVocabularySource, ReportVocabularySource>();
        services.TryAddSingleton<ILlmReportExtractor, LlmReportExtractor>();
        services.TryAddSingleton<IReportUnderstanding, ReportUnderstanding>();
        services.TryAddSingleton<ReportPlugin>();
        services.AddSingleton(sp => KernelPluginFactory.CreateFromObject(sp.GetRequiredService<ReportPlugin>(), ReportPlugin.PluginName));
        return services;
    }
}
