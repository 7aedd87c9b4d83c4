using System.Diagnostics;
using System.Globalization;
using Bot.Benchmarks.Load;
using Dapper;
using MySqlConnector;

namespace Bot.Tests.Faults;

/// <summary>
/// A MariaDB server of the test's own (its own data folder and port on 127.0.0.1), so that it can be killed and
/// restarted without touching the suite's shared instance.
/// </summary>
internal sealed class PrivateMariaDb : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _password = Guid.NewGuid().ToString("N");
    private Process? _server;

    private PrivateMariaDb(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string AdminConnectionString => $"Server=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};User ID=tiexibot;Password={_password};Database=mysql";

    public static async Task<PrivateMariaDb> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("tiexibot-mariadb-").FullName;
        var database = new PrivateMariaDb(directory, HostProcess.FreePort());
        await RunAsync(Binary("mariadb-install-db"), "--no-defaults", $"--datadir={directory}/data", "--user=root",
            "--auth-root-authentication-method=socket", "--skip-test-db");
        await database.StartServerAsync();
        await RunAsync(Binary("mariadb"), $"--socket={directory}/sock", "-uroot", "-e",
            $"CREATE USER 'tiexibot'@'127.0.0.1' IDENTIFIED BY '{database._password}'; GRANT ALL ON *.* TO 'tiexibot'@'127.0.0.1';");
        return database;
    }

    /// <summary>A new database on this server; returns its connection string with short timeouts (a dead server fails fast).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new MySqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }

        return new MySqlConnectionStringBuilder(AdminConnectionString) { Database = name, ConnectionTimeout = 2, DefaultCommandTimeout = 5 }.ConnectionString;
    }

    /// <summary>SIGKILL: the server is gone at once; connections are refused until <see cref="StartServerAsync"/>.</summary>
    public void Kill()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            server.WaitForExit();
        }
    }

    /// <summary>Starts (or restarts, after crash recovery) the server on the same data folder and port.</summary>
    public async Task StartServerAsync()
    {
        var start = new ProcessStartInfo(Binary("mariadbd"))
        {
            ArgumentList =
            {
                "--no-defaults", $"--datadir={_directory}/data", $"--socket={_directory}/sock", $"--port={Port.ToString(CultureInfo.InvariantCulture)}",
                "--bind-address=127.0.0.1", $"--pid-file={_directory}/pid", "--user=root", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci", "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin", "--max-connections=300",
                "--sql-mode=STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION", $"--log-error={_directory}/error.log",
            },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists($"{_directory}/sock") && (await RunAsync(Binary("mariadb-admin"), $"--socket={_directory}/sock", "-uroot", "ping", check: false)) == 0)
            {
                return;
            }

            if (_server.HasExited)
            {
                throw new InvalidOperationException($"mariadbd exited with {_server.ExitCode}: {ErrorLog()}");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("mariadbd did not start within 60 s: " + ErrorLog());
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _server?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }

    private string ErrorLog() => File.Exists($"{_directory}/error.log") ? File.ReadAllText($"{_directory}/error.log") : "";

    private static string Binary(string name) =>
        new[] { "/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists) ?? name;

    private static async Task<int> RunAsync(string file, params string[] arguments) => await RunAsync(file, arguments, check: true);

    private static async Task<int> RunAsync(string file, string a, string b, string c, bool check) => await RunAsync(file, [a, b, c], check);

    private static async Task<int> RunAsync(string file, string[] arguments, bool check)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }

        return process.ExitCode;
    }
}
