using Bot.Data.Connections;
using Bot.Data.Migrations;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void Every_MySql_migration_has_a_Sqlite_twin_with_the_same_name()
    {
        var mySql = Migrator.Scripts(DatabaseProvider.MySql).Select(s => s.Name).ToList();
        var sqlite = Migrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name).ToList();

        Assert.NotEmpty(mySql);
        Assert.Equal(mySql, sqlite);
    }

    [SkippableFact]
    public async Task MySql_and_Sqlite_migrations_produce_the_same_tables_and_columns()
    {
        TestDatabase.SkipUnlessMySql();
        await using var lite = await TestDatabase.CreateAsync("Sqlite");
        await using var my = await TestDatabase.CreateAsync("MySql");

        var liteSchema = await SchemaAsync(lite);
        var mySchema = await SchemaAsync(my);

        Assert.True(liteSchema.Count >= 18, $"expected the whole product schema, got {liteSchema.Count} tables");
        Assert.Equal(mySchema.Keys.Order(StringComparer.Ordinal), liteSchema.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, columns) in mySchema)
        {
            Assert.Equal(columns, liteSchema[table]);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_twice_changes_nothing_and_records_the_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var migrator = db.Get<Migrator>();

        var again = await migrator.MigrateAsync();

        Assert.Equal(Migrator.Scripts(db.Provider).Max(s => s.Version), again);
        Assert.Equal(again, await migrator.CurrentVersionAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_migrators_started_together_on_an_empty_database_apply_each_script_exactly_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var first = db.CreateServices();
        await using var second = db.CreateServices();
        using var start = new Barrier(2);

        var runs = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return first.GetRequiredService<Migrator>().RunAsync(); }),
            Task.Run(() => { start.SignalAndWait(); return second.GetRequiredService<Migrator>().RunAsync(); }));

        var scripts = Migrator.Scripts(db.Provider).Select(s => s.Name).ToList();
        Assert.Equal(scripts.Order(StringComparer.Ordinal), runs.SelectMany(r => r.Applied).Order(StringComparer.Ordinal));
        Assert.Contains(runs, r => r.Applied.Count == 0);
        Assert.All(runs, r => Assert.Equal(Migrator.Scripts(db.Provider).Max(s => s.Version), r.Version));
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        Assert.Equal(scripts.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_version"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rerunning_every_applied_migration_script_is_a_no_op(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var before = await SchemaAsync(db);
        var indexesBefore = await IndexesAsync(db);

        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            foreach (var script in Migrator.Scripts(db.Provider))
            {
                await Migrator.ApplyStatementsAsync(connection, null, script, default);
            }
        }

        Assert.Equal(before, await SchemaAsync(db));
        Assert.Equal(indexesBefore, await IndexesAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_binary_older_than_the_schema_refuses_to_migrate_or_start_with_a_clear_message(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO schema_version (name, version, applied_at) VALUES ('9999_from_the_future', 9999, 'x')");
        }

        var migrate = await Assert.ThrowsAsync<SchemaTooNewException>(() => db.Get<Migrator>().MigrateAsync());
        var start = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(db.Settings));

        Assert.Contains("9999", migrate.Message, StringComparison.Ordinal);
        Assert.Contains("newer than this binary", migrate.Message, StringComparison.Ordinal);
        Assert.Contains("请升级程序", migrate.Message, StringComparison.Ordinal);
        Assert.IsType<SchemaTooNewException>(start.GetBaseException());
    }

    [SkippableFact]
    public async Task On_MariaDB_an_over_long_value_fails_loudly_instead_of_being_truncated()
    {
        TestDatabase.SkipUnlessMySql();
        await using var db = await TestDatabase.CreateAsync("MySql");
        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            Assert.Contains("STRICT_ALL_TABLES", await connection.ExecuteScalarAsync<string>("SELECT @@SESSION.sql_mode"), StringComparison.Ordinal);
        }

        var inbox = db.Get<Bot.Data.Inbox.IInboxRepository>();
        var message = new Bot.Data.Inbox.InboxMessage { Platform = new string('w', 40), MessageId = "m-1", SenderId = "u", Text = "x" };

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => inbox.TryAddAsync(message));
        Assert.Null(await inbox.FindAsync(new string('w', 16), "m-1"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_duplicate_inbox_message_is_absorbed_without_hiding_other_errors(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var inbox = db.Get<Bot.Data.Inbox.IInboxRepository>();

        Assert.True(await inbox.TryAddAsync(new Bot.Data.Inbox.InboxMessage { Platform = "wecom", MessageId = "m-1", SenderId = "u", Text = "a" }));
        Assert.False(await inbox.TryAddAsync(new Bot.Data.Inbox.InboxMessage { Platform = "wecom", MessageId = "m-1", SenderId = "u", Text = "b" }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            inbox.TryAddAsync(new Bot.Data.Inbox.InboxMessage { Platform = "wecom", MessageId = "m-2", SenderId = null!, Text = "c" }));
    }

    [Fact]
    public void MySql_upserts_do_not_use_the_deprecated_VALUES_function()
    {
        var sql = SqlDialect.MySql.Upsert("chats", ["platform", "chat_id"], ["title"], ["created_at"]);

        var update = sql[sql.IndexOf("ON DUPLICATE KEY UPDATE", StringComparison.Ordinal)..];
        Assert.DoesNotContain("VALUES", update, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ON DUPLICATE KEY UPDATE title = @Title", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_splitter_keeps_statements_and_drops_comments()
    {
        var statements = Migrator.SplitStatements("-- header\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n").ToList();

        Assert.Equal(["CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"], statements);
    }

    private static async Task<List<string>> IndexesAsync(TestDatabase db)
    {
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        var rows = db.Provider == DatabaseProvider.MySql
            ? await connection.QueryAsync<string>(
                "SELECT CONCAT(table_name, '.', index_name, '.', seq_in_index, '.', column_name) FROM information_schema.statistics WHERE table_schema = DATABASE()")
            : await connection.QueryAsync<string>("SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index'");
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<Dictionary<string, List<string>>> SchemaAsync(TestDatabase db)
    {
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        IEnumerable<(string Table, string Column)> rows = db.Provider == DatabaseProvider.MySql
            ? await connection.QueryAsync<(string, string)>(
                "SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t " +
                "ON t.table_schema = c.table_schema AND t.table_name = c.table_name WHERE c.table_schema = DATABASE() AND t.table_type <> 'SEQUENCE'")
            : await connection.QueryAsync<(string, string)>(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
        return rows.GroupBy(r => r.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Column).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
