using System.Data.Common;

namespace Bot.Data.Connections;

/// <summary>
/// One connection and at most one transaction for a piece of work (the processing of one inbox message): while it is
/// current (an async-local scope from <see cref="Begin"/> to dispose), every repository call of that factory runs on
/// its connection, and the first write begins its transaction, so the reads before it cost no locks and everything
/// written commits or rolls back together. Repositories' own transactions join it. Dispose without
/// <see cref="CommitAsync"/> rolls back. On SQLite the unit holds the file's <see cref="SqliteWriteGate"/> from its first
/// write to its commit or rollback, so other writers of the process queue for it without a thread.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private static readonly AsyncLocal<UnitOfWork?> Ambient = new();

    private readonly DbConnectionFactory _factory;
    private readonly UnitOfWork? _previous;
    private TrackedConnection? _connection;
    private SqliteWriteLease? _writeLease;
    private bool _rollbackOnly;
    private bool _finished;

    private UnitOfWork(DbConnectionFactory factory, UnitOfWork? previous)
    {
        _factory = factory;
        _previous = previous;
    }

    internal static UnitOfWork? Current => Ambient.Value is { _finished: false } unit ? unit : null;

    internal DbTransaction? Transaction { get; private set; }

    internal bool Owns(DbConnectionFactory factory) => ReferenceEquals(_factory, factory);

    /// <summary>True while this unit's transaction holds <paramref name="gate"/>.</summary>
    internal bool HoldsWriteGate(SqliteWriteGate gate) => ReferenceEquals(_writeLease?.Gate, gate);

    /// <summary>
    /// True when a unit of the calling flow (the current one or one it is nested in) holds <paramref name="gate"/>: a
    /// write of that flow on another connection must not queue behind its own unit (SQLite's busy timeout answers it).
    /// </summary>
    internal static bool FlowHolds(SqliteWriteGate gate)
    {
        for (var unit = Ambient.Value; unit is not null; unit = unit._previous)
        {
            if (unit.HoldsWriteGate(gate))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Starts a unit on <paramref name="connections"/> for the calling async flow (synchronous, so the scope flows to
    /// the caller). Factories other than the bot's own (test doubles) get a unit that changes nothing.
    /// </summary>
    public static UnitOfWork Begin(IDbConnectionFactory connections)
    {
        var factory = connections as DbConnectionFactory;
        var unit = new UnitOfWork(factory!, Ambient.Value);
        if (factory is not null)
        {
            Ambient.Value = unit;
        }
        else
        {
            unit._finished = true;
        }

        return unit;
    }

    /// <summary>True when <paramref name="sql"/> changes data (its first keyword is INSERT, UPDATE, DELETE or REPLACE).</summary>
    internal static bool IsWrite(string? sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) ||
               text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A view of the unit's connection (opened on first use) for one repository call.</summary>
    internal async Task<TrackedConnection> BorrowAsync(CancellationToken cancellationToken)
    {
        _connection ??= await _factory.OpenOwnedAsync(cancellationToken);
        return new TrackedConnection(_connection.Inner, _connection.Counter, _connection.WriteGate, this);
    }

    internal void EnsureTransaction()
    {
        if (Transaction is null)
        {
            if (_connection!.Inner is MySqlConnector.MySqlConnection mySql)
            {
                var transaction = ServerTransaction.On(mySql);
                Transaction = transaction; // before it is sent: a begin that fails or is cancelled is still rolled back
                transaction.Start();
            }
            else
            {
                var lease = _connection.WriteGate is { } gate && !FlowHolds(gate) ? gate.Enter() : null;
                try
                {
                    Transaction = _connection.Inner.BeginTransaction();
                }
                catch
                {
                    lease?.Dispose();
                    throw;
                }

                _writeLease = lease;
            }

            _connection.Counter.Add(1);
        }
    }

    /// <summary>
    /// MySQL/MariaDB: when the unit's transaction is not begun yet, takes it as begun by the command about to run and
    /// returns the statements that begin it, to send ahead of that command's own (one round trip for both); null when it
    /// is begun already, and on SQLite (whose begin is local and takes the write gate).
    /// </summary>
    internal string? BeginInline()
    {
        if (Transaction is null && _connection!.Inner is MySqlConnector.MySqlConnection mySql)
        {
            Transaction = ServerTransaction.On(mySql); // before it is sent: a begin that fails or is cancelled is still rolled back
            return ServerTransaction.Begin;
        }

        return null;
    }

    internal async ValueTask EnsureTransactionAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            if (_connection!.Inner is MySqlConnector.MySqlConnection mySql)
            {
                var transaction = ServerTransaction.On(mySql);
                Transaction = transaction; // before it is sent: a begin that fails or is cancelled is still rolled back
                await transaction.StartAsync(cancellationToken);
            }
            else
            {
                var lease = _connection.WriteGate is { } gate && !FlowHolds(gate) ? await gate.EnterAsync(cancellationToken) : null;
                try
                {
                    Transaction = await _connection.Inner.BeginTransactionAsync(cancellationToken);
                }
                catch
                {
                    lease?.Dispose();
                    throw;
                }

                _writeLease = lease;
            }

            _connection.Counter.Add(1);
        }
    }

    internal void MarkRollbackOnly() => _rollbackOnly = true;

    /// <summary>Commits what the unit wrote (nothing to do when it only read).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_rollbackOnly)
        {
            throw new InvalidOperationException("A repository rolled back its part of this unit of work; nothing was committed.");
        }

        if (Transaction is not null)
        {
            await Transaction.CommitAsync(cancellationToken);
            _connection!.Counter.Add(1);
            await Transaction.DisposeAsync();
            Transaction = null;
            ReleaseWriteGate();
        }
    }

    /// <summary>The unit's transaction ended (or never began): the next writer may go.</summary>
    private void ReleaseWriteGate() => Interlocked.Exchange(ref _writeLease, null)?.Dispose();

    /// <summary>Ends the scope (synchronously, for the caller's flow), rolls back what was not committed, closes the connection.</summary>
    public ValueTask DisposeAsync()
    {
        if (_factory is null || Ambient.Value != this)
        {
            _finished = true;
            return DisposeCoreAsync();
        }

        Ambient.Value = _previous;
        _finished = true;
        return DisposeCoreAsync();
    }

    private async ValueTask DisposeCoreAsync()
    {
        try
        {
            if (Transaction is not null)
            {
                try
                {
                    await Transaction.RollbackAsync();
                    _connection!.Counter.Add(1);
                }
                catch (DbException)
                {
                    // The connection broke (the server rolls back on its own) or the rollback failed on a live one: either
                    // way this session must not wait idle in the pool with a transaction open, holding its locks.
                    if (_connection?.Inner is MySqlConnector.MySqlConnection mySql)
                    {
                        MySqlConnector.MySqlConnection.ClearPool(mySql);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Already completed by the server (e.g. a deadlock victim).
                }

                await Transaction.DisposeAsync();
                Transaction = null;
            }

            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            // After the rollback and the close (either ends SQLite's transaction), never before.
            ReleaseWriteGate();
        }
    }
}
