using Bot.Skills.Calendar;
using Bot.Skills.Conversation;
using Bot.Skills.Digests;
using Bot.Skills.Ledger;
using Bot.Skills.Llm;
using Bot.Skills.Plans;
using Bot.Skills.ProgressReports;
using Bot.Skills.Reminders;
using Bot.Skills.Roster;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

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
        services.TryAddSingleton<PlanPreviewer>();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName);
        services.TryAddSingleton<PendingFollowUps>();
        services.TryAddSingleton<ReportAudit>();
        services.TryAddSingleton<ReportTargets>();
        services.TryAddSingleton<ReportIntake>();
        services.TryAddSingleton<FollowUpHandler>();
        services.TryAddSingleton<CorrectionHandler>();
        services.TryAddSingleton<WithdrawalHandler>();
        services.TryAddSingleton<StatusPlugin>();
        services.TryAddSingleton<LlmQuestionAnswerer>();
        services.TryAddSingleton<IMessageRouter, ConversationRouter>();
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName);
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<CalendarOptions>>().Value.HolidaysDirectory;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return WorkingCalendar.LoadDirectory(Path.IsPathRooted(directory) ? directory : Path.Combine(root, directory));
        });
        services.TryAddSingleton<BusinessClock>();
        services.TryAddSingleton<RosterImporter>();
        services.AddOptions<BindingOptions>().BindConfiguration(BindingOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BindingOptions>, BindingOptionsValidator>());
        services.TryAddSingleton<BindingService>();
        services.AddOptions<Bot.Skills.Evidence.EvidenceOptions>().BindConfiguration(Bot.Skills.Evidence.EvidenceOptions.SectionName);
        services.TryAddSingleton<Bot.Skills.Evidence.IEvidenceStore, Bot.Skills.Evidence.LocalEvidenceStore>();
        services.TryAddSingleton<Bot.Skills.Evidence.EvidenceService>();
        services.TryAddSingleton<Bot.Skills.Figures.FigureService>();
        services.TryAddSingleton<Bot.Skills.Figures.FigureQuestions>();
        services.TryAddSingleton<ScorecardService>();
        services.TryAddSingleton<StatusService>();
        services.TryAddSingleton<QueryHandler>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<CommandHandler>(sp));
        services.TryAddSingleton<AccessGate>();
        services.TryAddSingleton<LedgerExporter>();
        services.AddOptions<ScheduleOptions>().BindConfiguration(ScheduleOptions.SectionName)
            .PostConfigure<IConfiguration>((o, configuration) => o.ReplaceConfiguredLists(configuration))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScheduleOptions>, ScheduleOptionsValidator>());
        services.TryAddSingleton<RiverPatrols>();
        services.TryAddSingleton<ReminderEngine>();
        services.TryAddSingleton<IReminderAddresser, GroupChatReminderAddresser>();
        services.TryAddSingleton<DigestSchedule>();
        services.TryAddSingleton<DigestChart>();
        services.TryAddSingleton<DigestService>();

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
