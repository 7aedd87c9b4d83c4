using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Skills.ProgressReports;

namespace Bot.Tests.Support;

/// <summary>One annotated message of a corpus file (the format of the annotation guide).</summary>
public sealed record CorpusCase(string Id, ReportMessage Message, ExpectedRecord Expected, string Line);

/// <summary>The expected record of a corpus case.</summary>
public sealed record ExpectedRecord(
    string Kind, int? Action, string? Activity, DateOnly? Date, DateOnly? EndDate,
    IReadOnlyList<string> People, IReadOnlyList<string> Places, IReadOnlyList<string> Units,
    IReadOnlyDictionary<string, double> Metrics, int Photos);

/// <summary>Loads corpus files and scores the parser on them per field (the accuracy measure of issue 4).</summary>
public static class Corpus
{
    /// <summary>A file of TestData/corpus, or of Corpus/ (the fresh batches of issue 15) when it is there.</summary>
    public static string PathOf(string name)
    {
        var fresh = Path.Combine(AppContext.BaseDirectory, "Corpus", name);
        return File.Exists(fresh) ? fresh : Path.Combine(AppContext.BaseDirectory, "TestData", "corpus", name);
    }

    public static IReadOnlyList<CorpusCase> Load(string name)
    {
        var cases = new List<CorpusCase>();
        foreach (var line in File.ReadLines(PathOf(name)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var input = root.GetProperty("input");
            var message = new ReportMessage(
                input.GetProperty("text").GetString()!,
                input.GetProperty("sender").GetString()!,
                DateTimeOffset.Parse(input.GetProperty("sent_at").GetString()!, CultureInfo.InvariantCulture),
                input.TryGetProperty("images", out var images) ? images.GetInt32() : 0);
            var e = root.GetProperty("expected");
            var expected = new ExpectedRecord(
                e.GetProperty("kind").GetString()!,
                e.GetProperty("action").ValueKind == JsonValueKind.Number ? e.GetProperty("action").GetInt32() : null,
                e.GetProperty("activity").GetString(),
                Date(e.GetProperty("date")),
                Date(e.GetProperty("end_date")),
                Strings(e.GetProperty("people")),
                Strings(e.GetProperty("places")),
                Strings(e.GetProperty("units")),
                e.GetProperty("metrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal),
                e.GetProperty("photos").GetInt32());
            cases.Add(new CorpusCase(root.GetProperty("id").GetString()!, message, expected, line));
        }

        return cases;
    }

    private static DateOnly? Date(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? DateOnly.Parse(e.GetString()!, CultureInfo.InvariantCulture) : null;

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];
}

/// <summary>
/// Per-field scores of a parser over a corpus. kind over all messages; activity, action, date (date and end_date),
/// lead person (people[0]) over the expected reports; places and units as recall over the expected names; metrics as
/// F1 over key=value pairs. Overall = the mean of the eight.
/// </summary>
public sealed class CorpusScore
{
    private readonly List<string> _mismatches = [];

    public double Kind { get; private init; }
    public double Activity { get; private init; }
    public double Action { get; private init; }
    public double Date { get; private init; }
    public double LeadPerson { get; private init; }
    public double PlacesRecall { get; private init; }

    /// <summary>Places found that the annotation names (not part of <see cref="Overall"/>, which stays comparable).</summary>
    public double PlacesPrecision { get; private init; }
    public double UnitsRecall { get; private init; }
    public double MetricsF1 { get; private init; }
    public int Messages { get; private init; }
    public int Reports { get; private init; }

    public double Overall => (Kind + Activity + Action + Date + LeadPerson + PlacesRecall + UnitsRecall + MetricsF1) / 8;

    public IReadOnlyList<string> Mismatches => _mismatches;

    public static CorpusScore Of(IReadOnlyList<CorpusCase> cases, Func<ReportMessage, ParsedReport> parse)
    {
        int kind = 0, reports = 0, activity = 0, action = 0, date = 0, lead = 0;
        int placesExpected = 0, placesHit = 0, placesActual = 0, unitsExpected = 0, unitsHit = 0, metricsExpected = 0, metricsActual = 0, metricsHit = 0;
        var mismatches = new List<string>();
        foreach (var c in cases)
        {
            var r = parse(c.Message);
            var e = c.Expected;
            var problems = new List<string>();
            if (string.Equals(r.Kind, e.Kind, StringComparison.Ordinal)) { kind++; } else { problems.Add($"kind {r.Kind}≠{e.Kind}"); }
            if (!string.Equals(e.Kind, ReportKinds.Report, StringComparison.Ordinal))
            {
                Report(mismatches, c, problems);
                continue;
            }

            reports++;
            if (string.Equals(r.Activity, e.Activity, StringComparison.Ordinal)) { activity++; } else { problems.Add($"activity {r.Activity}≠{e.Activity}"); }
            if (r.Action == e.Action) { action++; } else { problems.Add($"action {r.Action}≠{e.Action}"); }
            if (r.Date == e.Date && r.EndDate == e.EndDate) { date++; } else { problems.Add($"date {r.Date}..{r.EndDate}≠{e.Date}..{e.EndDate}"); }
            var rl = r.People.Count > 0 ? r.People[0] : null;
            var el = e.People.Count > 0 ? e.People[0] : null;
            if (string.Equals(rl, el, StringComparison.Ordinal)) { lead++; } else { problems.Add($"lead {rl}≠{el}"); }

            placesExpected += e.Places.Count;
            var ph = e.Places.Count(p => r.Places.Contains(p, StringComparer.Ordinal));
            placesHit += ph;
            placesActual += r.Places.Count;
            if (ph < e.Places.Count || r.Places.Count > ph) { problems.Add($"places [{string.Join(",", r.Places)}]≠[{string.Join(",", e.Places)}]"); }

            unitsExpected += e.Units.Count;
            var uh = e.Units.Count(u => r.Units.Contains(u, StringComparer.Ordinal));
            unitsHit += uh;
            if (uh < e.Units.Count || r.Units.Count > uh) { problems.Add($"units [{string.Join(",", r.Units)}]≠[{string.Join(",", e.Units)}]"); }

            metricsExpected += e.Metrics.Count;
            metricsActual += r.Metrics.Count;
            var mh = e.Metrics.Count(m => r.Metrics.TryGetValue(m.Key, out var v) && Math.Abs(v - m.Value) < 1e-9);
            metricsHit += mh;
            if (mh < e.Metrics.Count || r.Metrics.Count > mh)
            {
                problems.Add($"metrics {r.Metrics}≠{{{string.Join(", ", e.Metrics.Select(m => m.Key + "=" + m.Value.ToString(CultureInfo.InvariantCulture)))}}}");
            }

            Report(mismatches, c, problems);
        }

        var precision = metricsActual == 0 ? 1 : (double)metricsHit / metricsActual;
        var recall = metricsExpected == 0 ? 1 : (double)metricsHit / metricsExpected;
        var score = new CorpusScore
        {
            Messages = cases.Count,
            Reports = reports,
            Kind = Ratio(kind, cases.Count),
            Activity = Ratio(activity, reports),
            Action = Ratio(action, reports),
            Date = Ratio(date, reports),
            LeadPerson = Ratio(lead, reports),
            PlacesRecall = Ratio(placesHit, placesExpected),
            PlacesPrecision = Ratio(placesHit, placesActual),
            UnitsRecall = Ratio(unitsHit, unitsExpected),
            MetricsF1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
        };
        score._mismatches.AddRange(mismatches);
        return score;
    }

    /// <summary>The per-field table (markdown), as printed by the accuracy tests and copied to the README.</summary>
    public string Table(string title)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{title}: {Messages} messages, {Reports} reports\n");
        sb.Append("| field | score |\n|---|---|\n");
        void Row(string name, double v) => sb.Append(CultureInfo.InvariantCulture, $"| {name} | {v:0.000} |\n");
        Row("kind", Kind);
        Row("activity", Activity);
        Row("action", Action);
        Row("date", Date);
        Row("lead person", LeadPerson);
        Row("places recall", PlacesRecall);
        Row("places precision", PlacesPrecision);
        Row("units recall", UnitsRecall);
        Row("metrics F1", MetricsF1);
        Row("**overall**", Overall);
        return sb.ToString();
    }

    private static double Ratio(int hit, int total) => total == 0 ? 1 : (double)hit / total;

    private static void Report(List<string> mismatches, CorpusCase c, List<string> problems)
    {
        if (problems.Count > 0)
        {
            mismatches.Add($"{c.Id} {c.Message.Text.ReplaceLineEndings(" ")}\n    {string.Join("; ", problems)}");
        }
    }
}
