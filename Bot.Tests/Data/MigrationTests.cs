using Bot.Data.Connections;
using Bot.Data.Migrations;
using Bot.Tests.Support;
using Dapper;

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

    [Fact]
    public void Script_splitter_keeps_statements_and_drops_comments()
    {
        var statements = Migrator.SplitStatements("-- header\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n").ToList();

        Assert.Equal(["CREATE TABLE a (x INT)", "CREATE INDEX i ON a (x)"], statements);
    }

    private static async Task<Dictionary<string, List<string>>> SchemaAsync(TestDatabase db)
    {
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        IEnumerable<(string Table, string Column)> rows = db.Provider == DatabaseProvider.MySql
            ? await connection.QueryAsync<(string, string)>(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()")
            : await connection.QueryAsync<(string, string)>(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
        return rows.GroupBy(r => r.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Column).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
