using Bot.Data.Audit;
using Bot.Data.Members;
using Bot.Data.Units;
using Bot.Skills.Roster;
using Bot.Tests.Support;
using MiniExcelLibs;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Skills.Roster;

public sealed class RosterImportTests
{
    [Fact]
    public void Csv_reader_handles_bom_quotes_commas_and_embedded_newlines()
    {
        var table = RosterReader.ReadCsv("\uFEFF姓名,职务\r\n\"王强\",\"副区长，分管\"\"发改\"\"\"\n\"李\n娜\",联络员\n");

        Assert.Equal([["姓名", "职务"], ["王强", "副区长，分管\"发改\""], ["李\n娜", "联络员"]], table);
    }

    [Fact]
    public void Rows_with_unknown_roles_or_levels_are_reported_by_line_and_the_rest_is_kept()
    {
        var errors = new List<string>();
        var rows = RosterReader.ToRows(
        [
            ["姓名", "角色", "河长级别"],
            ["王强", "领导", "区级"],
            ["张三", "局长", ""],
            ["李四", "", "省"],
        ], errors);

        Assert.Equal(["王强", "李四"], rows.Select(r => r.Name));
        Assert.Equal(("leader", "区"), (rows[0].Role, rows[0].RiverChiefLevel));
        Assert.Equal(Roles.Department, rows[1].Role);
        Assert.Contains(errors, e => e.Contains("第3行", StringComparison.Ordinal) && e.Contains("局长", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("第4行", StringComparison.Ordinal) && e.Contains('省', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_demo_roster_imports_leaders_their_units_accounts_and_derived_leaders_in_charge(string provider)
    {
        await using var db = await CreateAsync(provider);
        await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "区发改局", Aliases = ["发改局"] });
        var importer = db.Get<RosterImporter>();

        var result = await importer.ImportFileAsync(RepositoryFiles.PathOf("seeds/roster.csv"), "测试");

        Assert.Empty(result.Errors);
        var members = db.Get<IMemberRepository>();
        var all = await members.ListAsync();
        Assert.Equal(result.Added, all.Count);
        Assert.Equal(6, all.Count(m => m.Role == Roles.Leader));
        Assert.Contains(all, m => m.Role == Roles.Office);
        Assert.Contains(all, m => m.RiverChiefLevel == "村");
        var wang = (await members.FindByAccountAsync(Platforms.WeCom, "wangqiang"))!;
        Assert.Equal(("王强", "副区长"), (wang.Name, wang.Title));
        var liaison = (await members.FindByNameAsync("刘海燕"))!;
        Assert.Equal(wang.Id, liaison.LeaderId);
        var units = await db.Get<IUnitRepository>().ListAsync();
        Assert.Single(units, u => u.Name == "区发改局");
        Assert.Equal(UnitTypes.Township, units.Single(u => u.Name == "平西乡").Type);
        Assert.Equal(UnitTypes.Subdistrict, units.Single(u => u.Name == "北沟街道").Type);
        Assert.Contains(units.Single(u => u.Name == "北沟街道").Id, await members.GetLedUnitsAsync(wang.Id));
        Assert.Contains(await db.Get<IAuditRepository>().ListAsync("members"), a => a.Action == "roster.import" && a.Actor == "测试");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Importing_an_xlsx_again_updates_members_instead_of_duplicating_them(string provider)
    {
        await using var db = await CreateAsync(provider);
        var file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.xlsx");
        try
        {
            var rows = new[]
            {
                new Dictionary<string, object> { ["姓名"] = "王强", ["职务"] = "副区长", ["角色"] = "领导", ["单位"] = "区政府", ["分管单位"] = "区住建局", ["河长级别"] = "区", ["企业微信账号"] = "wq", ["钉钉账号"] = "" },
                new Dictionary<string, object> { ["姓名"] = "郭静", ["职务"] = "联络员", ["角色"] = "部门", ["单位"] = "区住建局", ["分管单位"] = "", ["河长级别"] = "", ["企业微信账号"] = "", ["钉钉账号"] = "gj" },
            };
            await MiniExcel.SaveAsAsync(file, rows);
            var importer = db.Get<RosterImporter>();

            var first = await importer.ImportFileAsync(file, "测试");
            var second = await importer.ImportFileAsync(file, "测试");

            Assert.Equal((2, 0), (first.Added, first.Updated));
            Assert.Equal((0, 2), (second.Added, second.Updated));
            Assert.Empty(second.Errors);
            var members = db.Get<IMemberRepository>();
            Assert.Equal(2, (await members.ListAsync()).Count);
            var guo = (await members.FindByAccountAsync(Platforms.DingTalk, "gj"))!;
            Assert.Equal((await members.FindByNameAsync("王强"))!.Id, guo.LeaderId);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_host_seeds_the_demo_roster_on_first_start(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var host = await RunningHost.StartAsync(db.Settings))
        {
            Assert.True((await db.Get<IMemberRepository>().ListAsync()).Count >= 15);
        }

        await using var again = await RunningHost.StartAsync(db.Settings);
        Assert.Equal((await db.Get<IMemberRepository>().ListAsync()).Count, (await db.Get<IMemberRepository>().ListAsync()).Select(m => m.Name).Distinct().Count());
    }

    private static Task<TestDatabase> CreateAsync(string provider) =>
        TestDatabase.CreateAsync(provider, services => services.AddBotSkills());
}
