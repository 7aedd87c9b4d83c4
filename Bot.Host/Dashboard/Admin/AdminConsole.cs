namespace Bot.Host.Dashboard.Admin;

/// <summary>
/// The office console under <c>/admin/…</c>: plans, tasks, roster, chats and the audit log. Every page can be read by a
/// viewer (without its forms); every post needs the admin role and a valid anti-forgery token, and is audited.
/// </summary>
public static class AdminConsole
{
    public static IServiceCollection AddAdminConsole(this IServiceCollection services)
    {
        services.AddSingleton<ConsoleAudit>();
        services.AddSingleton<TaskPageData>();
        services.AddSingleton<ChatNotifier>();
        services.AddSingleton<Evidence.EvidenceLinks>();
        services.AddSingleton<Bot.Skills.Evidence.IEvidenceLedgerLinks>(sp => sp.GetRequiredService<Evidence.EvidenceLinks>());
        services.AddSingleton<Evidence.EvidenceSignal>();
        services.AddSingleton<Evidence.EvidenceCapture>();
        services.AddSingleton<Plans.ChatPlanFiles>();
        services.AddSingleton<Evidence.EvidenceDownloadWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Evidence.EvidenceDownloadWorker>());
        return services;
    }

    public static void Map(RouteGroupBuilder viewer, RouteGroupBuilder admin)
    {
        AdminPlanEndpoints.Map(viewer, admin);
        AdminChatEndpoints.Map(viewer, admin);
        AdminRosterEndpoints.Map(viewer, admin);
        AdminTaskEndpoints.Map(viewer, admin);
        AdminReportEndpoints.Map(admin);
    }
}
