namespace Bot.Skills.Scorecards;

/// <summary>Chinese labels and units of the canonical metric keys, read from the text kit's one catalogue.</summary>
public static class MetricCatalog
{
    public static IReadOnlyCollection<string> Keys => MetricKeys.AllWithCoverage;

    public static string Label(string metric) => MetricKeys.ShortLabel(metric);

    public static string Unit(string metric) => MetricKeys.Unit(metric);

    /// <summary>A number as people write it: integers without decimals, others with up to two.</summary>
    public static string Format(double value) =>
        Math.Abs(value - Math.Round(value)) < 1e-9
            ? Math.Round(value).ToString("0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
