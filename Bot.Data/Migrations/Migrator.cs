using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Bot.Data.Connections;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Bot.Data.Migrations;

/// <summary>One embedded migration script.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql);

/// <summary>What one migration run did: the schema version afterwards and the scripts this run applied.</summary>
public sealed record MigrationOutcome(int Version, IReadOnlyList<string> Applied);

/// <summary>Where the database stands against the scripts this binary ships.</summary>
public sealed record SchemaStatus(int DatabaseVersion, int BinaryVersion, IReadOnlyList<string> Pending)
{
    /// <summary>Every shipped script has been applied.</summary>
    public bool Current => Pending.Count == 0 && DatabaseVersion <= BinaryVersion;

    /// <summary>The database was migrated by a newer binary.</summary>
    public bool TooNew => DatabaseVersion > BinaryVersion;
}

/// <summary>The database schema is newer than this binary: running it could corrupt data the newer schema relies on.</summary>
public sealed class SchemaTooNewException(int databaseVersion, int binaryVersion) : Exception(
    $"数据库结构版本 {databaseVersion} 比本程序支持的版本 {binaryVersion} 新，请升级程序 / the database schema is at version " +
    $"{databaseVersion}, newer than this binary supports ({binaryVersion}): run a newer build of TieXiBot against this database.")
{
    public int DatabaseVersion { get; } = databaseVersion;

    public int BinaryVersion { get; } = binaryVersion;
}

