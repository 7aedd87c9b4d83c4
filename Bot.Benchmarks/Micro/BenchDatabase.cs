using Bot.Data.Connections;
using Bot.Data.Migrations;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MySqlConnector;

namespace Bot.Benchmarks.Micro;

/// <summary>
/// A throwaway database for a benchmark: a temporary SQLite file, or a new database on the MariaDB server whose admin
/// connection string is in <c>TIEXIBOT_BENCH_MYSQL</c> (scripts/bench.sh starts a private one).
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string MySqlVariable = "TIEXIBOT_BENCH_MYSQL";

    private readonly string? _directory;
    private readonly string? _mySqlAdmin;
    private readonly string? _mySqlDatabase;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? directory, string? admin, string? database)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _mySqlAdmin = admin;
        _mySqlDatabase = database;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Configuration pairs pointing the bot at this database.</summary>
    public Dictionary<string, string?> Settings => new(StringComparer.Ordinal)
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>SQLite always; MariaDB when <c>TIEXIBOT_BENCH_MYSQL</c> names a server.</summary>
    public static IEnumerable<string> Providers()
    {
        yield return nameof(DatabaseProvider.Sqlite);
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(MySqlVariable)))
        {
            yield return nameof(DatabaseProvider.MySql);
        }
    }

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        if (Enum.Parse<DatabaseProvider>(provider) == DatabaseProvider.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("tiexibot-bench-").FullName;
            return new BenchDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(directory, "bench.db")}", directory, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(MySqlVariable)
            ?? throw new InvalidOperationException($"{MySqlVariable} is not set (run scripts/bench.sh).");
        var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new MySqlConnection(admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }

        var connectionString = new MySqlConnectionStringBuilder(admin) { Database = name, ConnectionReset = false }.ConnectionString;
        return new BenchDatabase(DatabaseProvider.MySql, connectionString, null, admin, name);
    }

    public static Task<int> MigrateAsync(IServiceProvider services) =>
        services.GetRequiredService<Migrator>().MigrateAsync();

    public async ValueTask DisposeAsync()
    {
        if (_mySqlAdmin is not null)
        {
            await using var connection = new MySqlConnection(_mySqlAdmin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_mySqlDatabase}");
        }

        if (_directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS's temp cleanup.
            }
        }
    }
}
