using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using MySqlConnector;

namespace Bot.Data.Connections;

/// <summary>
/// The connection every repository gets from <see cref="DbConnectionFactory"/>: a thin wrapper that counts the
/// statements it sends (the figure the load driver and the statement tests check), keeps the id MySQL reports for an
/// INSERT (so no <c>SELECT LAST_INSERT_ID()</c> round trip), and, inside a <see cref="UnitOfWork"/>, is a non-owning
/// view of the unit's one connection: its commands run in the unit's transaction and a repository's own
/// <c>BeginTransaction</c> joins it. On SQLite it takes the file's <see cref="SqliteWriteGate"/> for each of its own
/// transactions (begin to commit or rollback) and for each write outside a transaction (the statement).
/// </summary>
[SuppressMessage("Security", "CA2100", Justification = "Passes the repositories' parameterised SQL through unchanged.")]
internal sealed class TrackedConnection(DbConnection inner, StatementCounter counter, SqliteWriteGate? writeGate, UnitOfWork? unit = null) : DbConnection
{
    private SqliteWriteLease? _transactionLease;

    internal DbConnection Inner { get; } = inner;

    internal StatementCounter Counter { get; } = counter;

    /// <summary>SQLite: the file's write gate; null on MySQL/MariaDB.</summary>
    internal SqliteWriteGate? WriteGate { get; } = writeGate;

    /// <summary>
    /// SQLite: this connection's own writes go before other waiting writers at the gate (the acknowledgement path's
    /// inbox inserts, which a platform waits for).
    /// </summary>
    internal bool Urgent { get; init; }

    /// <summary>The unit this connection is a view of; null for an owned connection.</summary>
    internal UnitOfWork? Unit { get; } = unit;

    /// <summary>The auto-increment id of the last INSERT on MySQL/MariaDB (from the server's OK packet).</summary>
    internal long LastInsertedId { get; set; }

    /// <summary>
    /// True when a write on this connection must not wait for the gate: this connection's transaction, its unit or a unit
    /// of the calling flow holds it already (waiting would be waiting for itself).
    /// </summary>
    internal bool HoldsWriteGate =>
        WriteGate is null || _transactionLease is not null || (Unit?.HoldsWriteGate(WriteGate) ?? false) || UnitOfWork.FlowHolds(WriteGate);

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => Inner.ConnectionString = value;
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override ConnectionState State => Inner.State;

    public override void ChangeDatabase(string databaseName) => Inner.ChangeDatabase(databaseName);

    public override void Open() => Inner.Open();

    public override Task OpenAsync(CancellationToken cancellationToken) => Inner.OpenAsync(cancellationToken);

    public override void Close()
    {
        if (Unit is null)
        {
            // Closing rolls back what is still open, so its turn at the gate ends too.
            Inner.Close();
            EndTransaction();
        }
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (Unit is not null)
        {
            // Joins the unit's transaction. On MySQL/MariaDB it begins with the unit's first write, sent in the same
            // command (TrackedCommand); SQLite begins it now (its begin takes the write gate for what follows).
            if (Inner is not MySqlConnector.MySqlConnection)
            {
                Unit.EnsureTransaction();
            }

            return new TrackedTransaction(this, null, isolationLevel);
        }

        var lease = HoldsWriteGate ? null : WriteGate!.Enter();
        DbTransaction transaction;
        try
        {
            transaction = Inner.BeginTransaction(LevelFor(isolationLevel));
        }
        catch
        {
            lease?.Dispose();
            throw;
        }

        _transactionLease = lease ?? _transactionLease;
        Counter.Add(1);
        return new TrackedTransaction(this, transaction, isolationLevel);
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        if (Unit is not null)
        {
            // As BeginDbTransaction: on MySQL/MariaDB the unit's transaction begins with its first write.
            if (Inner is not MySqlConnector.MySqlConnection)
            {
                await Unit.EnsureTransactionAsync(cancellationToken);
            }

            return new TrackedTransaction(this, null, isolationLevel);
        }

        var lease = HoldsWriteGate ? null : await WriteGate!.EnterAsync(cancellationToken);
        DbTransaction transaction;
        try
        {
            transaction = await Inner.BeginTransactionAsync(LevelFor(isolationLevel), cancellationToken);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }

        _transactionLease = lease ?? _transactionLease;
        Counter.Add(1);
        return new TrackedTransaction(this, transaction, isolationLevel);
    }

