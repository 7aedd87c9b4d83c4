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
    /// or null when none is named; read by the text kit's one date reader (<see cref="ChineseDates.PeriodIn"/>).
    /// </summary>
    public static Period? FromText(string text, DateOnly today) => ChineseDates.PeriodIn(text, today);

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    [GeneratedRegex(@"^(?<y>\d{4})(?:[Qq](?<q>\d)|-?(?<m>\d{1,2})|[Hh](?<h>[12]))?$")]
    private static partial Regex CodePattern();

}
