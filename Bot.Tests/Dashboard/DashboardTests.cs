using System.Net;
using System.Net.Http.Json;
using Bot.Data.ProgressReports;
using Bot.Host.Dashboard.Security;
using Bot.Skills.Calendar;
using Bot.Skills.Ledger;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Bot.Tests.Dashboard;

public sealed class DashboardTests
{
    [Fact]
    public async Task Without_sign_in_pages_and_exports_redirect_to_the_sign_in_page_while_health_stays_open()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var client = host.CreateClient();

        foreach (var path in new[] { "/", "/reports", "/reports/1", "/export?period=2026Q2", "/sandbox", "/admin" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var webhook = await client.PostAsync("/webhooks/wecom", new StringContent("{}"));
        Assert.NotEqual(HttpStatusCode.Redirect, webhook.StatusCode); // a webhook answers for itself, never with the sign-in page
        var login = await client.GetStringAsync("/login");
        Assert.Contains("登录", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Chinese_error_and_signs_nobody_in()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var client = host.CreateClient();

        using var failed = await RunningHost.PostSignInAsync(client, RunningHost.Admin.Name, "not-the-password");
        using var unknown = await RunningHost.PostSignInAsync(client, "nobody", "whatever-password");

        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Contains(SignInEndpoints.FailedSignIn, await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(SignInEndpoints.FailedSignIn, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var board = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
    }

    [Fact]
    public async Task Form_posts_without_the_anti_forgery_token_are_refused()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var anonymous = host.CreateClient();
        using var admin = await host.SignInAsync(RunningHost.Admin);

        using var login = await anonymous.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = RunningHost.Admin.Name,
            ["password"] = RunningHost.Admin.Password,
        }));
        using var hash = await admin.PostAsync("/admin/hash", new FormUrlEncodedContent(new Dictionary<string, string> { ["password"] = "some-long-password" }));
        using var logout = await admin.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Contains("防伪校验", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, hash.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        using var stillSignedIn = await admin.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_only_returns_to_a_local_page()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var client = host.CreateClient();

        using var response = await RunningHost.PostSignInAsync(client, RunningHost.Viewer.Name, RunningHost.Viewer.Password, "//evil.example/steal");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_viewer_sees_the_board_with_lights_charts_and_scorecards_but_not_the_admin_pages()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(DashboardSeed.HostSettings(db));
        var today = host.Services.GetRequiredService<BusinessClock>().Today;
        await DashboardSeed.SeedAsync(host.Services, today);
        using var viewer = await host.SignInAsync(RunningHost.Viewer);

        var board = await viewer.GetStringAsync("/");

        foreach (var part in new[] { "行动看板", "领导计分卡", "逾期任务", "近期到期", "本期未汇报", "走访覆盖", "河长巡河（有照片）", "最新汇报", "data-chart=\"reports-per-week\"", "data-chart=\"pace\"" })
        {
            Assert.Contains(part, board, StringComparison.Ordinal);
        }

        Assert.Contains(DashboardSeed.OverdueTask, board, StringComparison.Ordinal);
        Assert.Contains("data-member=\"王强\"", board, StringComparison.Ordinal);
        Assert.Contains("light-red", board, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/sandbox\"", board, StringComparison.Ordinal);
        using var sandbox = await viewer.GetAsync("/sandbox");
        Assert.Equal(HttpStatusCode.Redirect, sandbox.StatusCode);
        Assert.StartsWith("/denied", sandbox.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var denied = await viewer.GetAsync(sandbox.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("无权访问", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_board_to_one_leader_and_one_action()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(DashboardSeed.HostSettings(db));
        var today = host.Services.GetRequiredService<BusinessClock>().Today;
        var seeded = await DashboardSeed.SeedAsync(host.Services, today);
        using var viewer = await host.SignInAsync(RunningHost.Viewer);

        var wangOnly = await viewer.GetStringAsync($"/?period={today.Year}&leader={seeded.Wang.Id}");
        var actionTwo = await viewer.GetStringAsync($"/?period={today.Year}&action=2");

        Assert.Contains("data-member=\"王强\"", wangOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("data-member=\"张志刚\"", wangOnly, StringComparison.Ordinal);
        Assert.Contains(DashboardSeed.WangReportText, wangOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("对接北沟街道招商项目", wangOnly, StringComparison.Ordinal);
        Assert.Contains("对接北沟街道招商项目", actionTwo, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSeed.WangReportText, actionTwo, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardSeed.UpcomingTask, actionTwo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_text_is_encoded_on_every_page()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(DashboardSeed.HostSettings(db));
        var today = host.Services.GetRequiredService<BusinessClock>().Today;
        var seeded = await DashboardSeed.SeedAsync(host.Services, today);
        var id = await host.Services.GetRequiredService<IProgressReportRepository>().AddAsync(new ProgressReport
        {
            MemberId = seeded.Wang.Id, MemberName = seeded.Wang.Name, ReportedBy = "<img src=x onerror=alert(1)>", Action = 1, WorkDate = today,
            Places = ["<script>alert('place')</script>"], RawText = "<script>alert('raw')</script>\"'&",
        });
        using var admin = await host.SignInAsync(RunningHost.Admin);

        var board = await admin.GetStringAsync("/");
        var detail = await admin.GetStringAsync($"/reports/{id}");

        foreach (var html in new[] { board, detail })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;script&gt;alert(&#x27;raw&#x27;)&lt;/script&gt;&quot;&#x27;&amp;", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_page_shows_its_raw_text_and_every_version()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(DashboardSeed.HostSettings(db));
        var today = host.Services.GetRequiredService<BusinessClock>().Today;
        var seeded = await DashboardSeed.SeedAsync(host.Services, today);
        var repository = host.Services.GetRequiredService<IProgressReportRepository>();
        var first = (await repository.GetAsync(seeded.WangReportId))!;
        first.RawText = "更正：是3天不是2天";
        first.Metrics["research_days"] = 3;
        var second = (await repository.AddVersionAsync(seeded.WangReportId, first))!.Value;
        using var viewer = await host.SignInAsync(RunningHost.Viewer);

        var board = await viewer.GetStringAsync("/");
        var page = await viewer.GetStringAsync($"/reports/{second}");
        using var missing = await viewer.GetAsync("/reports/999999");

        Assert.Contains($"href=\"/reports/{second}\"", board, StringComparison.Ordinal);
        Assert.Contains("第2版", page, StringComparison.Ordinal);
        Assert.Contains(DashboardSeed.WangReportText, page, StringComparison.Ordinal);
        Assert.Contains("更正：是3天不是2天", page, StringComparison.Ordinal);
        Assert.Contains("版本记录（2）", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_ledger_download_holds_the_reports_tasks_and_scorecards_of_the_period()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(DashboardSeed.HostSettings(db));
        var today = host.Services.GetRequiredService<BusinessClock>().Today;
        await DashboardSeed.SeedAsync(host.Services, today);
        using var viewer = await host.SignInAsync(RunningHost.Viewer);

        using var response = await viewer.GetAsync($"/export?period={today.Year}");
        using var bad = await viewer.GetAsync("/export?period=soon");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"台账-{today.Year}.xlsx", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.ToString()), StringComparison.Ordinal);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal([LedgerExporter.ReportsSheet, LedgerExporter.TasksSheet, LedgerExporter.ScorecardsSheet, LedgerExporter.WithdrawnSheet], workbook.GetSheetNames());
        var reports = workbook.Query(useHeaderRow: true, sheetName: LedgerExporter.ReportsSheet).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains(reports, r => (string?)r["原文"] == DashboardSeed.WangReportText && (string?)r["领导"] == "王强");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_ledger_of_a_period_lists_its_reports_tasks_with_lights_and_each_leaders_scorecard(string provider)
    {
        var today = new DateOnly(2026, 6, 22);
        await using var db = await TestDatabase.CreateAsync(provider, s =>
        {
            s.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 2, 0, 0, TimeSpan.Zero)));
            s.AddBotSkills();
        });
        await DashboardSeed.SeedAsync(db.Services, today);
        var exporter = db.Get<LedgerExporter>();

        var export = await exporter.CreateAsync(Period.ParseCode("2026Q2")!);

        Assert.Equal((2, 4, 2), (export.Reports, export.Tasks, export.Leaders));
        Assert.Equal("已导出2026年第二季度台账：汇报记录 2 条，任务 4 项，领导计分卡 2 人", export.Summary);
        using var workbook = new MemoryStream(export.Content);
        var reports = Rows(workbook, LedgerExporter.ReportsSheet);
        var wang = reports.Single(r => (string?)r["领导"] == "王强");
        Assert.Equal((new DateTime(2026, 6, 22), "1. “大走访大调研”行动", "平西乡", 2d), ((DateTime?)wang["工作日期"], (string?)wang["行动"], (string?)wang["地点"], Convert.ToDouble(wang["调研天数（天）"], System.Globalization.CultureInfo.InvariantCulture)));
        var tasks = Rows(workbook, LedgerExporter.TasksSheet);
        var overdue = tasks.Single(t => (string?)t["任务"] == DashboardSeed.OverdueTask);
        Assert.Equal(("红", "进行中", "区发改局", "王强"), ((string?)overdue["红绿灯"], (string?)overdue["状态"], (string?)overdue["责任单位"], (string?)overdue["分管领导"]));
        var closed = tasks.Single(t => (string?)t["任务"] == "制定调研计划");
        Assert.Equal(("绿", "已完成", "高玉梅"), ((string?)closed["红绿灯"], (string?)closed["状态"], (string?)closed["完成人"]));
        var cards = Rows(workbook, LedgerExporter.ScorecardsSheet);
        var days = cards.Single(c => (string?)c["领导"] == "王强" && (string?)c["指标"] == "调研天数");
        Assert.Equal(("2026年", 2d, 50d, "黄"), ((string?)days["考核周期"], Number(days["完成"]), Number(days["目标下限"]), (string?)days["红绿灯"]));
        Assert.Equal(2d, Number(days["2026年第二季度合计"]));
    }

    [Fact]
    public async Task A_ledger_without_plan_or_reports_still_has_its_four_sheets_and_a_row_per_leader()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", s => s.AddBotSkills());
        await db.Get<Bot.Data.Members.IMemberRepository>().AddAsync(new Bot.Data.Members.Member { Name = "刘波", Title = "区长", Role = Bot.Data.Members.Roles.Leader });

        var export = await db.Get<LedgerExporter>().CreateAsync(Period.ParseCode("2026Q2")!);

        using var workbook = new MemoryStream(export.Content);
        Assert.Equal([LedgerExporter.ReportsSheet, LedgerExporter.TasksSheet, LedgerExporter.ScorecardsSheet, LedgerExporter.WithdrawnSheet], workbook.GetSheetNames());
        var header = (IDictionary<string, object?>)workbook.Query(sheetName: LedgerExporter.ReportsSheet).First();
        Assert.Contains("原文", header.Values);
        Assert.Equal((0, 0, 1), (export.Reports, export.Tasks, export.Leaders));
        var card = Assert.Single(Rows(workbook, LedgerExporter.ScorecardsSheet));
        Assert.Equal(("刘波", "（方案中暂无对领导的量化指标）"), ((string?)card["领导"], (string?)card["指标"]));
    }

    [Fact]
    public async Task A_ledger_link_for_a_chat_downloads_without_sign_in_until_it_is_tampered_with()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["Dashboard:PublicUrl"] = "https://bot.example.gov.cn/" });
        using var anonymous = host.CreateClient();

        var link = host.Services.GetRequiredService<ILedgerLinks>().CreateLink(Period.ParseCode("2026Q2")!);
        var path = new Uri(link).PathAndQuery;
        using var response = await anonymous.GetAsync(path);
        using var forged = await anonymous.GetAsync(path[..^3] + "abc");

        Assert.StartsWith("https://bot.example.gov.cn/ledger/", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("台账-2026Q2.xlsx", Uri.UnescapeDataString(response.Content.Headers.ContentDisposition!.ToString()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task The_sandbox_api_answers_an_admin_with_the_page_token_and_local_tools_but_refuses_viewers_forgeries_and_proxied_callers()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        using var viewer = await host.SignInAsync(RunningHost.Viewer);
        var body = new { sender = "王强", text = "你好", chat = "api-test" };

        using var noToken = await admin.PostAsJsonAsync("/sandbox/messages", body);
        var token = await RunningHost.FormTokenAsync(admin, "/sandbox");
        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/sandbox/messages") { Content = JsonContent.Create(body) };
        withToken.Headers.Add("X-CSRF-TOKEN", token);
        using var accepted = await admin.SendAsync(withToken);
        using var viewerRead = await viewer.GetAsync("/sandbox/messages?chat=api-test");
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/sandbox/messages?chat=api-test");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var proxiedResponse = await host.Client.SendAsync(proxied);
        using var local = await host.Client.GetAsync("/sandbox/messages?chat=api-test");

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewerRead.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, proxiedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
    }

    [Fact]
    public async Task With_loopback_access_off_the_sandbox_api_needs_a_sign_in()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["Dashboard:SandboxApiOnLoopback"] = "false" });
        using var admin = await host.SignInAsync(RunningHost.Admin);

        using var anonymous = await host.Client.GetAsync("/sandbox/messages");
        using var signedIn = await admin.GetAsync("/sandbox/messages");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("请先登录", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task The_admin_page_turns_a_password_into_a_hash_that_verifies()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var admin = await host.SignInAsync(RunningHost.Admin);

        var token = await RunningHost.FormTokenAsync(admin, "/admin");
        using var response = await admin.PostAsync("/admin/hash", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["password"] = "a-new-office-password",
        }));
        var html = await response.Content.ReadAsStringAsync();

        var hash = System.Text.RegularExpressions.Regex.Match(html, "<pre id=\"hash\">([^<]+)</pre>").Groups[1].Value;
        Assert.True(DashboardPasswords.Verify("a-new-office-password", System.Net.WebUtility.HtmlDecode(hash)));
    }

    private static List<IDictionary<string, object?>> Rows(Stream workbook, string sheet) =>
        workbook.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();

    private static double Number(object? value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
}