    /// <summary>MySQL/MariaDB transactions run at READ COMMITTED unless a level is asked for (see <see cref="ServerTransaction"/>).</summary>
    private IsolationLevel LevelFor(IsolationLevel asked) =>
        asked == IsolationLevel.Unspecified && Inner is MySqlConnector.MySqlConnection ? ServerTransaction.Level : asked;

    /// <summary>This connection's own transaction ended (committed, rolled back, disposed): the next writer may go.</summary>
    internal void EndTransaction() => Interlocked.Exchange(ref _transactionLease, null)?.Dispose();

    protected override DbCommand CreateDbCommand() => new TrackedCommand(this, Inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing && Unit is null)
        {
            try
            {
                Inner.Dispose();
            }
            finally
            {
                EndTransaction();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Unit is null)
        {
            try
            {
                await Inner.DisposeAsync();
            }
            finally
            {
                EndTransaction();
            }
        }

        await base.DisposeAsync();
    }
}

/// <summary>A transaction of a <see cref="TrackedConnection"/>: its own, or (no inner transaction) a share of the unit's.</summary>
internal sealed class TrackedTransaction(TrackedConnection connection, DbTransaction? inner, IsolationLevel isolationLevel) : DbTransaction
{
    internal DbTransaction? Inner { get; } = inner;

    public override IsolationLevel IsolationLevel { get; } = isolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit()
    {
        // A joined transaction commits with its unit.
        if (Inner is not null)
        {
            Inner.Commit();
            connection.Counter.Add(1);
            connection.EndTransaction();
        }
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Inner is not null)
        {
            await Inner.CommitAsync(cancellationToken);
            connection.Counter.Add(1);
            connection.EndTransaction();
        }
    }

    public override void Rollback()
    {
        if (Inner is not null)
        {
            Inner.Rollback();
            connection.Counter.Add(1);
            connection.EndTransaction();
        }
        else
        {
            connection.Unit?.MarkRollbackOnly();
        }
    }

    public override async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        if (Inner is not null)
        {
            await Inner.RollbackAsync(cancellationToken);
            connection.Counter.Add(1);
            connection.EndTransaction();
        }
        else
        {
            connection.Unit?.MarkRollbackOnly();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Inner is not null)
        {
            // Disposing an open transaction rolls it back.
            try
            {
                Inner.Dispose();
            }
            finally
            {
                connection.EndTransaction();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Inner is not null)
        {
            try
            {
                await Inner.DisposeAsync();
            }
            finally
            {
                connection.EndTransaction();
            }
        }

        await base.DisposeAsync();
    }
}

/// <summary>A command of a <see cref="TrackedConnection"/>: counts statements, binds the right transaction, keeps insert ids.</summary>
[SuppressMessage("Security", "CA2100", Justification = "Passes the repositories' parameterised SQL through unchanged.")]
internal sealed class TrackedCommand(TrackedConnection connection, DbCommand inner) : DbCommand
{
    private DbTransaction? _transaction;
    private string? _textBeforeBegin;

