using Bot.Skills.Calendar;
using Bot.Skills.Conversation;
using Bot.Skills.Digests;
using Bot.Skills.Reminders;
using Bot.Skills.Roster;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class SkillsServiceCollectionExtensions
{
    /// <summary>Registers the Semantic Kernel plugins and the domain services of Bot.Skills.</summary>
    public static IServiceCollection AddBotSkills(this IServiceCollection services)
    {
        services.TryAddSingleton<IMessageRouter, EchoRouter>();
        services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.SectionName);
        services.TryAddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<CalendarOptions>>().Value.HolidaysDirectory;
            var root = sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory();
            return WorkingCalendar.LoadDirectory(Path.IsPathRooted(directory) ? directory : Path.Combine(root, directory));
        });
        services.TryAddSingleton<BusinessClock>();
        services.TryAddSingleton<RosterImporter>();
        services.TryAddSingleton<ScorecardService>();
        services.TryAddSingleton<StatusService>();
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
        return services;
    }
}
