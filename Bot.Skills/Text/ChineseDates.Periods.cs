using System.Text.RegularExpressions;
using Bot.Skills.Calendar;

namespace Bot.Skills.Text;

/// <summary>The period words of questions: one of the three readings of <see cref="ChineseDates"/>.</summary>
public sealed partial class ChineseDates
{
    /// <summary>
    /// The period a question names (今天, 本周, 上周, 本月, 上月, 5月份, 十一月, 本季度, 二季度, 上季度, 上半年,
    /// 今年/全年, 截至目前) relative to <paramref name="today"/>, or null when none is named.
    /// </summary>
    public static Period? PeriodIn(string text, DateOnly today)
    {
        if (text.Contains("今天", StringComparison.Ordinal) || text.Contains("今日", StringComparison.Ordinal))
        {
            return new Period(today, today, "今天", "day");
        }

        if (text.Contains("上季度", StringComparison.Ordinal) || text.Contains("上个季度", StringComparison.Ordinal) || text.Contains("上一季度", StringComparison.Ordinal))
        {
            var previous = Period.Quarter(today).Start.AddMonths(-3);
            return Period.Quarter(previous) with { Label = "上季度" };
        }

        if (text.Contains("截至目前", StringComparison.Ordinal) || text.Contains("截止目前", StringComparison.Ordinal) || text.Contains("至今", StringComparison.Ordinal) ||
            text.Contains("到目前", StringComparison.Ordinal))
        {
            return Period.Year(today.Year) with { End = today, Label = "截至目前" };
        }

        var chineseMonth = ChineseMonthPattern().Match(text);
        if (chineseMonth.Success)
        {
            var cm = ChineseNumerals.Parse(chineseMonth.Groups[1].Value) ?? 1;
            return Period.Month(new DateOnly(today.Year, cm, 1)) with { Label = $"{cm}月" };
        }

        if (text.Contains("上周", StringComparison.Ordinal))
        {
            return Period.Week(today.AddDays(-7)) with { Label = "上周" };
        }

        if (text.Contains("本周", StringComparison.Ordinal) || text.Contains("这周", StringComparison.Ordinal))
        {
            return Period.Week(today);
        }

        if (text.Contains("上月", StringComparison.Ordinal) || text.Contains("上个月", StringComparison.Ordinal))
        {
            return Period.Month(today.AddMonths(-1)) with { Label = "上月" };
        }

        var month = MonthPattern().Match(text);
        if (month.Success && ChineseNumerals.Parse(month.Groups[1].Value) is int m && m is >= 1 and <= 12)
        {
            return Period.Month(new DateOnly(today.Year, m, 1)) with { Label = $"{m}月" };
        }

        var quarter = QuarterPattern().Match(text);
        if (quarter.Success)
        {
            var q = ChineseNumerals.Parse(quarter.Groups[1].Value) ?? 1;
            return Period.Quarter(new DateOnly(today.Year, q * 3 - 2, 1)) with { Label = $"第{"一二三四"[q - 1]}季度" };
        }

        if (text.Contains("本季", StringComparison.Ordinal) || text.Contains("这个季度", StringComparison.Ordinal))
        {
            return Period.Quarter(today);
        }

        if (text.Contains("上半年", StringComparison.Ordinal))
        {
            return Period.HalfYear(new DateOnly(today.Year, 1, 1));
        }

        if (text.Contains("下半年", StringComparison.Ordinal))
        {
            return Period.HalfYear(new DateOnly(today.Year, 7, 1));
        }

        if (text.Contains("本月", StringComparison.Ordinal) || text.Contains("这个月", StringComparison.Ordinal))
        {
            return Period.Month(today);
        }

        if (text.Contains("今年", StringComparison.Ordinal) || text.Contains("全年", StringComparison.Ordinal) || text.Contains("本年", StringComparison.Ordinal))
        {
            return Period.Year(today.Year) with { Label = "今年" };
        }

        return null;
    }

    [GeneratedRegex(@"(十一|十二|[一二三四五六七八九十])月份?(?!\d)")]
    private static partial Regex ChineseMonthPattern();

    [GeneratedRegex(@"(\d{1,2})月份?")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"(?:第)?([一二三四1234])季度")]
    private static partial Regex QuarterPattern();
}
