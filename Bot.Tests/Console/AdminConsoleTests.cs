using System.Net;
using Bot.Data.Audit;
using Bot.Data.Chats;
using Bot.Data.Evidence;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

public sealed class AdminConsoleTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static Task<RunningHost> StartAsync(TestDatabase db) =>
        RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["Plan:Document"] = "", ["Evidence:Folder"] = Path.Combine(Path.GetTempPath(), "tiexibot-evidence-" + Guid.NewGuid().ToString("N")) });

    [Fact]
    public async Task A_viewer_can_post_to_no_console_endpoint_and_every_one_is_listed()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var viewer = await host.SignInAsync(RunningHost.Viewer);
        var posts = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => e.RoutePattern.RawText!)
            .Where(p => p.StartsWith("/admin", StringComparison.Ordinal) || p.StartsWith("/reports", StringComparison.Ordinal))
            .ToList();
        Assert.True(posts.Count >= 17, string.Join(", ", posts));

        foreach (var pattern in posts)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{decision[^}]*\}", "approve");
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "1");
            using var response = await ConsoleClient.PostFormAsync(viewer, path, new Dictionary<string, string> { ["name"] = "试图添加", ["role"] = "leader", ["platform"] = "wecom", ["chatId"] = "x" });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden || response.Headers.Location?.OriginalString.Contains("/denied", StringComparison.Ordinal) == true,
                $"{path}: {(int)response.StatusCode}");
        }

        Assert.Null(await host.Services.GetRequiredService<IMemberRepository>().FindByNameAsync("试图添加"));
        Assert.Equal(0, (await host.Services.GetRequiredService<IAuditRepository>().SearchAsync(new AuditQuery(Actor: RunningHost.Viewer.Name))).Total);
        var page = await viewer.GetStringAsync("/admin/roster");
        Assert.DoesNotContain("action=\"/admin/roster/add\"", page, StringComparison.Ordinal); // read-only for viewers
    }

    [Fact]
    public async Task Console_posts_without_the_anti_forgery_token_are_refused()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);

        using var response = await admin.PostAsync("/admin/roster/add", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "测试员甲", ["role"] = "leader" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await host.Services.GetRequiredService<IMemberRepository>().FindByNameAsync("测试员甲"));
    }

    [Fact]
    public async Task An_admin_adds_edits_and_deactivates_a_member_and_each_change_is_on_the_audit_page()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        var members = host.Services.GetRequiredService<IMemberRepository>();

        using var add = await ConsoleClient.PostFormAsync(admin, "/admin/roster/add", new Dictionary<string, string> { ["name"] = "测试员甲", ["title"] = "副区长", ["role"] = "leader" });
        var member = await members.FindByNameAsync("测试员甲");
        using var edit = await ConsoleClient.PostFormAsync(admin, $"/admin/roster/{member!.Id}", new Dictionary<string, string> { ["name"] = "测试员甲", ["title"] = "常务副区长", ["role"] = "leader" });
        using var off = await ConsoleClient.PostFormAsync(admin, $"/admin/roster/{member.Id}/active", new Dictionary<string, string> { ["active"] = "0" });

        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var saved = await members.GetAsync(member.Id);
        Assert.Equal("常务副区长", saved!.Title);
        Assert.False(saved.Active);
        var audit = await admin.GetStringAsync($"/admin/audit?entity=members&record={member.Id}");
        Assert.Contains("member.add", audit, StringComparison.Ordinal);
        Assert.Contains("member.edit", audit, StringComparison.Ordinal);
        Assert.Contains("member.deactivate", audit, StringComparison.Ordinal);
        Assert.Contains("常务副区长", audit, StringComparison.Ordinal);
        Assert.Contains("共 3 条", audit, StringComparison.Ordinal);
        var byActor = await admin.GetStringAsync("/admin/audit?action=member.edit");
        Assert.Contains("共 1 条", byActor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_roster_file_is_previewed_with_its_row_errors_and_saved_only_on_confirm()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        var csv = "姓名,职务,角色,单位,分管单位,河长级别,企业微信账号,钉钉账号\n赵明,副区长,领导,,区发改局,,zhaoming,\n钱立,联络员,飞行员,区发改局,,,,\n"u8.ToArray();

        using var upload = await ConsoleClient.PostFileAsync(admin, "/admin/roster/import", "名册.csv", csv);
        var preview = await admin.GetStringAsync(upload.Headers.Location);
        var members = host.Services.GetRequiredService<IMemberRepository>();

        Assert.Contains("可导入 1 行，错误 1 行", preview, StringComparison.Ordinal);
        Assert.Contains("第3行（钱立）的角色“飞行员”无法识别", preview, StringComparison.Ordinal);
        Assert.Null(await members.FindByNameAsync("赵明"));
        using var confirm = await ConsoleClient.PostFormAsync(admin, $"/admin/roster/import/{ConsoleClient.IdOf(upload)}/confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var zhao = await members.FindByAccountAsync(Platforms.WeCom, "zhaoming");
        Assert.Equal("赵明", zhao!.Name);
    }

    [Fact]
    public async Task A_pending_binding_request_is_confirmed_on_the_roster_page_and_binds_the_account()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        var members = host.Services.GetRequiredService<IMemberRepository>();
        var memberId = await members.AddAsync(new Member { Name = "孙红", Role = Roles.Department });
        var bindings = host.Services.GetRequiredService<IBindingRequestRepository>();
        var request = await bindings.AddAsync(new BindingRequest { Platform = Platforms.DingTalk, UserId = "sunhong-ding", ClaimedName = "孙红", MemberId = memberId });
        var rejected = await bindings.AddAsync(new BindingRequest { Platform = Platforms.DingTalk, UserId = "stranger", ClaimedName = "孙红" });

        Assert.Contains($"data-binding=\"{request}\"", await admin.GetStringAsync("/admin/roster"), StringComparison.Ordinal);
        using var approve = await ConsoleClient.PostFormAsync(admin, $"/admin/roster/bindings/{request}/approve");
        using var reject = await ConsoleClient.PostFormAsync(admin, $"/admin/roster/bindings/{rejected}/reject");

        Assert.Equal(memberId, (await members.FindByAccountAsync(Platforms.DingTalk, "sunhong-ding"))!.Id);
        Assert.Null(await members.FindByAccountAsync(Platforms.DingTalk, "stranger"));
        Assert.Empty(await bindings.ListPendingAsync());
        var audit = await host.Services.GetRequiredService<IAuditRepository>().SearchAsync(new AuditQuery(Action: "member.bind"));
        Assert.Equal(2, audit.Total); // member.bind and member.bind_reject
    }

    [Fact]
    public async Task A_new_group_shows_its_last_message_and_allowing_it_whitelists_it()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        await host.Services.GetRequiredService<IInboxRepository>().TryAddAsync(new InboxMessage
        {
            Platform = Platforms.WeCom, MessageId = "m-new-group", ChatId = "wr-new-group", SenderId = "u1", SenderName = "李敏", Text = "请把本群加入督查",
            ReceivedAt = DateTimeOffset.UtcNow, State = Bot.Data.Common.WorkStates.Done,
        });

        var page = await admin.GetStringAsync("/admin/chats");
        Assert.Contains("data-chat=\"wr-new-group\" data-allowed=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains("请把本群加入督查", page, StringComparison.Ordinal);
        using var allow = await ConsoleClient.PostFormAsync(admin, "/admin/chats/allow", new Dictionary<string, string> { ["platform"] = "wecom", ["chatId"] = "wr-new-group" });

        var chat = await host.Services.GetRequiredService<IChatRepository>().FindAsync(Platforms.WeCom, "wr-new-group");
        Assert.True(chat!.Whitelisted);
        Assert.Contains("data-chat=\"wr-new-group\" data-allowed=\"true\"", await admin.GetStringAsync("/admin/chats"), StringComparison.Ordinal);
        using var deny = await ConsoleClient.PostFormAsync(admin, "/admin/chats/deny", new Dictionary<string, string> { ["platform"] = "wecom", ["chatId"] = "wr-new-group" });
        Assert.False((await host.Services.GetRequiredService<IChatRepository>().FindAsync(Platforms.WeCom, "wr-new-group"))!.Whitelisted);
        Assert.Equal(2, (await host.Services.GetRequiredService<IAuditRepository>().SearchAsync(new AuditQuery(Entity: "chats"))).Total);
    }

    [Fact]
    public async Task A_task_is_added_closed_with_a_photo_and_reopened_and_a_fake_image_is_refused_and_stored_nowhere()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        var tasks = host.Services.GetRequiredService<ITaskRepository>();

        using var add = await ConsoleClient.PostFormAsync(admin, "/admin/tasks/add", new Dictionary<string, string> { ["title"] = "召开河长制工作推进会", ["dueEnd"] = "2026-06-30" });
        var id = ConsoleClient.IdOf(add);
        using var edit = await ConsoleClient.PostFormAsync(admin, $"/admin/tasks/{id}/edit", new Dictionary<string, string> { ["title"] = "召开河长制工作推进会", ["dueEnd"] = "2026-07-15" });
        using var fake = await ConsoleClient.PostFileAsync(admin, $"/admin/tasks/{id}/close", "现场.jpg", "not really a picture"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("内容不是有效的图片", await fake.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TaskStatuses.Open, (await tasks.GetAsync(id))!.Status);
        Assert.Empty(await host.Services.GetRequiredService<IEvidenceRepository>().ListForTaskAsync(id));

        using var close = await ConsoleClient.PostFileAsync(admin, $"/admin/tasks/{id}/close", "现场.png", Png, new Dictionary<string, string> { ["note"] = "已召开" });
        var task = await tasks.GetAsync(id);
        Assert.Equal(TaskStatuses.Done, task!.Status);
        Assert.Equal(new DateOnly(2026, 7, 15), task.DueEnd);
        var evidence = Assert.Single(await host.Services.GetRequiredService<IEvidenceRepository>().ListForTaskAsync(id));
        Assert.Equal("image/png", evidence.ContentType);
        var detail = await admin.GetStringAsync($"/admin/tasks/{id}");
        Assert.Contains($"<img src=\"/evidence/{evidence.Id}\"", detail, StringComparison.Ordinal);
        using var image = await admin.GetAsync($"/evidence/{evidence.Id}");
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());

        using var reopen = await ConsoleClient.PostFormAsync(admin, $"/admin/tasks/{id}/reopen");
        Assert.Equal(TaskStatuses.Open, (await tasks.GetAsync(id))!.Status);
        var actions = (await host.Services.GetRequiredService<IAuditRepository>().SearchAsync(new AuditQuery(Entity: "tasks", EntityId: id.ToString(System.Globalization.CultureInfo.InvariantCulture)))).Entries.Select(e => e.Action);
        Assert.Equal(["task.reopen", "task.close", "task.edit", "task.add"], actions);
    }

    [Fact]
    public async Task The_office_corrects_and_withdraws_a_report_on_behalf_of_a_member_who_is_told_in_the_chat()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await StartAsync(db);
        using var admin = await host.SignInAsync(RunningHost.Admin);
        var inbox = host.Services.GetRequiredService<IInboxRepository>();
        await inbox.TryAddAsync(new InboxMessage { Platform = Platforms.Sandbox, MessageId = "r1", ChatId = "office-test", SenderId = "王强", SenderName = "王强", Text = "汇报：走访企业3家", ReceivedAt = DateTimeOffset.UtcNow, State = Bot.Data.Common.WorkStates.Done });
        var message = await inbox.FindAsync(Platforms.Sandbox, "r1");
        var reports = host.Services.GetRequiredService<IProgressReportRepository>();
        var id = await reports.AddAsync(new ProgressReport
        {
            InboxId = message!.Id, MemberName = "王强", ReportedBy = "王强", Action = 1, WorkDate = new DateOnly(2026, 5, 12),
            Metrics = new() { ["enterprises"] = 3 }, RawText = "汇报：走访企业3家", Confidence = 0.9,
        });

        Assert.Contains("id=\"report-correct\"", await admin.GetStringAsync($"/reports/{id}"), StringComparison.Ordinal);
        using var correct = await ConsoleClient.PostFormAsync(admin, $"/reports/{id}/correct", new Dictionary<string, string> { ["metric:enterprises"] = "6", ["reason"] = "电话核实" });
        var newId = ConsoleClient.IdOf(correct);
        Assert.Equal(6, (await reports.GetAsync(newId))!.Metrics["enterprises"]);
        Assert.False((await reports.GetAsync(id))!.IsCurrent);
        using var withdraw = await ConsoleClient.PostFormAsync(admin, $"/reports/{newId}/withdraw", new Dictionary<string, string> { ["reason"] = "重复汇报" });
        Assert.True((await reports.GetAsync(newId))!.Withdrawn);

        var replies = (await host.Services.GetRequiredService<IOutboxRepository>().ListByTargetAsync(Platforms.Sandbox, "office-test", 10)).Select(m => m.Payload).ToList();
        Assert.Contains(replies, r => r.Contains("区政府办已代为更正", StringComparison.Ordinal) && r.Contains("6家", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("区政府办已代为撤回", StringComparison.Ordinal));
        var page = await admin.GetStringAsync($"/reports/{newId}");
        Assert.Contains("report.withdraw", page, StringComparison.Ordinal);
        Assert.Contains("report.correct", page, StringComparison.Ordinal);
    }
}
