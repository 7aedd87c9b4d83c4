using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Host.Channels;
using Bot.Host.Channels.Sandbox;
using Bot.Host.Outbox;
using Bot.Host.Scheduling;
using Bot.Skills.Calendar;
using Bot.Skills.Reminders;
using Bot.Skills.Roster;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Reminders;

/// <summary>
/// A database with the demo roster and a hand-built plan shaped like the seed plan (2026): the monthly and yearly
/// research targets, river duties for 区/乡/村 chiefs, the party-group and 督查 duties, 百日攻坚 and 民生实事 actions,
/// and three dated tasks (one stays overdue all year, one is closed in time, one is closed after an escalation).
/// Services are those the scheduler jobs use, on a fake clock.
/// </summary>
public sealed class ScheduleWorld : IAsyncDisposable
{
    public static readonly WorkingCalendar Calendar = WorkingCalendar.LoadDirectory(RepositoryFiles.Path("seeds", "holidays"));

    /// <summary>Overdue from June to the end of the year (区经合局, leader in charge 张志刚).</summary>
    public const string InvestmentTrip = "5月下旬赴江苏、广州、深圳招商引资";

    /// <summary>Closed on 7月28日, before its end of July deadline (区人社局).</summary>
    public const string ReturnPolicy = "6、7月出台我区返乡创业政策";

    /// <summary>Due 9月30日, closed 10月12日 after three overdue working days (环保分局, no liaison: 赵立新).</summary>
    public const string InspectionFixes = "9月集中力量完成中央环保督察整改";

    private ScheduleWorld(TestDatabase database, FakeTimeProvider clock)
    {
        Database = database;
        Clock = clock;
        Services = database.Services;
    }

    public TestDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>The current services; <see cref="RestartAsync"/> replaces them like a restarted host.</summary>
    public IServiceProvider Services { get; private set; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ScheduleWorld> CreateAsync(string provider = "Sqlite", Action<ScheduleOptions>? schedule = null, bool seedPlan = true)
    {
        var clock = new FakeTimeProvider(At(new DateOnly(2026, 1, 1), new TimeOnly(7, 0)));
        var database = await TestDatabase.CreateAsync(provider, s => Configure(s, clock, schedule));
        var world = new ScheduleWorld(database, clock);
        await world.Get<RosterImporter>().ImportFileAsync(RepositoryFiles.Path("seeds", "roster.csv"), "test");
        if (seedPlan)
        {
            await world.SeedPlanAsync();
        }

        return world;
    }

    /// <summary>Drops the services and builds new ones over the same database, as a restarted host would.</summary>
    public async Task RestartAsync(Action<ScheduleOptions>? schedule = null)
    {
        if (!ReferenceEquals(Services, Database.Services) && Services is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Services = Database.CreateServices(s => Configure(s, Clock, schedule));
    }

    public static DateTimeOffset At(DateOnly day, TimeOnly time) => ReminderContext.At(day, time);

    public async Task<Member> MemberAsync(string name) => (await Get<IMemberRepository>().FindByNameAsync(name))!;

    public async Task<long> UnitAsync(string name) => (await Get<IUnitRepository>().FindByNameAsync(name))!.Id;

    /// <summary>Stores a report created now (on the fake clock).</summary>
    public async Task ReportAsync(string name, DateOnly workDate, string activity, Dictionary<string, double> metrics, int photos = 0)
    {
        var member = await MemberAsync(name);
        await Get<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = member.Id,
            MemberName = member.Name,
            ReportedBy = member.Name,
            Action = activity == "河长" ? 6 : 1,
            Activity = activity,
            WorkDate = workDate,
            Metrics = metrics,
            Photos = photos,
            RawText = $"{ReminderContext.Md(workDate)}{activity}",
        });
    }

    public async Task CloseAsync(string title)
    {
        var task = (await Get<ITaskRepository>().ListAsync()).Single(t => t.Title == title);
        await Get<ITaskRepository>().CloseAsync(task.Id, "高玉梅", null);
    }

