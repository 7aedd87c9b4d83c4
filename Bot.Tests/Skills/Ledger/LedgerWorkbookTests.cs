using Bot.Data.Audit;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Data.Units;
using Bot.Skills.Calendar;
using Bot.Skills.Conversation;
using Bot.Skills.Ledger;
using Bot.Tests.Dashboard;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniExcelLibs;

namespace Bot.Tests.Skills.Ledger;

public sealed class LedgerWorkbookTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_ledger_has_typed_ids_and_dates_the_chats_numbers_roster_units_only_the_leader_in_charge_and_withdrawn_reports_apart(string provider)
    {
        var today = new DateOnly(2026, 6, 22);
        await using var db = await TestDatabase.CreateAsync(provider, s =>
        {
            s.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 2, 0, 0, TimeSpan.Zero)));
            s.AddBotSkills();
        });
        var seeded = await DashboardSeed.SeedAsync(db.Services, today);
        var reports = db.Get<IProgressReportRepository>();
        var members = db.Get<IMemberRepository>();
        var pingxi = (await db.Get<IUnitRepository>().FindByNameAsync("平西乡"))!.Id;
        await members.SetLedUnitsAsync(seeded.Zhang.Id, [pingxi]);
        var amended = (await reports.GetAsync(seeded.WangReportId))!;
        amended.Units = ["区发改局", "区街道社区卫生服务中心"];
        amended.CreatedAt = default;
        var chatNumber = (await reports.AddVersionAsync(seeded.WangReportId, amended))!.Value;
        var zhangReport = (await reports.ListAsync(today.AddDays(-30), today)).Single(r => r.MemberName == "张志刚");
        Assert.True(await reports.WithdrawAsync(zhangReport.Id));

        var export = await db.Get<LedgerExporter>().CreateAsync(Period.ParseCode("2026Q2")!);

        using var workbook = new MemoryStream(export.Content);
        var wang = Assert.Single(Rows(workbook, LedgerExporter.ReportsSheet));
        Assert.Equal(chatNumber, Convert.ToInt64(wang["编号"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.IsType<double>(wang["编号"]);                  // a number cell, not text
        Assert.Equal(new DateTime(2026, 6, 22), Assert.IsType<DateTime>(wang["工作日期"]));
        Assert.Equal("区发改局", wang["单位"]);               // not the unit that is on no roster
        Assert.Equal((double)seeded.WangReportId, wang["首次编号"]);
        var withdrawn = Assert.Single(Rows(workbook, LedgerExporter.WithdrawnSheet));
        Assert.Equal("张志刚", withdrawn["领导"]);
        var task = Rows(workbook, LedgerExporter.TasksSheet).Single(t => (string?)t["任务"] == "制定调研计划");
        Assert.Equal("张志刚", task["分管领导"]);              // the leader whose 分管单位 include 平西乡
        Assert.IsType<DateTime>(task["截止日期"]);
        Assert.IsType<double>(task["编号"]);
    }

    [Fact]
    public async Task Export_in_other_words_gives_an_absolute_link_to_the_asker_and_every_download_is_audited()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["Dashboard:PublicUrl"] = "https://bot.example.gov.cn" });
        var office = (await host.Services.GetRequiredService<IMemberRepository>().FindByNameAsync("高玉梅"))!;
        var commands = host.Services.GetRequiredService<CommandHandler>();
        var today = new DateOnly(2026, 12, 7);

        var november = await commands.HandleAsync(office, Message(Platforms.WeCom, "把11月份的台账导一下"), today);
        var quarter = await commands.HandleAsync(office, Message(Platforms.WeCom, "导出上季度台账"), today);
        var link = System.Text.RegularExpressions.Regex.Match(november!.Text, @"https://\S+?(?=（)").Value;
        using var anonymous = host.CreateClient();
        using var download = await anonymous.GetAsync(new Uri(link).PathAndQuery);
        var audit = await host.Services.GetRequiredService<IAuditRepository>().ListAsync(entityId: "2026-11");

        Assert.Contains("11月台账（2026年11月1日—11月30日）", november.Text, StringComparison.Ordinal);
        Assert.Contains("24小时内有效", november.Text, StringComparison.Ordinal);
        Assert.StartsWith("https://bot.example.gov.cn/ledger/", link, StringComparison.Ordinal);
        Assert.Contains("上季度台账（2026年7月1日—9月30日）", quarter!.Text, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        var entry = Assert.Single(audit, e => e.Action == "ledger.download");
        Assert.Equal("高玉梅", entry.Actor);
        Assert.Contains("\"role\":\"office\"", entry.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_address_export_to_a_wecom_chat_says_how_to_set_it_instead_of_a_relative_link()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var log = new CapturingLoggerProvider();
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["WeCom:CorpId"] = "ww-test" }, s => s.AddSingleton<ILoggerProvider>(log));
        var office = (await host.Services.GetRequiredService<IMemberRepository>().FindByNameAsync("高玉梅"))!;

        var reply = await host.Services.GetRequiredService<CommandHandler>().HandleAsync(office, Message(Platforms.WeCom, "导出"), new DateOnly(2026, 12, 7));

        Assert.Contains("Dashboard:PublicUrl", reply!.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("/ledger/", reply.Text, StringComparison.Ordinal);
        Assert.Contains(log.Messages, m => m.Contains("Dashboard:PublicUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_nudge_of_several_members_mentions_each_of_them_once_in_one_message()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        var office = (await host.Services.GetRequiredService<IMemberRepository>().FindByNameAsync("高玉梅"))!;

        var reply = await host.Services.GetRequiredService<CommandHandler>().HandleAsync(office, Message(Platforms.WeCom, "催报 @李敏 @周涛 @李敏"), new DateOnly(2026, 12, 7));
        var nudges = (await host.Services.GetRequiredService<IAuditRepository>().ListAsync(entity: "member")).Where(e => e.Action == "member.nudge").ToList();

        Assert.StartsWith("@李敏 @周涛 请尽快报送", reply!.Text, StringComparison.Ordinal);
        Assert.Equal(["limin", "zhoutao"], reply.Mentions!.Order(StringComparer.Ordinal));
        Assert.Equal(2, nudges.Count);
    }

    [Fact]
    public void A_nudge_names_every_member_once()
    {
        var roster = new List<Bot.Data.Members.Member>
        {
            new() { Id = 1, Name = "李敏", Active = true }, new() { Id = 2, Name = "周涛", Active = true }, new() { Id = 3, Name = "王强", Active = true },
        };

        var targets = CommandHandler.NudgeTargets(" @李敏 @周涛、李敏", roster);

        Assert.Equal(["李敏", "周涛"], targets.Select(m => m.Name));
    }

    private static InboxMessage Message(string platform, string text) =>
        new() { Platform = platform, MessageId = Guid.NewGuid().ToString("N"), ChatId = "chat", SenderId = "gaoyumei", Text = text };

    private static List<IDictionary<string, object?>> Rows(Stream workbook, string sheet) =>
        workbook.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
}
