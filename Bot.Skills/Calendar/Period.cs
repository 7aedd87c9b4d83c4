using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Skills.Calendar;

/// <summary>A closed range of business dates with its Chinese name (本月, 2026年第二季度 …).</summary>
public sealed partial record Period(DateOnly Start, DateOnly End, string Label, string Kind)
{
    public static Period Week(DateOnly date)
    {
        var start = date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        return new Period(start, start.AddDays(6), "本周", "week");
    }

    public static Period Month(DateOnly date) =>
        new(new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, DateTime.DaysInMonth(date.Year, date.Month)), "本月", "month");

    public static Period Quarter(DateOnly date)
    {
        var first = (date.Month - 1) / 3 * 3 + 1;
        var start = new DateOnly(date.Year, first, 1);
        return new Period(start, start.AddMonths(3).AddDays(-1), "本季度", "quarter");
    }

    public static Period HalfYear(DateOnly date)
    {
        var start = new DateOnly(date.Year, date.Month <= 6 ? 1 : 7, 1);
        return new Period(start, start.AddMonths(6).AddDays(-1), date.Month <= 6 ? "上半年" : "下半年", "half_year");
    }

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), "全年", "year");

    /// <summary>The period of a target's <c>per</c> (month, quarter, year …) containing <paramref name="date"/>.</summary>
    public static Period Of(string per, DateOnly date) => per switch
    {
        "week" => Week(date),
        "month" => Month(date),
        "quarter" => Quarter(date),
        "half_year" => HalfYear(date),
        _ => Year(date.Year),
    };

    /// <summary>"2026Q2", "2026-05", "2026", "2026H1" → a period; null when not understood.</summary>
    public static Period? ParseCode(string code)
    {
        var m = CodePattern().Match(code.Trim());
        if (!m.Success)
        {
            return null;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["q"].Success)
        {
            var q = int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture);
            return q is >= 1 and <= 4 ? Quarter(new DateOnly(year, q * 3 - 2, 1)) with { Label = $"{year}年第{"一二三四"[q - 1]}季度" } : null;
        }

        if (m.Groups["m"].Success)
        {
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? Month(new DateOnly(year, month, 1)) with { Label = $"{year}年{month}月" } : null;
        }

        if (m.Groups["h"].Success)
        {
            var half = m.Groups["h"].Value == "1" ? 1 : 7;
            return HalfYear(new DateOnly(year, half, 1)) with { Label = $"{year}年{(half == 1 ? "上" : "下")}半年" };
        }

        return Year(year) with { Label = $"{year}年" };
    }

    /// <summary>
    /// The period named in a Chinese question (本周, 上周, 本月, 上月, 5月份, 本季度, 二季度, 上半年, 今年/全年),
    /// or null when none is named.
    /// </summary>
    public static Period? FromText(string text, DateOnly today)
    {
        if (text.Contains("今天", StringComparison.Ordinal) || text.Contains("今日", StringComparison.Ordinal))
        {
            return new Period(today, today, "今天", "day");
        }

        if (text.Contains("上季度", StringComparison.Ordinal) || text.Contains("上个季度", StringComparison.Ordinal) || text.Contains("上一季度", StringComparison.Ordinal))
        {
            var previous = Quarter(today).Start.AddMonths(-3);
            return Quarter(previous) with { Label = "上季度" };
        }

        if (text.Contains("截至目前", StringComparison.Ordinal) || text.Contains("截止目前", StringComparison.Ordinal) || text.Contains("至今", StringComparison.Ordinal) ||
            text.Contains("到目前", StringComparison.Ordinal))
        {
            return Year(today.Year) with { End = today, Label = "截至目前" };
        }

        var chineseMonth = ChineseMonthPattern().Match(text);
        if (chineseMonth.Success)
        {
            var cm = Array.IndexOf(ChineseMonths, chineseMonth.Groups[1].Value) + 1;
            return Month(new DateOnly(today.Year, cm, 1)) with { Label = $"{cm}月" };
        }

        if (text.Contains("上周", StringComparison.Ordinal))
        {
            return Week(today.AddDays(-7)) with { Label = "上周" };
        }

        if (text.Contains("本周", StringComparison.Ordinal) || text.Contains("这周", StringComparison.Ordinal))
        {
            return Week(today);
        }

        if (text.Contains("上月", StringComparison.Ordinal) || text.Contains("上个月", StringComparison.Ordinal))
        {
            return Month(today.AddMonths(-1)) with { Label = "上月" };
        }

        var month = MonthPattern().Match(text);
        if (month.Success && int.TryParse(month.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
        {
            return Month(new DateOnly(today.Year, m, 1)) with { Label = $"{m}月" };
        }

        var quarter = QuarterPattern().Match(text);
        if (quarter.Success)
        {
            var q = "一二三四1234".IndexOf(quarter.Groups[1].Value[0], StringComparison.Ordinal) % 4 + 1;
            return Quarter(new DateOnly(today.Year, q * 3 - 2, 1)) with { Label = $"第{"一二三四"[q - 1]}季度" };
        }

        if (text.Contains("本季", StringComparison.Ordinal) || text.Contains("这个季度", StringComparison.Ordinal))
        {
            return Quarter(today);
        }

        if (text.Contains("上半年", StringComparison.Ordinal))
        {
            return HalfYear(new DateOnly(today.Year, 1, 1));
        }

        if (text.Contains("下半年", StringComparison.Ordinal))
        {
            return HalfYear(new DateOnly(today.Year, 7, 1));
        }

        if (text.Contains("本月", StringComparison.Ordinal) || text.Contains("这个月", StringComparison.Ordinal))
        {
            return Month(today);
        }

        if (text.Contains("今年", StringComparison.Ordinal) || text.Contains("全年", StringComparison.Ordinal) || text.Contains("本年", StringComparison.Ordinal))
        {
            return Year(today.Year) with { Label = "今年" };
        }

        return null;
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    private static readonly string[] ChineseMonths = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

    [GeneratedRegex(@"(十一|十二|[一二三四五六七八九十])月份?(?!\d)")]
    private static partial Regex ChineseMonthPattern();

    [GeneratedRegex(@"^(?<y>\d{4})(?:[Qq](?<q>\d)|-?(?<m>\d{1,2})|[Hh](?<h>[12]))?$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"(\d{1,2})月份?")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"(?:第)?([一二三四1234])季度")]
    private static partial Regex QuarterPattern();
}