    [AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => inner.CommandTimeout;
        set => inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => inner.CommandType;
        set => inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => inner.DesignTimeVisible;
        set => inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => inner.UpdatedRowSource;
        set => inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (value is not null && !ReferenceEquals(value, connection))
            {
                throw new InvalidOperationException("A tracked command stays on the connection that created it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    public override void Cancel() => inner.Cancel();

    public override void Prepare() => inner.Prepare();

    protected override DbParameter CreateDbParameter() => inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        var lease = Before(beginInline: true);
        int result;
        try
        {
            result = inner.ExecuteNonQuery();
        }
        finally
        {
            RestoreText();
            lease?.Dispose();
        }

        After();
        return result;
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var lease = await BeforeAsync(cancellationToken, beginInline: true);
        int result;
        try
        {
            result = await inner.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            RestoreText();
            lease?.Dispose();
        }

        After();
        return result;
    }

    public override object? ExecuteScalar()
    {
        var lease = Before(beginInline: true);
        object? result;
        try
        {
            result = inner.ExecuteScalar();
        }
        finally
        {
            RestoreText();
            lease?.Dispose();
        }

        After();
        return result;
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var lease = await BeforeAsync(cancellationToken, beginInline: true);
        object? result;
        try
        {
            result = await inner.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            RestoreText();
            lease?.Dispose();
        }

        After();
        return result;
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var lease = Before();
        DbDataReader reader;
        try
        {
            reader = inner.ExecuteReader(behavior);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }

        After();
        return lease is null ? reader : new GatedDataReader(reader, lease);
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var lease = await BeforeAsync(cancellationToken);
        DbDataReader reader;
        try
        {
            reader = await inner.ExecuteReaderAsync(behavior, cancellationToken);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }

        After();
        return lease is null ? reader : new GatedDataReader(reader, lease);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Begins the unit's transaction before its first write; on SQLite, a write outside any transaction of the flow
    /// takes the gate for this statement (the lease returned, to dispose when the statement ended). With
    /// <paramref name="beginInline"/> (commands whose results are read to the end: non-queries and scalars), MySQL/MariaDB
    /// sends the begin in the same command as the write, ahead of it (one round trip instead of two, issue 18); the
    /// command's text is put back after it ran (<see cref="RestoreText"/>), so that running it again does not begin again.
    /// </summary>
    private SqliteWriteLease? Before(bool beginInline = false)
    {
        string? begin = null;
        if (connection.Unit is { } unit && UnitOfWork.IsWrite(inner.CommandText))
        {
            begin = beginInline ? unit.BeginInline() : null;
            if (begin is null)
            {
                unit.EnsureTransaction();
            }
        }

        Bind(begin);
        return NeedsGate() ? connection.WriteGate!.Enter(connection.Urgent) : null;
    }

    private async ValueTask<SqliteWriteLease?> BeforeAsync(CancellationToken cancellationToken, bool beginInline = false)
    {
        string? begin = null;
        if (connection.Unit is { } unit && UnitOfWork.IsWrite(inner.CommandText))
        {
            begin = beginInline ? unit.BeginInline() : null;
            if (begin is null)
            {
                await unit.EnsureTransactionAsync(cancellationToken);
            }
        }

        Bind(begin);
        return NeedsGate() ? await connection.WriteGate!.EnterAsync(connection.Urgent, cancellationToken) : null;
    }

    private bool NeedsGate() => connection.WriteGate is not null && SqliteWriteGate.IsWrite(inner.CommandText) && !connection.HoldsWriteGate;

    private void Bind(string? begin)
    {
        // A unit's server transaction on MySQL/MariaDB is unknown to MySqlConnector: its commands run without one.
        inner.Transaction = connection.Unit is { } unit
            ? unit.Transaction is ServerTransaction ? null : unit.Transaction
            : (_transaction as TrackedTransaction)?.Inner ?? _transaction;
        // The begin counts as one statement, as when it is sent alone.
        connection.Counter.Add(StatementCounter.Count(inner.CommandText) + (begin is null ? 0 : 1));
        if (begin is not null)
        {
            _textBeforeBegin = inner.CommandText;
            inner.CommandText = $"{begin};\n{_textBeforeBegin}";
        }
    }

    /// <summary>Puts back the command's own text after a run that began the unit's transaction ahead of it.</summary>
    private void RestoreText()
    {
        if (_textBeforeBegin is { } text)
        {
            inner.CommandText = text;
            _textBeforeBegin = null;
        }
    }

    private void After()
    {
        if (inner is MySqlCommand my)
        {
            connection.LastInsertedId = my.LastInsertedId;
        }
    }
}

/// <summary>
/// Statements sent to the database by one connection factory (each command counted by its statements), and the
/// commands that carried them (round trips).
/// </summary>
public sealed class StatementCounter
{
    private long _count;
    private long _commands;

    public long Count() => Interlocked.Read(ref _count);

    /// <summary>Commands sent (each one round trip, however many statements it holds).</summary>
    public long RoundTrips() => Interlocked.Read(ref _commands);

    /// <summary>One command of <paramref name="statements"/> statements.</summary>
    internal void Add(long statements)
    {
        Interlocked.Add(ref _count, statements);
        Interlocked.Increment(ref _commands);
    }

    /// <summary>Statements in a command text: its non-empty <c>;</c>-separated parts (the repositories put no <c>;</c> in literals).</summary>
    internal static int Count(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var count = 0;
        foreach (var part in text.Split(';'))
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                count++;
            }
        }

        return count;
    }
}
