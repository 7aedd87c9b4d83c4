using System.Text.RegularExpressions;
using Bot.Data.Plans;

namespace Bot.Skills.Text;

/// <summary>A date window in the plan year. <see cref="Start"/> is null for a pure deadline ("6月底前").</summary>
public readonly record struct DateWindow(DateOnly? Start, DateOnly End);

/// <summary>
/// The meaning of one date expression: zero or more windows (several for "7月和11月"), a recurrence for
/// 每月/每季度/旬 …, and where the expression sits in the text it was read from.
/// </summary>
public sealed record DateSpec(IReadOnlyList<DateWindow> Windows, string? Recurrence, int Index, int Length, bool IsDeadline)
{
    /// <summary>The earliest start of all windows (null for a deadline).</summary>
    public DateOnly? Start => Windows.Count == 0 || Windows.Any(w => w.Start is null) ? null : Windows.Min(w => w.Start);

    /// <summary>The latest end of all windows.</summary>
    public DateOnly? End => Windows.Count == 0 ? null : Windows.Max(w => w.End);
}

/// <summary>
/// The one date reader of the text kit, with three readings over one vocabulary (recurrence and cadence words,
/// month/day/quarter numerals through <see cref="ChineseNumerals"/>):
/// <list type="bullet">
/// <item>plan windows (this file, an instance for a plan year): see below;</item>
/// <item>work days of report messages (<see cref="FindWorkDay"/>, <c>ChineseDates.Days.cs</c>): 5月12日, 昨天, 上周三,
/// ranges and lists, relative to the day the message was sent;</item>
/// <item>period words of questions (<see cref="PeriodIn"/>, <c>ChineseDates.Periods.cs</c>): 本月, 上季度, 5月份, 上半年.</item>
/// </list>
/// Reads the month/旬/quarter vocabulary of Chinese plan documents into date windows of the plan year:
/// <c>5月下旬</c> → 05-21..05-31, <c>6、7月</c> → 06-01..07-31, <c>第二季度</c> → 04-01..06-30,
/// <c>10月下旬至12月下旬</c> → 10-21..12-31, <c>7月和11月</c> → two windows, <c>6月底前</c> → a deadline,
/// <c>每季度</c> → a recurrence. A year written in the document (2018年) is shifted by the difference between the
/// document's own year and the plan year.
/// </summary>
public sealed partial class ChineseDates(int year, int? sourceYear = null)
{
    private const string Month = "(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])";
    private const string MonthPart = "(?:上中旬|中下旬|上旬|中旬|下旬|上半月|下半月|初|中(?![央国华心共期])|底|末)";
    private const string DayNumber = "(?:3[01]|[12]\\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])";

    private static readonly HashSet<char> StartChars = [.. "0123456789一二三四五六七八九十两第每按上下全年前长持常次翌明"];

    public int Year { get; } = year;

    public int? SourceYear { get; } = sourceYear;

    /// <summary>A date expression at the start of <paramref name="text"/> (after 在/于/从/自), or null.</summary>
    public DateSpec? ParseLeading(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var prefix = LeadingPrefix().Match(text);
        return ParseAt(text, prefix.Success ? prefix.Length : 0);
    }

