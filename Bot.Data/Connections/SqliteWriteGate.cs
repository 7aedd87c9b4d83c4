using System.Collections.Concurrent;
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
internal sealed class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    // Writers waiting for their turn, in arrival order; urgent ones (the callbacks' inbox inserts, which a platform
    // waits for) are let in before any other waiting writer, so an acknowledgement waits for at most the turn that is
    // running, not for the backlog's queue of units.
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _urgent = new();
    private readonly LinkedList<TaskCompletionSource> _normal = new();
    private bool _held;

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
    internal bool IsHeld
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>Writers queued for their turn right now.</summary>
    internal int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _urgent.Count + _normal.Count;
            }
        }
    }

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
    internal ValueTask<SqliteWriteLease> EnterAsync(CancellationToken cancellationToken) => EnterAsync(false, cancellationToken);

    /// <summary>Like <see cref="EnterAsync(CancellationToken)"/>; an <paramref name="urgent"/> writer goes before every waiting writer that is not urgent.</summary>
    internal async ValueTask<SqliteWriteLease> EnterAsync(bool urgent, CancellationToken cancellationToken)
    {
        var (turn, node) = Queue(urgent);
        if (node is not null)
        {
            try
            {
                await turn!.Task.WaitAsync(Timeout, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                GiveUp(node);
                if (ex is TimeoutException)
                {
                    throw Busy();
                }

                throw;
            }
        }

        return new SqliteWriteLease(this);
    }

    /// <summary>The synchronous <see cref="EnterAsync(bool, CancellationToken)"/>, for the synchronous ADO.NET calls.</summary>
    internal SqliteWriteLease Enter(bool urgent = false, CancellationToken cancellationToken = default)
    {
        var (turn, node) = Queue(urgent);
        if (node is not null)
        {
            bool granted;
            try
            {
                granted = turn!.Task.Wait(Timeout, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                GiveUp(node);
                throw;
            }

            if (!granted)
            {
                GiveUp(node);
                throw Busy();
            }
        }

        return new SqliteWriteLease(this);
    }

    /// <summary>The turn goes to the first urgent waiter, else the first waiter, else the gate is free.</summary>
    internal void Exit()
    {
        lock (_lock)
        {
            var next = _urgent.First ?? _normal.First;
            if (next is null)
            {
                _held = false;
                return;
            }

            next.List!.Remove(next);
            next.Value.TrySetResult(); // the gate stays held: it is the waiter's now
        }
    }

    /// <summary>Takes the free gate (no node) or queues a waiter (its node).</summary>
    private (TaskCompletionSource? Turn, LinkedListNode<TaskCompletionSource>? Node) Queue(bool urgent)
    {
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return (null, null);
            }

            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (turn, (urgent ? _urgent : _normal).AddLast(turn));
        }
    }

    /// <summary>A waiter stopped waiting: out of the queue, or — when its turn came meanwhile — the turn is passed on.</summary>
    private void GiveUp(LinkedListNode<TaskCompletionSource> node)
    {
        bool granted;
        lock (_lock)
        {
            granted = node.List is null;
            node.List?.Remove(node);
        }

        if (granted)
        {
            Exit();
        }
    }

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
