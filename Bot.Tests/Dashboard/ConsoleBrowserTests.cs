using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Dashboard;

/// <summary>The office console in a real browser (Debian's Chromium through Playwright) against the real host.</summary>
public sealed class ConsoleBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SkipReason = "TIEXIBOT_SKIP_BROWSER=1: the browser tests are left out on this developer machine.";
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task The_office_imports_a_docx_plan_adds_and_binds_a_member_allows_a_chat_closes_a_task_with_a_photo_and_sees_it_audited()
    {
        Skip.If(BrowserFixture.SkipRequested, SkipReason);
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, RunningHost.Admin);

        // A .docx of the seed plan: preview, diff against the active (hand-built) plan, confirm.
        await page.GotoAsync(browser.Url("/admin/plans"));
        await page.SetInputFilesAsync("#plan-file", new FilePayload { Name = "铁西方案.docx", MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Buffer = WordFiles.FromText(SeedPlan.Document) });
        await page.ClickAsync("#plan-upload button[type=submit]");
        await Expect(page.Locator("#preview-summary")).ToContainTextAsync("10项行动");
        await Expect(page.Locator("#diff tr[data-kind='added']").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "console-plan-preview.png");
        await page.ClickAsync("#confirm-import");
        await Expect(page.Locator("#notice")).ToContainTextAsync("已导入方案");
        await Expect(page.Locator("#versions tr.selected")).ToContainTextAsync("当前生效");

        // A member.
        await page.GotoAsync(browser.Url("/admin/roster"));
        await page.FillAsync("#member-add input[name=name]", "浏览器甲");
        await page.SelectOptionAsync("#member-add select[name=role]", "leader");
        await page.ClickAsync("#member-add button[type=submit]");
        await Expect(page.Locator("#members tr[data-member='浏览器甲']")).ToBeVisibleAsync();

        // The new member's WeCom account asked 我是浏览器甲 in a group: the office confirms the request it sees.
        var binding = browser.Host.Services.GetRequiredService<Bot.Skills.Roster.BindingService>();
        await binding.RequestAsync("wecom", "browser-user-1", "wr-browser-group", "浏览器甲");
        var request = (await binding.LivePendingAsync()).Single(r => r.UserId == "browser-user-1");
        await page.GotoAsync(browser.Url("/admin/roster"));
        await Expect(page.Locator($"#bindings tr[data-binding='{request.Id}']")).ToContainTextAsync("browser-user-1");
        await page.ClickAsync($"#bindings tr[data-binding='{request.Id}'] form[action$='/approve'] button");
        await Expect(page.Locator("#notice")).ToContainTextAsync("browser-user-1 → 浏览器甲");

        // A chat.
        await page.GotoAsync(browser.Url("/admin/chats"));
        await page.FillAsync("#chat-add input[name=chatId]", "wr-browser-group");
        await page.FillAsync("#chat-add input[name=title]", "河长制工作群");
        await page.ClickAsync("#chat-add button[type=submit]");
        await Expect(page.Locator("tr[data-chat='wr-browser-group']")).ToHaveAttributeAsync("data-allowed", "true");

        // A task, closed with a photo.
        await page.GotoAsync(browser.Url("/admin/tasks"));
        await page.FillAsync("#task-add input[name=title]", "浏览器测试任务");
        await page.FillAsync("#task-add input[name=dueEnd]", "2026-12-31");
        await page.ClickAsync("#task-add button[type=submit]");
        await Expect(page.Locator("#task-status")).ToHaveTextAsync("进行中");
        await page.FillAsync("#task-close input[name=note]", "已完成");
        await page.SetInputFilesAsync("#evidence-file", new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png });
        await page.ClickAsync("#task-close button[type=submit]");
        await Expect(page.Locator("#task-status")).ToHaveTextAsync("已销号");
        var thumb = page.Locator("#task-evidence img");
        await Expect(thumb).ToHaveCountAsync(1);
        Assert.True(await thumb.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"));
        await BrowserFixture.ScreenshotAsync(page, "console-task.png");

        // Every change on the audit page.
        await page.GotoAsync(browser.Url("/admin/audit"));
        foreach (var action in new[] { "plan.import", "member.add", "member.bind", "chat.allow", "task.add", "task.close" })
        {
            await Expect(page.Locator("#audit")).ToContainTextAsync(action);
        }

        await BrowserFixture.ScreenshotAsync(page, "console-audit.png");
    }
}
