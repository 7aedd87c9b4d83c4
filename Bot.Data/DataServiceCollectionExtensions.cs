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
using Bot.Data.ReadModel;
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
        services.AddHostedService<SqliteThreadPoolFloor>();
        services.AddOptions<ReadModelOptions>().BindConfiguration(ReadModelOptions.SectionName);
        services.AddSingleton<ReferenceVersion>();
        services.AddSingleton<UnitRepository>();
        services.AddSingleton<MemberRepository>();
        services.AddSingleton<ChatRepository>();
        services.AddSingleton<PlanRepository>();
        services.AddSingleton<IUnitRepository>(sp => ReadModel(sp)
            ? new CachingUnitRepository(sp.GetRequiredService<UnitRepository>(), sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<ReferenceVersion>())
            : sp.GetRequiredService<UnitRepository>());
        services.AddSingleton<IMemberRepository>(sp => ReadModel(sp)
            ? new CachingMemberRepository(sp.GetRequiredService<MemberRepository>(), sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<ReferenceVersion>())
            : sp.GetRequiredService<MemberRepository>());
        services.AddSingleton<IChatRepository>(sp => ReadModel(sp)
            ? new CachingChatRepository(sp.GetRequiredService<ChatRepository>(), sp.GetRequiredService<IDbConnectionFactory>(), sp.GetRequiredService<ReferenceVersion>())
            : sp.GetRequiredService<ChatRepository>());
        services.AddSingleton<IPlanRepository>(sp => ReadModel(sp)
            ? new CachingPlanRepository(sp.GetRequiredService<PlanRepository>(), sp.GetRequiredService<ReferenceVersion>())
            : sp.GetRequiredService<PlanRepository>());
        services.AddSingleton<ITaskRepository, TaskRepository>();
        services.AddSingleton<IInboxRepository, InboxRepository>();

        // The acknowledgement path's inbox inserts: a connection pool of their own (Database:IngestPoolSize).
        services.AddKeyedSingleton<IInboxRepository>(InboxServiceKeys.Ingest, (sp, _) => new InboxRepository(
            new DbConnectionFactory(sp.GetRequiredService<IOptions<DatabaseOptions>>(), ingest: true), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IOutboxRepository, OutboxRepository>();
        services.AddSingleton<ProgressReportRepository>();
        services.AddSingleton<IProgressReportRepository>(sp => new BatchedProgressReportRepository(sp.GetRequiredService<ProgressReportRepository>()));
        services.AddSingleton<IReportFigures, ReportFigures>();
        services.AddSingleton<IReportRollup, ReportRollup>();
        services.AddSingleton<IAuditRepository, AuditRepository>();
        services.AddSingleton<ConversationStateRepository>();
        services.AddSingleton<IConversationStateRepository>(sp => new BatchedConversationStateRepository(
            sp.GetRequiredService<ConversationStateRepository>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IInboxBatchReader, InboxBatchReader>();
        services.AddSingleton<ILeaseRepository, LeaseRepository>();
        services.AddSingleton<Bot.Data.Telemetry.IQueueBacklogQuery, Bot.Data.Telemetry.QueueBacklogQuery>();
        services.AddSingleton<ICallbackSignatureRepository, CallbackSignatureRepository>();
        services.AddSingleton<Bot.Data.Imports.IStagedImportRepository, Bot.Data.Imports.StagedImportRepository>();
        services.AddSingleton<IBindingRequestRepository, BindingRequestRepository>();
        services.AddSingleton<Bot.Data.Evidence.IEvidenceRepository, Bot.Data.Evidence.EvidenceRepository>();
        services.AddSingleton<Bot.Data.Evidence.IEvidenceDownloadQueue, Bot.Data.Evidence.EvidenceDownloadQueue>();
        return services;
    }

    private static bool ReadModel(IServiceProvider services) => services.GetRequiredService<IOptions<ReadModelOptions>>().Value.Enabled;
}
