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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_reports_rollup_written_from_memory_equals_the_recount_for_names_that_differ_in_case_spaces_or_length(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var reports = db.Get<IProgressReportRepository>();
        var longName = string.Concat(Enumerable.Repeat("铁西区", 50)) + "𠀀园区";
        var report = Report(new Step(0, 1, 5, 2, 3, 3, 0));
        report.Places = ["Tiexi产业园", "tiexi产业园 ", longName, "兴华街道"];
        report.Units = ["兴华街道", "区发改局"];
        report.People = ["李敏", "李敏", longName];

        await reports.AddAsync(report);
        await reports.AddAsync(Report(new Step(0, 0, 6, 1, 8, 2, 0)));

        var maintained = await RowsAsync(db);

        Assert.Equal(maintained, await RebuiltRowsAsync(db));
        Assert.Contains(maintained, r => r.StartsWith("3|", StringComparison.Ordinal) && r.Contains("|李敏|", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.MySql)]
    public void Migration_0015_refills_the_rollup_with_the_statement_of_the_rebuild_command(DatabaseProvider provider)
    {
        static string Flat(string sql) => string.Join(' ', sql.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        var script = Bot.Data.Migrations.Migrator.Scripts(provider).Single(s => s.Version == 15);
        Assert.Contains(Flat(ReportRollup.RebuildSql(provider)), Flat(script.Sql), StringComparison.Ordinal);
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
        Assert.Equal(await NamesOfVersionsAsync(db), await IndexedNamesAsync(db));
        var liveReports = model.Where(m => m.Live is not null).Select(m => (m.Id, Report: Report(m.Live!))).ToList();
        await AssertFiguresEqualBruteForceAsync(db.Get<IReportFigures>(), liveReports);

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

    /// <summary>Ranges across the work dates of the steps (Jan 22 – Mar 2): whole months, parts of months and both.</summary>
    private static readonly (DateOnly From, DateOnly To)[] Ranges =
    [
        (new(2026, 1, 1), new(2026, 3, 31)), (new(2026, 1, 25), new(2026, 2, 28)), (new(2026, 2, 1), new(2026, 2, 28)),
        (new(2026, 2, 1), new(2026, 3, 1)), (new(2026, 1, 22), new(2026, 1, 31)), (new(2026, 2, 10), new(2026, 2, 12)),
        (new(2026, 1, 31), new(2026, 3, 2)), (new(2026, 3, 5), new(2026, 2, 1)),
    ];

    /// <summary>
    /// Every figure read from the rollup (its day and month rows), the river-patrol rows, and the unit-filtered figures
    /// (matched in SQL on the report rows) equal a brute-force count over the live versions.
    /// </summary>
    private static async Task AssertFiguresEqualBruteForceAsync(IReportFigures figures, List<(long Id, ProgressReport Report)> live)
    {
        static string Round(double value) => Math.Round(value, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (from, to) in Ranges)
        {
            var filter = new FigureFilter(from, to, DateTimeOffset.MaxValue);
            var inRange = live.Where(x => x.Report.WorkDate is DateOnly d && d >= from && d <= to).ToList();
            Assert.Equal(inRange.Count, await figures.CountAsync(filter));
            Assert.Equal(
                inRange.GroupBy(x => x.Report.Action).Select(g => $"{g.Key}:{g.Count()}").Order(StringComparer.Ordinal),
                (await figures.CountByActionAsync(filter)).Select(c => $"{c.Key}:{c.Count}").Order(StringComparer.Ordinal));
            Assert.Equal(
                inRange.SelectMany(x => x.Report.Metrics.Select(m => (x.Report.MemberId, x.Report.MemberName, Metric: m.Key, m.Value)))
                    .GroupBy(m => (m.MemberId, m.MemberName, m.Metric)).Select(g => $"{g.Key.MemberId}|{g.Key.MemberName}|{g.Key.Metric}|{Round(g.Sum(m => m.Value))}")
                    .Order(StringComparer.Ordinal),
                (await figures.SumByMemberAsync(filter)).Select(t => $"{t.MemberId}|{t.MemberName}|{t.Metric}|{Round(t.Value)}").Order(StringComparer.Ordinal));
            Assert.Equal(
                inRange.SelectMany(x => x.Report.Places.Concat(x.Report.Units).Where(p => p.Length > 0).Distinct().Select(p => (Place: p, x.Report.MemberId, x.Report.MemberName)))
                    .GroupBy(v => v).Select(g => $"{g.Key.Place}|{g.Key.MemberId}|{g.Key.MemberName}|{g.Count()}").Order(StringComparer.Ordinal),
                (await figures.VisitsByPlaceAsync(filter)).Select(v => $"{v.Place}|{v.MemberId}|{v.MemberName}|{v.Reports}").Order(StringComparer.Ordinal));

            // River patrols: per patrol, each distinct person it is by or about.
            Assert.Equal(
                inRange.Where(x => x.Report.Activity == "河长" || x.Report.Metrics.GetValueOrDefault("patrols") > 0)
                    .SelectMany(x => new[] { x.Report.MemberName, x.Report.ReportedBy }.Concat(x.Report.People).Distinct()
                        .Select(n => $"{x.Report.WorkDate:yyyy-MM-dd}|{x.Report.EndDate ?? x.Report.WorkDate:yyyy-MM-dd}|{x.Report.MemberId}|{n}|{x.Report.Photos > 0}"))
                    .Distinct().Order(StringComparer.Ordinal),
                (await figures.PatrolsAsync(from, to)).Select(p => $"{p.Start:yyyy-MM-dd}|{p.End:yyyy-MM-dd}|{p.MemberId}|{p.Name}|{p.Photos}")
                    .Distinct().Order(StringComparer.Ordinal));

            // A unit: named as a place or unit (兴华街道), member 2 by id, 张志刚 by name (no id on the roster) or as reporter.
            var unit = new UnitScope([Places[1]], [2], [Names[1]], [1, 2, 3]);
            var ofUnit = inRange.Where(x => x.Report.Places.Concat(x.Report.Units).Contains(Places[1]) || x.Report.MemberId == 2
                    || (x.Report.MemberId is null or > 3 && x.Report.MemberName == Names[1]) || x.Report.ReportedBy == Names[1])
                .ToList();
            var scoped = filter with { Unit = unit };
            Assert.Equal(ofUnit.Count, await figures.CountAsync(scoped));
            Assert.Equal(ofUnit.Select(x => x.Id).Order(), (await figures.ListAsync(scoped, 1000, 0)).Select(r => r.Id).Order());
            Assert.Equal(
                ofUnit.GroupBy(x => x.Report.WorkDate!.Value).Select(g => $"{g.Key:yyyy-MM-dd}:{g.Count()}").Order(StringComparer.Ordinal),
                (await figures.CountByDayAsync(scoped)).Select(c => $"{c.Key:yyyy-MM-dd}:{c.Count}").Order(StringComparer.Ordinal));
            Assert.Equal(
                ofUnit.SelectMany(x => x.Report.Metrics.Select(m => (x.Report.Action, Metric: m.Key, m.Value)))
                    .GroupBy(m => (m.Action, m.Metric)).Select(g => $"{g.Key.Action}|{g.Key.Metric}|{Round(g.Sum(m => m.Value))}").Order(StringComparer.Ordinal),
                (await figures.SumByActionAsync(scoped)).Select(t => $"{t.Action}|{t.Metric}|{Round(t.Value)}").Order(StringComparer.Ordinal));
            Assert.Equal(
                ofUnit.Where(x => x.Report.Places.Concat(x.Report.Units).Contains(Places[1])).GroupBy(x => x.Report.MemberName).Select(g => $"{g.Key}:{g.Count()}")
                    .Order(StringComparer.Ordinal),
                (await figures.CountByMemberAsync(filter with { Unit = unit.Named() })).Select(c => $"{c.Name}:{c.Count}").Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// A report of the step's shape: member 3 has no member id and reports for someone else; WorkDay 0 is undated. Some
    /// are river patrols (activity 河长, or a patrols count, 0 is no patrol), with people, photos and an end date.
    /// </summary>
    private static ProgressReport Report(Step s) => new()
    {
        MemberId = s.Member < 3 ? s.Member + 1 : null,
        MemberName = Names.ElementAtOrDefault(s.Member) ?? "代汇报",
        ReportedBy = s.Member < 3 ? Names[s.Member] : "办公室",
        Action = s.Action == 0 ? null : s.Action,
        Activity = s.Value % 3 == 0 ? "河长" : "调研",
        WorkDate = s.WorkDay == 0 ? null : new DateOnly(2026, 1, 20).AddDays(s.WorkDay),
        EndDate = s.WorkDay == 0 || s.Shape % 5 != 0 ? null : new DateOnly(2026, 1, 20).AddDays(s.WorkDay + 3),
        People = s.Shape % 3 == 1 ? [Names[2], Names[(s.Member + 1) % 3]] : [],
        Photos = s.Value % 2,
        Metrics = Enumerable.Range(0, 3).Where(i => (s.Shape >> i & 1) == 1).ToDictionary(i => Metrics[i], i => s.Value * 0.5 + i)
            .Concat(s.Value % 4 is 1 or 2 ? [new KeyValuePair<string, double>("patrols", s.Value % 4 - 1)] : []).ToDictionary(),
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

    /// <summary>report_names as comparable text (name|work date|report id|action|activity|member id|member name|live).</summary>
    private static async Task<List<string>> IndexedNamesAsync(TestDatabase db)
    {
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        var rows = await connection.QueryAsync<NameRow>("""
            SELECT name AS Name, work_date AS WorkDate, report_id AS Id, action AS Action, activity AS Activity, member_id AS MemberId,
              member_name AS MemberName, live AS Live FROM report_names
            """);
        return rows.Select(r => $"{r.Name}|{r.WorkDate:yyyy-MM-dd}|{r.Id}|{r.Action}|{r.Activity}|{r.MemberId}|{r.MemberName}|{r.Live}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Brute force: the distinct non-empty places and units of every dated version row, read from its JSON arrays, with
    /// the version's action, activity and member, live when it is current and not withdrawn.
    /// </summary>
    private static async Task<List<string>> NamesOfVersionsAsync(TestDatabase db)
    {
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        var rows = await connection.QueryAsync<VersionRow>("""
            SELECT id AS Id, work_date AS WorkDate, places AS Places, units AS Units, action AS Action, activity AS Activity, member_id AS MemberId,
              member_name AS MemberName, is_current AS IsCurrent, withdrawn AS Withdrawn
            FROM progress_reports WHERE work_date IS NOT NULL
            """);
        return rows.SelectMany(r => System.Text.Json.JsonSerializer.Deserialize<string[]>(r.Places)!.Concat(System.Text.Json.JsonSerializer.Deserialize<string[]>(r.Units)!)
                .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
                .Select(n => $"{n}|{r.WorkDate:yyyy-MM-dd}|{r.Id}|{r.Action}|{r.Activity}|{r.MemberId}|{r.MemberName}|{(r.IsCurrent && !r.Withdrawn ? 1 : 0)}"))
            .Order(StringComparer.Ordinal).ToList();
    }

    private sealed class NameRow
    {
        public string Name { get; set; } = "";
        public DateOnly WorkDate { get; set; }
        public long Id { get; set; }
        public int? Action { get; set; }
        public string? Activity { get; set; }
        public long? MemberId { get; set; }
        public string MemberName { get; set; } = "";
        public int Live { get; set; }
    }

    private sealed class VersionRow
    {
        public long Id { get; set; }
        public DateOnly WorkDate { get; set; }
        public string Places { get; set; } = "[]";
        public string Units { get; set; } = "[]";
        public int? Action { get; set; }
        public string? Activity { get; set; }
        public long? MemberId { get; set; }
        public string MemberName { get; set; } = "";
        public bool IsCurrent { get; set; }
        public bool Withdrawn { get; set; }
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
