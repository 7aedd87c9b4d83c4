using System.Globalization;
using System.Text.Json;
using Bot.Data.Imports;
using Bot.Data.Members;
using Bot.Data.Units;
using Bot.Host.Dashboard.Pages;
using Bot.Skills.Roster;

namespace Bot.Host.Dashboard.Admin;

/// <summary>Roster rows and their errors staged between the preview and 确认导入.</summary>
public sealed record StagedRoster(IReadOnlyList<RosterRow> Rows, IReadOnlyList<string> Errors);

/// <summary><c>/admin/roster</c>: members, the roster file import and the pending binding requests.</summary>
public static class AdminRosterEndpoints
{
    private const long MaxRosterBytes = 5 * 1024 * 1024;

    public static void Map(RouteGroupBuilder viewer, RouteGroupBuilder admin)
    {
        viewer.MapGet("/admin/roster", (HttpContext http, IMemberRepository members, IUnitRepository units, IBindingRequestRepository bindings, CancellationToken cancellationToken) =>
            ListAsync(http, members, units, bindings, null, http.Request.Query["notice"], 200, cancellationToken));

        viewer.MapGet("/admin/roster/{id:long}", async (HttpContext http, long id, IMemberRepository members, IUnitRepository units, CancellationToken cancellationToken) =>
            await members.GetAsync(id, cancellationToken) is { } member
                ? AdminRosterPage.Edit(PageContext.From(http), member, await units.ListAsync(cancellationToken), await members.ListAccountsAsync(id, cancellationToken))
                : Layout.Message(PageContext.From(http), "找不到人员", $"没有编号为 {id} 的人员。", StatusCodes.Status404NotFound));

        viewer.MapGet("/admin/roster/import/{id:long}", async (HttpContext http, long id, IStagedImportRepository staged, CancellationToken cancellationToken) =>
        {
            var upload = await staged.GetAsync(id, cancellationToken);
            if (upload is not { Kind: StagedImportKinds.Roster })
            {
                return Layout.Message(PageContext.From(http), "找不到名册", $"没有编号为 {id} 的名册上传记录。", StatusCodes.Status404NotFound);
            }

            var roster = JsonSerializer.Deserialize<StagedRoster>(upload.Payload)!;
            return AdminRosterPage.ImportPreview(PageContext.From(http), id, upload.FileName, roster.Rows, roster.Errors, upload.State == StagedImportStates.Pending);
        });

        admin.MapPost("/admin/roster/add", async (HttpContext http, ConsoleAudit console, IMemberRepository members, IUnitRepository units, IBindingRequestRepository bindings, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var form = await http.Request.ReadFormAsync(cancellationToken);
            var member = new Member();
            if (Fill(member, form) is { } error)
            {
                return await ListAsync(http, members, units, bindings, error, null, StatusCodes.Status400BadRequest, cancellationToken);
            }

            if (await members.FindByNameAsync(member.Name, cancellationToken) is { Active: true })
            {
                return await ListAsync(http, members, units, bindings, $"名册中已有“{member.Name}”，请编辑该人员。", null, StatusCodes.Status400BadRequest, cancellationToken);
            }

            member.Id = await members.AddAsync(member, cancellationToken);
            await console.RecordAsync(http, "member.add", "members", member.Id, null, Snapshot(member), cancellationToken);
            return Results.Redirect("/admin/roster?notice=" + Uri.EscapeDataString($"已添加 {member.Name}。"));
        });

        admin.MapPost("/admin/roster/{id:long}", async (HttpContext http, long id, ConsoleAudit console, IMemberRepository members, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await members.GetAsync(id, cancellationToken) is not { } member)
            {
                return Layout.Message(PageContext.From(http), "找不到人员", $"没有编号为 {id} 的人员。", StatusCodes.Status404NotFound);
            }

            var before = Snapshot(member);
            if (Fill(member, await http.Request.ReadFormAsync(cancellationToken)) is { } error)
            {
                return Layout.Message(PageContext.From(http), "无法保存", error, StatusCodes.Status400BadRequest);
            }

            await members.UpdateAsync(member, cancellationToken);
            await console.RecordAsync(http, "member.edit", "members", id, before, Snapshot(member), cancellationToken);
            return Results.Redirect("/admin/roster?notice=" + Uri.EscapeDataString($"已保存 {member.Name}。"));
        });

        admin.MapPost("/admin/roster/{id:long}/active", async (HttpContext http, long id, ConsoleAudit console, IMemberRepository members, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            if (await members.GetAsync(id, cancellationToken) is not { } member)
            {
                return Layout.Message(PageContext.From(http), "找不到人员", $"没有编号为 {id} 的人员。", StatusCodes.Status404NotFound);
            }

            var active = (await http.Request.ReadFormAsync(cancellationToken))["active"] == "1";
            var before = Snapshot(member);
            member.Active = active;
            await members.UpdateAsync(member, cancellationToken);
            await console.RecordAsync(http, active ? "member.activate" : "member.deactivate", "members", id, before, Snapshot(member), cancellationToken);
            return Results.Redirect("/admin/roster?notice=" + Uri.EscapeDataString(active ? $"已恢复启用 {member.Name}。" : $"已停用 {member.Name}，其汇报记录保留。"));
        });

