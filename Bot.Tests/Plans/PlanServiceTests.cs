using Bot.Data.Connections;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Llm;
using Bot.Skills.Plans;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Plans;

/// <summary>Storing imported plans, on SQLite and on MariaDB.</summary>
public sealed class PlanServiceTests
{
    private const int Year = 2026;

    private static Task<TestDatabase> CreateAsync(string provider, Action<IServiceCollection>? configure = null) =>
        TestDatabase.CreateAsync(provider, services =>
        {
            services.AddBotSkills();
            configure?.Invoke(services);
        });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Importing_the_seed_stores_the_plan_its_units_and_one_task_per_milestone(string provider)
    {
        await using var db = await CreateAsync(provider);

        var outcome = await db.Get<IPlanService>().ImportAsync(RepositoryFiles.ReadSeed(), Year);

        Assert.True(outcome.Created);
        Assert.Equal((1, 30), (outcome.Version, outcome.TasksCreated));
        Assert.StartsWith("已导入方案《铁西区开展", outcome.Summary, StringComparison.Ordinal);
        var plan = await db.Get<IPlanRepository>().GetActiveAsync();
        Assert.NotNull(plan);
        Assert.Equal((outcome.PlanId, Year, 2018, 10), (plan.Id, plan.Year, plan.SourceYear!.Value, plan.Actions.Count));
        Assert.Equal(30, plan.Actions.Sum(a => a.Milestones.Count));
        Assert.Equal(7, plan.Duties.Count);
        var big = Assert.Single(plan.Actions[4].Targets);
        Assert.Equal((MetricKeys.Projects, 1d, (double?)null, 1d), (big.Metric, big.MinValue!.Value, big.MaxValue, big.Threshold!.Value));
        Assert.Contains(plan.Actions[5].Duties, d => d.Every == Recurrences.HalfMonthly && d.Level == "区" && d.PhotoRequired);

        var units = await db.Get<IUnitRepository>().ListAsync();
        Assert.Equal(22, units.Count);
        var fgj = Assert.Single(units, u => u.Name == "区发改局");
        Assert.Contains("区发展和改革局", fgj.Aliases);
        Assert.All(plan.Actions.SelectMany(a => a.Responsibilities).Where(r => r.Kind == ResponsibilityKinds.Unit),
            r => Assert.Equal(units.Single(u => u.Name == r.Name || u.Aliases.Contains(r.Name)).Id, r.UnitId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tasks_carry_the_milestone_window_a_title_and_the_first_responsible_unit(string provider)
    {
        await using var db = await CreateAsync(provider);
        await db.Get<IPlanService>().ImportAsync(RepositoryFiles.ReadSeed(), Year);
        var units = (await db.Get<IUnitRepository>().ListAsync()).ToDictionary(u => u.Name, u => u.Id);

        var tasks = await db.Get<ITaskRepository>().ListAsync();

        Assert.Equal(30, tasks.Count);
        var trip = Assert.Single(tasks, t => t.Title.StartsWith("5月下旬", StringComparison.Ordinal));
        Assert.Equal("5月下旬，赴江苏、广州、深圳招商引资活动（“大考察大招商”行动）", trip.Title);
        Assert.Equal((new DateOnly(Year, 5, 21), new DateOnly(Year, 5, 31)), (trip.DueStart!.Value, trip.DueEnd!.Value));
        Assert.Equal(units["区发改局"], trip.OwnerUnitId);
        Assert.Equal((TaskStatuses.Open, "plan-import"), (trip.Status, trip.CreatedBy!));
        var quarterly = Assert.Single(tasks, t => t.Title.StartsWith("每季度区政府听取", StringComparison.Ordinal));
        Assert.Equal(Recurrences.Quarterly, quarterly.Recurrence);
        Assert.Null(Assert.Single(tasks, t => t.Title.StartsWith("走访调研活动贯穿全年", StringComparison.Ordinal)).OwnerUnitId);
        Assert.Equal(units["区人社局"], Assert.Single(tasks, t => t.Title.StartsWith("10月至12月，进行集中调度", StringComparison.Ordinal)).OwnerUnitId);
        Assert.All(tasks, t => Assert.NotNull(t.MilestoneId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reimporting_the_same_document_changes_nothing(string provider)
    {
        await using var db = await CreateAsync(provider);
        var service = db.Get<IPlanService>();
        var first = await service.ImportAsync(RepositoryFiles.ReadSeed(), Year);

        var again = await service.ImportAsync(RepositoryFiles.ReadSeed().Replace("\n", "\r\n", StringComparison.Ordinal), Year);

        Assert.False(again.Created);
        Assert.Equal((first.PlanId, 1, 0), (again.PlanId, again.Version, again.TasksCreated));
        Assert.Contains("未变化", again.Summary, StringComparison.Ordinal);
        Assert.Single(await db.Get<IPlanRepository>().ListAsync());
        Assert.Equal(22, (await db.Get<IUnitRepository>().ListAsync()).Count);
        Assert.Equal(30, (await db.Get<ITaskRepository>().ListAsync()).Count);
        Assert.Equal(first.PlanId, (await db.Get<IPlanRepository>().GetActiveAsync())!.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_document_becomes_the_next_active_version_with_its_own_tasks(string provider)
    {
        await using var db = await CreateAsync(provider);
        var service = db.Get<IPlanService>();
        var first = await service.ImportAsync(RepositoryFiles.ReadSeed(), Year);

        var changed = await service.ImportAsync(RepositoryFiles.ReadSeed().Replace("10月中旬", "10月上旬", StringComparison.Ordinal), Year);

        Assert.True(changed.Created);
        Assert.Equal((2, 30), (changed.Version, changed.TasksCreated));
        var active = await db.Get<IPlanRepository>().GetActiveAsync();
        Assert.Equal((changed.PlanId, 2), (active!.Id, active.Version));
        Assert.Contains(active.Actions[7].Milestones, m => m.StartDate == new DateOnly(Year, 10, 1) && m.EndDate == new DateOnly(Year, 10, 10));
        Assert.Equal(2, (await db.Get<IPlanRepository>().ListAsync()).Count);
        Assert.Equal(30, (await db.Get<ITaskRepository>().ListAsync(first.PlanId)).Count);
        Assert.Equal(30, (await db.Get<ITaskRepository>().ListAsync(changed.PlanId)).Count);
        Assert.Equal(22, (await db.Get<IUnitRepository>().ListAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reimport_recreates_only_the_tasks_that_went_missing(string provider)
    {
        await using var db = await CreateAsync(provider);
        var service = db.Get<IPlanService>();
        await service.ImportAsync(RepositoryFiles.ReadSeed(), Year);
        var lost = (await db.Get<ITaskRepository>().ListAsync())[3];
        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM tasks WHERE id = @Id", new { lost.Id });
        }

        var again = await service.ImportAsync(RepositoryFiles.ReadSeed(), Year);

        Assert.Equal((false, 1), (again.Created, again.TasksCreated));
        var tasks = await db.Get<ITaskRepository>().ListAsync();
        Assert.Equal(30, tasks.Count);
        Assert.Single(tasks, t => t.MilestoneId == lost.MilestoneId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_task_split_document_stores_tasks_with_lead_units_and_deadlines(string provider)
    {
        await using var db = await CreateAsync(provider);

        var outcome = await db.Get<IPlanService>().ImportAsync(RepositoryFiles.ReadTestData("plans/task-split-2024.txt"), Year);

        Assert.Equal((6, 2), (outcome.TasksCreated, outcome.Result.Unparsed.Count));
        var units = (await db.Get<IUnitRepository>().ListAsync()).ToDictionary(u => u.Name, u => u.Id);
        var tasks = await db.Get<ITaskRepository>().ListAsync(outcome.PlanId);
        var first = Assert.Single(tasks, t => t.Title.StartsWith("推进政务服务", StringComparison.Ordinal));
        Assert.Equal((null, new DateOnly(Year, 6, 30), units["区政务服务中心"]), (first.DueStart, first.DueEnd!.Value, first.OwnerUnitId!.Value));
        var land = Assert.Single(tasks, t => t.Title.StartsWith("清理闲置低效土地", StringComparison.Ordinal));
        Assert.Equal((new DateOnly(Year, 9, 30), units["区自然资源局"]), (land.DueEnd!.Value, land.OwnerUnitId!.Value));
        Assert.Contains("北沟街道", units.Keys);
        Assert.DoesNotContain(UnitNames.AllStreets, units.Keys);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Llm_targets_are_stored_and_an_unchanged_document_is_not_sent_again(string provider)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.EnqueueChat("""{"targets":[{"index":1,"metric":"enterprises","per":"year","min":10,"max":null,"applies_to":"leader"}]}""");
        await using var db = await CreateAsync(provider, s => s.Configure<LlmOptions>(o =>
        {
            o.Endpoint = server.Endpoint.ToString();
            o.Model = FakeOpenAiServer.Model;
            o.ApiKey = FakeOpenAiServer.ApiKey;
        }));
        var service = db.Get<IPlanService>();

        await service.ImportAsync(LlmTargetExtractionTests.Document, Year);
        var again = await service.ImportAsync(LlmTargetExtractionTests.Document, Year);

        Assert.False(again.Created);
        Assert.Single(server.Requests);
        var plan = await db.Get<IPlanRepository>().GetActiveAsync();
        Assert.Contains(plan!.Actions[0].Targets, t => t.Metric == MetricKeys.Enterprises && t.MinValue == 10 && t.MaxValue is null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_document_without_actions_is_refused_and_the_active_plan_stays(string provider)
    {
        await using var db = await CreateAsync(provider);
        var service = db.Get<IPlanService>();
        var seed = await service.ImportAsync(RepositoryFiles.ReadSeed(), Year);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => service.ImportAsync("随便写点什么\n@@@", Year));

        Assert.Contains("没有识别出任何行动", error.Message, StringComparison.Ordinal);
        Assert.Equal(seed.PlanId, (await db.Get<IPlanRepository>().GetActiveAsync())!.Id);
        Assert.Single(await db.Get<IPlanRepository>().ListAsync());
    }

    [Fact]
    public async Task The_plan_year_is_the_argument_else_plan_year_else_the_current_year_in_shanghai()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));
        await using var db = await CreateAsync("Sqlite", s => s.AddSingleton<TimeProvider>(clock));
        await using var configured = await CreateAsync("Sqlite", s => s.Configure<PlanOptions>(o => o.Year = 2030));

        Assert.Equal(2027, db.Get<IPlanService>().ResolveYear());
        Assert.Equal(2025, db.Get<IPlanService>().ResolveYear(2025));
        Assert.Equal(2030, configured.Get<IPlanService>().ResolveYear());
        Assert.Equal(2027, (await db.Get<IPlanService>().ParseAsync("一、“清河”行动（5月）")).Plan.Actions[0].StartDate!.Value.Year);
    }
}
