namespace Bot.Skills.Calendar;

/// <summary>Calendar settings of the <c>Schedule</c> section.</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Schedule";

    /// <summary>Folder of the holiday files (<c>YYYY.txt</c>), relative to the content root.</summary>
    public string HolidaysDirectory { get; set; } = "seeds/holidays";
}
