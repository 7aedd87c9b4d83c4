using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Data.Units;
using Bot.Host.Dashboard;
using Bot.Skills.Calendar;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Dashboard;

/// <summary>
/// The board filtered by a unit is matched and grouped in SQL (<see cref="BoardQuery.Scope"/>); it shows what a
/// brute-force match of the live reports finds: naming the unit or an alias as a place or unit, stored for one of the
/// unit's members (by id, or by name without one) or sent by one of them. Corrections and withdrawals included.
/// </summary>
public sealed class BoardUnitFilterTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_board_filtered_by_unit_shows_what_a_brute_force_match_of_the_unit_finds(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await RunningHost.StartAsync(DashboardSeed.HostSettings(db));
        var services = host.Services;
        var today = services.GetRequiredService<BusinessClock>().Today;
        var seeded = await DashboardSeed.SeedAsync(services, today);
        var units = services.GetRequiredService<IUnitRepository>();
        var members = services.GetRequiredService<IMemberRepository>();
        var reports = services.GetRequiredService<IProgressReportRepository>();
        var unitId = await units.UpsertAsync(new Unit { Name = "兴华街道", Aliases = ["兴华"], Type = UnitTypes.Subdistrict });
        var liaisonId = await members.AddAsync(new Member { Name = "孙联络", Role = Roles.Department, UnitId = unitId });
        var day = today.Day > 1 ? today.AddDays(-1) : today;

        ProgressReport Report(long? memberId, string name, string reportedBy, int? action, string[] places, string[] units, double trips) => new()
        {
            MemberId = memberId, MemberName = name, ReportedBy = reportedBy, Action = action, Activity = "调研", WorkDate = day,
            Places = [.. places], Units = [.. units], Metrics = new() { ["research_trips"] = trips }, RawText = $"{name} {string.Join("", places)}",
        };

        var ids = new List<long>
        {
            await reports.AddAsync(Report(seeded.Wang.Id, "王强", "王强", 1, ["兴华街道"], [], 1)), // names the unit
            await reports.AddAsync(Report(seeded.Zhang.Id, "张志刚", "张志刚", 2, [], ["兴华"], 2)), // names an alias as a unit
            await reports.AddAsync(Report(liaisonId, "孙联络", "孙联络", 1, ["平西乡"], [], 3)), // a member of the unit, by id
            await reports.AddAsync(Report(null, "孙联络", "办公室", null, [], [], 4)), // the same member by name, no id
            await reports.AddAsync(Report(seeded.Wang.Id, "王强", "孙联络", 2, [], [], 5)), // sent by a member of the unit
            await reports.AddAsync(Report(seeded.Zhang.Id, "张志刚", "张志刚", 1, ["平西乡"], [], 6)), // not about the unit
        };
        var withdrawn = await reports.AddAsync(Report(seeded.Wang.Id, "王强", "王强", 1, ["兴华街道"], [], 7));
        Assert.True(await reports.WithdrawAsync(withdrawn));
        var corrected = await reports.AddAsync(Report(seeded.Zhang.Id, "张志刚", "张志刚", 1, ["兴华街道"], [], 8));
        ids.Add((await reports.AddVersionAsync(corrected, Report(seeded.Zhang.Id, "张志刚", "张志刚", 1, ["平西乡"], [], 9)))!.Value); // no longer about it

        var board = await services.GetRequiredService<BoardQuery>().LoadAsync(new BoardFilter(Period.Quarter(today), null, null, unitId));

        // Brute force over the live reports of the period, as the board used to match them in memory.
        var roster = await members.ListAsync();
        var unit = (await units.ListAsync()).Single(u => u.Id == unitId);
        long? UnitOf(long? memberId, string name) =>
            memberId is long id && roster.FirstOrDefault(m => m.Id == id) is { } m ? m.UnitId : roster.FirstOrDefault(m => m.Name == name)?.UnitId;
        bool Names(ProgressReport r) => r.Places.Concat(r.Units).Any(p => p == unit.Name || unit.Aliases.Contains(p));
        var live = (await Task.WhenAll(ids.Select(id => reports.GetAsync(id)))).Select(r => r!)
            .Concat(await reports.ListAsync(today.AddDays(-400), today.AddDays(1)))
            .Where(r => r.IsCurrent && !r.Withdrawn && r.WorkDate is DateOnly d && d >= board.Filter.Period.Start && d <= today)
            .DistinctBy(r => r.Id)
            .Where(r => Names(r) || UnitOf(r.MemberId, r.MemberName) == unitId || UnitOf(null, r.ReportedBy) == unitId)
            .ToList();

        Assert.Equal(5, live.Count);
        Assert.Equal(live.Count, board.ReportTotal);
        Assert.Equal(live.Select(r => r.Id).Order(), board.Reports.Select(r => r.Id).Order());
        Assert.Equal(live.Count, board.Weeks.Sum(w => w.Count));
        foreach (var row in board.Actions.Where(a => a.Action is not null))
        {
            var own = live.Where(r => r.Action == row.Action!.Number).ToList();
            Assert.Equal(own.Count, row.Reports);
            Assert.Equal(own.Sum(r => r.Metrics.GetValueOrDefault("research_trips")), row.Metrics.GetValueOrDefault("research_trips"));
        }

        var coverage = Assert.Single(board.Coverage);
        Assert.Equal(live.Count(Names), coverage.Visits);
        Assert.Equal(live.Where(Names).Select(r => r.MemberName).Distinct().Order(), coverage.Leaders.Order());
    }
}
