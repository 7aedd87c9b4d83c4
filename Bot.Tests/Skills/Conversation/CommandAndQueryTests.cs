using Bot.Data.Audit;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Conversation;
using Bot.Skills.Roster;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Conversation;

/// <summary>Commands and status questions as short conversations against a real database.</summary>
public sealed class CommandAndQueryTests
{
    private static readonly DateOnly Today = new(2026, 6, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_department_liaison_trying_to_add_a_task_is_refused_with_a_reason_and_nothing_is_stored(string provider)
    {
        await using var db = await ArrangeAsync(provider);

        var reply = await CommandAsync(db, "刘海燕", "新增任务：6月30日前出台返乡创业政策，责任单位区人社局");

        Assert.Contains("区政府办", reply!.Text, StringComparison.Ordinal);
        Assert.Contains("部门联络员", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.Get<ITaskRepository>().ListAsync(), t => t.Title.Contains("返乡创业", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_office_adds_a_task_with_deadline_and_unit_and_it_is_audited(string provider)
    {
        await using var db = await ArrangeAsync(provider);

        var reply = await CommandAsync(db, "高玉梅", "新增任务：出台返乡创业政策，完成时限6月30日，责任单位人社局");

        var task = (await db.Get<ITaskRepository>().ListAsync()).Single(t => t.Title == "出台返乡创业政策");
        Assert.Equal(new DateOnly(2026, 6, 30), task.DueEnd);
        Assert.Equal((await db.Get<IUnitRepository>().FindByNameAsync("区人社局"))!.Id, task.OwnerUnitId);
        Assert.Contains($"第{task.Id}项", reply!.Text, StringComparison.Ordinal);
        Assert.Contains(await db.Get<IAuditRepository>().ListAsync("task"), a => a.Action == "task.add" && a.Actor == "高玉梅");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_task_is_closed_by_its_units_liaison_with_evidence_but_not_by_another_unit(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var unit = (await db.Get<IUnitRepository>().FindByNameAsync("区发改局"))!;
        var id = await db.Get<ITaskRepository>().AddAsync(new PlanTask { Title = "项目谋划", DueEnd = new DateOnly(2026, 6, 30), OwnerUnitId = unit.Id });

        var refused = await CommandAsync(db, "孙丽", $"第{id}项销号");
        var closed = await CommandAsync(db, "刘海燕", $"第{id}项销号 附：项目清单已报送");
        var again = await CommandAsync(db, "高玉梅", $"办结第{id}项");

        Assert.Contains("只能由区政府办或责任单位联络员", refused!.Text, StringComparison.Ordinal);
        Assert.Contains("已销号", closed!.Text, StringComparison.Ordinal);
        Assert.Contains("已经办结", again!.Text, StringComparison.Ordinal);
        var task = (await db.Get<ITaskRepository>().GetAsync(id))!;
        Assert.Equal((TaskStatuses.Done, "刘海燕", "项目清单已报送"), (task.Status, task.ClosedBy, task.Evidence));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Help_lists_the_commands_and_the_task_list_shows_lights(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        await db.Get<ITaskRepository>().AddAsync(new PlanTask { Title = "5月下旬政策宣传", DueEnd = new DateOnly(2026, 5, 31) });

        var help = await CommandAsync(db, "王强", "帮助");
        var list = await CommandAsync(db, "王强", "任务清单");

        foreach (var command in new[] { "任务清单", "销号", "新增任务", "催报", "导出", "谁还没汇报", "更正", "撤回" })
        {
            Assert.Contains(command, help!.Text, StringComparison.Ordinal);
        }

        Assert.Contains("🔴", list!.Text, StringComparison.Ordinal);
        Assert.Contains("5月下旬政策宣传", list.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_nudge_mentions_the_person_on_the_platform_and_only_the_office_may_send_it(string provider)
    {
        await using var db = await ArrangeAsync(provider);

        var nudge = await CommandAsync(db, "高玉梅", "催报 @李敏", platform: Platforms.WeCom);
        var refused = await CommandAsync(db, "李敏", "催报 @刘海燕", platform: Platforms.WeCom);

        Assert.Equal(["limin"], nudge!.Mentions);
        Assert.StartsWith("@李敏", nudge.Text, StringComparison.Ordinal);
        Assert.Contains("区政府办", refused!.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_account_binding_request_is_confirmed_by_number_showing_the_account_and_audited(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var binding = db.Get<BindingService>();
        var first = await binding.RequestAsync(Platforms.WeCom, "new-user-1", "chat-1", "孙丽");
        var second = await binding.RequestAsync(Platforms.DingTalk, "staff-77", null, "孙丽");
        var number = (await binding.LivePendingAsync()).Single(r => r.UserId == "new-user-1").Id;

        var refused = await CommandAsync(db, "孙丽", $"确认绑定 {number}");
        var ambiguous = await CommandAsync(db, "何雪", "确认绑定 孙丽");
        var listed = await CommandAsync(db, "何雪", "待确认绑定");
        var confirmed = await CommandAsync(db, "何雪", $"确认绑定 {number}");
        var again = await CommandAsync(db, "何雪", $"确认绑定 {number}");

        Assert.Contains($"#{number}", first, StringComparison.Ordinal);
        Assert.Contains("确认绑定", second, StringComparison.Ordinal);
        Assert.Contains("区政府办确认", refused!.Text, StringComparison.Ordinal);
        Assert.Contains("new-user-1", ambiguous!.Text, StringComparison.Ordinal);
        Assert.Contains("staff-77", ambiguous.Text, StringComparison.Ordinal);
        Assert.Contains("staff-77", listed!.Text, StringComparison.Ordinal);
        Assert.Contains("new-user-1 → 孙丽", confirmed!.Text, StringComparison.Ordinal);
        Assert.Contains("已处理", again!.Text, StringComparison.Ordinal);
        Assert.Equal("孙丽", (await db.Get<IMemberRepository>().FindByAccountAsync(Platforms.WeCom, "new-user-1"))!.Name);
        Assert.Null(await db.Get<IMemberRepository>().FindByAccountAsync(Platforms.DingTalk, "staff-77"));
        Assert.Contains(await db.Get<IAuditRepository>().ListAsync("binding_requests"), a => a.Action == "member.bind" && a.Actor == "何雪");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_binding_request_expires_and_cannot_be_confirmed_afterwards(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var binding = db.Get<BindingService>();
        await binding.RequestAsync(Platforms.WeCom, "late-user", "chat-1", "孙丽");
        var number = (await binding.LivePendingAsync()).Single().Id;
        ((FakeTimeProvider)db.Get<TimeProvider>()).Advance(TimeSpan.FromDays(8));

        var expired = await CommandAsync(db, "何雪", $"确认绑定 {number}");

        Assert.Contains("已过期", expired!.Text, StringComparison.Ordinal);
        Assert.Empty(await binding.LivePendingAsync());
        Assert.Null(await db.Get<IMemberRepository>().FindByAccountAsync(Platforms.WeCom, "late-user"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Status_questions_are_answered_from_the_database(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var wang = (await db.Get<IMemberRepository>().FindByNameAsync("王强"))!;
        await db.Get<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = wang.Id, MemberName = "王强", ReportedBy = "刘海燕", Action = 1, Activity = "调研", WorkDate = new DateOnly(2026, 6, 3),
            Places = ["北沟街道"], Metrics = new() { ["research_trips"] = 1, ["research_days"] = 2 }, RawText = "6月3日到北沟街道调研",
        });
        var queries = db.Get<QueryHandler>();
        var office = (await db.Get<IMemberRepository>().FindByNameAsync("高玉梅"))!;

        var silent = await queries.AnswerAsync(office, "本月谁还没汇报？", Today);
        var days = await queries.AnswerAsync(office, "王副区长本季度调研几天？", Today);
        var progress = await queries.AnswerAsync(office, "大走访行动进展如何", Today);
        var coverage = await queries.AnswerAsync(office, "哪些街道王副区长还没走访", Today);
        var unknown = await queries.AnswerAsync(office, "明天天气怎么样", Today);

        Assert.DoesNotContain("王强", silent!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("刘海燕", silent.Text, StringComparison.Ordinal);
        Assert.Contains("张志刚", silent.Text, StringComparison.Ordinal);
        Assert.Contains("王强：调研天数 2天", days!.Text, StringComparison.Ordinal);
        Assert.Contains("汇报 1 条", progress!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("北沟街道", coverage!.Text, StringComparison.Ordinal);
        Assert.Contains("站前街道", coverage.Text, StringComparison.Ordinal);
        Assert.Null(unknown);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_count_question_naming_nobody_is_about_the_leader_who_asks_and_about_every_leader_from_the_office(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var wang = (await db.Get<IMemberRepository>().FindByNameAsync("王强"))!;
        await db.Get<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = wang.Id, MemberName = "王强", ReportedBy = "王强", Action = 1, Activity = "调研", WorkDate = new DateOnly(2026, 6, 3),
            Places = ["北沟街道"], Metrics = new() { ["research_trips"] = 1, ["research_days"] = 2 }, RawText = "6月3日到北沟街道调研",
        });
        var queries = db.Get<QueryHandler>();
        var office = (await db.Get<IMemberRepository>().FindByNameAsync("高玉梅"))!;

        var own = await queries.AnswerAsync(wang, "本月调研了几次？", Today);
        var everyone = await queries.AnswerAsync(office, "本月调研几次", Today);

        Assert.Contains("王强：专题调研 1次", own!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("张志刚", own.Text, StringComparison.Ordinal);
        Assert.Contains("王强：专题调研 1次", everyone!.Text, StringComparison.Ordinal);
        Assert.Contains("张志刚：专题调研 0次", everyone.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_summary_asked_in_chat_for_a_past_month_is_that_months_digest_without_later_work(string provider)
    {
        await using var db = await ArrangeAsync(provider);
        var wang = (await db.Get<IMemberRepository>().FindByNameAsync("王强"))!;
        var reports = db.Get<IProgressReportRepository>();
        await reports.AddAsync(new ProgressReport
        {
            MemberId = wang.Id, MemberName = "王强", ReportedBy = "王强", Action = 1, Activity = "调研", WorkDate = new DateOnly(2026, 5, 20),
            Places = ["双山村"], Metrics = new() { ["research_trips"] = 1, ["enterprises"] = 2 }, RawText = "5月20日到双山村调研，走访企业2家",
        });
        await reports.AddAsync(new ProgressReport
        {
            MemberId = wang.Id, MemberName = "王强", ReportedBy = "王强", Action = 1, Activity = "调研", WorkDate = new DateOnly(2026, 6, 3),
            Places = ["北沟街道"], Metrics = new() { ["research_trips"] = 1, ["enterprises"] = 7 }, RawText = "6月3日到北沟街道调研，走访企业7家",
        });
        var queries = db.Get<QueryHandler>();
        var office = (await db.Get<IMemberRepository>().FindByNameAsync("高玉梅"))!;

        var may = await queries.AnswerAsync(office, "上月汇总", Today);
        var mayByNumber = await queries.AnswerAsync(office, "5月通报发一下", Today);
        var june = await queries.AnswerAsync(office, "本月小结", Today);

        Assert.True(may!.Markdown);
        Assert.Contains("月报", may.Text, StringComparison.Ordinal);
        Assert.Contains("2026年5月1日—5月31日", may.Text, StringComparison.Ordinal);
        Assert.Contains("本期汇报1条，专题调研1次、走访对接企业2家", may.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("北沟街道", may.Text, StringComparison.Ordinal);
        Assert.Equal(may.Text.Replace("（上月，", "（5月，", StringComparison.Ordinal), mayByNumber!.Text);
        Assert.Contains("2026年6月1日—6月30日", june!.Text, StringComparison.Ordinal);
        Assert.Contains("走访对接企业7家", june.Text, StringComparison.Ordinal);
    }

    private static async Task<BotReply?> CommandAsync(TestDatabase db, string sender, string text, string platform = Platforms.Sandbox)
    {
        var member = (await db.Get<IMemberRepository>().FindByNameAsync(sender))!;
        var message = new InboxMessage { Platform = platform, MessageId = Guid.NewGuid().ToString("N"), ChatId = "chat-1", SenderId = sender, SenderName = sender, Text = text };
        return await db.Get<CommandHandler>().HandleAsync(member, message, Today);
    }

    private static async Task<TestDatabase> ArrangeAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 2, 0, 0, TimeSpan.Zero));
        var db = await TestDatabase.CreateAsync(provider, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddBotSkills();
        });
        await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "区人社局", Aliases = ["人社局"] });
        await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "区发改局", Aliases = ["发改局"] });
        await db.Get<RosterImporter>().ImportFileAsync(RepositoryFiles.PathOf("seeds/roster.csv"), "测试");
        await db.Get<IPlanRepository>().SaveAsync(new Plan
        {
            Title = "测试方案",
            Year = 2026,
            ContentHash = "h",
            Actions =
            [
                new PlanAction { Number = 1, Title = "“大走访大调研”行动", Period = "全年" },
                new PlanAction { Number = 2, Title = "“大考察大招商”行动", Period = "第二、三、四季度" },
            ],
        });
        return db;
    }
}

public sealed class ExportCommandTests
{
    [Fact]
    public async Task The_export_command_answers_the_office_with_a_signed_ledger_link_of_the_period()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        var members = host.Services.GetRequiredService<IMemberRepository>();
        var office = (await members.FindByNameAsync("高玉梅"))!;
        var liaison = (await members.FindByNameAsync("李敏"))!;
        var commands = host.Services.GetRequiredService<CommandHandler>();
        var message = new InboxMessage { Platform = Platforms.Sandbox, MessageId = "x", ChatId = "sandbox", SenderId = "高玉梅", Text = "导出本季度台账" };

        var reply = await commands.HandleAsync(office, message, new DateOnly(2026, 5, 20));
        var refused = await commands.HandleAsync(liaison, message, new DateOnly(2026, 5, 20));

        Assert.Contains("本季度台账", reply!.Text, StringComparison.Ordinal);
        Assert.Contains("/ledger/", reply.Text, StringComparison.Ordinal);
        Assert.Contains("区政府办或区领导", refused!.Text, StringComparison.Ordinal);
    }
}
