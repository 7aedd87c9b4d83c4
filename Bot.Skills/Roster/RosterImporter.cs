using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Data.Members;
using Bot.Data.Units;

namespace Bot.Skills.Roster;

/// <summary>
/// Imports a roster: units are resolved through the unit roster (names and aliases; unknown units are added), members
/// are added or updated by name, their led units (分管单位) set, platform accounts bound, and every department member's
/// leader in charge (分管领导) derived from the leaders' led units. The import is audited.
/// </summary>
public sealed class RosterImporter(IUnitRepository units, IMemberRepository members, IAuditRepository audit)
{
    public async Task<RosterImportResult> ImportFileAsync(string path, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var rows = RosterReader.Read(path, errors);
        var result = await ImportAsync(rows, actor, cancellationToken);
        return result with { Errors = [.. errors, .. result.Errors] };
    }

    public async Task<RosterImportResult> ImportAsync(IReadOnlyList<RosterRow> rows, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var catalog = (await units.ListAsync(cancellationToken)).ToList();
        var existing = (await members.ListAsync(cancellationToken)).ToDictionary(m => m.Name, StringComparer.Ordinal);
        var ledByLeader = new Dictionary<long, List<long>>();
        int added = 0, updated = 0;

        foreach (var row in rows)
        {
            var unitId = row.Unit is null || row.Unit == "区政府" ? null : (long?)await ResolveUnitAsync(row.Unit, catalog, cancellationToken);
            var member = existing.GetValueOrDefault(row.Name) ?? new Member { Name = row.Name };
            member.Title = row.Title;
            member.Role = row.Role;
            member.UnitId = unitId;
            member.RiverChiefLevel = row.RiverChiefLevel;
            member.Active = true;
            if (member.Id == 0)
            {
                member.Id = await members.AddAsync(member, cancellationToken);
                existing[member.Name] = member;
                added++;
            }
            else
            {
                await members.UpdateAsync(member, cancellationToken);
                updated++;
            }

            var led = new List<long>();
            foreach (var unit in row.LedUnits)
            {
                led.Add(await ResolveUnitAsync(unit, catalog, cancellationToken));
            }

            await members.SetLedUnitsAsync(member.Id, led, cancellationToken);
            if (row.Role == Roles.Leader)
            {
                ledByLeader[member.Id] = led;
            }

            await BindAsync(Platforms.WeCom, row.WeComUserId, member, row, errors, cancellationToken);
            await BindAsync(Platforms.DingTalk, row.DingTalkUserId, member, row, errors, cancellationToken);
        }

        // The leader in charge of a member is the leader who leads the member's unit.
        foreach (var member in existing.Values.Where(m => m.Role != Roles.Leader && m.UnitId is not null))
        {
            var leader = ledByLeader.FirstOrDefault(kv => kv.Value.Contains(member.UnitId!.Value)).Key;
            if (leader != 0 && member.LeaderId != leader)
            {
                member.LeaderId = leader;
                await members.UpdateAsync(member, cancellationToken);
            }
        }

        await audit.AddAsync(new AuditEntry
        {
            Actor = actor,
            Action = "roster.import",
            Entity = "members",
            NewValue = Json.Serialize(new { added, updated, errors = errors.Count }),
        }, cancellationToken);
        return new RosterImportResult(added, updated, errors);
    }

    private async Task BindAsync(string platform, string? userId, Member member, RosterRow row, List<string> errors, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return;
        }

        // Bind first, look up only an account that was bound before: a lookup right after a bind would reload the whole
        // cached roster (every write bumps its version), once per account of a first import.
        if (await members.BindAccountAsync(platform, userId, member.Id, cancellationToken))
        {
            return;
        }

        var holder = await members.FindByAccountAsync(platform, userId, cancellationToken);
        if (holder is not null && holder.Id != member.Id)
        {
            errors.Add($"第{row.Line}行（{row.Name}）的账号 {userId} 已绑定给 {holder.Name}");
        }
    }

    private async Task<long> ResolveUnitAsync(string name, List<Unit> catalog, CancellationToken cancellationToken)
    {
        var found = catalog.FirstOrDefault(u => u.Name == name) ?? catalog.FirstOrDefault(u => u.Aliases.Contains(name, StringComparer.Ordinal));
        if (found is not null)
        {
            return found.Id;
        }

        var unit = new Unit { Name = name, Type = TypeOf(name) };
        unit.Id = await units.UpsertAsync(unit, cancellationToken);
        catalog.Add(unit);
        return unit.Id;
    }

    private static string TypeOf(string name) =>
        name.EndsWith('乡') || name.EndsWith('镇') ? UnitTypes.Township
        : name.EndsWith("街道", StringComparison.Ordinal) ? UnitTypes.Subdistrict
        : name.Contains("示范区", StringComparison.Ordinal) || name.Contains("开发区", StringComparison.Ordinal) ? UnitTypes.Zone
        : UnitTypes.Department;
}
