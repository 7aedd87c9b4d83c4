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

    /// <summary>Where the first-start password itself is kept (owner-only) until it is changed: next to <see cref="BootstrapPath"/>.</summary>
    public string? BootstrapPasswordPath => BootstrapPath is { } path
        ? Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + ".password")
        : null;

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
            using var writer = new StreamWriter(CreateOwnerOnly(path, FileMode.CreateNew));
            WriteBootstrap(writer, [new DashboardUser { Name = BootstrapUserName, Role = DashboardRoles.Admin, PasswordHash = hash, MustChangePassword = true }]);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null; // Another host created it at the same moment.
        }

        using (var writer = new StreamWriter(CreateOwnerOnly(BootstrapPasswordPath!, FileMode.Create)))
        {
            writer.WriteLine("# TieXiBot 仪表盘首次启动的一次性管理员密码；首次登录后须修改，修改后本文件自动删除 / one-time dashboard admin password; must be changed at first sign-in, then this file is deleted.");
            writer.WriteLine($"{BootstrapUserName} {password}");
        }

        lock (_lock)
        {
            _bootstrapUsers = null;
        }

        return password;
    }

    /// <summary>
    /// Sets a first-start account's new password (only accounts of the bootstrap file; configured accounts change in the
    /// configuration): rewrites the file with the new hash, clears <see cref="DashboardUser.MustChangePassword"/> and
    /// deletes the one-time password file. False when the account is not a bootstrap account.
    /// </summary>
    public bool ChangePassword(string name, string newPassword)
    {
        var path = BootstrapPath;
        lock (_lock)
        {
            if (!UsesBootstrap || path is null)
            {
                return false;
            }

            _bootstrapUsers = null;
            var users = BootstrapUsers().ToList();
            var index = users.FindIndex(u => string.Equals(u.Name, name, StringComparison.Ordinal));
            if (index < 0)
            {
                return false;
            }

            users[index] = new DashboardUser { Name = name, Role = users[index].Role, PasswordHash = DashboardPasswords.Hash(newPassword) };
            var temporary = path + ".new";
            using (var writer = new StreamWriter(CreateOwnerOnly(temporary, FileMode.Create)))
            {
                WriteBootstrap(writer, users);
            }

            File.Move(temporary, path, overwrite: true);
            _bootstrapUsers = null;
        }

        if (BootstrapPasswordPath is { } passwordFile && File.Exists(passwordFile))
        {
            File.Delete(passwordFile);
        }

        return true;
    }

    private void WriteBootstrap(StreamWriter writer, IEnumerable<DashboardUser> users)
    {
        writer.WriteLine($"# TieXiBot 仪表盘首次启动生成的管理员账号（只存哈希）/ first-start dashboard admin, hash only. {time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)}");
        writer.WriteLine("# 删除本文件并重启可重新生成密码 / delete this file and restart to generate a new password.");
        foreach (var user in users)
        {
            writer.WriteLine(user.MustChangePassword ? $"{user.Name} {user.Role} {user.PasswordHash} {MustChangeMarker}" : $"{user.Name} {user.Role} {user.PasswordHash}");
        }
    }

    /// <summary>A new file readable and writable by the owner only (0600) from the moment it exists.</summary>
    private static FileStream CreateOwnerOnly(string path, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private const string MustChangeMarker = "must-change-password";

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
                .Where(p => p.Length is 3 or 4 && p[1] is DashboardRoles.Admin or DashboardRoles.Viewer && DashboardPasswords.IsWellFormed(p[2]))
                .Select(p => new DashboardUser { Name = p[0], Role = p[1], PasswordHash = p[2], MustChangePassword = p.Length == 4 && p[3] == MustChangeMarker })
                .ToList();
            return _bootstrapUsers;
        }
    }
}
