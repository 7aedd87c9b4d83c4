using System.Globalization;
using Bot.Data.Imports;
using Bot.Data.Plans;
using Bot.Host.Dashboard.Pages;
using Bot.Skills.Plans;

namespace Bot.Host.Dashboard.Admin;

/// <summary>
/// <c>/admin/plans</c>: upload (.txt/.docx), preview with the diff against the active plan, 确认导入 (a new version),
/// discard. Shared with plan files the office sends in chat, which are staged the same way.
/// </summary>
public static class AdminPlanEndpoints
{
    public static void Map(RouteGroupBuilder viewer, RouteGroupBuilder admin)
    {
        viewer.MapGet("/admin/plans", async (HttpContext http, IPlanRepository plans, CancellationToken cancellationToken) =>
            AdminPlansPage.List(PageContext.From(http), await plans.ListAsync(cancellationToken), notice: http.Request.Query["notice"]));

        viewer.MapGet("/admin/plans/preview/{id:long}", async (HttpContext http, long id, IStagedImportRepository staged, PlanPreviewer previewer, CancellationToken cancellationToken) =>
        {
            var upload = await staged.GetAsync(id, cancellationToken);
            if (upload is not { Kind: StagedImportKinds.Plan })
            {
                return Layout.Message(PageContext.From(http), "找不到上传的方案", $"没有编号为 {id} 的方案上传记录。", StatusCodes.Status404NotFound);
            }

            var (result, diff) = await previewer.PreviewAsync(StagedPlan.FromJson(upload.Payload), cancellationToken);
            return AdminPlansPage.Preview(PageContext.From(http), upload, result, diff);
        });

        admin.MapPost("/admin/plans/upload", async (HttpContext http, ConsoleAudit console, IStagedImportRepository staged, IPlanRepository plans, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var file = await FormValues.FileAsync(form, "file", PlanUploads.MaxBytes, cancellationToken);
            var year = FormValues.Int(form, "year");
            async Task<IResult> Refuse(string message) =>
                AdminPlansPage.List(PageContext.From(http), await plans.ListAsync(cancellationToken), error: message, statusCode: StatusCodes.Status400BadRequest);
            if (file is null)
            {
                return await Refuse("请选择要上传的方案文件（.docx 或 .txt）。");
            }

            if (year is not null and (< 2000 or > 2100))
            {
                return await Refuse("年度应为 2000 到 2100 之间的年份。");
            }

            if (file.Value.Bytes is null)
            {
                return await Refuse($"文件过大，方案文件不能超过 {PlanUploads.MaxBytes / 1024 / 1024} MB。");
            }

            var read = PlanUploads.Read(file.Value.File.FileName, file.Value.Bytes);
            if (read.Text is null)
            {
                return await Refuse(read.Refusal!);
            }

            var id = await staged.AddAsync(new StagedImport
            {
                Kind = StagedImportKinds.Plan,
                FileName = Path.GetFileName(file.Value.File.FileName),
                Payload = new StagedPlan(read.Text, year).ToJson(),
                CreatedBy = ConsoleAudit.Actor(http),
            }, cancellationToken);
            await console.RecordAsync(http, "plan.upload", "staged_imports", id, null, new { file = file.Value.File.FileName, bytes = file.Value.Bytes.Length }, cancellationToken);
            return Results.Redirect($"/admin/plans/preview/{id.ToString(CultureInfo.InvariantCulture)}");
        });

        admin.MapPost("/admin/plans/confirm/{id:long}", async (HttpContext http, long id, ConsoleAudit console, PlanPreviewer previewer, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var outcome = await previewer.ConfirmAsync(id, ConsoleAudit.Actor(http), cancellationToken);
            return outcome.Error is { } error
                ? Layout.Message(PageContext.From(http), "无法导入", error, StatusCodes.Status400BadRequest)
                : Results.Redirect("/admin/plans?notice=" + Uri.EscapeDataString(outcome.Summary!));
        });

        admin.MapPost("/admin/plans/discard/{id:long}", async (HttpContext http, long id, ConsoleAudit console, IStagedImportRepository staged, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await staged.DecideAsync(id, StagedImportStates.Discarded, ConsoleAudit.Actor(http), "已放弃", cancellationToken))
            {
                await console.RecordAsync(http, "plan.discard", "staged_imports", id, StagedImportStates.Pending, StagedImportStates.Discarded, cancellationToken);
            }

            return Results.Redirect("/admin/plans?notice=" + Uri.EscapeDataString("已放弃该方案文件。"));
        });
    }
}
