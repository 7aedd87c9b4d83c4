namespace Bot.Host.Dashboard.Security;

/// <summary>On the first start of a fresh install, creates the one-time admin password and prints it to the console (stderr log).</summary>
internal sealed class DashboardBootstrapService(DashboardUserStore users, ILogger<DashboardBootstrapService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!users.UsesBootstrap)
        {
            return Task.CompletedTask;
        }

        var password = users.EnsureBootstrapAdmin();
        if (password is not null)
        {
            logger.LogWarning(
                "仪表盘首次启动：已生成管理员账号 {User}，一次性密码 {Password}（只显示这一次，只保存其哈希于 {File}；请尽快在 Dashboard:Users 中配置正式账号）",
                DashboardUserStore.BootstrapUserName, password, users.BootstrapPath);
            logger.LogWarning(
                "Dashboard first start: created user '{User}' with the one-time password {Password} (shown only now; only its hash is stored in {File}; configure Dashboard:Users soon)",
                DashboardUserStore.BootstrapUserName, password, users.BootstrapPath);
        }
        else if (users.Users.Count == 0)
        {
            logger.LogError("仪表盘没有任何账号：请配置 Dashboard:Users 或 Dashboard:BootstrapFile / The dashboard has no account: configure Dashboard:Users or Dashboard:BootstrapFile.");
        }
        else
        {
            logger.LogInformation("Dashboard accounts from {File} (no Dashboard:Users configured)", users.BootstrapPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
