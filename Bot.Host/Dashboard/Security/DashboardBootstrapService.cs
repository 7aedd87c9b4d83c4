namespace Bot.Host.Dashboard.Security;

/// <summary>
/// On the first start of a fresh install, creates the one-time admin password. The password goes to the console
/// directly (never through <see cref="ILogger"/>, so log files, journald forwarding of the log pipeline and log shippers
/// never see it) and to an owner-only (0600) file next to the hash; it must be changed at the first sign-in, which
/// deletes that file.
/// </summary>
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
            Console.Out.WriteLine(
                $"仪表盘首次启动：已生成管理员账号 {DashboardUserStore.BootstrapUserName}，一次性密码 {password}（也保存在仅本用户可读的 {users.BootstrapPasswordPath}；首次登录后须修改密码）");
            Console.Out.WriteLine(
                $"Dashboard first start: created user '{DashboardUserStore.BootstrapUserName}' with the one-time password {password} (also in the owner-only file {users.BootstrapPasswordPath}; it must be changed at the first sign-in)");
            Console.Out.Flush();
            DashboardLog.BootstrapUserCreated(logger, DashboardUserStore.BootstrapUserName, users.BootstrapPasswordPath);
        }
        else if (users.Users.Count == 0)
        {
            DashboardLog.NoAccount(logger);
        }
        else
        {
            DashboardLog.AccountsFromFile(logger, users.BootstrapPath);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
