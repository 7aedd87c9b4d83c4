using Bot.Host.Scheduling;
using Bot.Skills.Digests;
using Bot.Skills.Reminders;
using Bot.Tests.Skills.Reminders;

namespace Bot.Tests.Skills.Digests;

public sealed class DigestTests
{
    private static readonly DateOnly Monday = new(2026, 6, 22);

    [Fact]
    public async Task The_weekly_digest_covers_last_week_with_actions_scorecards_overdue_tasks_non_reporters_and_missed_patrols()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        world.Clock.SetUtcNow(ScheduleWorld.At(new DateOnly(2026, 6, 17), new TimeOnly(10, 0)));
        await world.ReportAsync("王强", new DateOnly(2026, 6, 17), "调研", new() { ["research_trips"] = 2, ["research_days"] = 2 });
        var period = world.Get<DigestSchedule>().PeriodFor(DigestKinds.Week, Monday, 2026);

        var digest = await world.Get<DigestService>().BuildAsync(DigestKinds.Week, period, Monday);

        Assert.Equal((new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 21)), (period.Start, period.End));
        var md = digest.Markdown;
        Assert.Contains("周报", md, StringComparison.Ordinal);
        Assert.Contains("（一）大走访大调研行动：本期汇报1条，专题调研2次、调研天数2天", md, StringComparison.Ordinal);
        Assert.Contains("**王强**：本月专题调研 2/3–4 次", md, StringComparison.Ordinal);
        Assert.Contains("🔴 5月下旬赴江苏、广州、深圳招商引资（区经合局，截止5月31日，已逾期15个工作日）", md, StringComparison.Ordinal);
        Assert.Contains("未汇报（13人）", md, StringComparison.Ordinal);
        Assert.Contains("刘波、张志刚", md, StringComparison.Ordinal);
        Assert.Contains("韩国庆（村级河长）", md, StringComparison.Ordinal);
        Assert.Contains("6月17日 王强", md, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_digest_chart_is_a_png_rendered_with_a_cjk_font_and_posted_as_an_image_where_the_channel_supports_it()
    {
        Skip.IfNot(DigestChart.KnownFonts.Any(File.Exists) || Environment.GetEnvironmentVariable("CI") == "true", "no CJK font installed (apt-get install fonts-noto-cjk)");
        await using var world = await ScheduleWorld.CreateAsync(schedule: o => o.Digests.Charts = true);
        var period = world.Get<DigestSchedule>().PeriodFor(DigestKinds.Month, new DateOnly(2026, 7, 1), 2026);

        var digest = await world.Get<DigestService>().BuildAsync(DigestKinds.Month, period, new DateOnly(2026, 7, 1));
        var rows = world.Get<DigestDispatcher>().Rows(digest, new ScheduleTarget());

        Assert.Null(digest.Chart.Error);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], digest.Chart.Png![..4]);
        Assert.Equal(["markdown", "image"], rows.Select(r => r.MsgType));
        Assert.Equal(digest.Chart.Png, Convert.FromBase64String(rows[1].Payload));
        Assert.EndsWith(":img", rows[1].DedupeKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_cjk_font_the_digest_is_still_posted_with_a_clear_note_instead_of_the_chart()
    {
        await using var world = await ScheduleWorld.CreateAsync(schedule: o =>
        {
            o.Digests.Charts = true;
            o.Digests.ChartFont = "/nonexistent/font.ttc";
        });
        var period = world.Get<DigestSchedule>().PeriodFor(DigestKinds.Week, Monday, 2026);

        var digest = await world.Get<DigestService>().BuildAsync(DigestKinds.Week, period, Monday);
        var rows = world.Get<DigestDispatcher>().Rows(digest, new ScheduleTarget());

        Assert.Null(digest.Chart.Png);
        Assert.Contains("fonts-noto-cjk", digest.Chart.Error, StringComparison.Ordinal);
        var row = Assert.Single(rows);
        Assert.Contains("未找到中文字体", row.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_year_end_digest_has_a_scoring_table_and_long_digests_are_split_within_the_channel_limit()
    {
        await using var world = await ScheduleWorld.CreateAsync();
        await world.ReportAsync("王强", new DateOnly(2026, 6, 5), "调研", new() { ["research_trips"] = 40, ["research_days"] = 60 });
        var day = new DateOnly(2026, 12, 31);
        var period = world.Get<DigestSchedule>().PeriodFor(DigestKinds.Year, day, 2026);

        var digest = await world.Get<DigestService>().BuildAsync(DigestKinds.Year, period, day);
        var parts = world.Get<Bot.Host.Outbox.OutboxWriter>().Prepare(world.Get<DigestDispatcher>().Rows(digest, new ScheduleTarget())[0]);

        Assert.Contains("全年评分表", digest.Markdown, StringComparison.Ordinal);
        Assert.Contains("- 王强：**", digest.Markdown, StringComparison.Ordinal);
        Assert.All(parts, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p.Payload) <= 4096));
        Assert.Equal(digest.Markdown.Replace("\n", "", StringComparison.Ordinal), string.Concat(parts.Select(p => p.Payload.Replace("\n", "", StringComparison.Ordinal))));
    }
}
