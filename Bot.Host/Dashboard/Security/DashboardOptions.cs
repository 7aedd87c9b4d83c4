using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard.Security;

/// <summary>Dashboard roles: viewers read the board, the reports and the ledger; admins also use the Sandbox chat and the system page.</summary>
public static class DashboardRoles
{
    public const string Viewer = "viewer";
    public const string Admin = "admin";

    /// <summary>Authorization policy names.</summary>
    public const string ViewerPolicy = "dashboard-viewer";
    public const string AdminPolicy = "dashboard-admin";

    public static string Chinese(string role) => role == Admin ? "管理员" : "查看者";
}

/// <summary>One office account of the dashboard (<c>Dashboard:Users:N:*</c>).</summary>
public sealed class DashboardUser
{
    public string Name { get; set; } = "";

    /// <summary><c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (see <see cref="DashboardPasswords"/>); never a plain password.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>viewer or admin.</summary>
    public string Role { get; set; } = DashboardRoles.Viewer;

    /// <summary>True for the first-start admin until its one-time password has been changed: nothing else is served.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>The <c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Office accounts. When empty, the first start creates a one-time admin (see <see cref="BootstrapFile"/>).</summary>
    public List<DashboardUser> Users { get; set; } = [];

    /// <summary>Where the hash of the first-start admin password is kept (relative to the content root); empty disables it.</summary>
    public string? BootstrapFile { get; set; } = "data/dashboard-admin.txt";

    /// <summary>
    /// The Sandbox API (<c>/sandbox/messages</c>): null (the default) turns it on only while no platform (WeCom,
    /// DingTalk) is configured; true keeps it on for signed-in admins with platforms configured; false turns it off.
    /// </summary>
    public bool? SandboxApi { get; set; }

    /// <summary>
    /// While no platform is configured (a development box), lets local tools call <c>/sandbox/messages</c> from
    /// 127.0.0.1 without signing in (never through a proxy). With a platform configured loopback is never trusted.
    /// </summary>
    public bool SandboxApiOnLoopback { get; set; } = true;

    /// <summary>The dashboard's public address (e.g. https://bot.example.gov.cn) used in links sent to chats.</summary>
    public string? PublicUrl { get; set; }

    /// <summary><paramref name="path"/> under <see cref="PublicUrl"/>, or the bare path while it is unset.</summary>
    public string Link(string path) => string.IsNullOrWhiteSpace(PublicUrl) ? path : PublicUrl.TrimEnd('/') + path;

    /// <summary>How long a sign-in lasts without activity.</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>How long a ledger download link sent to a chat stays valid; 0 sends a link that needs a sign-in.</summary>
    public int LedgerLinkHours { get; set; } = 24;
}

/// <summary>Stops start-up on an unusable account with a bilingual message.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.Name))
            {
                errors.Add($"仪表盘账号缺少用户名 / Dashboard:Users:{i}:Name is required.");
            }

            if (!DashboardPasswords.IsWellFormed(user.PasswordHash))
            {
                errors.Add($"仪表盘账号 {user.Name} 的密码哈希格式不正确，请用 dashboard hash-password 生成 / Dashboard:Users:{i}:PasswordHash must be a pbkdf2-sha256 hash (make one with the verb 'dashboard hash-password').");
            }

            if (user.Role is not (DashboardRoles.Viewer or DashboardRoles.Admin))
            {
                errors.Add($"仪表盘账号 {user.Name} 的角色只能是 viewer 或 admin / Dashboard:Users:{i}:Role must be viewer or admin.");
            }
        }

        var duplicates = options.Users.GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add($"仪表盘账号重名：{string.Join("、", duplicates)} / duplicate Dashboard:Users names.");
        }

        if (options.SessionHours <= 0 || options.LedgerLinkHours < 0)
        {
            errors.Add("Dashboard:SessionHours 必须大于0，Dashboard:LedgerLinkHours 不能为负 / SessionHours must be > 0 and LedgerLinkHours >= 0.");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicUrl) && !Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _))
        {
            errors.Add("Dashboard:PublicUrl 必须是完整网址 / Dashboard:PublicUrl must be an absolute URL.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
