using System.Diagnostics;
using Bot.Data.Chats;
using Bot.Data.Members;
using Bot.Data.Migrations;
using Bot.Data.Plans;
using Bot.Data.ReadModel;
using Bot.Data.Units;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Data;

/// <summary>
/// The in-memory read model of plan, roster, units and chats: two service providers on one database stand for two
/// hosts of a cluster; a write on one is seen by the other within the check interval, without a message bus.
/// </summary>
public sealed class ReadModelTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_roster_change_on_host_A_is_seen_by_host_B_within_a_second(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var hostB = db.CreateServices();
        var a = db.Get<IMemberRepository>();
        var b = hostB.GetRequiredService<IMemberRepository>();
        var id = await a.AddAsync(new Member { Name = "王强", Title = "副区长", Role = Roles.Leader });
        await a.BindAccountAsync(Platforms.WeCom, "wangqiang", id);
        Assert.Equal("王强", (await b.FindByAccountAsync(Platforms.WeCom, "wangqiang"))?.Name);

        var renamed = (await a.GetAsync(id))!;
        renamed.Title = "区长";
        await a.UpdateAsync(renamed);
        await a.BindAccountAsync(Platforms.DingTalk, "wq01", id);

        Assert.Equal("区长", (await a.GetAsync(id))?.Title); // the writing host sees its own write at once
        var watch = Stopwatch.StartNew();
        await Eventually.UntilAsync(async () => (await b.GetAsync(id))?.Title, t => t == "区长", TimeSpan.FromSeconds(5), "host B to see the new title");
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2.5));
        Assert.Equal(id, (await b.FindByAccountAsync(Platforms.DingTalk, "wq01"))?.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_statement_written_by_hand_reaches_every_host_through_the_version_counter(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var chats = db.Get<IChatRepository>();
        var units = db.Get<IUnitRepository>();
        await chats.UpsertAsync(new Chat { Platform = Platforms.WeCom, ChatId = "wrkGroup", Title = "督查群", Whitelisted = false });
        await units.UpsertAsync(new Unit { Name = "平西乡", Type = UnitTypes.Township });
        Assert.False((await chats.FindAsync(Platforms.WeCom, "wrkGroup"))!.Whitelisted);

        await using (var connection = await db.Get<Bot.Data.Connections.IDbConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE chats SET whitelisted = 1 WHERE chat_id = 'wrkGroup'");
            await connection.ExecuteAsync("UPDATE units SET type = '街道' WHERE name = '平西乡'");
        }

        await Eventually.UntilAsync(async () => (await chats.FindAsync(Platforms.WeCom, "wrkGroup"))!.Whitelisted, w => w, TimeSpan.FromSeconds(5), "the whitelist flag");
        Assert.Equal(UnitTypes.Subdistrict, (await units.FindByNameAsync("平西乡"))?.Type);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reads_between_changes_cost_no_statement_but_one_version_check_a_second(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var members = db.Get<IMemberRepository>();
        var plans = db.Get<IPlanRepository>();
        var version = db.Get<ReferenceVersion>();
        await members.AddAsync(new Member { Name = "李娜" });
        await plans.SaveAsync(new Plan { Title = "实施方案", Year = 2026, ContentHash = "h1", Actions = [new PlanAction { Number = 1, Title = "“大走访大调研”行动" }] });

        var first = await plans.GetActiveAsync();
        var roster = await members.ListAsync();
        var checkedVersion = await version.CurrentAsync();
        for (var i = 0; i < 100; i++)
        {
            Assert.Same(first, await plans.GetActiveAsync());
            Assert.Same(roster, await members.ListAsync());
        }

        Assert.Equal(checkedVersion, await version.CurrentAsync());
        await plans.SaveAsync(new Plan { Title = "实施方案（修订）", Year = 2026, ContentHash = "h2" });
        Assert.Equal("实施方案（修订）", (await plans.GetActiveAsync())?.Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rerunning_the_version_migration_is_a_no_op(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var script = Migrator.Scripts(db.Provider).Single(s => s.Name == "0008_read_model_version");
        await using var connection = await db.Get<Bot.Data.Connections.IDbConnectionFactory>().OpenAsync();
        var before = await connection.ExecuteScalarAsync<long>("SELECT version FROM data_versions WHERE name = 'reference'");
        foreach (var statement in Migrator.SplitStatements(script.Sql))
        {
            await connection.ExecuteAsync(statement);
        }

        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("SELECT version FROM data_versions WHERE name = 'reference'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM data_versions"));
    }
}