    public async ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(Services, Database.Services) && Services is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    private static void Configure(IServiceCollection services, FakeTimeProvider clock, Action<ScheduleOptions>? schedule)
    {
        services.AddSingleton<TimeProvider>(clock);
        services.AddBotSkills();
        services.Configure<CalendarOptions>(o => o.HolidaysDirectory = RepositoryFiles.Path("seeds", "holidays"));
        services.Configure<ScheduleOptions>(o =>
        {
            o.Digests.Charts = false;
            schedule?.Invoke(o);
        });
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboundChannel, SandboxChannel>();
        services.AddSingleton<OutboxWriter>();
        services.AddBotScheduling(configuration: null);
    }

    private async Task SeedPlanAsync()
    {
        var plan = new Plan
        {
            Title = "铁西区开展“调查研究、狠抓落实、拼搏奋斗年”活动实施方案",
            Year = 2026,
            SourceYear = 2018,
            ContentHash = "schedule-test",
            Duties =
            [
                new Duty { Text = "区政府领导同志每季度向区政府党组报告一次进展情况", Every = Recurrences.Quarterly, Level = "leader" },
                new Duty { Text = "每月跟进、季度督查、半年通报、全年总结的督查制度", Every = Recurrences.Monthly, Level = "office" },
            ],
            Actions =
            [
                new PlanAction
                {
                    Number = 1, Title = "“大走访大调研”行动", Period = "全年",
                    Targets =
                    [
                        new Target { Metric = "research_trips", Per = "month", MinValue = 3, MaxValue = 4, AppliesTo = "leader", Text = "每月开展3至4次专题调研" },
                        new Target { Metric = "research_days", Per = "year", MinValue = 50, AppliesTo = "leader", Text = "全年调研天数不少于50天" },
                    ],
                },
                new PlanAction
                {
                    Number = 2, Title = "“大考察大招商”行动", Period = "第二、三、四季度",
                    Milestones = [new Milestone { Text = "5月下旬，赴江苏、广州、深圳招商引资活动", StartDate = new(2026, 5, 21), EndDate = new(2026, 5, 31) }],
                },
                new PlanAction
                {
                    Number = 3, Title = "参加“企业吉林行”“吉人回乡”行动，推进“平商回巢”行动", Period = "第二、三季度",
                    Milestones = [new Milestone { Text = "6、7月，出台我区返乡创业政策", StartDate = new(2026, 6, 1), EndDate = new(2026, 7, 31) }],
                },
                new PlanAction
                {
                    Number = 6, Title = "推动“三大攻坚战”、落实“目标责任制”行动", Period = "每季度",
                    Milestones = [new Milestone { Text = "9月，集中力量完成中央环保督察整改工作", StartDate = new(2026, 9, 1), EndDate = new(2026, 9, 30) }],
                    Duties =
                    [
                        new Duty { Text = "区级河长、湖长每半月实地检查一次", Every = Recurrences.HalfMonthly, Level = "区", PhotoRequired = true },
                        new Duty { Text = "乡级河长、湖长每周巡查一次", Every = Recurrences.Weekly, Level = "乡", PhotoRequired = true },
                        new Duty { Text = "村级河长、湖长每天巡查一次", Every = Recurrences.Daily, Level = "村", PhotoRequired = true },
                    ],
                },
                new PlanAction { Number = 8, Title = "“百日攻坚”行动", Period = "第三、四季度" },
                new PlanAction { Number = 9, Title = "“民生实事”兑现行动", Period = "第四季度" },
            ],
        };
        var (planId, _) = await Get<IPlanRepository>().SaveAsync(plan);
        var tasks = Get<ITaskRepository>();
        async Task AddAsync(string title, int action, string unit, DateOnly start, DateOnly end)
        {
            var a = plan.Actions.Single(x => x.Number == action);
            await tasks.AddAsync(new PlanTask
            {
                PlanId = planId, ActionId = a.Id, MilestoneId = a.Milestones[0].Id, Title = title,
                DueStart = start, DueEnd = end, OwnerUnitId = await UnitAsync(unit), CreatedBy = "test",
            });
        }

        await AddAsync(InvestmentTrip, 2, "区经合局", new(2026, 5, 21), new(2026, 5, 31));
        await AddAsync(ReturnPolicy, 3, "区人社局", new(2026, 6, 1), new(2026, 7, 31));
        await AddAsync(InspectionFixes, 6, "环保分局", new(2026, 9, 1), new(2026, 9, 30));
    }
}
