using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.ProgressReports;
using Bot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.ProgressReports;

public sealed class ReportVocabularySourceTests
{
    private static readonly DateTimeOffset Sent = new(2026, 5, 12, 18, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_vocabulary_comes_from_the_active_plan_and_the_unit_roster_in_the_database(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await SavePlanAsync(db, "seed");
        await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "区发改局", Aliases = ["发展改革局"], Type = UnitTypes.Department });
        await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "北沟街道", Aliases = ["北沟"], Type = UnitTypes.Subdistrict });
        var source = Source(db, document: "/nonexistent/plan.txt");

        var vocabulary = await source.GetAsync();
        var report = ReportParser.Instance.Parse(new ReportMessage("今天带发展改革局到北沟街道调研", "王强", Sent), vocabulary);

        Assert.Equal(10, vocabulary.Actions.Count);
        Assert.Equal(1, report.Action);
        Assert.Equal(["区发改局"], report.Units);
        Assert.Equal(["北沟街道"], report.Places);
    }

    [Fact]
    public async Task Without_an_imported_plan_the_plan_document_is_read_with_the_units_it_names()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var source = Source(db, document: SeedPlan.DocumentPath);

        var vocabulary = await source.GetAsync();
        var report = ReportParser.Instance.Parse(new ReportMessage("今天带发改局到平西乡调研", "王强", Sent), vocabulary);

        Assert.Equal(Enumerable.Range(1, 10), vocabulary.Actions.Select(a => a.Number));
        Assert.Equal(1, report.Action);
        Assert.Equal(["区发改局"], report.Units);
    }

    [Fact]
    public async Task The_vocabulary_is_cached_until_invalidated()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var source = Source(db, document: SeedPlan.DocumentPath);
        var first = await source.GetAsync();

        await SavePlanAsync(db, "other", plan => plan.Actions.RemoveAll(a => a.Number > 3));
        var cached = await source.GetAsync();
        source.Invalidate();
        var fresh = await source.GetAsync();

        Assert.Same(first, cached);
        Assert.NotSame(first, fresh);
        Assert.Equal(3, fresh.Actions.Count);
    }

    [Fact]
    public async Task An_unreadable_database_falls_back_to_the_document_and_is_read_again_next_time()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", migrate: false);
        var source = Source(db, document: SeedPlan.DocumentPath);

        var fallback = await source.GetAsync();
        await db.Get<Bot.Data.Migrations.Migrator>().MigrateAsync();
        await SavePlanAsync(db, "later", plan => plan.Actions.RemoveAll(a => a.Number > 2));
        var later = await source.GetAsync();

        Assert.Equal(10, fallback.Actions.Count);
        Assert.Equal(2, later.Actions.Count);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void The_seed_plan_document_yields_ten_actions_with_titles_periods_and_text()
    {
        var plan = PlanHeadings.Extract(SeedPlan.Document);

        Assert.Equal(Enumerable.Range(1, 10), plan.Actions.Select(a => a.Number));
        Assert.Equal("“大走访大调研”行动（全年）", plan.Actions[0].Title);
        Assert.Equal("全年", plan.Actions[0].Period);
        Assert.Contains("每月开展3至4次专题调研", plan.Actions[0].Description, StringComparison.Ordinal);
        Assert.Equal("“百日攻坚”行动（第三、四季度）", plan.Actions[7].Title);
        Assert.Equal("年底巩固提升行动（12月）", plan.Actions[9].Title);
        Assert.DoesNotContain("保障措施", plan.Actions[9].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seed_plan_document_names_the_responsible_units_with_their_types()
    {
        var units = PlanHeadings.ExtractUnits(SeedPlan.Document).ToDictionary(u => u.Name, u => u.Type);

        Assert.Equal(UnitTypes.Department, units["区发改局"]);
        Assert.Equal(UnitTypes.Department, units["环保分局"]);
        Assert.Equal(UnitTypes.Department, units["消防大队"]);
        Assert.Equal(UnitTypes.Department, units["区政务服务中心"]);
        Assert.Equal(UnitTypes.Township, units["平西乡"]);
        Assert.Equal(UnitTypes.Zone, units["循环经济示范区"]);
        Assert.DoesNotContain(units.Keys, name => name.Contains("领导", StringComparison.Ordinal) || name.StartsWith('各'));
    }

    [Fact]
    public void The_seed_vocabulary_maps_each_kind_of_work_to_the_action_whose_title_or_text_names_it()
    {
        var v = SeedPlan.Vocabulary;

        Assert.Equal(1, v.ActionFor("调研"));
        Assert.Equal(2, v.ActionFor("招商"));
        Assert.Equal(4, v.ActionFor("培训"));
        Assert.Equal(5, v.ActionFor("项目"));
        Assert.Equal(6, v.ActionFor("河长"));
        Assert.Equal(6, v.ActionFor("攻坚"));
        Assert.Equal(7, v.ActionFor("宣传"));
        Assert.Equal(9, v.ActionFor("民生"));
        Assert.Null(v.ActionFor("会议"));
        Assert.Null(v.ActionFor("其他"));
        Assert.Equal("招商", v.DefaultActivityOf(3));
        Assert.Equal("攻坚", v.DefaultActivityOf(8));
        Assert.Equal("攻坚", v.DefaultActivityOf(6));
        Assert.Equal("调研", v.DefaultActivityOf(1));
        Assert.Equal("民生", v.DefaultActivityOf(9));
    }

    private static ReportVocabularySource Source(TestDatabase db, string document) =>
        new(db.Get<IPlanRepository>(), db.Get<IUnitRepository>(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Plan:Document"] = document }).Build(),
            NullLogger<ReportVocabularySource>.Instance);

    private static async Task SavePlanAsync(TestDatabase db, string hash, Action<Plan>? change = null)
    {
        var plan = SeedPlan.Plan();
        plan.ContentHash = hash;
        change?.Invoke(plan);
        await db.Get<IPlanRepository>().SaveAsync(plan);
    }
}
