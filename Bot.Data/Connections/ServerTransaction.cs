using System.Data;
using System.Data.Common;
using MySqlConnector;

namespace Bot.Data.Connections;

/// <summary>
/// A MySQL/MariaDB transaction begun with a plain <c>START TRANSACTION</c> and ended with <c>COMMIT</c>/<c>ROLLBACK</c>:
/// one statement per begin instead of MySqlConnector's two (it sends <c>SET TRANSACTION ISOLATION LEVEL REPEATABLE
/// READ</c> before every <c>BeginTransaction</c>, even for <see cref="IsolationLevel.Unspecified"/> — MySqlConnector
/// issue 1442). The server's default level applies (InnoDB: REPEATABLE READ, the level MySqlConnector would have set).
/// MySqlConnector does not know about it, so the commands of the unit run without a <c>Transaction</c>. MySqlConnector
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

    public override IsolationLevel IsolationLevel => IsolationLevel.Unspecified;

    protected override DbConnection DbConnection => _connection;

    /// <summary>A transaction not yet begun on the server: <see cref="Start"/> or <see cref="StartAsync"/> begins it.</summary>
    public static ServerTransaction On(MySqlConnection connection) => new(connection);

    public void Start() => Run(_connection, "START TRANSACTION");

    public Task StartAsync(CancellationToken cancellationToken) => RunAsync(_connection, "START TRANSACTION", cancellationToken);

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
