using System.Globalization;
using Bot.Data.Migrations;
using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Host.Hosting;
using Bot.Host.Roster;
using Bot.Host.Scheduling;
using Bot.Skills.Calendar;
using Bot.Skills.Digests;
using Bot.Skills.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary>
/// <c>remind --at YYYY-MM-DD[THH:MM] [--dry-run]</c> and <c>digest --period week|month|quarter|half|year [--at DATE]
/// [--dry-run] [--chart FILE]</c>: print exactly which outbox rows the schedule would post, to which chat and whom it
/// @-mentions. With <c>--dry-run</c> nothing is stored; without it the rows are queued for the running bot to send.
/// Only the printout goes to stdout (logs go to stderr).
/// </summary>
public static class ScheduleVerbs
{
    private static readonly string[] Weekdays = ["日", "一", "二", "三", "四", "五", "六"];

    public static async Task<int> RemindAsync(CommandLine command, TextWriter output)
    {
        if (!TryParseAt(command.Value("--at"), out var day, out var minute))
        {
            await Console.Error.WriteLineAsync("用法 / usage: remind --at YYYY-MM-DD[THH:MM] [--dry-run]");
            return 2;
        }

        await using var app = await PrepareAsync(command);
        var engine = app.Services.GetRequiredService<ReminderEngine>();
        var calendar = app.Services.GetRequiredService<WorkingCalendar>();
        var dispatcher = app.Services.GetRequiredService<ReminderDispatcher>();
        var dryRun = command.Has("--dry-run");

        var reminders = (await engine.ForDayAsync(day)).Where(r => minute is null || TimeOnly.FromDateTime(r.DueAt.DateTime) == minute).ToList();
        await output.WriteLineAsync($"{(dryRun ? "提醒预览（--dry-run，不发送）" : "提醒")}：{Day(day, calendar)}{(minute is TimeOnly m ? " " + m.ToString("HH:mm", CultureInfo.InvariantCulture) : "")}");
        if (!calendar.IsWorkingDay(day) && reminders.Count == 0)
        {
            // Rules that do not send on non-working days move their occurrence, mostly to the next working day.
            var next = calendar.OnOrNextWorkingDay(day);
            reminders = [.. await engine.ForDayAsync(next)];
            var previous = calendar.OnOrPreviousWorkingDay(day);
            var earlier = (await engine.ForDayAsync(previous)).Count(r => r.Nominal == day);
            await output.WriteLineAsync($"当天为非工作日，不发送提醒；原定于当天的 {reminders.Count(r => r.Nominal == day)} 项提醒顺延至 {Day(next, calendar)}" +
                $"{(earlier > 0 ? $"，{earlier} 项提前至 {Day(previous, calendar)}" : "")}。以下为 {next.Month}月{next.Day}日 将发送的全部提醒：");
        }

        var rows = await dispatcher.PreviewAsync(reminders);
        await PrintRowsAsync(output, rows);
        var perRule = reminders.GroupBy(r => r.Rule).Select(g => $"{g.Key} {g.Count()}");
        await output.WriteLineAsync($"共 {rows.Count} 条消息，{reminders.Count} 项提醒{(reminders.Count > 0 ? "（" + string.Join("，", perRule) + "）" : "")}。");
        if (!dryRun && rows.Count > 0)
        {
            await output.WriteLineAsync($"已写入发件箱 {await dispatcher.QueueAsync(rows)} 条（已发过的不会重复）。");
        }

        return 0;
    }

