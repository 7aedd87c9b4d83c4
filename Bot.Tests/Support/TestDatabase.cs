using Bot.Data.Connections;
using Bot.Data.Migrations;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Bot.Tests.Support;

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file, or a new database on the MariaDB server named by
/// <c>TIEXIBOT_TEST_MYSQL</c>. In CI (CI=true) the MariaDB case is always listed, so a missing server fails the run.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string MySqlVariable = "TIEXIBOT_TEST_MYSQL";

    private readonly string? _sqliteDirectory;
    private readonly string? _mySqlDatabase;
    private readonly string? _mySqlAdmin;

    private TestDatabase(DatabaseProvider provider, string connectionString, ServiceProvider services, string? sqliteDirectory, string? mySqlDatabase, string? mySqlAdmin)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Services = services;
        _sqliteDirectory = sqliteDirectory;
        _mySqlDatabase = mySqlDatabase;
        _mySqlAdmin = mySqlAdmin;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public ServiceProvider Services { get; }

    /// <summary>Configuration pairs that point a host at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString,
    };

    /// <summary>True when the MariaDB cases must run: a server is named, or this is CI (where a missing one fails).</summary>
    public static bool MySqlRequired =>
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(MySqlVariable)) ||
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The providers every repository test runs on.</summary>
    public static TheoryData<string> Providers()
    {
        var data = new TheoryData<string> { nameof(DatabaseProvider.Sqlite) };
        if (MySqlRequired)
        {
            data.Add(nameof(DatabaseProvider.MySql));
        }

        return data;
    }

    /// <summary>Skips a MariaDB-only test on a developer machine without a server; never in CI.</summary>
    public static void SkipUnlessMySql() =>
        Skip.IfNot(MySqlRequired, $"{MySqlVariable} is not set; run scripts/test.sh for the MariaDB tests.");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Creates and migrates a database; <paramref name="configure"/> adds services (e.g. a fake clock).</summary>
    public static async Task<TestDatabase> CreateAsync(string provider, Action<IServiceCollection>? configure = null, bool migrate = true)
    {
        var kind = Enum.Parse<DatabaseProvider>(provider);
        string connectionString;
        string? sqliteDirectory = null, mySqlDatabase = null, admin = null;
        if (kind == DatabaseProvider.Sqlite)
        {
            sqliteDirectory = Directory.CreateTempSubdirectory("tiexibot-test-").FullName;
            connectionString = $"Data Source={Path.Combine(sqliteDirectory, "test.db")}";
        }
        else
        {
            admin = Environment.GetEnvironmentVariable(MySqlVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException($"{MySqlVariable} is not set: the MariaDB tests need a server (run scripts/test.sh).");
            }

            mySqlDatabase = "t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new MySqlConnection(admin))
            {
                await connection.OpenAsync();
                await connection.ExecuteAsync($"CREATE DATABASE {mySqlDatabase} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            }

            connectionString = new MySqlConnectionStringBuilder(admin) { Database = mySqlDatabase }.ConnectionString;
        }

        var provider2 = BuildServices(kind, connectionString, configure);
        var database = new TestDatabase(kind, connectionString, provider2, sqliteDirectory, mySqlDatabase, admin);
        if (migrate)
        {
            await provider2.GetRequiredService<Migrator>().MigrateAsync();
        }

        return database;
    }

    /// <summary>
    /// Another service provider over this same database, as a second host or a restarted one would have; the caller
    /// disposes it.
    /// </summary>
    public ServiceProvider CreateServices(Action<IServiceCollection>? configure = null) => BuildServices(Provider, ConnectionString, configure);

    private static ServiceProvider BuildServices(DatabaseProvider kind, string connectionString, Action<IServiceCollection>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = kind.ToString(),
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddBotData();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_mySqlDatabase is not null && _mySqlAdmin is not null)
        {
            await using var connection = new MySqlConnection(_mySqlAdmin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_mySqlDatabase}");
        }

        if (_sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a pooled connection: the temp folder is cleaned by the OS.
            }
        }
    }
}
