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
/// <c>BeginTransaction</c> joins it.
/// </summary>
[SuppressMessage("Security", "CA2100", Justification = "Passes the repositories' parameterised SQL through unchanged.")]
internal sealed class TrackedConnection(DbConnection inner, StatementCounter counter, UnitOfWork? unit = null) : DbConnection
{
    internal DbConnection Inner { get; } = inner;

    internal StatementCounter Counter { get; } = counter;

    /// <summary>The unit this connection is a view of; null for an owned connection.</summary>
    internal UnitOfWork? Unit { get; } = unit;

    /// <summary>The auto-increment id of the last INSERT on MySQL/MariaDB (from the server's OK packet).</summary>
    internal long LastInsertedId { get; set; }

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
            Inner.Close();
        }
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (Unit is not null)
        {
            Unit.EnsureTransaction();
            return new TrackedTransaction(this, null, isolationLevel);
        }

        var transaction = Inner.BeginTransaction(isolationLevel);
        Counter.Add(1);
        return new TrackedTransaction(this, transaction, isolationLevel);
    }

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
    {
        if (Unit is not null)
        {
            await Unit.EnsureTransactionAsync(cancellationToken);
            return new TrackedTransaction(this, null, isolationLevel);
        }

        var transaction = await Inner.BeginTransactionAsync(isolationLevel, cancellationToken);
        Counter.Add(1);
        return new TrackedTransaction(this, transaction, isolationLevel);
    }

    protected override DbCommand CreateDbCommand() => new TrackedCommand(this, Inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing && Unit is null)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Unit is null)
        {
            await Inner.DisposeAsync();
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
        }
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (Inner is not null)
        {
            await Inner.CommitAsync(cancellationToken);
            connection.Counter.Add(1);
        }
    }

    public override void Rollback()
    {
        if (Inner is not null)
        {
            Inner.Rollback();
            connection.Counter.Add(1);
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
        }
        else
        {
            connection.Unit?.MarkRollbackOnly();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner?.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Inner is not null)
        {
            await Inner.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

/// <summary>A command of a <see cref="TrackedConnection"/>: counts statements, binds the right transaction, keeps insert ids.</summary>
[SuppressMessage("Security", "CA2100", Justification = "Passes the repositories' parameterised SQL through unchanged.")]
internal sealed class TrackedCommand(TrackedConnection connection, DbCommand inner) : DbCommand
{
    private DbTransaction? _transaction;

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
        Before();
        var result = inner.ExecuteNonQuery();
        After();
        return result;
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        await BeforeAsync(cancellationToken);
        var result = await inner.ExecuteNonQueryAsync(cancellationToken);
        After();
        return result;
    }

    public override object? ExecuteScalar()
    {
        Before();
        var result = inner.ExecuteScalar();
        After();
        return result;
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        await BeforeAsync(cancellationToken);
        var result = await inner.ExecuteScalarAsync(cancellationToken);
        After();
        return result;
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        Before();
        var reader = inner.ExecuteReader(behavior);
        After();
        return reader;
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        await BeforeAsync(cancellationToken);
        var reader = await inner.ExecuteReaderAsync(behavior, cancellationToken);
        After();
        return reader;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Before()
    {
        if (connection.Unit is { } unit && UnitOfWork.IsWrite(inner.CommandText))
        {
            unit.EnsureTransaction();
        }

        Bind();
    }

    private async ValueTask BeforeAsync(CancellationToken cancellationToken)
    {
        if (connection.Unit is { } unit && UnitOfWork.IsWrite(inner.CommandText))
        {
            await unit.EnsureTransactionAsync(cancellationToken);
        }

        Bind();
    }

    private void Bind()
    {
        // A unit's server transaction on MySQL/MariaDB is unknown to MySqlConnector: its commands run without one.
        inner.Transaction = connection.Unit is { } unit
            ? unit.Transaction is ServerTransaction ? null : unit.Transaction
            : (_transaction as TrackedTransaction)?.Inner ?? _transaction;
        connection.Counter.Add(StatementCounter.Count(inner.CommandText));
    }

    private void After()
    {
        if (inner is MySqlCommand my)
        {
            connection.LastInsertedId = my.LastInsertedId;
        }
    }
}

/// <summary>Statements sent to the database by one connection factory (each command counted by its statements).</summary>
public sealed class StatementCounter
{
    private long _count;

    public long Count() => Interlocked.Read(ref _count);

    internal void Add(long statements) => Interlocked.Add(ref _count, statements);

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
