namespace Bot.Skills.Calendar;

/// <summary>Business dates are Asia/Shanghai; timestamps are UTC. This turns one into the other.</summary>
public sealed class BusinessClock(TimeProvider time)
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Shanghai);

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Shanghai).DateTime);

    /// <summary>The UTC instant at which a Shanghai date begins.</summary>
    public static DateTimeOffset StartOf(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Shanghai.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
}
