using System.Globalization;
using Bot.Host.Dashboard.Html;
using Bot.Skills.Scorecards;

namespace Bot.Host.Dashboard.Charts;

/// <summary>Charts drawn on the server as inline SVG: no script, no CDN, readable without JavaScript.</summary>
public static class SvgCharts
{
    /// <summary>A vertical bar chart of reports per week.</summary>
    public static HtmlContent ReportsPerWeek(IReadOnlyList<WeekCount> weeks, string title)
    {
        const int width = 600, height = 240, left = 40, right = 12, top = 16, bottom = 44;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        var max = NiceMax(weeks.Count == 0 ? 0 : weeks.Max(w => w.Count));
        var slot = weeks.Count == 0 ? plotWidth : (double)plotWidth / weeks.Count;
        var barWidth = Math.Max(2, slot * 0.64);
        var labelEvery = Math.Max(1, (int)Math.Ceiling(weeks.Count / 14.0));

        var grid = new List<HtmlContent>();
        foreach (var tick in new[] { 0, max / 2, max }.Distinct())
        {
            var y = top + plotHeight - (double)tick / max * plotHeight;
            grid.Add(HtmlContent.Format($"<line class=\"grid\" x1=\"{left}\" x2=\"{width - right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#e5e7eb\"/><text class=\"axis\" x=\"{left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{tick}</text>"));
        }

        var bars = new List<HtmlContent>();
        for (var i = 0; i < weeks.Count; i++)
        {
            var w = weeks[i];
            var h = (double)w.Count / max * plotHeight;
            var x = left + i * slot + (slot - barWidth) / 2;
            var label = $"{w.Start.Month}/{w.Start.Day}";
            bars.Add(HtmlContent.Format($"<rect class=\"bar\" fill=\"#2563eb\" x=\"{N(x)}\" y=\"{N(top + plotHeight - h)}\" width=\"{N(barWidth)}\" height=\"{N(h)}\"><title>{label}起一周：{w.Count} 条汇报</title></rect>"));
            if (w.Count > 0 && slot >= 18)
            {
                bars.Add(HtmlContent.Format($"<text class=\"value\" x=\"{N(x + barWidth / 2)}\" y=\"{N(top + plotHeight - h - 4)}\" text-anchor=\"middle\">{w.Count}</text>"));
            }

            if (i % labelEvery == 0)
            {
                bars.Add(HtmlContent.Format($"<text class=\"axis\" x=\"{N(x + barWidth / 2)}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{label}</text>"));
            }
        }

        var empty = weeks.All(w => w.Count == 0)
            ? HtmlContent.Format($"<text class=\"empty\" x=\"{width / 2}\" y=\"{top + plotHeight / 2}\" text-anchor=\"middle\">本期暂无汇报</text>")
            : HtmlContent.Empty;
        return HtmlContent.Format($"""
            <svg class="chart" data-chart="reports-per-week" viewBox="0 0 {width} {height}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">
            <title>{title}</title>
            {grid}
            <line class="axis-line" x1="{left}" x2="{width - right}" y1="{top + plotHeight}" y2="{top + plotHeight}" stroke="#9ca3af"/>
            {bars}{empty}
            <text class="axis" x="{width - right}" y="{height - 6}" text-anchor="end">周（起始日）</text>
            </svg>
            """);
    }

    /// <summary>Horizontal bars: each leader's count against the pro-rated pace (序时进度, a tick) and the target (the track).</summary>
    public static HtmlContent Pace(IReadOnlyList<PaceRow> rows, string title, string unit)
    {
        const int width = 600, left = 72, right = 96, top = 12, rowHeight = 34;
        var height = top + rows.Count * rowHeight + 30;
        var plotWidth = width - left - right;
        var max = Math.Max(1, rows.Count == 0 ? 1 : rows.Max(r => Math.Max(r.Target, Math.Max(r.Actual, r.Pace)))) * 1.05;

        var parts = new List<HtmlContent>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + i * rowHeight;
            var track = r.Target / max * plotWidth;
            var bar = r.Actual / max * plotWidth;
            var pace = left + r.Pace / max * plotWidth;
            var light = r.Light.ToString().ToLowerInvariant();
            parts.Add(HtmlContent.Format($"""
                <g class="pace-row" data-leader="{r.Leader}">
                <text class="label" x="{left - 8}" y="{y + 19}" text-anchor="end">{r.Leader}</text>
                <rect class="track" fill="#eef2f7" x="{left}" y="{y + 6}" width="{N(track)}" height="18" rx="3"><title>目标 {F(r.Target)} {unit}</title></rect>
                <rect class="bar bar-{light}" fill="{Colour(r.Light)}" x="{left}" y="{y + 8}" width="{N(bar)}" height="14" rx="2"><title>{r.Leader}：已完成 {F(r.Actual)} {unit}，序时进度 {F(r.Pace)} {unit}</title></rect>
                <line class="pace" stroke="#111827" stroke-width="2" x1="{N(pace)}" x2="{N(pace)}" y1="{y + 2}" y2="{y + 28}"><title>序时进度 {F(r.Pace)} {unit}</title></line>
                <text class="value" x="{width - right + 8}" y="{y + 19}">{F(r.Actual)} / {F(r.Target)} {unit}</text>
                </g>
                """));
        }

        var empty = rows.Count == 0
            ? HtmlContent.Format($"<text class=\"empty\" x=\"{width / 2}\" y=\"{top + 20}\" text-anchor=\"middle\">暂无可比较的指标</text>")
            : HtmlContent.Empty;
        var legendY = height - 10;
        return HtmlContent.Format($"""
            <svg class="chart" data-chart="pace" viewBox="0 0 {width} {height}" role="img" aria-label="{title}" xmlns="http://www.w3.org/2000/svg">
            <title>{title}</title>
            {parts}{empty}
            <g class="legend"><rect fill="#eef2f7" x="{left}" y="{legendY - 9}" width="14" height="10"/><text class="axis" x="{left + 18}" y="{legendY}">目标</text>
            <line stroke="#111827" stroke-width="2" x1="{left + 64}" x2="{left + 64}" y1="{legendY - 10}" y2="{legendY + 2}"/><text class="axis" x="{left + 70}" y="{legendY}">序时进度</text>
            <rect fill="#16a34a" x="{left + 136}" y="{legendY - 9}" width="14" height="10"/><text class="axis" x="{left + 154}" y="{legendY}">已完成（按红绿灯着色）</text></g>
            </svg>
            """);
    }

    public static string Colour(Light light) => light switch
    {
        Light.Green => "#16a34a",
        Light.Yellow => "#d97706",
        _ => "#dc2626",
    };

    /// <summary>1, 2, 5, 10, 20, 50 … at least the value (and at least 2, so that a half tick is whole).</summary>
    private static int NiceMax(int value)
    {
        var nice = 2;
        while (nice < value)
        {
            nice = nice.ToString(CultureInfo.InvariantCulture)[0] switch { '1' => nice * 2, '2' => nice * 5 / 2, _ => nice * 2 };
        }

        return nice;
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string F(double value) => MetricCatalog.Format(value);
}
