using System.Globalization;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.ProgressReports;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Dashboard;

/// <summary>The dashboard in a real browser (Debian's Chromium through Playwright) against the real host.</summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SkipReason = "TIEXIBOT_SKIP_BROWSER=1: the browser tests are left out on this developer machine.";

    [SkippableFact]
    public async Task Signing_in_shows_the_board_with_traffic_lights_scorecards_and_rendered_charts()
    {
        Skip.If(BrowserFixture.SkipRequested, SkipReason);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(browser.Url("/"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        await BrowserFixture.ScreenshotAsync(page, "login.png");
        await browser.SignInAsync(page, RunningHost.Viewer);

        await Expect(page.Locator("h1")).ToHaveTextAsync("督查看板");
        await Expect(page.Locator(".scorecard[data-member='王强']")).ToBeVisibleAsync();
        await Expect(page.Locator("#overdue .light-red").First).ToBeVisibleAsync();
        await Expect(page.Locator("#overdue")).ToContainTextAsync(DashboardSeed.OverdueTask);
        await Expect(page.Locator("#latest")).ToContainTextAsync(DashboardSeed.WangReportText);
        var chart = page.Locator("svg[data-chart='reports-per-week']");
        await Expect(chart).ToBeVisibleAsync();
        Assert.True((await chart.BoundingBoxAsync())!.Width > 200);
        Assert.True(await chart.EvaluateAsync<bool>("svg => [...svg.querySelectorAll('rect.bar')].some(bar => bar.getBBox().height > 0)"));
        Assert.True(await page.Locator("svg[data-chart='pace'] .pace-row").CountAsync() >= 2);
        await BrowserFixture.ScreenshotAsync(page, "board.png");

        await page.Locator($"#latest tr[data-report='{browser.Seeded.WangReportId}'] a").ClickAsync();
        await Expect(page.Locator("#raw-text")).ToHaveTextAsync(DashboardSeed.WangReportText);
        await Expect(page.Locator("#versions")).ToContainTextAsync("第1版");
        await BrowserFixture.ScreenshotAsync(page, "report.png");
    }

    [SkippableFact]
    public async Task Proactive_markdown_messages_and_images_of_the_chat_appear_on_the_sandbox_page_as_formatting_not_markup()
    {
        Skip.If(BrowserFixture.SkipRequested, SkipReason);
        const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        var chat = "digest-" + Guid.NewGuid().ToString("N")[..8];
        var outbox = browser.Host.Services.GetRequiredService<IOutboxRepository>();
        await outbox.EnqueueAsync(new OutboxMessage
        {
            Platform = Platforms.Sandbox, Channel = "sandbox", Target = chat, MsgType = "markdown", Source = OutboxSources.Digest,
            Payload = "## 本周督查摘要\n- **逾期任务** 1 项\n- 未汇报：`刘波`\n<img src=x onerror=\"document.title='hacked'\">",
        });
        await outbox.EnqueueAsync(new OutboxMessage { Platform = Platforms.Sandbox, Channel = "sandbox", Target = chat, MsgType = "image", Source = OutboxSources.Digest, Payload = Png });
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, RunningHost.Admin);

        await page.GotoAsync(browser.Url($"/sandbox?chat={chat}"));

        await Expect(page.Locator(".msg.out h4")).ToHaveTextAsync("本周督查摘要");
        await Expect(page.Locator(".msg.out li strong")).ToHaveTextAsync("逾期任务");
        await Expect(page.Locator(".msg.out li code")).ToHaveTextAsync("刘波");
        await Expect(page.Locator(".msg.out").First).ToContainTextAsync("<img src=x");
        var image = page.Locator(".msg.out img");
        await Expect(image).ToHaveCountAsync(1);
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"));
        Assert.NotEqual("hacked", await page.TitleAsync());
        await BrowserFixture.ScreenshotAsync(page, "sandbox-digest.png");
    }

    [SkippableFact]
    public async Task A_failed_sign_in_shows_a_Chinese_error()
    {
        Skip.If(BrowserFixture.SkipRequested, SkipReason);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(browser.Url("/login"));
        await page.FillAsync("#username", RunningHost.Admin.Name);
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#login-error")).ToHaveTextAsync("用户名或密码错误，请重新输入。");
        await Expect(page.Locator("#username")).ToHaveValueAsync(RunningHost.Admin.Name);
        await BrowserFixture.ScreenshotAsync(page, "login-error.png");
        await page.GotoAsync(browser.Url("/"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
    }

    [SkippableFact]
    public async Task A_message_in_the_sandbox_page_gets_its_reply_and_a_new_report_changes_the_scorecard()
    {
        Skip.If(BrowserFixture.SkipRequested, SkipReason);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, RunningHost.Admin);
        var chat = "browser-" + Guid.NewGuid().ToString("N")[..8];

        await page.GotoAsync(browser.Url($"/sandbox?chat={chat}"));
        await page.SelectOptionAsync("#sender", "王强");
        await page.FillAsync("#text", "汇报：今天赴平西乡调研乡村振兴，走访企业3家");
        await page.PressAsync("#text", "Enter");

        await Expect(page.Locator(".msg.in .bubble")).ToHaveTextAsync("汇报：今天赴平西乡调研乡村振兴，走访企业3家");
        await Expect(page.Locator(".msg.in .meta")).ToContainTextAsync("王强");
        var reply = page.Locator(".msg.out .bubble").First;
        await Expect(reply).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await reply.InnerTextAsync()));
        await Expect(page.Locator("#text")).ToHaveValueAsync("");
        await BrowserFixture.ScreenshotAsync(page, "sandbox.png");

        // The reply is written after the router has stored whatever it records, so the count read now is settled.
        await page.GotoAsync(browser.Url("/"));
        var trips = page.Locator(".scorecard[data-member='王强'] li[data-metric='research_trips'] .actual");
        var before = double.Parse(await trips.InnerTextAsync(), CultureInfo.InvariantCulture);
        var today = browser.Host.Services.GetRequiredService<BusinessClock>().Today;
        await browser.Host.Services.GetRequiredService<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = browser.Seeded.Wang.Id, MemberName = "王强", ReportedBy = "王强", Action = 1, Activity = "调研", WorkDate = today,
            Places = ["北沟街道"], Metrics = new() { ["research_trips"] = 1, ["research_days"] = 1 }, RawText = "汇报：到北沟街道专题调研1次",
        });
        await page.ReloadAsync();

        await Expect(trips).ToHaveTextAsync(MetricCatalogFormat(before + 1));
        await BrowserFixture.ScreenshotAsync(page, "board-after-report.png");

        await page.ClickAsync("header.top nav a[href='/admin']");
        await Expect(page.Locator("main")).ToContainTextAsync(RunningHost.Viewer.Name);
        await BrowserFixture.ScreenshotAsync(page, "admin.png");
    }

    [SkippableFact]
    public async Task The_ledger_downloads_from_the_board_and_opens_with_MiniExcel()
    {
        Skip.If(BrowserFixture.SkipRequested, SkipReason);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, RunningHost.Viewer);
        var year = browser.Host.Services.GetRequiredService<BusinessClock>().Today.Year.ToString(CultureInfo.InvariantCulture);
        await page.SelectOptionAsync("#filter-period", year);
        await page.ClickAsync(".filters button[type=submit]");
        await Expect(page.Locator("#export")).ToHaveAttributeAsync("href", $"/export?period={year}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        var file = Path.Combine(Path.GetTempPath(), "tiexibot-ledger-" + Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(file);
        try
        {
            Assert.Equal($"台账-{year}.xlsx", download.SuggestedFilename);
            await using var workbook = File.OpenRead(file);
            Assert.Equal([LedgerExporter.ReportsSheet, LedgerExporter.TasksSheet, LedgerExporter.ScorecardsSheet, LedgerExporter.WithdrawnSheet], workbook.GetSheetNames());
            var reports = workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.ReportsSheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Contains(reports, r => (string?)r["原文"] == DashboardSeed.WangReportText);
            var tasks = workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.TasksSheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Contains(tasks, t => (string?)t["任务"] == DashboardSeed.OverdueTask && (string?)t["红绿灯"] == "红");
            var cards = workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.ScorecardsSheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Contains(cards, c => (string?)c["领导"] == "王强" && (string?)c["指标"] == "调研天数");
        }
        finally
        {
            File.Delete(file);
        }

        await page.ClickAsync("#latest a.more");
        await Expect(page.Locator("h1")).ToHaveTextAsync("汇报记录");
        await Expect(page.Locator("table.reports")).ToContainTextAsync(DashboardSeed.WangReportText);
        await BrowserFixture.ScreenshotAsync(page, "reports.png");
    }

    private static string MetricCatalogFormat(double value) => Bot.Skills.Scorecards.MetricCatalog.Format(value);
}
