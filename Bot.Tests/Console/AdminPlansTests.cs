using System.Net;
using Bot.Data.Audit;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Skills.Plans;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

public sealed class AdminPlansTests
{
    /// <summary>Two changes: a target's numbers and a milestone's wording.</summary>
    public static string ChangedSeed() => SeedPlan.Document
        .Replace("每月开展3至4次专题调研", "每月开展4至5次专题调研", StringComparison.Ordinal)
        .Replace("5月下旬，赴江苏、广州、深圳招商引资活动", "5月中旬，赴江苏、广州、深圳招商引资活动", StringComparison.Ordinal);

    [Fact]
    public void A_docx_of_the_seed_plan_reads_to_exactly_what_the_txt_does()
    {
        var importer = new PlanImporter();
        var docx = PlanUploads.Read("方案.docx", WordFiles.FromText(SeedPlan.Document));
        var txt = PlanUploads.Read("方案.txt", System.Text.Encoding.UTF8.GetBytes(SeedPlan.Document));

        Assert.True(docx.IsReadable, docx.Refusal);
        var fromDocx = importer.Parse(docx.Text, 2026);
        var fromTxt = importer.Parse(txt.Text, 2026);
        Assert.Equal(10, fromTxt.Plan.Actions.Count);
        Assert.Equal(fromTxt.Plan.ContentHash, fromDocx.Plan.ContentHash);
        Assert.Equal(PlanJson.Serialize(fromTxt), PlanJson.Serialize(fromDocx));
    }

    [Theory]
    [InlineData("方案.doc", "另存为")]
    [InlineData("方案.pdf", "PDF")]
    [InlineData("方案.xlsx", ".docx")]
    public void Doc_pdf_and_other_files_are_refused_with_a_Chinese_message(string name, string hint)
    {
        var read = PlanUploads.Read(name, [0x25, 0x50, 0x44, 0x46, 0x2D]);

        Assert.False(read.IsReadable);
        Assert.Contains(hint, read.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_named_docx_that_is_not_a_Word_document_is_refused_not_thrown()
    {
        var read = PlanUploads.Read("方案.docx", "这不是一个压缩包"u8.ToArray());

        Assert.False(read.IsReadable);
        Assert.Contains("无法读取", read.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_docx_shows_its_diff_before_anything_is_saved_and_confirming_makes_the_next_version()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["Plan:Document"] = "" });
        using var admin = await host.SignInAsync(RunningHost.Admin);
        var plans = host.Services.GetRequiredService<IPlanRepository>();

        using var first = await ConsoleClient.PostFileAsync(admin, "/admin/plans/upload", "铁西方案.txt", System.Text.Encoding.UTF8.GetBytes(SeedPlan.Document), new Dictionary<string, string> { ["year"] = "2026" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Empty(await plans.ListAsync());
        using var confirmFirst = await ConsoleClient.PostFormAsync(admin, $"/admin/plans/confirm/{ConsoleClient.IdOf(first)}");
        Assert.Equal(HttpStatusCode.Redirect, confirmFirst.StatusCode);
        var v1 = await plans.GetActiveAsync();
        Assert.Equal(1, v1!.Version);
        var tasks = host.Services.GetRequiredService<ITaskRepository>();
        var changed = v1.Actions.SelectMany(a => a.Milestones)
            .Where(m => m.Text.Contains("5月下旬，赴江苏", StringComparison.Ordinal) || m.Text.Contains("3至4次", StringComparison.Ordinal)).Select(m => m.Id).ToList();
        Assert.Equal(3, changed.Count); // the milestone sentence of action 1 and two of action 2 carry the changed words
        var keptTask = (await tasks.ListAsync(v1.Id)).First(t => t.MilestoneId is long m && !changed.Contains(m));
        await tasks.CloseAsync(keptTask.Id, "高玉梅", "会议纪要");

        using var second = await ConsoleClient.PostFileAsync(admin, "/admin/plans/upload", "铁西方案（修订）.docx", WordFiles.FromText(ChangedSeed()), new Dictionary<string, string> { ["year"] = "2026" });
        var preview = await admin.GetStringAsync(second.Headers.Location);

        Assert.Contains("10项行动", preview, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"changed\" data-item=\"指标\"", preview, StringComparison.Ordinal);
        Assert.Contains("4至5次", preview, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"added\" data-item=\"节点\"", preview, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"removed\" data-item=\"节点\"", preview, StringComparison.Ordinal);
        Assert.Contains("新增 3 项 · 修改 1 项 · 删除 3 项", preview, StringComparison.Ordinal);
        Assert.Contains("将新建的任务（3）", preview, StringComparison.Ordinal);
        Assert.Contains("将不再跟踪的未完成任务（3）", preview, StringComparison.Ordinal);
        Assert.Single(await plans.ListAsync()); // the preview stored no plan

        using var confirm = await ConsoleClient.PostFormAsync(admin, $"/admin/plans/confirm/{ConsoleClient.IdOf(second)}");
        using var again = await ConsoleClient.PostFormAsync(admin, $"/admin/plans/confirm/{ConsoleClient.IdOf(second)}");

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // confirmed once only
        var v2 = await plans.GetActiveAsync();
        Assert.Equal(2, v2!.Version);
        Assert.Contains(v2.Actions.SelectMany(a => a.Targets), t => t.MinValue == 4 && t.MaxValue == 5);
        var carried = (await tasks.ListAsync(v2.Id)).Single(t => t.Title == keptTask.Title);
        Assert.Equal(TaskStatuses.Done, carried.Status); // a kept milestone keeps its closed task
        var list = await admin.GetStringAsync("/admin/plans");
        Assert.Contains("data-version=\"2\" class=\"selected\"", list, StringComparison.Ordinal);
        Assert.Contains("当前生效", list, StringComparison.Ordinal);
        var audit = await host.Services.GetRequiredService<IAuditRepository>().SearchAsync(new AuditQuery(Action: "plan.import"));
        Assert.Equal(2, audit.Total);
        Assert.All(audit.Entries, e => Assert.Equal($"{RunningHost.Admin.Name}（控制台）", e.Actor));
        Assert.Contains("\"version\":1", audit.Entries[0].OldValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pdf_upload_is_refused_on_the_page_and_stages_nothing()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["Plan:Document"] = "" });
        using var admin = await host.SignInAsync(RunningHost.Admin);

        using var response = await ConsoleClient.PostFileAsync(admin, "/admin/plans/upload", "方案.pdf", "%PDF-1.4"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("不支持 PDF 文件", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