    public static async Task<int> DigestAsync(CommandLine command, TextWriter output)
    {
        var kind = command.Value("--period") ?? DigestKinds.Week;
        var atText = command.Value("--at");
        if (!DigestKinds.All.Contains(kind, StringComparer.Ordinal) || (atText is not null && !TryParseAt(atText, out _, out _)))
        {
            await Console.Error.WriteLineAsync("用法 / usage: digest --period week|month|quarter|half|year [--at YYYY-MM-DD] [--dry-run] [--chart FILE]");
            return 2;
        }

        await using var app = await PrepareAsync(command);
        var at = atText is not null && TryParseAt(atText, out var parsed, out _) ? parsed : app.Services.GetRequiredService<BusinessClock>().Today;
        var plan = await app.Services.GetRequiredService<IPlanRepository>().GetActiveAsync();
        var period = app.Services.GetRequiredService<DigestSchedule>().PeriodFor(kind, at, plan?.Year);
        if (period.End > at)
        {
            period = period with { End = at };
        }

        var digest = await app.Services.GetRequiredService<DigestService>().BuildAsync(kind, period, at);
        var dispatcher = app.Services.GetRequiredService<DigestDispatcher>();
        var writer = app.Services.GetRequiredService<Outbox.OutboxWriter>();
        var rows = app.Services.GetRequiredService<IOptions<ScheduleOptions>>().Value.EffectiveDigestTargets
            .SelectMany(t => dispatcher.Rows(digest, t))
            .SelectMany(writer.Prepare)
            .ToList();
        var dryRun = command.Has("--dry-run");
        await output.WriteLineAsync($"{(dryRun ? "简报预览（--dry-run，不发送）" : "简报")}：{DigestKinds.Label(kind)}，{Day(at, app.Services.GetRequiredService<WorkingCalendar>())}生成");
        await PrintRowsAsync(output, rows);
        if (command.Value("--chart") is { } chartFile && digest.Chart.Png is { } png)
        {
            await File.WriteAllBytesAsync(chartFile, png);
            await output.WriteLineAsync($"图表已保存到 {chartFile}");
        }

        if (!dryRun)
        {
            var stored = 0;
            foreach (var row in rows)
            {
                stored += await writer.EnqueueAsync(row);
            }

            await output.WriteLineAsync($"已写入发件箱 {stored} 条（已发过的不会重复）。");
        }

        return 0;
    }

    /// <summary>A host for a verb: scheduler off, database migrated, demo roster seeded on an empty database.</summary>
    internal static async Task<WebApplication> PrepareAsync(CommandLine command)
    {
        var app = BotHost.CreateBuilder([.. command.HostArgs(), "--Schedule:Enabled=false"]).Build();
        await app.Services.GetRequiredService<Migrator>().MigrateAsync();
        // The first-start seeders (roster, then the plan document) without the workers and the scheduler.
        foreach (var seeder in app.Services.GetServices<IHostedService>().Where(s => s is RosterSeedService or Plans.PlanImportHostedService))
        {
            await seeder.StartAsync(CancellationToken.None);
        }

        var plan = await app.Services.GetRequiredService<IPlanRepository>().GetActiveAsync();
        var configuredYear = app.Configuration["Plan:Year"];
        if (plan is null)
        {
            await Console.Error.WriteLineAsync("提示 / note: 尚未导入实施方案，只计算不依赖方案的规则 (no plan is stored yet).");
        }
        else if (int.TryParse(configuredYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year != plan.Year)
        {
            await Console.Error.WriteLineAsync($"提示 / note: Plan:Year={year}，但已导入的方案年份为 {plan.Year}，按 {plan.Year} 计算 (the stored plan runs in {plan.Year}).");
        }

        return app;
    }

    private static async Task PrintRowsAsync(TextWriter output, IReadOnlyList<OutboxMessage> rows)
    {
        foreach (var row in rows)
        {
            var mentions = Bot.Data.Common.Json.Deserialize(row.Mentions, new List<string>());
            await output.WriteLineAsync();
            await output.WriteLineAsync($"→ {row.Platform}/{row.Channel}/{row.Target} · {row.MsgType} · @提及 {(mentions.Count == 0 ? "无" : string.Join(",", mentions))} · 去重键 {row.DedupeKey}");
            await output.WriteLineAsync(row.MsgType == "image"
                ? $"[图片 PNG {Convert.FromBase64String(row.Payload).Length / 1024} KB，base64 编码]"
                : row.Payload.TrimEnd());
        }

        await output.WriteLineAsync();
    }

    private static bool TryParseAt(string? text, out DateOnly day, out TimeOnly? minute)
    {
        minute = null;
        day = default;
        if (text is null)
        {
            return false;
        }

        if (DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            (day, minute) = (DateOnly.FromDateTime(dateTime), TimeOnly.FromDateTime(dateTime));
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static string Day(DateOnly day, WorkingCalendar calendar)
    {
        var holiday = calendar.HolidayName(day);
        var kind = calendar.IsWorkingDay(day) ? "工作日" : holiday is { Length: > 0 } ? holiday : "休息日";
        return $"{day.Year}年{day.Month}月{day.Day}日（星期{Weekdays[(int)day.DayOfWeek]}，{kind}）";
    }
}
