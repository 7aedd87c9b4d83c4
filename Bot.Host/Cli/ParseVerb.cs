using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bot.Data.Connections;
using Bot.Data.Migrations;
using Bot.Host.Hosting;
using Bot.Skills.ProgressReports;
using Microsoft.Extensions.Options;

namespace Bot.Host.Cli;

/// <summary>
/// <c>parse [--llm]</c>: reads JSON lines <c>{"text", "sender", "sent_at", "images"}</c> from stdin and writes exactly one
/// JSON line per input line, in order: the canonical record (<see cref="ParsedReportJson"/>), or <c>{"error": "…"}</c>
/// for a line that cannot be read (invalid JSON, no text, a bad date, a blank line). Nothing else goes to stdout.
/// Rules only unless <c>--llm</c>.
/// </summary>
public static class ParseVerb
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<int> RunAsync(CommandLine command)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var app = BotHost.CreateBuilder(command.HostArgs()).Build();
        await PrepareDatabaseAsync(app.Services);
        var understanding = app.Services.GetRequiredService<IReportUnderstanding>();
        await using var input = Console.OpenStandardInput();
        await using var output = Console.OpenStandardOutput();
        return await RunAsync(input, output, understanding, command.Has("--llm"));
    }

    /// <summary>
    /// The loop: one UTF-8 output line per input line, in order. Input is read a chunk at a time (whatever the pipe
    /// holds, up to 64 KiB); the chunk's complete lines are split into one contiguous range per core, each range is
    /// parsed on its own core into its own buffer, and the buffers are written in input order and flushed together
    /// before the next read. A file or a fast pipe thus costs one write per chunk, not per line, while a pipe fed line
    /// by line still gets each answer before the bot waits for the next line. Lines stay UTF-8 from stdin to stdout
    /// (<see cref="LineWorker"/>): no string per input or output line.
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, IReportUnderstanding understanding, bool useLlm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(understanding);
        var workers = new LineWorker[Math.Max(1, Environment.ProcessorCount)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new LineWorker(understanding, useLlm);
        }

        try
        {
            return await RunAsync(input, output, workers, cancellationToken);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static async Task<int> RunAsync(Stream input, Stream output, LineWorker[] workers, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var first = true;
        var lines = new List<Range>();
        var ranges = new Task[workers.Length];
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // one line longer than the buffer
            }

            var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            var atEnd = read == 0;
            filled += read;
            var start = 0;
            if (first && filled >= 3 && buffer.AsSpan(0, 3).SequenceEqual(Utf8Bom))
            {
                start = 3;
            }

            first &= filled < 3;
            while (true)
            {
                var newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0 && !(atEnd && start < filled))
                {
                    break;
                }

                var length = newline < 0 ? filled - start : newline;
                var end = start + length;
                if (length > 0 && buffer[end - 1] == (byte)'\r')
                {
                    end--;
                }

                lines.Add(new Range(start, end));
                start += newline < 0 ? length : length + 1;
            }

            if (lines.Count > 0)
            {
                // The chunk's lines are independent: one contiguous range per core, written in input order.
                var parts = lines.Count < 8 ? 1 : workers.Length;
                var chunk = buffer.AsMemory();
                for (var w = 0; w < parts; w++)
                {
                    var from = lines.Count * w / parts;
                    var to = lines.Count * (w + 1) / parts;
                    var worker = workers[w];
                    ranges[w] = w == parts - 1
                        ? worker.RunAsync(chunk, lines, from, to, cancellationToken)
                        : Task.Run(() => worker.RunAsync(chunk, lines, from, to, cancellationToken), cancellationToken);
                }

                await Task.WhenAll(ranges.AsSpan(0, parts));
                for (var w = 0; w < parts; w++)
                {
                    await output.WriteAsync(workers[w].Answers.WrittenMemory, cancellationToken);
                    workers[w].Answers.ResetWrittenCount();
                }

                lines.Clear();
                await output.FlushAsync(cancellationToken);
            }

            if (atEnd)
            {
                return 0;
            }

            buffer.AsSpan(start, filled - start).CopyTo(buffer); // the incomplete last line waits for its end
            filled -= start;
        }
    }

    /// <summary>The output line for one input line.</summary>
    public static async Task<string> ParseLineAsync(string line, IReportUnderstanding understanding, bool useLlm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(understanding);
        using var worker = new LineWorker(understanding, useLlm);
        await worker.AnswerAsync(line, cancellationToken);
        var answer = worker.Answers.WrittenSpan;
        return Encoding.UTF8.GetString(answer[..^1]); // without its newline
    }

    /// <summary>
    /// Reads the input lines of one range and appends their answers, each followed by a newline, to
    /// <see cref="Answers"/>. A well-formed line (a JSON object, valid UTF-8, each known key at most once, every field
    /// valid) is read straight from its bytes (<see cref="TryReadUtf8"/>); anything else takes the string path of
    /// <see cref="TryReadMessage"/>, which words the error — so both paths answer every line identically.
    /// One worker per core, reused for every chunk; not thread-safe.
    /// </summary>
    public sealed class LineWorker : IDisposable
    {
        private readonly IReportUnderstanding _understanding;
        private readonly bool _useLlm;
        private readonly ArrayBufferWriter<byte> _record = new(1024);
        private readonly Utf8JsonWriter _writer;

        public LineWorker(IReportUnderstanding understanding, bool useLlm)
        {
            ArgumentNullException.ThrowIfNull(understanding);
            _understanding = understanding;
            _useLlm = useLlm;
            _writer = new Utf8JsonWriter(_record, ParsedReportJson.WriterOptions);
        }

        public void Dispose() => _writer.Dispose();

        /// <summary>The answers written so far, one line each (the caller empties it).</summary>
        public ArrayBufferWriter<byte> Answers { get; } = new(16 * 1024);

        /// <summary>Answers the lines <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) of a chunk, in order.</summary>
        public async Task RunAsync(ReadOnlyMemory<byte> chunk, List<Range> lines, int from, int to, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(lines);
            for (var i = from; i < to; i++)
            {
                var task = AnswerAsync(chunk[lines[i]], cancellationToken);
                if (!task.IsCompletedSuccessfully)
                {
                    await task;
                }
            }
        }

        /// <summary>Appends the answer to one UTF-8 input line (without its line end) and a newline.</summary>
        public ValueTask AnswerAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken = default) =>
            TryReadUtf8(line.Span, out var message) ? AnswerAsync(message, cancellationToken) : AnswerAsync(Encoding.UTF8.GetString(line.Span), cancellationToken);

        /// <summary>Appends the answer to one input line and a newline.</summary>
        public ValueTask AnswerAsync(string line, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(line);
            if (string.IsNullOrWhiteSpace(line))
            {
                WriteError("空行 / empty line");
                return ValueTask.CompletedTask;
            }

            if (!TryReadMessage(line, out var message, out var error))
            {
                WriteError(error);
                return ValueTask.CompletedTask;
            }

            return AnswerAsync(message, cancellationToken);
        }

        private ValueTask AnswerAsync(ReportMessage message, CancellationToken cancellationToken)
        {
            Task<ParsedReport> understood;
            try
            {
                understood = _understanding.UnderstandAsync(message, _useLlm, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                WriteError("解析失败 / parse failed: " + ex.Message);
                return ValueTask.CompletedTask;
            }

            if (understood.IsCompletedSuccessfully)
            {
                WriteRecord(understood.Result, cancellationToken);
                return ValueTask.CompletedTask;
            }

            return AwaitAsync(understood, cancellationToken);
        }

        private async ValueTask AwaitAsync(Task<ParsedReport> understood, CancellationToken cancellationToken)
        {
            ParsedReport report;
            try
            {
                report = await understood;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                WriteError("解析失败 / parse failed: " + ex.Message);
                return;
            }

            WriteRecord(report, cancellationToken);
        }

        private void WriteRecord(ParsedReport report, CancellationToken cancellationToken)
        {
            // Written aside first: a record that cannot be written (an exception half way) leaves nothing behind.
            _record.ResetWrittenCount();
            _writer.Reset();
            try
            {
                ParsedReportJson.Write(_writer, report);
                _writer.Flush();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _writer.Reset();
                WriteError("解析失败 / parse failed: " + ex.Message);
                return;
            }

            Answers.Write(_record.WrittenSpan);
            Answers.Write("\n"u8);
        }

        private void WriteError(string message)
        {
            _record.ResetWrittenCount();
            _writer.Reset();
            _writer.WriteStartObject();
            _writer.WriteString("error", message);
            _writer.WriteEndObject();
            _writer.Flush();
            Answers.Write(_record.WrittenSpan);
            Answers.Write("\n"u8);
        }
    }

    /// <summary>
    /// Reads a well-formed input line straight from its UTF-8 bytes: a JSON object (nothing after it), valid UTF-8, each
    /// of <c>text, sender, sent_at, images</c> at most once and valid. False for anything else — the line then takes the
    /// string path (<see cref="TryReadMessage"/>), which reads it the same way or says what is wrong with it.
    /// </summary>
    public static bool TryReadUtf8(ReadOnlySpan<byte> line, out ReportMessage message)
    {
        message = default;
        var i = 0;
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        // Blank lines, other leading characters (a BOM, a non-ASCII space) and invalid UTF-8 take the string path.
        if (i == line.Length || line[i] != (byte)'{' || !System.Text.Unicode.Utf8.IsValid(line))
        {
            return false;
        }

        string? text = null, sender = null, sentAt = null;
        var images = 0;
        var seen = 0;
        try
        {
            var reader = new Utf8JsonReader(line);
            reader.Read(); // the object's start
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.ValueTextEquals("text"u8) ? 1 : reader.ValueTextEquals("sender"u8) ? 2 : reader.ValueTextEquals("sent_at"u8) ? 4 : reader.ValueTextEquals("images"u8) ? 8 : 0;
                if ((seen & key) != 0)
                {
                    return false; // a key twice: the string path decides which counts
                }

                seen |= key;
                reader.Read();
                var type = reader.TokenType;
                switch (key)
                {
                    case 1 when type == JsonTokenType.String:
                        text = reader.GetString();
                        break;
                    case 2 when type == JsonTokenType.String:
                        sender = reader.GetString();
                        break;
                    case 4 when type == JsonTokenType.String:
                        sentAt = reader.GetString();
                        break;
                    case 8 when type == JsonTokenType.Number:
                        if (!reader.TryGetInt32(out images) || images < 0)
                        {
                            return false;
                        }

                        break;
                    case 8 when type == JsonTokenType.StartArray:
                        images = 0;
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            images++;
                            reader.Skip();
                        }

                        break;
                    case 2 or 4 or 8 when type == JsonTokenType.Null:
                        break;
                    case 0:
                        reader.Skip();
                        break;
                    default:
                        return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false; // anything after the object: the string path words the error
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false; // e.g. an escaped lone surrogate: the string path meets it as before
        }

        if (text is null)
        {
            return false;
        }

        var time = DateTimeOffset.UtcNow;
        if (sentAt is not null && !TryParseTime(sentAt, out time))
        {
            return false;
        }

        message = new ReportMessage(text, sender ?? "", time, images);
        return true;
    }

    /// <summary>Reads one input line; <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryReadMessage(string line, out ReportMessage message, out string error)
    {
        message = default;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            error = "无效的 JSON / invalid JSON: " + ex.Message;
            return false;
        }

        using (doc)
        {
            try
            {
                return TryReadObject(doc.RootElement, out message, out error);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json reads an escaped lone surrogate ("\ud800") as valid JSON but cannot make a string of it.
                message = default;
                error = "字符串含无效的 Unicode 转义（单独的代理项）/ a string holds an invalid Unicode escape (a lone surrogate)";
                return false;
            }
        }
    }

    private static bool TryReadObject(JsonElement root, out ReportMessage message, out string error)
    {
        message = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "输入必须是 JSON 对象 / the line must be a JSON object";
            return false;
        }

        if (!root.TryGetProperty("text", out var text) || text.ValueKind == JsonValueKind.Null)
        {
            error = "缺少 text / missing text";
            return false;
        }

        if (text.ValueKind != JsonValueKind.String)
        {
            error = "text 必须是字符串 / text must be a string";
            return false;
        }

        var sender = "";
        if (root.TryGetProperty("sender", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.String)
            {
                error = "sender 必须是字符串 / sender must be a string";
                return false;
            }

            sender = s.GetString()!;
        }

        var sentAt = DateTimeOffset.UtcNow;
        if (root.TryGetProperty("sent_at", out var at) && at.ValueKind != JsonValueKind.Null)
        {
            if (at.ValueKind != JsonValueKind.String || !TryParseTime(at.GetString()!, out sentAt))
            {
                error = "无效的 sent_at，应为 ISO 8601 时间 / invalid sent_at: expected an ISO 8601 time such as 2026-05-12T10:00:00+08:00";
                return false;
            }
        }

        var images = 0;
        if (root.TryGetProperty("images", out var im) && im.ValueKind != JsonValueKind.Null)
        {
            if (im.ValueKind == JsonValueKind.Array)
            {
                images = im.GetArrayLength();
            }
            else if (im.ValueKind != JsonValueKind.Number || !im.TryGetInt32(out images) || images < 0)
            {
                error = "images 必须是非负整数 / images must be a non-negative integer";
                return false;
            }
        }

        message = new ReportMessage(text.GetString()!, sender, sentAt, images);
        error = "";
        return true;
    }

    /// <summary>ISO 8601 with an offset, or without one (read as Asia/Shanghai time); a date alone is its midnight.</summary>
    public static bool TryParseTime(string value, out DateTimeOffset time)
    {
        time = default;
        var s = value.Trim();
        if (s.Length < 10 || !char.IsAsciiDigit(s[0]) || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var dt))
        {
            return false;
        }

        switch (dt.Kind)
        {
            case DateTimeKind.Unspecified:
                time = Shanghai.FromLocal(dt);
                return true;
            case DateTimeKind.Utc:
                time = new DateTimeOffset(dt, TimeSpan.Zero);
                return true;
            default:
                return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }
    }

    /// <summary>Applies migrations when configured, so that the plan and unit tables can be read.</summary>
    private static async Task PrepareDatabaseAsync(IServiceProvider services)
    {
        try
        {
            if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                await services.GetRequiredService<Migrator>().MigrateAsync();
            }
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException or OptionsValidationException)
        {
            // The parser still works on the plan document; say why on stderr.
            Hosting.HostingLog.ParseWithoutDatabase(services.GetRequiredService<ILoggerFactory>().CreateLogger("parse"), ex);
        }
    }
}
