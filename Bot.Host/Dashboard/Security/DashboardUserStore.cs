using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bot.Host.Dashboard.Security;

/// <summary>
/// The dashboard's accounts: those of <c>Dashboard:Users</c>, or, when none is configured, the one-time admin whose hash
/// the first start wrote to <see cref="DashboardOptions.BootstrapFile"/> (lines <c>NAME ROLE HASH</c>).
/// </summary>
public sealed class DashboardUserStore(IOptions<DashboardOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public const string BootstrapUserName = "admin";

    private readonly Lock _lock = new();
    private IReadOnlyList<DashboardUser>? _bootstrapUsers;

    /// <summary>True when no account is configured and the first-start admin is used.</summary>
    public bool UsesBootstrap => options.Value.Users.Count == 0;

    /// <summary>The absolute path of the bootstrap file, or null when disabled.</summary>
    public string? BootstrapPath =>
        string.IsNullOrWhiteSpace(options.Value.BootstrapFile) ? null
        : Path.IsPathRooted(options.Value.BootstrapFile) ? options.Value.BootstrapFile
        : Path.Combine(environment.ContentRootPath, options.Value.BootstrapFile);

    public IReadOnlyList<DashboardUser> Users => UsesBootstrap ? BootstrapUsers() : options.Value.Users;

    public DashboardUser? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));

    /// <summary>The account when the password matches, else null; an unknown name costs the same time as a wrong password.</summary>
    public DashboardUser? Authenticate(string? name, string? password)
    {
        var user = Find(name?.Trim());
        if (user is null || string.IsNullOrEmpty(password))
        {
            DashboardPasswords.VerifyDecoy(password ?? "");
            return null;
        }

        return DashboardPasswords.Verify(password, user.PasswordHash) ? user : null;
    }

    /// <summary>
    /// On a fresh install (no accounts configured, no bootstrap file yet) creates the admin account with a random password,
    /// stores only its hash and returns the password, to be shown once. Returns null when nothing was created.
    /// </summary>
    public string? EnsureBootstrapAdmin()
    {
        var path = BootstrapPath;
        if (!UsesBootstrap || path is null || File.Exists(path))
        {
            return null;
        }

        var password = DashboardPasswords.Generate();
        var hash = DashboardPasswords.Hash(password);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            using var writer = new StreamWriter(stream);
            writer.WriteLine($"# TieXiBot 仪表盘首次启动生成的管理员账号（只存哈希）/ first-start dashboard admin, hash only. {time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)}");
            writer.WriteLine("# 删除本文件并重启可重新生成密码 / delete this file and restart to generate a new password.");
            writer.WriteLine($"{BootstrapUserName} {DashboardRoles.Admin} {hash}");
        }
        catch (IOException) when (File.Exists(path))
        {
            return null; // Another host created it at the same moment.
        }

        lock (_lock)
        {
            _bootstrapUsers = null;
        }

        return password;
    }

    private IReadOnlyList<DashboardUser> BootstrapUsers()
    {
        lock (_lock)
        {
            if (_bootstrapUsers is not null)
            {
                return _bootstrapUsers;
            }

            var path = BootstrapPath;
            if (path is null || !File.Exists(path))
            {
                return [];
            }

            _bootstrapUsers = File.ReadAllLines(path)
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(p => p.Length == 3 && p[1] is DashboardRoles.Admin or DashboardRoles.Viewer && DashboardPasswords.IsWellFormed(p[2]))
                .Select(p => new DashboardUser { Name = p[0], Role = p[1], PasswordHash = p[2] })
                .ToList();
            return _bootstrapUsers;
        }
    }
}
