using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// The JSON form of a record, as the <c>parse</c> verb prints it: keys <c>kind, action, activity, date, end_date,
/// people, places, units, metrics, photos, confidence, missing</c> in that order, ISO dates, Chinese unescaped.
/// </summary>
public static class ParsedReportJson
{
    /// <summary>Writer options: compact, Chinese kept readable.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Writes the record as one JSON object; <paramref name="includeSource"/> adds <c>source</c> at the end.</summary>
    public static void Write(Utf8JsonWriter writer, ParsedReport report, bool includeSource = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteString("kind", report.Kind);
        if (report.Action is int action)
        {
            writer.WriteNumber("action", action);
        }
        else
        {
            writer.WriteNull("action");
        }

        writer.WriteString("activity", report.Activity);
        WriteDate(writer, "date", report.Date);
        WriteDate(writer, "end_date", report.EndDate);
        WriteStrings(writer, "people", report.People);
        WriteStrings(writer, "places", report.Places);
        WriteStrings(writer, "units", report.Units);
        writer.WriteStartObject("metrics");
        foreach (var (key, value) in report.Metrics)
        {
            writer.WriteNumber(key, value);
        }

        writer.WriteEndObject();
        writer.WriteNumber("photos", report.Photos);
        writer.WriteNumber("confidence", report.Confidence);
        WriteStrings(writer, "missing", report.Missing);
        if (includeSource)
        {
            writer.WriteString("source", report.Source);
        }

        writer.WriteEndObject();
    }

    /// <summary>The record as a one-line JSON string.</summary>
    public static string Serialize(ParsedReport report, bool includeSource = false)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, report, includeSource);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateOnly? date)
    {
        if (date is DateOnly d)
        {
            Span<char> iso = stackalloc char[10]; // yyyy-MM-dd (a DateOnly's year has four digits), without a string per date
            d.TryFormat(iso, out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            writer.WriteString(name, iso[..n]);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }
}