        admin.MapPost("/admin/roster/import", async (HttpContext http, ConsoleAudit console, IStagedImportRepository staged, IMemberRepository members, IUnitRepository units, IBindingRequestRepository bindings, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var file = await FormValues.FileAsync(await http.Request.ReadFormAsync(cancellationToken), "file", MaxRosterBytes, cancellationToken);
            var extension = Path.GetExtension(file?.File.FileName ?? "").ToLowerInvariant();
            if (file?.Bytes is null || extension is not (".xlsx" or ".csv"))
            {
                return await ListAsync(http, members, units, bindings, "请上传 .xlsx 或 .csv 格式的名册（不超过 5 MB）。", null, StatusCodes.Status400BadRequest, cancellationToken);
            }

            var path = Path.Combine(Path.GetTempPath(), $"tiexibot-roster-{Guid.NewGuid():N}{extension}");
            var errors = new List<string>();
            IReadOnlyList<RosterRow> rows;
            try
            {
                await File.WriteAllBytesAsync(path, file.Value.Bytes, cancellationToken);
                rows = RosterReader.Read(path, errors);
            }
            finally
            {
                File.Delete(path);
            }

            var id = await staged.AddAsync(new StagedImport
            {
                Kind = StagedImportKinds.Roster,
                FileName = Path.GetFileName(file.Value.File.FileName),
                Payload = JsonSerializer.Serialize(new StagedRoster(rows, errors)),
                CreatedBy = ConsoleAudit.Actor(http),
            }, cancellationToken);
            return Results.Redirect($"/admin/roster/import/{id.ToString(CultureInfo.InvariantCulture)}");
        });

        admin.MapPost("/admin/roster/import/{id:long}/confirm", async (HttpContext http, long id, ConsoleAudit console, IStagedImportRepository staged, RosterImporter importer, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var upload = await staged.GetAsync(id, cancellationToken);
            if (upload is not { Kind: StagedImportKinds.Roster, State: StagedImportStates.Pending })
            {
                return Layout.Message(PageContext.From(http), "无法导入", "该名册文件不存在或已处理过。", StatusCodes.Status400BadRequest);
            }

            if (!await staged.DecideAsync(id, StagedImportStates.Imported, ConsoleAudit.Actor(http), null, cancellationToken))
            {
                return Layout.Message(PageContext.From(http), "无法导入", "该名册文件已处理过。", StatusCodes.Status400BadRequest);
            }

            var roster = JsonSerializer.Deserialize<StagedRoster>(upload.Payload)!;
            var result = await importer.ImportAsync(roster.Rows, ConsoleAudit.Actor(http), cancellationToken); // audited as roster.import
            return Results.Redirect("/admin/roster?notice=" + Uri.EscapeDataString(result.Summary));
        });

        admin.MapPost("/admin/roster/bindings/{id:long}/{decision:regex(^(approve|reject)$)}", async (HttpContext http, long id, string decision, ConsoleAudit console,
            BindingService binding, CancellationToken cancellationToken) =>
        {
            if (await console.RejectAsync(http) is { } rejected)
            {
                return rejected;
            }

            var argument = id.ToString(CultureInfo.InvariantCulture);
            var outcome = decision == "approve"
                ? await binding.ConfirmAsync(ConsoleAudit.Actor(http), argument, FormValues.Long(await http.Request.ReadFormAsync(cancellationToken), "memberId"), cancellationToken)
                : await binding.RejectAsync(ConsoleAudit.Actor(http), argument, cancellationToken);
            return outcome.Done
                ? Results.Redirect("/admin/roster?notice=" + Uri.EscapeDataString(outcome.Reply.TrimStart('✅', ' ')))
                : Layout.Message(PageContext.From(http), "无法处理", outcome.Reply, StatusCodes.Status400BadRequest);
        });
    }

    private static async Task<IResult> ListAsync(HttpContext http, IMemberRepository members, IUnitRepository units, IBindingRequestRepository bindings,
        string? error, string? notice, int statusCode, CancellationToken cancellationToken) =>
        AdminRosterPage.List(PageContext.From(http), await members.ListAsync(cancellationToken), await units.ListAsync(cancellationToken),
            await bindings.ListPendingAsync(cancellationToken), http.Request.Query["q"], error, notice, statusCode);

    /// <summary>Copies the form into <paramref name="member"/>; the Chinese error when a field is unusable.</summary>
    private static string? Fill(Member member, IFormCollection form)
    {
        var name = FormValues.Text(form, "name");
        if (name is null || name.Length > 32)
        {
            return "请填写姓名（不超过32个字）。";
        }

        var role = form["role"].ToString();
        if (!Roles.All.Contains(role))
        {
            return "角色只能是 领导、部门、办公室 或 管理员。";
        }

        var title = FormValues.Text(form, "title");
        if (title is { Length: > 64 })
        {
            return "职务不超过64个字。";
        }

        (member.Name, member.Title, member.Role, member.UnitId) = (name, title, role, FormValues.Long(form, "unitId"));
        return null;
    }

    private static object Snapshot(Member m) => new { m.Name, m.Title, m.Role, m.UnitId, m.Active };
}
