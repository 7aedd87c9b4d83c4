using Bot.Data.Audit;
using Bot.Data.Callbacks;
using Bot.Data.Chats;
using Bot.Data.Connections;
using Bot.Data.Conversations;
using Bot.Data.Inbox;
using Bot.Data.Leases;
using Bot.Data.Members;
using Bot.Data.Migrations;
using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the connection factory, the migrator (run at start-up) and every repository of Bot.Data.</summary>
    public static IServiceCollection AddBotData(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .PostConfigure<IServiceProvider>((o, sp) => o.BaseDirectory ??= sp.GetService<Hosting.IHostEnvironment>()?.ContentRootPath)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IDbConnectionFactory, DbConnectionFactory>();
        services.AddSingleton<Migrator>();
        services.AddHostedService<MigrationHostedService>();
        services.AddSingleton<IUnitRepository, UnitRepository>();
        services.AddSingleton<IMemberRepository, MemberRepository>();
        services.AddSingleton<IChatRepository, ChatRepository>();
        services.AddSingleton<IPlanRepository, PlanRepository>();
        services.AddSingleton<ITaskRepository, TaskRepository>();
        services.AddSingleton<IInboxRepository, InboxRepository>();
        services.AddSingleton<IOutboxRepository, OutboxRepository>();
        services.AddSingleton<IProgressReportRepository, ProgressReportRepository>();
        services.AddSingleton<IAuditRepository, AuditRepository>();
        services.AddSingleton<IConversationStateRepository, ConversationStateRepository>();
        services.AddSingleton<ILeaseRepository, LeaseRepository>();
        services.AddSingleton<Bot.Data.Telemetry.IQueueBacklogQuery, Bot.Data.Telemetry.QueueBacklogQuery>();
        services.AddSingleton<ICallbackSignatureRepository, CallbackSignatureRepository>();
        return services;
    }
}
