using System.ComponentModel.DataAnnotations;

namespace Bot.Data.Connections;

/// <summary>Which database the bot stores its state in.</summary>
public enum DatabaseProvider
{
    Sqlite,
    MySql,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>MySql</c> (MySQL 8 / MariaDB 10.11).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string. Defaults to <c>Data Source=data/tiexibot.db</c> for SQLite.</summary>
    [Required(AllowEmptyStrings = true)]
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Folder that a relative SQLite path is resolved against (the host's content root).</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>
    /// MySQL/MariaDB: connections of the acknowledgement path's own pool (webhook inserts into the inbox), apart from
    /// the pool the workers use, so that a backlog's work never holds the connections a callback needs.
    /// </summary>
    [Range(1, 1000)]
    public int IngestPoolSize { get; set; } = 64;

    /// <summary>
    /// SQLite: the thread pool's minimum worker threads while the host runs (0, the default, leaves the runtime's).
    /// Microsoft.Data.Sqlite waits for the database's single writer synchronously (its busy handler sleeps on the calling
    /// thread); before the write gate (<see cref="SqliteWriteGate"/>) the waiting commands held the pool's few threads and
    /// the host stalled at 300 callbacks a second unless 128 threads were kept ready. Writers of this process now queue
    /// on the gate without a thread, so only a writer of another process (a CLI verb, Quartz's own connections) can
    /// still make one wait inside SQLite; raise this if such a process writes a lot while the host is under load.
    /// </summary>
    public int SqliteMinWorkerThreads { get; set; }

    public string EffectiveConnectionString =>
        string.IsNullOrWhiteSpace(ConnectionString) && Provider == DatabaseProvider.Sqlite
            ? "Data Source=data/tiexibot.db"
            : ConnectionString;
}
