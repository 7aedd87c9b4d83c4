namespace Bot.Host.Dashboard;

/// <summary>Source-generated log messages of the dashboard (event ids 7100–7199).</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "Dashboard first start: created user '{User}'; its one-time password is printed on the console and kept in the owner-only file {File} until it is changed at the first sign-in")]
    public static partial void BootstrapUserCreated(ILogger logger, string user, string? file);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error,
        Message = "仪表盘没有任何账号：请配置 Dashboard:Users 或 Dashboard:BootstrapFile / The dashboard has no account: configure Dashboard:Users or Dashboard:BootstrapFile.")]
    public static partial void NoAccount(ILogger logger);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Dashboard accounts from {File} (no Dashboard:Users configured)")]
    public static partial void AccountsFromFile(ILogger logger, string? file);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning,
        Message = "未设置 Dashboard:PublicUrl：发到企业微信/钉钉群的台账链接须为完整网址，“导出”将提示如何设置 / Dashboard:PublicUrl is not set while a chat platform is configured: ledger links cannot be sent to WeCom or DingTalk chats until it is (e.g. Dashboard__PublicUrl=https://bot.example.gov.cn).")]
    public static partial void PublicUrlMissing(ILogger logger);

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning, Message = "Failed dashboard sign-in for {Name} from {Address}")]
    public static partial void SignInFailed(ILogger logger, string? name, string address);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Warning, Message = "Dashboard user {Name} changed the password")]
    public static partial void PasswordChanged(ILogger logger, string? name);
}
