using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Bot.Data.Connections;

internal sealed class DbConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;

    public DbConnectionFactory(IOptions<DatabaseOptions> options)
        : this(options, ingest: false)
    {
    }

    /// <param name="options">The database settings.</param>
    /// <param name="ingest">The acknowledgement path's factory: on MySQL a pool of its own of
    /// <see cref="DatabaseOptions.IngestPoolSize"/> connections (a pool per distinct connection string).</param>
    internal DbConnectionFactory(IOptions<DatabaseOptions> options, bool ingest)
    {
        SqlTypeHandlers.Register();
        _ingest = ingest;
        var value = options.Value;
        Dialect = SqlDialect.For(value.Provider);
        _connectionString = value.Provider == DatabaseProvider.Sqlite
            ? PrepareSqlite(value.EffectiveConnectionString, value.BaseDirectory)
            : ingest
                ? new MySqlConnectionStringBuilder(value.EffectiveConnectionString) { Pooling = true, MaximumPoolSize = (uint)value.IngestPoolSize, ApplicationName = "tiexibot-ingest" }.ConnectionString
                : value.EffectiveConnectionString;
        WriteGate = value.Provider == DatabaseProvider.Sqlite ? SqliteWriteGate.For(_connectionString) : null;
    }

    private readonly bool _ingest;

    /// <summary>SQLite: the file's write gate, which every write of this process takes first; null on MySQL/MariaDB.</summary>
    internal SqliteWriteGate? WriteGate { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString => _connectionString;

    /// <summary>Statements sent through this factory's connections so far.</summary>
    public StatementCounter Statements { get; } = new();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        UnitOfWork.Current is { } unit && unit.Owns(this)
            ? await unit.BorrowAsync(cancellationToken)
            : await OpenOwnedAsync(cancellationToken);

    /// <summary>A connection of its own (not the current unit's), closed by its caller.</summary>
    internal async Task<TrackedConnection> OpenOwnedAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Dialect.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(_connectionString)
            : new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            return new TrackedConnection(connection, Statements, WriteGate) { Urgent = _ingest };
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string PrepareSqlite(string connectionString, string? baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        var path = builder.DataSource;
        if (builder.Mode is not SqliteOpenMode.Memory && !string.IsNullOrEmpty(path) && path != ":memory:")
        {
            if (!Path.IsPathRooted(path) && !string.IsNullOrEmpty(baseDirectory))
            {
                path = Path.Combine(baseDirectory, path);
                builder.DataSource = path;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // WAL lets readers and the single writer work side by side; it is persistent per file.
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        return builder.ToString();
    }
}
