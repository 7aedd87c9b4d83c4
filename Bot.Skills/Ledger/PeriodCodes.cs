using System.Globalization;
using Bot.Skills.Calendar;

namespace Bot.Skills.Ledger;

/// <summary>Codes (2026Q2, 2026-06, 2026H1, 2026) and full Chinese names of periods, the inverse of <see cref="Period.ParseCode"/>.</summary>
public static class PeriodCodes
{
    /// <summary>The code of a month, quarter, half year or year; other ranges become <c>yyyyMMdd-yyyyMMdd</c>.</summary>
    public static string Of(Period period) => period.Kind switch
    {
        "month" => period.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        "quarter" => $"{period.Start.Year.ToString(CultureInfo.InvariantCulture)}Q{((period.Start.Month - 1) / 3 + 1).ToString(CultureInfo.InvariantCulture)}",
        "half_year" => $"{period.Start.Year.ToString(CultureInfo.InvariantCulture)}H{(period.Start.Month <= 6 ? "1" : "2")}",
        "year" => period.Start.Year.ToString(CultureInfo.InvariantCulture),
        _ => $"{period.Start.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{period.End.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
    };

    /// <summary>A name that does not depend on today: 2026年6月, 2026年第二季度, 2026年上半年, 2026年.</summary>
    public static string Describe(Period period)
    {
        var year = period.Start.Year.ToString(CultureInfo.InvariantCulture);
        return period.Kind switch
        {
            "month" => $"{year}年{period.Start.Month.ToString(CultureInfo.InvariantCulture)}月",
            "quarter" => $"{year}年第{"一二三四"[(period.Start.Month - 1) / 3]}季度",
            "half_year" => $"{year}年{(period.Start.Month <= 6 ? "上" : "下")}半年",
            "year" => $"{year}年",
            _ => $"{Date(period.Start)}至{Date(period.End)}",
        };
    }

    /// <summary>A business date as the ledger and the dashboard print it.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The periods offered for a plan year: the year, its halves, quarters and months.</summary>
    public static IReadOnlyList<Period> Choices(int year)
    {
        var list = new List<Period> { Period.Year(year) };
        list.Add(Period.HalfYear(new DateOnly(year, 1, 1)));
        list.Add(Period.HalfYear(new DateOnly(year, 7, 1)));
        for (var q = 0; q < 4; q++)
        {
            list.Add(Period.Quarter(new DateOnly(year, q * 3 + 1, 1)));
        }

        for (var m = 1; m <= 12; m++)
        {
            list.Add(Period.Month(new DateOnly(year, m, 1)));
        }

        return list;
    }
}
