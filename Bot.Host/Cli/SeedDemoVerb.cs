using System.Globalization;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Units;
using Bot.Skills.Calendar;

namespace Bot.Host.Cli;

/// <summary>
/// <c>db seed-demo --reports 1000000 [--from 2026-01-01] [--to 2026-12-31] [--seed 7]</c>: fills the configured database
/// (migrated, demo roster and seed plan as on first start) with demo reports of the roster's leaders and liaisons, for
/// the scale figures of the board, digests and status answers. Adds to what is there; run it on a scratch database.
/// </summary>
public static class SeedDemoVerb
{
    /// <summary>Kinds of report by plan action: activity, text after the place, counters.</summary>
    private static readonly DemoTemplate[] Templates =
    [
        new(1, "调研", "调研乡村振兴，走访企业3家", Counters(("research_trips", 1), ("research_days", 1), ("enterprises", 3))),
        new(1, "调研", "蹲点调研，座谈了解群众诉求", Counters(("research_trips", 1), ("research_days", 2))),
        new(2, "招商", "对接客商，洽谈项目2个", Counters(("projects", 2), ("investment", 1.5))),
        new(3, "招商", "走访返乡创业企业", Counters(("enterprises", 2))),
        new(4, "培训", "举办专题培训班", Counters(("trainings", 1), ("trainees", 120))),
        new(5, "项目", "调度重点项目开复工", Counters(("projects", 3))),
        new(6, "河长", "巡河一次，发现问题1个", Counters(("patrols", 1), ("problems_found", 1))),
        new(6, "攻坚", "督导污染防治整改", Counters(("problems_solved", 2))),
        new(7, "宣传", "开展政策宣讲", Counters(("events", 1))),
        new(9, "民生", "推进民生实事落实", Counters(("projects", 1))),
        new(10, "会议", "召开年底巩固提升推进会", Counters()),
    ];

    public static async Task<int> RunAsync(CommandLine command, TextWriter output)
    {
        if (!int.TryParse(command.Value("--reports"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
        {
            await output.WriteLineAsync("用法 / usage: db seed-demo --reports N [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--seed N]");
            return 2;
        }

        await using var app = await ScheduleVerbs.PrepareAsync(command);
        var services = app.Services;
        var today = services.GetRequiredService<BusinessClock>().Today;
        var from = ParseDate(command.Value("--from")) ?? new DateOnly(today.Year, 1, 1);
        var to = ParseDate(command.Value("--to")) ?? today;
        if (to < from)
        {
            await output.WriteLineAsync("--to 不能早于 --from / --to is before --from.");
            return 2;
        }

        var reporters = (await services.GetRequiredService<IMemberRepository>().ListAsync())
            .Where(m => m.Active && m.Role is Roles.Leader or Roles.Department)
            .Select(m => new DemoReporter(m.Id, m.Name)).ToList();
        if (reporters.Count == 0)
        {
            await output.WriteLineAsync("名册中没有领导或联络员，无法生成演示汇报 / the roster has no leaders or liaisons.");
            return 1;
        }

        var places = (await services.GetRequiredService<IUnitRepository>().ListAsync())
            .Where(u => u.Type is UnitTypes.Township or UnitTypes.Subdistrict or UnitTypes.Zone).Select(u => u.Name).ToList();
        var plan = await services.GetRequiredService<IPlanRepository>().GetActiveAsync();
        var seed = int.TryParse(command.Value("--seed"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20180101;
        var printed = 0;
        var progress = new Progress<int>(n =>
        {
            if (n / 100_000 > printed)
            {
                printed = n / 100_000;
                output.WriteLine($"… {n.ToString("N0", CultureInfo.InvariantCulture)}");
            }
        });

        var result = await new DemoReportSeeder(services.GetRequiredService<Bot.Data.Connections.IDbConnectionFactory>())
            .SeedAsync(count, reporters, Templates, places, from, to, plan?.Id, seed, progress);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"已生成演示汇报 {result.Reports:N0} 条（{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{reporters.Count} 人；其中更正 {result.Corrected:N0} 条、撤回 {result.Withdrawn:N0} 条；共 {result.Versions:N0} 个版本），用时 {result.Elapsed.TotalSeconds:0.0} 秒。"));
        return 0;
    }

    private static Dictionary<string, double> Counters(params (string Key, double Value)[] counters) =>
        counters.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
