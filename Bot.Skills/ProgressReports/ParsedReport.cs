namespace Bot.Skills.ProgressReports;

/// <summary>The five kinds of message (DESIGN.md, annotation guide).</summary>
public static class ReportKinds
{
    public const string Report = "report";
    public const string Correction = "correction";
    public const string Query = "query";
    public const string Command = "command";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Report, Correction, Query, Command, Other];
}

/// <summary>The main kinds of work a report is about.</summary>
public static class Activities
{
    public const string Research = "调研";
    public const string Investment = "招商";
    public const string Project = "项目";
    public const string RiverChief = "河长";
    public const string Training = "培训";
    public const string Publicity = "宣传";
    public const string Livelihood = "民生";
    public const string Battle = "攻坚";
    public const string Meeting = "会议";
    public const string Other = "其他";

    public static readonly IReadOnlyList<string> All =
        [Research, Investment, Project, RiverChief, Training, Publicity, Livelihood, Battle, Meeting, Other];

    public static bool IsKnown(string? activity)
    {
        if (activity is null)
        {
            return false;
        }

        foreach (var a in All)
        {
            if (string.Equals(a, activity, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Where a record came from.</summary>
public static class ReportSources
{
    public const string Rules = "rules";
    public const string Llm = "llm";
}

/// <summary>Names of the fields listed in <see cref="ParsedReport.Missing"/>.</summary>
public static class ReportFields
{
    public const string Date = "date";
    public const string Action = "action";
    public const string Activity = "activity";
    public const string Photos = "photos";
}

/// <summary>
/// The canonical record of a message (DESIGN.md "Report understanding"). Only <c>report</c> records carry fields;
/// for the other kinds they are null, empty or 0.
/// </summary>
public sealed record ParsedReport
{
    private static readonly string[] None = [];

    /// <summary>report, correction, query, command or other (<see cref="ReportKinds"/>).</summary>
    public required string Kind { get; init; }

    /// <summary>The plan action (1..N) the work serves, or null.</summary>
    public int? Action { get; init; }

    /// <summary>One of <see cref="Activities.All"/>, or null for non-reports.</summary>
    public string? Activity { get; init; }

    /// <summary>The day the work happened (Asia/Shanghai), null when no specific day is given.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The last day of a range or list of days, otherwise null.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Persons doing the work, lead first, without titles; the sender when nobody is named.</summary>
    public IReadOnlyList<string> People { get; init; } = None;

    /// <summary>Places visited or worked on, as written.</summary>
    public IReadOnlyList<string> Places { get; init; } = None;

    /// <summary>Government units involved, normalised to their roster names.</summary>
    public IReadOnlyList<string> Units { get; init; } = None;

    /// <summary>Counters by canonical key (<see cref="MetricKeys"/>), in canonical order.</summary>
    public ReportMetrics Metrics { get; init; } = ReportMetrics.Empty;

    /// <summary>Pictures sent with the report.</summary>
    public int Photos { get; init; }

    /// <summary>How sure the producer is, 0..1.</summary>
    public double Confidence { get; init; }

    /// <summary>Fields worth asking the sender about (<see cref="ReportFields"/>).</summary>
    public IReadOnlyList<string> Missing { get; init; } = None;

    /// <summary><c>rules</c> or <c>llm</c>.</summary>
    public string Source { get; init; } = ReportSources.Rules;

    public bool IsReport => string.Equals(Kind, ReportKinds.Report, StringComparison.Ordinal);

    /// <summary>A record for a non-report kind: every field empty.</summary>
    public static ParsedReport NonReport(string kind, double confidence) => new() { Kind = kind, Confidence = confidence };
}