    /// <summary>The first date expression anywhere in <paramref name="text"/>, or null.</summary>
    public DateSpec? Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!StartChars.Contains(text[i]) || (i > 0 && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i])))
            {
                continue;
            }

            if (ParseAt(text, i) is { } spec)
            {
                return spec;
            }
        }

        return null;
    }

    /// <summary>A date expression starting exactly at <paramref name="index"/>, or null.</summary>
    public DateSpec? ParseAt(string text, int index)
    {
        if (index < 0 || index >= text.Length)
        {
            return null;
        }

        var position = index;
        var windows = new List<DateWindow>();
        string? recurrence = null;
        int? lastMonth = null;
        var lastYear = Year;

        var first = ReadAtom(text, position, lastMonth, lastYear);
        if (first is null)
        {
            return null;
        }

        Apply(first);
        while (position < text.Length)
        {
            var range = RangeConnector().Match(text, position);
            if (range.Success && ReadAtom(text, position + range.Length, lastMonth, lastYear) is { Windows.Count: > 0 } next && windows.Count > 0)
            {
                var start = windows[^1].Start;
                var end = next.Windows[^1].End;
                if (start is DateOnly s && end < s)
                {
                    end = end.AddYears(1);
                }

                windows[^1] = new DateWindow(start, end);
                position = next.End;
                lastMonth = next.LastMonth;
                lastYear = next.LastYear;
                continue;
            }

            var list = ListConnector().Match(text, position);
            if (list.Success && ReadAtom(text, position + list.Length, lastMonth, lastYear) is { } item && (item.Windows.Count > 0) == (windows.Count > 0))
            {
                Apply(item);
                continue;
            }

            break;
        }

        var deadline = false;
        var suffix = DeadlineSuffix().Match(text, position);
        if (suffix.Success && windows.Count > 0)
        {
            deadline = true;
            windows[^1] = new DateWindow(null, windows[^1].End);
            position += suffix.Length;
        }
        else if (windows.Count > 0 && RecurrenceAtom().Match(text, position) is { Success: true } adjacent)
        {
            recurrence = RecurrenceOf(adjacent.Groups["r"].Value);
            position += adjacent.Length;
        }

        return new DateSpec(windows, recurrence, index, position - index, deadline);

        void Apply(Atom atom)
        {
            windows.AddRange(atom.Windows);
            recurrence ??= atom.Recurrence;
            position = atom.End;
            lastMonth = atom.LastMonth ?? lastMonth;
            lastYear = atom.LastYear;
        }
    }

    /// <summary>The whole plan year.</summary>
    public DateWindow WholeYear() => new(new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31));

    /// <summary>The cadence a text names (每月 → month, 每个季度 → quarter, 每半年 → half_year), if any.</summary>
    public static string? RecurrenceIn(string text)
    {
        var m = Cadence().Match(text);
        return m.Success ? RecurrenceOf(m.Groups["r"].Value) : null;
    }

    /// <summary>每 + a period (每月, 每个季度, 每半个月 …); the period word is the group <c>r</c>.</summary>
    [GeneratedRegex(@"每个?(?<r>半个?月|天|日|周|星期|旬|月|季度|季|半年|年)")]
    internal static partial Regex Cadence();

    /// <summary>Maps a recurrence word (月, 季度, 半月 …) to a <see cref="Recurrences"/> value.</summary>
    public static string? RecurrenceOf(string word) => word switch
    {
        "天" or "日" => Recurrences.Daily,
        "周" or "星期" => Recurrences.Weekly,
        "半月" or "半个月" => Recurrences.HalfMonthly,
        "旬" => Recurrences.TenDays,
        "月" => Recurrences.Monthly,
        "季度" or "季" => Recurrences.Quarterly,
        "半年" => Recurrences.HalfYearly,
        "年" or "全年" or "年度" => Recurrences.Yearly,
        _ => null,
    };

    private Atom? ReadAtom(string text, int position, int? lastMonth, int lastYear)
    {
        if (position >= text.Length)
        {
            return null;
        }

        var y = lastYear;
        var start = position;
        var yearPrefix = YearPrefix().Match(text, position);
        var hasYear = false;
        if (yearPrefix.Success)
        {
            y = yearPrefix.Groups["y"].Success
                ? MapYear(int.Parse(yearPrefix.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : Year + 1;
            if (y is < 1 or > 9998)
            {
                return null;
            }

            position += yearPrefix.Length;
            hasYear = true;
        }

        Match m;
        if (hasYear && (m = YearEnd().Match(text, position)).Success)
        {
            var w = m.Value switch
            {
                "初" => Window(y, 1, 1, y, 1, 31),
                "内" or "度内" => Window(y, 1, 1, y, 12, 31),
                _ => Window(y, 12, 1, y, 12, 31),
            };
            return new Atom([w], null, position + m.Length, 12, y);
        }

        if (!hasYear && (m = RecurrenceAtom().Match(text, position)).Success)
        {
            return new Atom([], RecurrenceOf(m.Groups["r"].Value), position + m.Length, lastMonth, y);
        }

        if ((m = YearPart().Match(text, position)).Success)
        {
            DateWindow w = m.Groups["p"].Value switch
            {
                "上半年" or "前两季度" or "前两个季度" or "前二季度" => Window(y, 1, 1, y, 6, 30),
                "下半年" => Window(y, 7, 1, y, 12, 31),
                "年底" or "年末" or "年终" => Window(y, 12, 1, y, 12, 31),
                "年初" => Window(y, 1, 1, y, 1, 31),
                "年中" => Window(y, 6, 1, y, 7, 31),
                "前三季度" or "前三个季度" => Window(y, 1, 1, y, 9, 30),
                _ => Window(y, 1, 1, y, 12, 31),
            };
            return new Atom([w], null, position + m.Length, w.End.Month, y);
        }

        if ((m = QuarterList().Match(text, position)).Success)
        {
            var quarters = QuarterNumbers(m.Groups["q"].Value, out var isRange);
            if (quarters.Count == 0)
            {
                return null;
            }

            var part = m.Groups["qp"].Value;
            var windows = isRange || IsContiguous(quarters)
                ? [QuarterWindow(y, quarters[0], quarters[^1], part)]
                : quarters.Select(q => QuarterWindow(y, q, q, part)).ToList();
            return new Atom(windows, null, position + m.Length, quarters[^1] * 3, y);
        }

        if ((m = MonthList().Match(text, position)).Success)
        {
            var months = ListNumbers(m.Groups["ms"].Value);
            if (RangeWord().IsMatch(m.Groups["ms"].Value) && months.Count >= 2 && months[0] <= months[^1])
            {
                months = Enumerable.Range(months[0], months[^1] - months[0] + 1).ToList();
            }

            if (months.Count == 0 || months.Any(x => x is < 1 or > 12))
            {
                return null;
            }

            var part = m.Groups["mp"].Value;
            var windows = IsContiguous(months)
                ? [new DateWindow(MonthWindow(y, months[0], part, null).Start, MonthWindow(y, months[^1], part, null).End)]
                : months.Select(x => MonthWindow(y, x, part, null)).ToList();
            return new Atom(windows, null, position + m.Length, months[^1], y);
        }

        if ((m = SingleMonth().Match(text, position)).Success)
        {
            var month = ChineseNumerals.Parse(m.Groups["m"].Value);
            int? day = m.Groups["d"].Success ? ChineseNumerals.Parse(m.Groups["d"].Value) : null;
            if (month is not (>= 1 and <= 12) || (day is int dd && (dd < 1 || dd > DateTime.DaysInMonth(y, month.Value))))
            {
                return null;
            }

            return new Atom([MonthWindow(y, month.Value, m.Groups["mp"].Value, day)], null, position + m.Length, month, y);
        }

        if (lastMonth is int lm && !hasYear && (m = DayOnly().Match(text, position)).Success)
        {
            var day = ChineseNumerals.Parse(m.Groups["d"].Value);
            if (day is int d && d >= 1 && d <= DateTime.DaysInMonth(y, lm))
            {
                var date = new DateOnly(y, lm, d);
                return new Atom([new DateWindow(date, date)], null, position + m.Length, lm, y);
            }

            return null;
        }

        if (!hasYear && (m = Ongoing().Match(text, position)).Success)
        {
            return new Atom([WholeYear()], null, position + m.Length, 12, y);
        }

        if (hasYear && start == position - yearPrefix.Length && yearPrefix.Groups["y"].Success)
        {
            // A bare year ("2018年") is the whole year.
            return new Atom([Window(y, 1, 1, y, 12, 31)], null, position, 12, y);
        }

        return null;
    }

    private int MapYear(int written) => SourceYear is int source ? Year + (written - source) : written;

    private static DateWindow Window(int y1, int m1, int d1, int y2, int m2, int d2) =>
        new(new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2));

    private static DateWindow QuarterWindow(int y, int firstQuarter, int lastQuarter, string part)
    {
        var startMonth = ((firstQuarter - 1) * 3) + 1;
        var endMonth = lastQuarter * 3;
        if (part is "末" or "底")
        {
            startMonth = endMonth;
        }
        else if (part == "初")
        {
            endMonth = startMonth;
        }

        return new DateWindow(new DateOnly(y, startMonth, 1), new DateOnly(y, endMonth, DateTime.DaysInMonth(y, endMonth)));
    }

    private static DateWindow MonthWindow(int y, int month, string part, int? day)
    {
        var last = DateTime.DaysInMonth(y, month);
        if (day is int d)
        {
            var date = new DateOnly(y, month, d);
            return new DateWindow(date, date);
        }

        var (from, to) = part switch
        {
            "上旬" or "初" => (1, 10),
            "中旬" or "中" => (11, 20),
            "下旬" or "底" or "末" => (21, last),
            "上中旬" => (1, 20),
            "中下旬" => (11, last),
            "上半月" => (1, 15),
            "下半月" => (16, last),
            _ => (1, last),
        };
        return new DateWindow(new DateOnly(y, month, from), new DateOnly(y, month, to));
    }

    private static List<int> ListNumbers(string text) =>
        NumberToken().Matches(text).Select(x => ChineseNumerals.Parse(x.Value) ?? 0).ToList();

    private static List<int> QuarterNumbers(string text, out bool isRange)
    {
        isRange = RangeWord().IsMatch(text);
        var numbers = ListNumbers(text).Where(q => q is >= 1 and <= 4).ToList();
        if (isRange && numbers.Count >= 2)
        {
            return Enumerable.Range(numbers[0], Math.Max(1, numbers[^1] - numbers[0] + 1)).ToList();
        }

        return numbers;
    }

    private static bool IsContiguous(List<int> values)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] != values[i - 1] + 1)
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Atom(List<DateWindow> Windows, string? Recurrence, int End, int? LastMonth, int LastYear);

    [GeneratedRegex(@"^\s*(?:截至|截止到?|从|自|在|于)?\s*")]
    private static partial Regex LeadingPrefix();

    [GeneratedRegex(@"\G\s*(?:至|到|—+|－|-|~|～)\s*")]
    private static partial Regex RangeConnector();

    [GeneratedRegex(@"\G\s*(?:、|以及|和|及|与)\s*")]
    private static partial Regex ListConnector();

    [GeneratedRegex(@"\G\s*(?:以前|之前|前)")]
    private static partial Regex DeadlineSuffix();

    [GeneratedRegex(@"\G(?:(?<y>(?:19|20)\d{2})\s*年|(?:次年|翌年|第二年|明年))")]
    private static partial Regex YearPrefix();

    [GeneratedRegex(@"\G(?:底|末|终|初|度内|内)")]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"\G(?:每个?|按)(?<r>半个?月|天|日|周|星期|旬|月|季度|季|半年|年)(?:度)?")]
    private static partial Regex RecurrenceAtom();

    [GeneratedRegex(@"\G(?<p>上半年|下半年|全年|年内|年底|年末|年终|年初|年中|前三个?季度|前两个?季度|前二季度)")]
    private static partial Regex YearPart();

    [GeneratedRegex(@"\G第?(?<q>[一二三四1-4](?:\s*(?:、|，|,|和|及|与|至|到|-|—|～|~)\s*第?[一二三四1-4])*)\s*个?季度(?<qp>末|底|初)?")]
    private static partial Regex QuarterList();

    [GeneratedRegex(@"\G(?<ms>" + Month + @"(?:\s*(?:[、，,和及与\-—～~]|至|到)\s*" + Month + @")+)\s*月份?(?<mp>" + MonthPart + ")?")]
    private static partial Regex MonthList();

    [GeneratedRegex(@"\G(?<m>" + Month + @")\s*月份?(?<mp>" + MonthPart + @")?(?:(?<d>" + DayNumber + @")\s*[日号])?")]
    private static partial Regex SingleMonth();

    [GeneratedRegex(@"\G(?<d>" + DayNumber + @")\s*[日号]")]
    private static partial Regex DayOnly();

    [GeneratedRegex(@"\G(?:长期|持续|常态化)")]
    private static partial Regex Ongoing();

    [GeneratedRegex(@"1[0-2]|\d|十[一二]?|[一二三四五六七八九]")]
    private static partial Regex NumberToken();

    [GeneratedRegex("[至到\\-—～~]")]
    private static partial Regex RangeWord();
}
