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
    /// holds, up to 64 KiB); the chunk's complete lines are parsed in parallel and their answers written, in order, and
    /// flushed together before the next read. A file or a fast pipe thus costs one write per chunk, not per line, while a pipe fed line by line still
    /// gets each answer before the bot waits for the next line.
    /// </summary>
    public static async Task<int> RunAsync(Stream input, Stream output, IReportUnderstanding understanding, bool useLlm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(understanding);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var first = true;
        var answers = new ArrayBufferWriter<byte>(64 * 1024);
        var lines = new List<string>();
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
                var line = buffer.AsSpan(start, length);
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                lines.Add(Encoding.UTF8.GetString(line));
                start += newline < 0 ? length : length + 1;
            }

            if (lines.Count > 0)
            {
                // The chunk's lines are independent: parsed on every core, written in input order.
                var results = new string[lines.Count];
                await Parallel.ForAsync(0, lines.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = lines.Count < 8 ? 1 : Environment.ProcessorCount },
                    async (i, token) => results[i] = await ParseLineAsync(lines[i], understanding, useLlm, token));
                foreach (var answer in results)
                {
                    Encoding.UTF8.GetBytes(answer, answers);
                    answers.Write("\n"u8);
                }

                lines.Clear();
                await output.WriteAsync(answers.WrittenMemory, cancellationToken);
                await output.FlushAsync(cancellationToken);
                answers.ResetWrittenCount();
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
        ArgumentNullException.ThrowIfNull(understanding);
        if (string.IsNullOrWhiteSpace(line))
        {
            return Error("空行 / empty line");
        }

        if (!TryReadMessage(line, out var message, out var error))
        {
            return Error(error);
        }

        try
        {
            var report = await understanding.UnderstandAsync(message, useLlm, cancellationToken);
            return ParsedReportJson.Serialize(report);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Error("解析失败 / parse failed: " + ex.Message);
        }
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
            var root = doc.RootElement;
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

    private static string Error(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, ParsedReportJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
