using System.Globalization;

namespace Bot.Skills.Calendar;

/// <summary>
/// The Chinese working-day calendar: Monday–Friday are working days except statutory holidays, and some weekend
/// days are working days (调休上班). Holidays come from data files, one per year (<c>seeds/holidays/YYYY.txt</c>).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, (bool Working, string Name)> _exceptions;

    public WorkingCalendar(IEnumerable<(DateOnly Date, bool Working, string Name)> exceptions)
    {
        _exceptions = [];
        foreach (var (date, working, name) in exceptions)
        {
            _exceptions[date] = (working, name);
        }

        Years = _exceptions.Keys.Select(d => d.Year).Distinct().Order().ToList();
    }

    /// <summary>Years that have holiday data.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>A calendar with weekends only (no holiday data).</summary>
    public static WorkingCalendar WeekendsOnly { get; } = new([]);

    public bool IsWorkingDay(DateOnly date) =>
        _exceptions.TryGetValue(date, out var exception)
            ? exception.Working
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The holiday name (元旦, 春节 …) of a day off, or null.</summary>
    public string? HolidayName(DateOnly date) =>
        _exceptions.TryGetValue(date, out var exception) && !exception.Working ? exception.Name : null;

    /// <summary>Moves by <paramref name="days"/> working days (negative: backwards). Zero returns the date itself.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = Math.Sign(days);
        var remaining = Math.Abs(days);
        var current = date;
        while (remaining > 0)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    /// <summary>Working days in (from, to]: how many working days from <paramref name="from"/> until <paramref name="to"/>; negative when to &lt; from.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first working day on or after <paramref name="date"/>.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date)
    {
        var d = date;
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(1);
        }

        return d;
    }

    /// <summary>The last working day on or before <paramref name="date"/>.</summary>
    public DateOnly OnOrPreviousWorkingDay(DateOnly date)
    {
        var d = date;
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    public DateOnly FirstWorkingDayOfMonth(int year, int month) => OnOrNextWorkingDay(new DateOnly(year, month, 1));

    public DateOnly LastWorkingDayOfMonth(int year, int month) =>
        OnOrPreviousWorkingDay(new DateOnly(year, month, DateTime.DaysInMonth(year, month)));

    /// <summary>Loads every <c>YYYY.txt</c> file of a folder (lines: <c>YYYY-MM-DD holiday|workday name</c>, <c>#</c> comments).</summary>
    public static WorkingCalendar LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return WeekendsOnly;
        }

        var entries = new List<(DateOnly, bool, string)>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            entries.AddRange(Parse(File.ReadLines(file), Path.GetFileName(file)));
        }

        return new WorkingCalendar(entries);
    }

    /// <summary>Parses holiday lines; a malformed line fails with its file and line number.</summary>
    public static IEnumerable<(DateOnly Date, bool Working, string Name)> Parse(IEnumerable<string> lines, string source)
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 ||
                !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ||
                parts[1] is not ("holiday" or "workday"))
            {
                throw new FormatException($"节假日文件格式错误 / bad holiday line {source}:{number}: {raw}");
            }

            yield return (date, parts[1] == "workday", parts.Length > 2 ? parts[2] : "");
        }
    }
}
