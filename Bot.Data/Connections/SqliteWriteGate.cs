using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Bot.Data.Connections;

/// <summary>
/// The in-process queue for a SQLite file's single writer. SQLite lets one connection write at a time and
/// Microsoft.Data.Sqlite waits for the lock synchronously (its busy handler sleeps on the calling thread, its async
/// methods run synchronously), so under load every waiting writer held a thread-pool thread and the writer's own
/// continuation could not run. Every write of this process to the file (a unit of work from its first write to its
/// commit or rollback, a repository's own transaction, a single auto-commit write) first takes this gate, awaited
/// asynchronously: the waiters queue without a thread, and SQLite's lock is free by the time a writer reaches it. The
/// busy timeout stays the safety net against other processes (the CLI verbs, Quartz's own connections).
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "One gate per database file for the life of the process; its semaphore needs no disposal (no wait handle is created).")]
internal sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private int _waiting;

    private SqliteWriteGate(string key, TimeSpan timeout)
    {
        Key = key;
        Timeout = timeout;
    }

    /// <summary>The database file (full path) or, for an in-memory database, its connection string.</summary>
    internal string Key { get; }

    /// <summary>How long a writer waits for the gate before it fails as SQLite would (SQLITE_BUSY): the command timeout.</summary>
    internal TimeSpan Timeout { get; }

    /// <summary>True while a writer of this process holds the gate.</summary>
    internal bool IsHeld => _semaphore.CurrentCount == 0;

    /// <summary>Writers queued for their turn right now.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The gate of the database <paramref name="connectionString"/> names (one per file, shared by every factory of the process).</summary>
    internal static SqliteWriteGate For(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var memory = builder.Mode is SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:";
        var key = memory ? connectionString : Path.GetFullPath(builder.DataSource);
        var timeout = TimeSpan.FromSeconds(builder.DefaultTimeout > 0 ? builder.DefaultTimeout : 30);
        return Gates.GetOrAdd(key, k => new SqliteWriteGate(k, timeout));
    }

    /// <summary>Waits (without a thread) until this flow may write; dispose the lease once the write ended.</summary>
    internal async ValueTask<SqliteWriteLease> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_semaphore.Wait(0, cancellationToken))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                if (!await _semaphore.WaitAsync(Timeout, cancellationToken))
                {
                    throw Busy();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new SqliteWriteLease(this);
    }

    /// <summary>The synchronous <see cref="EnterAsync"/>, for the synchronous ADO.NET calls.</summary>
    internal SqliteWriteLease Enter(CancellationToken cancellationToken = default)
    {
        if (!_semaphore.Wait(0, cancellationToken))
        {
            Interlocked.Increment(ref _waiting);
            try
            {
                if (!_semaphore.Wait(Timeout, cancellationToken))
                {
                    throw Busy();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        return new SqliteWriteLease(this);
    }

    internal void Exit() => _semaphore.Release();

    /// <summary>
    /// True when <paramref name="sql"/> may change the database: one of its <c>;</c>-separated statements starts with
    /// INSERT, UPDATE, DELETE, REPLACE, CREATE, DROP or ALTER (a read that also matches only queues behind the writers).
    /// </summary>
    internal static bool IsWrite(string? sql)
    {
        var text = sql.AsSpan();
        foreach (var range in text.Split(';'))
        {
            var part = text[range].TrimStart();
            if (part.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || part.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) ||
                part.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || part.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase) ||
                part.StartsWith("CREATE", StringComparison.OrdinalIgnoreCase) || part.StartsWith("DROP", StringComparison.OrdinalIgnoreCase) ||
                part.StartsWith("ALTER", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private SqliteException Busy() =>
        new($"SQLite write gate: no turn to write to {Key} within {Timeout.TotalSeconds:0} s (database is locked).", 5);
}

/// <summary>A turn at a <see cref="SqliteWriteGate"/>; disposing it (once, any number of calls) lets the next writer in.</summary>
internal sealed class SqliteWriteLease(SqliteWriteGate gate) : IDisposable
{
    private int _released;

    internal SqliteWriteGate Gate { get; } = gate;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Gate.Exit();
        }
    }
}
