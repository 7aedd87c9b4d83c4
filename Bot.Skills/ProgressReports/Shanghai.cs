namespace Bot.Skills.ProgressReports;

/// <summary>Business time: every date the bot reasons about is a day in Asia/Shanghai.</summary>
public static class Shanghai
{
    private static readonly TimeZoneInfo? Zone = Find();

    /// <summary>The instant as a wall-clock time in Asia/Shanghai.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) =>
        Zone is null ? instant.ToOffset(TimeSpan.FromHours(8)) : TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Asia/Shanghai calendar day of the instant.</summary>
    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>A wall-clock time without offset read as Asia/Shanghai time.</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var offset = Zone?.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)) ?? TimeSpan.FromHours(8);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset);
    }

    private static TimeZoneInfo? Find()
    {
        foreach (var id in new[] { "Asia/Shanghai", "China Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (TimeZoneNotFoundException)
            {
            }
            catch (InvalidTimeZoneException)
            {
            }
        }

        // No tz database: China has kept UTC+8 without daylight saving since 1991.
        return null;
    }
}
