using System.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.ProgressReports;

/// <summary>
/// Ids of new report rows, taken inside the INSERT that writes the row, so that a first version's <c>root_id</c> (its
/// own id) is written by the same statement instead of an UPDATE after it. MariaDB takes them from the sequence
/// <c>progress_report_ids</c> (migration 0017; shared by every host of a cluster, not transactional) and answers the
/// id with <c>RETURNING</c>; SQLite, whose writers are serialised, takes the next id after the largest one.
/// The sequence is brought up to the table's largest id before this process's first report, after a bulk load that
/// wrote ids itself (<see cref="DemoReportSeeder"/>), and whenever an INSERT finds its id taken (a row written
/// without the sequence): the INSERT is then tried once more.
/// On MariaDB, statements that need the new id (<see cref="TakenId"/>) can ride in the same command as the INSERT —
/// one round trip for the report, its metrics and its rollup (issue 18).
/// </summary>
internal sealed class ReportIds
{
    private const string SequenceName = "progress_report_ids";

    /// <summary>
    /// MariaDB: the id the INSERT just took, in a later statement of the same command (this session's last value of
    /// the sequence; nothing else in the command takes one).
    /// </summary>
    public const string TakenId = $"LASTVAL({SequenceName})";

    private volatile bool _synced;

    /// <summary>
    /// Inserts a report row and returns its id. <paramref name="then"/> (MariaDB only): statements run in the same
    /// command after the INSERT, referring to the new id as <see cref="TakenId"/>; they do not run when the INSERT fails
    /// (MariaDB stops a multi-statement command at its first error), and cannot fail with a duplicate key themselves.
    /// </summary>
    public async Task<long> InsertAsync(
        DbConnection connection, DbTransaction? transaction, SqlDialect dialect, string columns, string values, object parameters, CancellationToken cancellationToken,
        string? then = null)
    {
        var mysql = dialect.Provider == DatabaseProvider.MySql;
        if (then is not null && !mysql)
        {
            throw new ArgumentException("Statements after the INSERT in one command are for MariaDB only.", nameof(then));
        }

        var next = mysql
            ? $"SELECT NEXT VALUE FOR {SequenceName} AS v"
            : "SELECT COALESCE(MAX(id), 0) + 1 AS v FROM progress_reports";
        var insert = $"""
            INSERT INTO progress_reports (id, root_id, {columns})
            SELECT n.v, COALESCE(@RootId, n.v), {values} FROM ({next}) n
            """;
        // The id comes back as the first result; the statements after it are read (and their errors thrown) before the
        // command completes.
        var sql = then is null ? $"{insert} RETURNING id" : $"{insert} RETURNING id;\n{then}";
        if (dialect.Provider == DatabaseProvider.MySql && !_synced)
        {
            await SyncAsync(connection, transaction, dialect, cancellationToken);
            _synced = true;
        }

        try
        {
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        }
        catch (DbException ex) when (dialect.Provider == DatabaseProvider.MySql && SqlDialect.IsDuplicateKey(ex))
        {
            // A row was written with an id of its own (an older host, a bulk tool): move the sequence past it. The failed
            // statement alone was undone; the transaction goes on.
            await SyncAsync(connection, transaction, dialect, cancellationToken);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Moves MariaDB's report id sequence past the largest report id (never back); nothing on SQLite.</summary>
    public static async Task SyncAsync(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect.Provider != DatabaseProvider.MySql)
        {
            return;
        }

        var max = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MAX(id) FROM progress_reports", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
        // SETVAL takes a number, not an expression; it never moves an ascending sequence back.
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT SETVAL({SequenceName}, @Max)", new { Max = max }, transaction, cancellationToken: cancellationToken));
    }
}
