using System.Globalization;
using Bot.Data.Evidence;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Host.Dashboard.Pages;
using Bot.Skills.Calendar;
using Bot.Skills.Evidence;
using Bot.Skills.Status;

namespace Bot.Host.Dashboard.Admin;

/// <summary><c>/admin/tasks</c>: list with filters, add, edit (window, unit, leader), 销号 with evidence, reopen.</summary>
public static class AdminTaskEndpoints
{
    public static void Map(RouteGroupBuilder viewer, RouteGroupBuilder admin)
    {
        viewer.MapGet("/admin/tasks", async (HttpContext http, StatusService status, BusinessClock clock, IPlanRepository plans, IUnitRepository units, IMemberRepository members, CancellationToken cancellationToken) =>
        {
            var query = http.Request.Query;
            int? action = int.TryParse(query["action"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
            long? unit = long.TryParse(query["unit"], NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null;
            var light = AdminTasksPage.ParseLight(query["light"]);
            var tasks = (await status.TasksAsync(clock.Today, cancellationToken))
                .Where(t => action is null || t.Action == action).Where(t => unit is null || t.Task.OwnerUnitId == unit).Where(t => light is null || t.Light == light).ToList();
            return AdminTasksPage.List(PageContext.From(http), tasks, await plans.GetActiveAsync(cancellationToken), await units.ListAsync(cancellationToken),
                await members.ListAsync(cancellationToken), action, unit, light is null ? null : query["light"].ToString(), query["notice"]);
        });

        viewer.MapGet("/admin/tasks/{id:long}", (HttpContext http, long id, TaskPageData data, CancellationToken cancellationToken) =>
            data.DetailAsync(http, id, http.Request.Query["notice"], null, 200, cancellationToken));

        admin.MapPost("/admin/tasks/add", async (HttpContext http, ConsoleAudit console, ITaskRepository tasks, IPlanRepository plans, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var task = new PlanTask { CreatedBy = ConsoleAudit.Actor(http) };
            if (Fill(task, await http.Request.ReadFormAsync(cancellationToken)) is { } error)
            {
                return Layout.Message(PageContext.From(http), "无法添加", error, StatusCodes.Status400BadRequest);
            }

            task.PlanId = task.ActionId is null ? null : (await plans.GetActiveAsync(cancellationToken))?.Id;
            task.Id = await tasks.AddAsync(task, cancellationToken);
            await console.RecordAsync(http, "task.add", "tasks", task.Id, null, Snapshot(task), cancellationToken);
            return Results.Redirect($"/admin/tasks/{task.Id.ToString(CultureInfo.InvariantCulture)}?notice=" + Uri.EscapeDataString("任务已添加。"));
        });

        admin.MapPost("/admin/tasks/{id:long}/edit", async (HttpContext http, long id, ConsoleAudit console, ITaskRepository tasks, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await tasks.GetAsync(id, cancellationToken) is not { } task)
            {
                return NotFound(http, id);
            }

            var before = Snapshot(task);
            if (Fill(task, await http.Request.ReadFormAsync(cancellationToken)) is { } error)
            {
                return Layout.Message(PageContext.From(http), "无法保存", error, StatusCodes.Status400BadRequest);
            }

            await tasks.UpdateAsync(task, cancellationToken);
            await console.RecordAsync(http, "task.edit", "tasks", id, before, Snapshot(task), cancellationToken);
            return Results.Redirect($"/admin/tasks/{id.ToString(CultureInfo.InvariantCulture)}?notice=" + Uri.EscapeDataString("已保存。"));
        });

        admin.MapPost("/admin/tasks/{id:long}/close", async (HttpContext http, long id, ConsoleAudit console, ITaskRepository tasks, EvidenceService evidence, TaskPageData data, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await tasks.GetAsync(id, cancellationToken) is not { } task)
            {
                return NotFound(http, id);
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var note = FormValues.Text(form, "note");
            var upload = await FormValues.FileAsync(form, "file", Math.Max(evidence.Options.MaxFileBytes, evidence.Options.MaxImageBytes) + 1, cancellationToken);
            EvidenceItem? kept = null;
            if (upload is { } file)
            {
                var bytes = file.Bytes ?? [];
                var kind = EvidenceContent.ImageType(bytes) is null ? EvidenceKinds.File : EvidenceKinds.Image;
                var outcome = file.Bytes is null
                    ? new EvidenceOutcome(null, "文件过大，未保存。")
                    : await evidence.KeepAsync(kind, bytes, file.File.FileName, new EvidenceOrigin($"task:{id.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid():N}", TaskId: id, CreatedBy: ConsoleAudit.Actor(http)), cancellationToken);
                if (outcome.Refusal is { } refusal)
                {
                    return await data.DetailAsync(http, id, null, refusal, StatusCodes.Status400BadRequest, cancellationToken);
                }

                kept = outcome.Item;
            }

            var summary = string.Join("；", new[] { note, kept?.FileName }.Where(s => s is not null));
            if (!await tasks.CloseAsync(id, ConsoleAudit.Actor(http), summary.Length == 0 ? null : summary, cancellationToken))
            {
                return await data.DetailAsync(http, id, null, "该任务已销号。", StatusCodes.Status400BadRequest, cancellationToken);
            }

            await console.RecordAsync(http, "task.close", "tasks", id, new { task.Status }, new { Status = TaskStatuses.Done, note, evidence = kept?.Id }, cancellationToken);
            return Results.Redirect($"/admin/tasks/{id.ToString(CultureInfo.InvariantCulture)}?notice=" + Uri.EscapeDataString("已销号。"));
        });

        admin.MapPost("/admin/tasks/{id:long}/reopen", async (HttpContext http, long id, ConsoleAudit console, ITaskRepository tasks, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await tasks.GetAsync(id, cancellationToken) is not { } task)
            {
                return NotFound(http, id);
            }

            if (await tasks.ReopenAsync(id, cancellationToken))
            {
                await console.RecordAsync(http, "task.reopen", "tasks", id, new { task.Status, task.ClosedBy, task.Evidence }, new { Status = TaskStatuses.Open }, cancellationToken);
            }

            return Results.Redirect($"/admin/tasks/{id.ToString(CultureInfo.InvariantCulture)}?notice=" + Uri.EscapeDataString("已重新打开。"));
        });
    }

    private static Html.HtmlPage NotFound(HttpContext http, long id) =>
        Layout.Message(PageContext.From(http), "找不到任务", $"没有编号为 {id} 的任务。", StatusCodes.Status404NotFound);

    private static string? Fill(PlanTask task, IFormCollection form)
    {
        var title = FormValues.Text(form, "title");
        if (title is null || title.Length > 200)
        {
            return "请填写任务名称（不超过200个字）。";
        }

        var (start, end) = (FormValues.Date(form, "dueStart"), FormValues.Date(form, "dueEnd"));
        if (start is DateOnly s && end is DateOnly e && e < s)
        {
            return "截止日期不能早于开始日期。";
        }

        (task.Title, task.DueStart, task.DueEnd, task.OwnerUnitId, task.LeaderId, task.ActionId) =
            (title, start, end, FormValues.Long(form, "unitId"), FormValues.Long(form, "leaderId"), FormValues.Long(form, "actionId"));
        return null;
    }

    private static object Snapshot(PlanTask t) => new
    {
        t.Title, t.ActionId, t.OwnerUnitId, t.LeaderId, t.Status,
        due_start = t.DueStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        due_end = t.DueEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary>Loads what the task page shows.</summary>
public sealed class TaskPageData(ITaskRepository tasks, IPlanRepository plans, IUnitRepository units, IMemberRepository members, IEvidenceRepository evidence)
{
    public async Task<IResult> DetailAsync(HttpContext http, long id, string? notice, string? error, int statusCode, CancellationToken cancellationToken) =>
        await tasks.GetAsync(id, cancellationToken) is { } task
            ? AdminTasksPage.Detail(PageContext.From(http), task, await plans.GetActiveAsync(cancellationToken), await units.ListAsync(cancellationToken),
                await members.ListAsync(cancellationToken), await evidence.ListForTaskAsync(id, cancellationToken), notice, error, statusCode)
            : Layout.Message(PageContext.From(http), "找不到任务", $"没有编号为 {id} 的任务。", StatusCodes.Status404NotFound);
}
