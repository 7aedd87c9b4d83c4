using Bot.Data.Connections;
using Bot.Data.ProgressReports;
using Bot.Tests.Support;
using Dapper;

namespace Bot.Tests.Data;

/// <summary>
/// A unit of work is one transaction begun by its first write. On MariaDB the begin travels in the same command as
/// that write (issue 18: one round trip less per unit); it must still be one transaction that a rollback undoes whole.
/// </summary>
public sealed class UnitOfWorkTests
{
    private const string Insert = "INSERT INTO units (name, aliases, type, created_at) VALUES (@Name, '[]', 'department', @At)";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_units_first_write_carries_its_begin_on_MariaDB_and_leaving_without_commit_undoes_everything(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var factory = db.Get<IDbConnectionFactory>();
        var reports = db.Get<IProgressReportRepository>();
        var counter = ((DbConnectionFactory)factory).Statements;
        await reports.AddAsync(Report("5月11日赴北沟街道调研")); // outside any unit; the first report also syncs MariaDB's id sequence

        long trips;
        await using (UnitOfWork.Begin(factory))
        {
            var before = counter.RoundTrips();
            await reports.AddAsync(Report("5月12日赴平西乡调研"));
            trips = counter.RoundTrips() - before;
            await reports.AddAsync(Report("5月13日赴英雄街道调研"));
        }

        // MariaDB: the begin, the row, its metrics and its rollup rows in one command; SQLite: a local begin, then three.
        Assert.Equal(provider == nameof(DatabaseProvider.MySql) ? 1 : 4, trips);
        await using var check = await factory.OpenAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM progress_reports"));
        Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM report_metrics"));
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT reports FROM report_rollup WHERE kind = 0 AND name = ''"));

        await using (var unit = UnitOfWork.Begin(factory))
        {
            await reports.AddAsync(Report("5月12日赴平西乡调研"));
            await reports.AddAsync(Report("5月13日赴英雄街道调研"));
            await unit.CommitAsync();
        }

        Assert.Equal(3, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM progress_reports"));
        Assert.Equal(6, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM report_metrics"));
        Assert.Equal(3, await check.ExecuteScalarAsync<long>("SELECT reports FROM report_rollup WHERE kind = 0 AND name = ''"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_command_run_once_per_row_inside_a_unit_begins_the_transaction_only_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var factory = db.Get<IDbConnectionFactory>();
        await using (UnitOfWork.Begin(factory))
        {
            await using var connection = await factory.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Insert;
            var name = command.CreateParameter();
            name.ParameterName = "@Name";
            var at = command.CreateParameter();
            at.ParameterName = "@At";
            at.Value = new DateTime(2026, 5, 12, 8, 0, 0, DateTimeKind.Utc);
            command.Parameters.Add(name);
            command.Parameters.Add(at);
            // The same command run once per row: were the begin sent again, the second START TRANSACTION would commit
            // the first row on MariaDB (or fail), and the rollback below would leave it behind.
            foreach (var unitName in new[] { "区发改局", "区财政局", "区住建局" })
            {
                name.Value = unitName;
                Assert.Equal(1, await command.ExecuteNonQueryAsync());
            }

            Assert.Equal(Insert, command.CommandText); // the begin was sent ahead of it once, not kept in it
        }

        await using var check = await factory.OpenAsync();
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units"));
    }

    private static ProgressReport Report(string text) => new()
    {
        MemberName = "王强",
        ReportedBy = "王强",
        Action = 1,
        Activity = "调研",
        WorkDate = new DateOnly(2026, 5, 12),
        People = ["王强"],
        Places = ["平西乡"],
        Metrics = new() { ["research_trips"] = 1, ["research_days"] = 1 },
        Confidence = 0.9,
        RawText = text,
    };
}
