using Bot.Skills.Reminders;
using Bot.Skills.Scorecards;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Digests;

/// <summary>A rendered chart, or why there is none.</summary>
public sealed record ChartImage(byte[]? Png, string? Error);

/// <summary>
/// Renders a digest's chart as a PNG with ScottPlot (SkiaSharp, no system font lookup) and a CJK font file from
/// Debian's fonts-noto-cjk (or <c>Schedule:Digests:ChartFont</c>). A missing font or native library yields an error
/// message instead of an image; the digest text is sent either way.
/// </summary>
public sealed class DigestChart(IOptions<ScheduleOptions> options, ILogger<DigestChart> logger)
{
    /// <summary>Where Debian's CJK font packages put their files, best first.</summary>
    public static readonly IReadOnlyList<string> KnownFonts =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lock FontLock = new();
    private static readonly Dictionary<string, string> Registered = new(StringComparer.Ordinal);

    /// <summary>The configured font file if it exists, else the first known one present; null when none.</summary>
    public string? FindFont()
    {
        var configured = options.Value.Digests.ChartFont;
        return !string.IsNullOrWhiteSpace(configured)
            ? (File.Exists(configured) ? configured : null)
            : KnownFonts.FirstOrDefault(File.Exists);
    }

    /// <summary>Bars of each leader's yearly research days against the pace line (序时进度) on <paramref name="asOf"/>.</summary>
    public ChartImage LeadersVersusPace(IReadOnlyList<Scorecard> cards, string metric, DateOnly asOf)
    {
        var lines = cards.Select(c => (c.Member.Name, Line: c.Lines.FirstOrDefault(l => l.Metric == metric && l.Period.Kind == "year")))
            .Where(x => x.Line is not null)
            .ToList();
        if (lines.Count == 0)
        {
            return new ChartImage(null, "没有可绘制的年度指标");
        }

        var first = lines[0].Line!;
        var pace = TrafficLights.ExpectedByNow(first.Min ?? 0, first.Period.Start, first.Period.End, asOf);
        var title = $"{MetricCatalog.Label(metric)}与序时进度（截至{ReminderContext.Md(asOf)}）";
        return Render(title, MetricCatalog.Unit(metric), lines.Select(x => (x.Name, x.Line!.Actual, (Light?)x.Line.Light)).ToList(), pace);
    }

    /// <summary>Bars of a count per label (e.g. reports per action).</summary>
    public ChartImage Counts(string title, string unit, IReadOnlyList<(string Label, double Value)> bars) =>
        Render(title, unit, bars.Select(b => (b.Label, b.Value, (Light?)null)).ToList(), null);

    private ChartImage Render(string title, string unit, IReadOnlyList<(string Label, double Value, Light? Light)> bars, double? pace)
    {
        if (!options.Value.Digests.Charts)
        {
            return new ChartImage(null, "图表已关闭（Schedule:Digests:Charts=false）");
        }

        var font = FindFont();
        if (font is null)
        {
            var error = "未找到中文字体，图表未生成：请安装 Debian 的 fonts-noto-cjk，或配置 Schedule:Digests:ChartFont。";
            DigestLog.NoFont(logger, string.Join(", ", KnownFonts));
            return new ChartImage(null, error);
        }

        try
        {
            var family = RegisterFont(font);
            var plot = new ScottPlot.Plot();
            plot.Font.Set(family);
            var positions = Enumerable.Range(0, bars.Count).Select(i => (double)i).ToArray();
            var barList = plot.Add.Bars(positions, bars.Select(b => b.Value).ToArray());
            for (var i = 0; i < barList.Bars.Count; i++)
            {
                barList.Bars[i].FillColor = bars[i].Light switch
                {
                    Light.Green => ScottPlot.Color.FromHex("#2e7d32"),
                    Light.Yellow => ScottPlot.Color.FromHex("#f9a825"),
                    Light.Red => ScottPlot.Color.FromHex("#c62828"),
                    _ => ScottPlot.Color.FromHex("#1565c0"),
                };
                barList.Bars[i].Label = MetricCatalog.Format(bars[i].Value);
            }

            barList.ValueLabelStyle.FontName = family;
            if (pace is double p)
            {
                var line = plot.Add.HorizontalLine(p);
                line.LineWidth = 2;
                line.LinePattern = ScottPlot.LinePattern.Dashed;
                title += $"\n虚线：序时进度 {MetricCatalog.Format(Math.Round(p, 1))}{unit}";
            }

            plot.Axes.Bottom.SetTicks(positions, bars.Select(b => b.Label).ToArray());
            plot.Axes.Bottom.TickLabelStyle.FontName = family;
            plot.Axes.Left.TickLabelStyle.FontName = family;
            plot.Axes.Left.Label.Text = unit;
            plot.Axes.Left.Label.FontName = family;
            plot.Axes.Margins(bottom: 0);
            plot.Title(title);
            plot.Axes.Title.Label.FontName = family;
            return new ChartImage(plot.GetImageBytes(Math.Max(480, 90 * bars.Count), 400, ScottPlot.ImageFormat.Png), null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or InvalidOperationException or IOException or ArgumentException)
        {
            DigestLog.ChartFailed(logger, ex);
            return new ChartImage(null, $"图表生成失败：{ex.Message}");
        }
    }

    private static string RegisterFont(string path)
    {
        lock (FontLock)
        {
            if (!Registered.TryGetValue(path, out var family))
            {
                family = "TieXiCJK" + Registered.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ScottPlot.Fonts.AddFontFile(family, path);
                Registered[path] = family;
            }

            return family;
        }
    }
}
