using System.Data;
using System.Globalization;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Skills.Calendar;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Bot.Skills.Ledger;

/// <summary>A written ledger: the workbook bytes and how many rows each sheet holds.</summary>
public sealed record LedgerExport(Period Period, byte[] Content, int Reports, int Tasks, int Leaders)
{
    public string FileName => LedgerExporter.FileNameOf(Period);

    /// <summary>One line for the console and the chat: 已导出2026年第二季度台账：汇报记录 3 条，任务 12 项，领导计分卡 6 人.</summary>
    public string Summary => $"已导出{PeriodCodes.Describe(Period)}台账：汇报记录 {Reports} 条，任务 {Tasks} 项，领导计分卡 {Leaders} 人";
}

/// <summary>
/// The Excel ledger (台账) of a period: sheet 汇报记录 (current reports with their counters and raw text),
/// 任务清单 (tasks due in or carried into the period, with status and light) and 领导计分卡 (each leader against the
/// plan's targets at the end of the period, or today while it runs). Used by the dashboard, the <c>export</c> verb and
/// the chat command 导出.
/// </summary>
public sealed class LedgerExporter(
    IPlanRepository plans,
    IMemberRepository members,
    Bot.Data.Units.IUnitRepository units,
    Figures.FigureService figures,
    StatusService status,
    ScorecardService scorecards,
    BusinessClock clock,
    Bot.Skills.Evidence.IEvidenceLedgerLinks? evidenceLinks = null)
{
    /// <summary>The reports sheet's column of signed links to each report's photos and files.</summary>
    public const string EvidenceColumn = "佐证材料";

    public const string ReportsSheet = "汇报记录";
    public const string TasksSheet = "任务清单";
    public const string ScorecardsSheet = "领导计分卡";
    public const string WithdrawnSheet = "已撤回汇报";

    private static readonly string[] DateColumns = ["工作日期", "结束日期", "开始日期", "截止日期", "完成时间", "统计截至"];

    /// <summary>e.g. <c>台账-2026Q2.xlsx</c>.</summary>
    public static string FileNameOf(Period period) => $"台账-{PeriodCodes.Of(period)}.xlsx";

    /// <summary>The workbook of <paramref name="period"/> as .xlsx bytes.</summary>
    public async Task<byte[]> ExportAsync(Period period, CancellationToken cancellationToken = default) =>
        (await CreateAsync(period, cancellationToken)).Content;

    /// <summary>The workbook of <paramref name="period"/> with its row counts (sheets 汇报记录, 任务清单, 领导计分卡, 已撤回汇报).</summary>
    public async Task<LedgerExport> CreateAsync(Period period, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var plan = await plans.GetActiveAsync(cancellationToken);
        var roster = await members.ListAsync(cancellationToken);

        var unitNames = await UnitNamesAsync(cancellationToken);
        var reportTable = await ReportsAsync(ReportsSheet, await figures.ReportsAsync(period, today, 100_000, cancellationToken: cancellationToken), plan, unitNames, cancellationToken);
        var withdrawnTable = await ReportsAsync(WithdrawnSheet, await figures.WithdrawnAsync(period, 100_000, cancellationToken), plan, unitNames, cancellationToken);
        var taskTable = await TasksAsync(period, today, plan, roster, cancellationToken);
        var (cardTable, leaders) = await ScorecardsAsync(period, today, cancellationToken);

        var sheets = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ReportsSheet] = reportTable,
            [TasksSheet] = taskTable,
            [ScorecardsSheet] = cardTable,
            [WithdrawnSheet] = withdrawnTable,
        };
        using var stream = new MemoryStream();
        var configuration = new OpenXmlConfiguration
        {
            FastMode = true, EnableAutoWidth = true, AutoFilter = true, FreezeRowCount = 1,
            // Dates are date cells with a date format (not text); 录入时间 keeps its minutes.
            DynamicColumns =
            [
                .. DateColumns.Select(c => new DynamicExcelColumn(c) { Format = "yyyy-MM-dd" }),
                new DynamicExcelColumn("录入时间") { Format = "yyyy-MM-dd HH:mm" },
            ],
        };
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: cancellationToken);
        return new LedgerExport(period, stream.ToArray(), reportTable.Rows.Count, taskTable.Rows.Count, leaders);
    }

    /// <summary>Canonical unit names of the roster and the plan, by name and alias.</summary>
    private async Task<Dictionary<string, string>> UnitNamesAsync(CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in await units.ListAsync(cancellationToken))
        {
            map.TryAdd(unit.Name, unit.Name);
            foreach (var alias in unit.Aliases)
            {
                map.TryAdd(alias, unit.Name);
            }
        }

        return map;
    }

    /// <summary>
    /// A sheet of reports: 编号 is the number the chat showed (#N, the current version's id), numbers and dates are
    /// typed cells, 单位 lists only units of the roster or the plan (canonical names).
    /// </summary>
    private async Task<DataTable> ReportsAsync(string sheet, IReadOnlyList<ProgressReport> found, Plan? plan, Dictionary<string, string> unitNames, CancellationToken cancellationToken)
    {
        var list = found.OrderBy(r => r.WorkDate).ThenBy(r => r.Id).ToList();
        var metrics = MetricCatalog.Keys.Where(k => list.Any(r => r.Metrics.ContainsKey(k)))
            .Concat(list.SelectMany(r => r.Metrics.Keys).Where(k => !MetricCatalog.Keys.Contains(k)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .ToList();

        var table = NewTable(sheet);
        AddColumns<long>(table, "编号");
        AddColumns<DateTime>(table, "工作日期", "结束日期");
        AddColumns<string>(table, "领导", "汇报人", "行动", "类型", "地点", "单位");
        foreach (var metric in metrics)
        {
            table.Columns.Add(MetricColumn(metric), typeof(double));
        }

        AddColumns<int>(table, "照片", "版本");
        AddColumns<long>(table, "首次编号");
        AddColumns<string>(table, "原文");
        AddColumns<DateTime>(table, "录入时间");
        table.Columns.Add(EvidenceColumn, typeof(string));

        // Photos and files attach to the version they came with: look them up by the current version and its first one.
        var evidence = evidenceLinks is null ? null
            : await evidenceLinks.ForReportsAsync(list.SelectMany(r => new[] { r.Id, r.RootId ?? r.Id }).Distinct().ToList(), cancellationToken);
        foreach (var r in list)
        {
            var row = table.NewRow();
            row["编号"] = r.Id;
            row["工作日期"] = r.WorkDate is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : DBNull.Value;
            row["结束日期"] = r.EndDate is DateOnly e ? e.ToDateTime(TimeOnly.MinValue) : DBNull.Value;
            row["领导"] = r.MemberName;
            row["汇报人"] = r.ReportedBy;
            row["行动"] = Labels.Action(r.Action, plan);
            row["类型"] = r.Activity ?? "";
            row["地点"] = string.Join("、", r.Places);
            row["单位"] = string.Join("、", r.Units.Select(u => unitNames.GetValueOrDefault(u)).OfType<string>().Distinct(StringComparer.Ordinal));
            foreach (var metric in metrics)
            {
                row[MetricColumn(metric)] = r.Metrics.TryGetValue(metric, out var value) ? value : DBNull.Value;
            }

            row["照片"] = r.Photos;
            row["版本"] = r.Version;
            row["首次编号"] = r.RootId ?? r.Id;
            row["原文"] = r.RawText;
            row["录入时间"] = TimeZoneInfo.ConvertTime(r.CreatedAt, BusinessClock.Shanghai).DateTime;
            row[EvidenceColumn] = evidence is null ? "" : string.Join("\n", new[] { r.Id, r.RootId ?? r.Id }.Distinct()
                .SelectMany(id => evidence.TryGetValue(id, out var links) ? links : []));
            table.Rows.Add(row);
        }

        return table;
    }

    private async Task<DataTable> TasksAsync(Period period, DateOnly today, Plan? plan, IReadOnlyList<Bot.Data.Members.Member> roster, CancellationToken cancellationToken)
    {
        // 分管领导: the task's own leader, else the leader in charge of its owner unit (the liaisons' leader, else the
        // leader whose 分管单位 include it).
        var names = roster.ToDictionary(m => m.Id, m => m.Name);
        var leaderOfUnit = new Dictionary<long, string>();
        foreach (var member in roster.Where(m => m.Active && m.UnitId is not null && m.LeaderId is long l && names.ContainsKey(l)))
        {
            leaderOfUnit.TryAdd(member.UnitId!.Value, names[member.LeaderId!.Value]);
        }

        foreach (var leader in roster.Where(m => m.Active && m.Role == Roles.Leader))
        {
            foreach (var unit in await members.GetLedUnitsAsync(leader.Id, cancellationToken))
            {
                leaderOfUnit.TryAdd(unit, leader.Name);
            }
        }

        var table = NewTable(TasksSheet);
        AddColumns<long>(table, "编号");
        AddColumns<string>(table, "行动", "任务", "责任单位", "分管领导");
        AddColumns<DateTime>(table, "开始日期", "截止日期");
        AddColumns<string>(table, "周期", "状态", "红绿灯");
        AddColumns<DateTime>(table, "完成时间");
        AddColumns<string>(table, "完成人", "佐证");
        foreach (var t in (await status.TasksAsync(today, cancellationToken)).Where(t => InPeriod(t.Task, period)))
        {
            var task = t.Task;
            var row = table.NewRow();
            row["编号"] = task.Id;
            row["行动"] = Labels.Action(t.Action, plan);
            row["任务"] = task.Title;
            row["责任单位"] = t.OwnerUnit ?? "";
            row["分管领导"] = task.LeaderId is long l && names.TryGetValue(l, out var leader) ? leader
                : task.OwnerUnitId is long u && leaderOfUnit.TryGetValue(u, out var inCharge) ? inCharge : "";
            row["开始日期"] = task.DueStart is DateOnly s ? s.ToDateTime(TimeOnly.MinValue) : DBNull.Value;
            row["截止日期"] = task.DueEnd is DateOnly e ? e.ToDateTime(TimeOnly.MinValue) : DBNull.Value;
            row["周期"] = Labels.Recurrence(task.Recurrence);
            row["状态"] = Labels.TaskStatus(task.Status);
            row["红绿灯"] = t.Light.Chinese();
            row["完成时间"] = task.ClosedAt is DateTimeOffset c ? BusinessClock.DateOf(c).ToDateTime(TimeOnly.MinValue) : DBNull.Value;
            row["完成人"] = task.ClosedBy ?? "";
            row["佐证"] = task.Evidence ?? "";
            table.Rows.Add(row);
        }

        return table;
    }

    private async Task<(DataTable Table, int Leaders)> ScorecardsAsync(Period period, DateOnly today, CancellationToken cancellationToken)
    {
        // The cards as they stood at the end of the period, or today while it runs.
        var asOf = today < period.Start ? period.Start : today > period.End ? period.End : today;
        var cards = await scorecards.ForLeadersAsync(asOf, cancellationToken);
        var totals = await figures.MetricsByMemberAsync(period, today, cancellationToken: cancellationToken);

        var table = NewTable(ScorecardsSheet);
        AddColumns<string>(table, "领导", "职务", "指标", "考核周期");
        AddColumns<double>(table, "完成", "目标下限");
        table.Columns.Add("目标上限", typeof(double));
        table.Columns.Add("单位", typeof(string));
        table.Columns.Add("序时进度", typeof(double));
        table.Columns.Add("红绿灯", typeof(string));
        table.Columns.Add($"{PeriodCodes.Describe(period)}合计", typeof(double));
        table.Columns.Add("统计截至", typeof(DateTime));
        foreach (var card in cards)
        {
            if (card.Lines.Count == 0)
            {
                var row = table.NewRow();
                row["领导"] = card.Member.Name;
                row["职务"] = card.Member.Title ?? "";
                row["指标"] = "（方案中暂无对领导的量化指标）";
                row["统计截至"] = asOf.ToDateTime(TimeOnly.MinValue);
                table.Rows.Add(row);
            }

            foreach (var line in card.Lines)
            {
                var row = table.NewRow();
                row["领导"] = card.Member.Name;
                row["职务"] = card.Member.Title ?? "";
                row["指标"] = MetricCatalog.Label(line.Metric);
                row["考核周期"] = PeriodCodes.Describe(line.Period);
                row["完成"] = line.Actual;
                row["目标下限"] = line.Min ?? 0;
                row["目标上限"] = line.Max is double max ? max : DBNull.Value;
                row["单位"] = MetricCatalog.Unit(line.Metric);
                row["序时进度"] = Math.Round(TrafficLights.ExpectedByNow(line.Min ?? 0, line.Period.Start, line.Period.End, asOf), 1);
                row["红绿灯"] = line.Light.Chinese();
                row[$"{PeriodCodes.Describe(period)}合计"] = Figures.FigureService.Of(totals, card.Member, line.Metric);
                row["统计截至"] = asOf.ToDateTime(TimeOnly.MinValue);
                table.Rows.Add(row);
            }
        }

        return (table, cards.Count);
    }

    /// <summary>Tasks due in the period, recurring or undated ones, and open ones carried over from before it.</summary>
    public static bool InPeriod(PlanTask task, Period period)
    {
        if (task.DueEnd is not DateOnly end || task.Recurrence is not null)
        {
            return true;
        }

        var start = task.DueStart ?? end;
        var overlaps = end >= period.Start && start <= period.End;
        var carried = end < period.Start && task.Status == TaskStatuses.Open;
        return overlaps || carried;
    }

    private static string MetricColumn(string metric) =>
        MetricCatalog.Unit(metric) is { Length: > 0 } unit ? $"{MetricCatalog.Label(metric)}（{unit}）" : MetricCatalog.Label(metric);

    private static DataTable NewTable(string name) => new(name) { Locale = CultureInfo.InvariantCulture };

    private static void AddColumns<T>(DataTable table, params string[] names)
    {
        foreach (var name in names)
        {
            table.Columns.Add(name, typeof(T));
        }
    }
}
