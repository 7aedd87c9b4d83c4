using System.Data;
using System.Data.Common;
using MySqlConnector;

namespace Bot.Data.Connections;

/// <summary>
/// A MySQL/MariaDB transaction begun with <c>SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION</c> (one
/// round trip) and ended with <c>COMMIT</c>/<c>ROLLBACK</c>. <b>READ COMMITTED</b> (<see cref="Level"/>, also what
/// <see cref="TrackedConnection"/> asks for every other MySQL transaction): under InnoDB's REPEATABLE READ an
/// <c>INSERT … SELECT</c> (the report rollup's upsert reads the rows just written) takes shared next-key locks on the
/// rows and gaps it reads, so the next report's metric rows — inserted at the end of the same index by another consumer —
/// waited for that transaction's COMMIT: the consumers ran one after another (3.4 ms per metrics INSERT under load).
/// Under READ COMMITTED the read is a consistent read without locks. Nothing here relies on gap locks: every
/// "insert if absent" has a unique key, and claims and completions are conditional UPDATEs.
/// MySqlConnector does not know about the transaction, so the commands of the unit run without a <c>Transaction</c>. MySqlConnector
/// resets a pooled connection only when it is taken out again, so an idle pooled connection would keep an open
/// transaction and its locks: the object exists before <c>START TRANSACTION</c> is sent, and it counts as ended only
/// once <c>COMMIT</c>/<c>ROLLBACK</c> succeeded, so the unit's dispose always sends a <c>ROLLBACK</c> after a failed or
/// cancelled begin or commit.
/// </summary>
internal sealed class ServerTransaction : DbTransaction
{
    private readonly MySqlConnection _connection;
    private bool _done;

    private ServerTransaction(MySqlConnection connection) => _connection = connection;

    public override IsolationLevel IsolationLevel => Level;

    protected override DbConnection DbConnection => _connection;

    /// <summary>A transaction not yet begun on the server: <see cref="Start"/> or <see cref="StartAsync"/> begins it.</summary>
    public static ServerTransaction On(MySqlConnection connection) => new(connection);

    /// <summary>The isolation level of every MySQL/MariaDB transaction of the bot.</summary>
    public const IsolationLevel Level = IsolationLevel.ReadCommitted;

    /// <summary>What begins it; sent alone (<see cref="Start"/>) or ahead of the unit's first write in the same command.</summary>
    internal const string Begin = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION";

    public void Start() => Run(_connection, Begin);

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(_connection, Begin, cancellationToken);

    public override void Commit() => End("COMMIT");

    public override void Rollback() => End("ROLLBACK");

    public override Task CommitAsync(CancellationToken cancellationToken = default) => EndAsync("COMMIT", cancellationToken);

    public override Task RollbackAsync(string? savepointName = null, CancellationToken cancellationToken = default) => EndAsync("ROLLBACK", cancellationToken);

    private void End(string sql)
    {
        if (_done)
        {
            throw new InvalidOperationException("The transaction has already been committed or rolled back.");
        }

        Run(_connection, sql);
        _done = true;
    }

    private async Task EndAsync(string sql, CancellationToken cancellationToken)
    {
        if (_done)
        {
            throw new InvalidOperationException("The transaction has already been committed or rolled back.");
        }

        await RunAsync(_connection, sql, cancellationToken);
        _done = true;
    }

    private static void Run(MySqlConnection connection, string sql)
    {
        using var command = new MySqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static async Task RunAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