/// <summary>
/// Applies the embedded, numbered <c>.sql</c> scripts of the current dialect that are not yet recorded in
/// <c>schema_version</c> (journaled by file name, so two scripts written in parallel with the same number both run).
/// Several hosts may start at once: the run holds a database-wide migration lock (<c>GET_LOCK</c> on MySQL/MariaDB,
/// one <c>BEGIN IMMEDIATE</c> transaction on SQLite), so exactly one of them applies each script and the others find it
/// recorded. A database migrated by a newer binary is refused (<see cref="SchemaTooNewException"/>). Scripts are
/// idempotent (<c>IF NOT EXISTS</c>), so a crash mid-script (MySQL DDL commits per statement) is repaired by a rerun.
/// </summary>
public sealed partial class Migrator(IDbConnectionFactory connections, ILogger<Migrator> logger)
{
    /// <summary>How long a host waits for another host's migration before giving up.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    private const string JournalDdl = """
        CREATE TABLE IF NOT EXISTS schema_version (
          name VARCHAR(128) NOT NULL PRIMARY KEY,
          version INT NOT NULL,
          applied_at VARCHAR(40) NOT NULL
        )
        """;

    /// <summary>The scripts shipped for <paramref name="provider"/>, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{typeof(Migrator).Namespace}.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(s => s.Version)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Highest applied version, or 0 on an empty database.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default) =>
        (await StatusAsync(cancellationToken)).DatabaseVersion;

    /// <summary>Compares the journal with the shipped scripts (read only: an empty database reports every script pending).</summary>
    public async Task<SchemaStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var journal = await ReadJournalAsync(connection, null, cancellationToken);
        return Compare(journal);
    }

    /// <summary>Throws <see cref="SchemaTooNewException"/> when the database was migrated by a newer binary.</summary>
    public async Task EnsureNotNewerAsync(CancellationToken cancellationToken = default)
    {
        var status = await StatusAsync(cancellationToken);
        if (status.TooNew)
        {
            throw new SchemaTooNewException(status.DatabaseVersion, status.BinaryVersion);
        }
    }

    /// <summary>Applies every pending script; returns the schema version afterwards.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default) => (await RunAsync(cancellationToken)).Version;

    /// <summary>Applies every pending script under the migration lock; says which ones this call applied.</summary>
    public async Task<MigrationOutcome> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var sqlite = connections.Dialect.Provider == DatabaseProvider.Sqlite;
        DbTransaction? transaction = null;
        if (sqlite)
        {
            transaction = await BeginImmediateAsync(connection, cancellationToken);
        }
        else
        {
            await AcquireMySqlLockAsync(connection, cancellationToken);
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(JournalDdl, transaction: transaction, cancellationToken: cancellationToken));
            var journal = await ReadJournalAsync(connection, transaction, cancellationToken);
            var status = Compare(journal);
            if (status.TooNew)
            {
                throw new SchemaTooNewException(status.DatabaseVersion, status.BinaryVersion);
            }

            var applied = new List<string>();
            var version = status.DatabaseVersion;
            foreach (var script in Scripts(connections.Dialect.Provider).Where(s => !journal.ContainsKey(s.Name)))
            {
                await ApplyAsync(connection, transaction, script, cancellationToken);
                applied.Add(script.Name);
                version = Math.Max(version, script.Version);
                MigrationLog.Applied(logger, script.Version, script.Name);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            MigrationLog.Current(logger, version, applied.Count);
            return new MigrationOutcome(version, applied);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
            else
            {
                await ReleaseMySqlLockAsync(connection);
            }
        }
    }

    /// <summary>Runs one script's statements and records it (the rerun of an applied script is a no-op by construction).</summary>
    internal static async Task ApplyStatementsAsync(DbConnection connection, DbTransaction? transaction, MigrationScript script, CancellationToken cancellationToken)
    {
        foreach (var statement in SplitStatements(script.Sql))
        {
            if (await IsAppliedColumnAddAsync(connection, transaction, statement, cancellationToken))
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>: an <c>ALTER TABLE t ADD COLUMN c …</c> whose column already exists
    /// is skipped, which makes column adds rerunnable there too (MariaDB scripts use <c>ADD COLUMN IF NOT EXISTS</c>).
    /// </summary>
    private static async Task<bool> IsAppliedColumnAddAsync(DbConnection connection, DbTransaction? transaction, string statement, CancellationToken cancellationToken)
    {
        if (!IsSqlite(connection))
        {
            return false;
        }

        var match = AddColumn().Match(statement);
        return match.Success && await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM pragma_table_info(@Table) WHERE name = @Column",
            new { Table = match.Groups[1].Value, Column = match.Groups[2].Value }, transaction, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>True for a SQLite connection, also when the data layer's tracking wrapper holds it.</summary>
    private static bool IsSqlite(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection or Connections.TrackedConnection { Inner: Microsoft.Data.Sqlite.SqliteConnection };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)\s", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AddColumn();

    private static async Task ApplyAsync(DbConnection connection, DbTransaction? transaction, MigrationScript script, CancellationToken cancellationToken)
    {
        await ApplyStatementsAsync(connection, transaction, script, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            transaction, cancellationToken: cancellationToken));
    }

    private SchemaStatus Compare(IReadOnlyDictionary<string, int> journal)
    {
        var scripts = Scripts(connections.Dialect.Provider);
        var binary = scripts.Count == 0 ? 0 : scripts.Max(s => s.Version);
        var database = journal.Count == 0 ? 0 : journal.Values.Max();
        return new SchemaStatus(database, binary, scripts.Where(s => !journal.ContainsKey(s.Name)).Select(s => s.Name).ToList());
    }

    private static async Task<Dictionary<string, int>> ReadJournalAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = IsSqlite(connection)
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'schema_version'";
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(exists, transaction: transaction, cancellationToken: cancellationToken)) == 0)
        {
            return new Dictionary<string, int>(StringComparer.Ordinal);
        }

        var rows = await connection.QueryAsync<(string Name, int Version)>(new CommandDefinition(
            "SELECT name, version FROM schema_version", transaction: transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Name, r => r.Version, StringComparer.Ordinal);
    }

    /// <summary>
    /// SQLite: one write transaction taken up front. A second migrator waits on the database lock (busy timeout, retried
    /// up to <see cref="LockTimeout"/>) and then sees the journal the first one committed.
    /// </summary>
    private async Task<DbTransaction> BeginImmediateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // Serializable is BEGIN IMMEDIATE in Microsoft.Data.Sqlite (a deferred begin is only taken for ReadUncommitted).
                return await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (SqlDialect.IsTransient(ex) && DateTimeOffset.UtcNow < deadline)
            {
                MigrationLog.Waiting(logger);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    /// <summary>MySQL/MariaDB: a named lock per database, held by this connection for the whole run.</summary>
    private async Task AcquireMySqlLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + LockTimeout;
        while (true)
        {
            var got = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT GET_LOCK(CONCAT('tiexibot_migrate_', DATABASE()), 5)", cancellationToken: cancellationToken));
            if (got == 1)
            {
                return;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"另一台主机正在迁移数据库 / another host held the migration lock for more than {LockTimeout.TotalSeconds:0} s.");
            }

            MigrationLog.Waiting(logger);
        }
    }

    private static async Task ReleaseMySqlLockAsync(DbConnection connection)
    {
        try
        {
            await connection.ExecuteAsync("DO RELEASE_LOCK(CONCAT('tiexibot_migrate_', DATABASE()))");
        }
        catch (DbException)
        {
            // The connection is closing anyway, which releases the lock as well.
        }
    }

    /// <summary>Splits a script on semicolons that end a line, dropping comment-only lines.</summary>
    internal static IEnumerable<string> SplitStatements(string sql)
    {
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        var current = new List<string>();
        foreach (var line in lines)
        {
            current.Add(line);
            if (line.TrimEnd().EndsWith(';'))
            {
                var statement = string.Join('\n', current).Trim().TrimEnd(';');
                current.Clear();
                if (statement.Length > 0)
                {
                    yield return statement;
                }
            }
        }

        var rest = string.Join('\n', current).Trim();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing migration resource {resource}.");
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..underscore].TrimStart('_'), CultureInfo.InvariantCulture);
        return new MigrationScript(version, fileName, reader.ReadToEnd());
    }
}

/// <summary>Source-generated log messages of the migrator (event ids 1000–1099).</summary>
internal static partial class MigrationLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied migration {Version} {Name}")]
    public static partial void Applied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Schema at version {Version}; {Count} script(s) applied by this host")]
    public static partial void Current(ILogger logger, int version, int count);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Another host is migrating the database; waiting for its lock")]
    public static partial void Waiting(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Schema has {Count} pending script(s) and Database:MigrateOnStart is off")]
    public static partial void Pending(ILogger logger, int count);
}
