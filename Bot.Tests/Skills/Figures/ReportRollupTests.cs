using Bot.Data.Connections;
using Bot.Data.ProgressReports;
using Bot.Tests.Support;
using CsCheck;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Figures;

/// <summary>
/// The daily rollup (<c>report_rollup</c>) that figures "as of now" read: after any history of reports, corrections,
/// withdrawals and restorations written through the repository, the maintained rollup equals a recount from the live
/// report versions (the rebuild), and its report counts equal a brute-force count of the live versions.
/// </summary>
public sealed class ReportRollupTests
{
    private static readonly string[] Names = ["王强", "张志刚", "赵立新"];
    private static readonly string[] Metrics = ["research_days", "enterprises", "projects"];
    private static readonly string[] Places = ["彰武街道", "兴华街道", "经济开发区", ""];

    /// <summary>One step: Kind 0 add, 1 correct, 2 withdraw, 3 restore; Target picks the report; Shape varies the record.</summary>
    public sealed record Step(int Kind, int Member, int WorkDay, int Action, int Shape, int Value, int Target);

    private static readonly Gen<Step> AnyStep = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 40], Gen.Int[0, 3], Gen.Int[0, 15], Gen.Int[1, 9], Gen.Int[0, 99])
        .Select(x => new Step(x.Item1, x.Item2, x.Item3, x.Item4, x.Item5, x.Item6, x.Item7));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_maintained_rollup_always_equals_a_recount_of_the_live_versions(string provider)
    {
        var iterations = provider == nameof(DatabaseProvider.Sqlite) ? 20 : 6;
        await AnyStep.Array[1, 30].SampleAsync(async steps => await CheckAsync(provider, steps), iter: iterations, threads: 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_withdrawn_report_leaves_the_rollup_and_a_restored_one_comes_back(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var reports = db.Get<IProgressReportRepository>();
        var figures = db.Get<IReportFigures>();
        var filter = new FigureFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28), DateTimeOffset.MaxValue);

        var id = await reports.AddAsync(Report(new Step(0, 0, 3, 1, 1, 4, 0)));
        Assert.Equal(1, await figures.CountAsync(filter));
        Assert.True(await reports.WithdrawAsync(id));
        Assert.Equal(0, await figures.CountAsync(filter));
        Assert.Empty(await figures.SumByMemberAsync(filter));
        Assert.Empty(await figures.VisitsByPlaceAsync(filter));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await reports.RestoreAsync(id));
        Assert.Equal(1, await figures.CountAsync(filter));
        Assert.Equal(2, Assert.Single(await figures.SumByMemberAsync(filter)).Value);
        Assert.Equal(await RowsAsync(db), await RebuiltRowsAsync(db));
    }

    private static async Task CheckAsync(string provider, Step[] steps)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var reports = db.Get<IProgressReportRepository>();

        // The model: per report chain, its current id and live version (null when withdrawn).
        var model = new List<(long Id, Step? Live, Step Last)>();
        foreach (var step in steps)
        {
            clock.Advance(TimeSpan.FromMinutes(7));
            if (step.Kind == 0 || model.Count == 0)
            {
                model.Add((await reports.AddAsync(Report(step)), step, step));
                continue;
            }

            var index = step.Target % model.Count;
            var (id, live, last) = model[index];
            if (step.Kind == 1 && live is not null)
            {
                model[index] = ((await reports.AddVersionAsync(id, Report(step)))!.Value, step, step);
            }
            else if (step.Kind == 2 && live is not null)
            {
                Assert.True(await reports.WithdrawAsync(id));
                model[index] = (id, null, last);
            }
            else if (step.Kind == 3 && live is null)
            {
                Assert.True(await reports.RestoreAsync(id));
                model[index] = ((await reports.FindCurrentAsync(id))!.Id, last, last);
            }
        }

        var maintained = await RowsAsync(db);
        Assert.Equal(maintained, await RebuiltRowsAsync(db));

        // Brute force: live, dated versions per (member name, action).
        var expected = model.Where(m => m.Live is not null && m.Live.WorkDay > 0)
            .GroupBy(m => (Names.ElementAtOrDefault(m.Live!.Member) ?? "代汇报", m.Live!.Action))
            .ToDictionary(g => $"0|{g.Key.Item1}|{g.Key.Action}", g => (long)g.Count());
        var counted = maintained.Where(r => r.StartsWith("0|", StringComparison.Ordinal))
            .Select(r => r.Split('|'))
            .GroupBy(p => $"0|{p[3]}|{p[5]}")
            .ToDictionary(g => g.Key, g => g.Sum(p => long.Parse(p[7], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), counted.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    /// <summary>A report of the step's shape: member 3 has no member id and reports for someone else; WorkDay 0 is undated.</summary>
    private static ProgressReport Report(Step s) => new()
    {
        MemberId = s.Member < 3 ? s.Member + 1 : null,
        MemberName = Names.ElementAtOrDefault(s.Member) ?? "代汇报",
        ReportedBy = s.Member < 3 ? Names[s.Member] : "办公室",
        Action = s.Action == 0 ? null : s.Action,
        Activity = "调研",
        WorkDate = s.WorkDay == 0 ? null : new DateOnly(2026, 1, 20).AddDays(s.WorkDay),
        Metrics = Enumerable.Range(0, 3).Where(i => (s.Shape >> i & 1) == 1).ToDictionary(i => Metrics[i], i => s.Value * 0.5 + i),
        Places = s.Shape % 4 == 3 ? [Places[0], Places[1], Places[0]] : [Places[s.Shape % 4]],
        Units = s.Shape >= 8 ? [Places[0], Places[2]] : [],
        RawText = "rollup",
    };

    /// <summary>The rollup's rows that count something, as comparable text.</summary>
    private static async Task<List<string>> RowsAsync(TestDatabase db)
    {
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        var rows = await connection.QueryAsync<RollupRow>("""
            SELECT kind AS Kind, work_date AS WorkDate, member_id AS MemberId, member_name AS MemberName, reported_by AS ReportedBy, action AS Action,
              name AS Name, reports AS Reports, value AS Value
            FROM report_rollup WHERE reports <> 0 OR value <> 0
            """);
        return rows.Select(r => string.Join('|', r.Kind, r.WorkDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.MemberId,
                r.MemberName, r.ReportedBy, r.Action, r.Name, r.Reports, Math.Round(r.Value, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<List<string>> RebuiltRowsAsync(TestDatabase db)
    {
        await db.Get<IReportRollup>().RebuildAsync();
        return await RowsAsync(db);
    }

    private sealed class RollupRow
    {
        public int Kind { get; set; }
        public DateOnly WorkDate { get; set; }
        public long MemberId { get; set; }
        public string MemberName { get; set; } = "";
        public string ReportedBy { get; set; } = "";
        public int Action { get; set; }
        public string Name { get; set; } = "";
        public long Reports { get; set; }
        public double Value { get; set; }
    }
}
