using System.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.Common;

/// <summary>Shared plumbing for Dapper repositories: open a connection, run parameterised SQL.</summary>
public abstract class RepositoryBase(IDbConnectionFactory connections)
{
    protected IDbConnectionFactory Connections { get; } = connections;

    protected SqlDialect Dialect => Connections.Dialect;

    /// <summary>Runs one autocommit statement, retrying it when it lost a lock conflict (deadlock, busy).</summary>
    protected Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        RetryAsync(async () =>
        {
            await using var connection = await Connections.OpenAsync(cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> again (up to 5 times, with a short growing pause) when the database reports a
    /// transient lock conflict. Only for work that is whole or nothing, such as a single statement or a transaction;
    /// inside a <see cref="UnitOfWork"/> the conflict rolled back the whole unit, so its owner retries, not this.
    /// </summary>
    protected static async Task<T> RetryAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbException ex) when (attempt < 5 && SqlDialect.IsTransient(ex) && UnitOfWork.Current is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt * attempt), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Inserts one row unless a unique key already holds it; true when this call inserted it. Only duplicates are
    /// absorbed: truncation, NOT NULL and other errors still fail (unlike <c>INSERT IGNORE</c>/<c>INSERT OR IGNORE</c>).
    /// </summary>
    protected async Task<bool> InsertIfAbsentAsync(string insert, object parameters, CancellationToken cancellationToken, DbConnection? connection = null)
    {
        var sql = Dialect.IfAbsent(insert);
        try
        {
            if (connection is not null)
            {
                return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) == 1;
            }

            return await ExecuteAsync(sql, parameters, cancellationToken) == 1;
        }
        catch (DbException ex) when (SqlDialect.IsDuplicateKey(ex))
        {
            return false;
        }
    }

    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    protected async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    protected async Task<T?> ScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>Inserts one row and returns its generated id (same connection, so the id is ours).</summary>
    protected async Task<long> InsertAsync(string sql, object parameters, CancellationToken cancellationToken, DbConnection? connection = null, DbTransaction? transaction = null)
    {
        if (Dialect.Provider == DatabaseProvider.MySql)
        {
            // The server reports the id in its answer to the INSERT: no second statement.
            if (connection is TrackedConnection tracked)
            {
                await tracked.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
                return tracked.LastInsertedId;
            }

            if (connection is null)
            {
                await using var own = await Connections.OpenAsync(cancellationToken);
                if (own is TrackedConnection ownTracked)
                {
                    await ownTracked.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
                    return ownTracked.LastInsertedId;
                }
            }
        }

        // SQLite answers the id of the row it inserted in the same statement.
        var insert = Dialect.Provider == DatabaseProvider.Sqlite ? $"{sql} RETURNING id" : $"{sql}; {Dialect.LastInsertId}";
        if (connection is not null)
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(insert, parameters, transaction, cancellationToken: cancellationToken));
        }

        await using var owned = await Connections.OpenAsync(cancellationToken);
        return await owned.ExecuteScalarAsync<long>(new CommandDefinition(insert, parameters, cancellationToken: cancellationToken));
    }
}
