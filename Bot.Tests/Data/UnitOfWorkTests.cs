using Bot.Data.Connections;
using Bot.Data.Units;
using Bot.Tests.Support;
using Dapper;
using MySqlConnector;

namespace Bot.Tests.Data;

/// <summary>
/// A unit of work that ends badly (a commit cancelled by a stopping host, a failure half-way) leaves no transaction open
/// behind it: its writes are gone, and no pooled connection keeps their locks.
/// </summary>
public sealed class UnitOfWorkTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_unit_whose_commit_is_cancelled_is_rolled_back_and_leaves_no_transaction_open(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();

        await using (var unit = UnitOfWork.Begin(db.Get<IDbConnectionFactory>()))
        {
            await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
            using var stopping = new CancellationTokenSource();
            await stopping.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unit.CommitAsync(stopping.Token));
        }

        Assert.Equal(0, await OpenTransactionsAsync(db));
        Assert.Empty(await units.ListAsync());
        await units.UpsertAsync(new Unit { Name = "区农业农村局", Type = UnitTypes.Department });
        Assert.Equal(["区农业农村局"], (await units.ListAsync()).Select(u => u.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_unit_that_fails_after_writing_is_rolled_back_and_leaves_no_transaction_open(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var unit = UnitOfWork.Begin(db.Get<IDbConnectionFactory>());
            await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
            throw new InvalidOperationException("the router failed");
        });

        Assert.Equal(0, await OpenTransactionsAsync(db));
        Assert.Empty(await units.ListAsync());
    }

    /// <summary>
    /// Transactions open on the test database, seen from outside the bot's pools (MariaDB: InnoDB's list of
    /// transactions of the connections on this database; SQLite: a write lock taken at once or not at all).
    /// </summary>
    private static async Task<int> OpenTransactionsAsync(TestDatabase db)
    {
        if (db.Provider == DatabaseProvider.MySql)
        {
            var outside = new MySqlConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ConnectionString;
            await using var connection = new MySqlConnection(outside);
            await connection.OpenAsync();
            return await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id " +
                "WHERE p.db = DATABASE() AND p.id <> CONNECTION_ID()");
        }

        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false, DefaultTimeout = 1 }.ConnectionString;
        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(file);
        await sqlite.OpenAsync();
        try
        {
            await sqlite.ExecuteAsync("BEGIN IMMEDIATE; ROLLBACK;");
            return 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 1;
        }
    }
}
