using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bot.Host.Cli;
using Bot.Skills.ProgressReports;

namespace Bot.Benchmarks;

/// <summary>
/// What the <c>parse</c> verb does per line, without process start-up and pipe I/O: read the UTF-8 JSON input line, parse
/// the message by the rules, append the UTF-8 JSON record and its newline to the worker's output buffer
/// (<see cref="ParseVerb.LineWorker"/>, the same path as the verb's), over the inputs of every batch in
/// <c>Bot.Tests/Corpus</c> (press and chat style, longer on average than the dev set). One operation = all lines; the
/// other methods split that work into its three steps.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ReportParserBenchmarks.ShortInProcessConfig))]
public class ParseVerbBenchmarks
{
    private string[] _lines = [];
    private ReadOnlyMemory<byte>[] _utf8Lines = [];
    private ParseVerb.LineWorker _worker = null!;
    private readonly System.Buffers.ArrayBufferWriter<byte> _written = new(1024);
    private Utf8JsonWriter _json = null!;
    private ReportMessage[] _messages = [];
    private ParsedReport[] _records = [];
    private ReportVocabulary _vocabulary = ReportVocabulary.Empty;
    private IReportUnderstanding _rules = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "TestData");
        _vocabulary = PlanHeadings.Vocabulary(File.ReadAllText(Path.Combine(data, "tiexi-2018-action-plan.txt")));
        _rules = new RulesOnly(_vocabulary);
        _lines = [.. Directory.GetFiles(Path.Combine(data, "Corpus"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(InputOf)];
        _utf8Lines = [.. _lines.Select(l => new ReadOnlyMemory<byte>(System.Text.Encoding.UTF8.GetBytes(l)))];
        _worker = new ParseVerb.LineWorker(_rules, useLlm: false);
        _json = new Utf8JsonWriter(_written, ParsedReportJson.WriterOptions);
        _messages = [.. _lines.Select(l => ParseVerb.TryReadMessage(l, out var m, out var e) ? m : throw new InvalidOperationException(e))];
        _records = [.. _messages.Select(m => ReportParser.Instance.Parse(m, _vocabulary))];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _worker.Dispose();
        _json.Dispose();
    }

    [Benchmark]
    public async Task<int> ParseEveryCorpusLine()
    {
        var n = 0;
        foreach (var line in _utf8Lines)
        {
            await _worker.AnswerAsync(line);
            n += _worker.Answers.WrittenCount;
            _worker.Answers.ResetWrittenCount();
        }

        return n;
    }

    /// <summary>The verb's first step alone: the JSON input lines read into messages.</summary>
    [Benchmark]
    public int ReadEveryCorpusLine()
    {
        var n = 0;
        foreach (var line in _utf8Lines)
        {
            n += ParseVerb.TryReadUtf8(line.Span, out var message) ? message.Text.Length : 0;
        }

        return n;
    }

    /// <summary>The rules parser alone on the same messages (already read).</summary>
    [Benchmark]
    public int ParseEveryCorpusMessage()
    {
        var n = 0;
        foreach (var message in _messages)
        {
            n += ReportParser.Instance.Parse(message, _vocabulary).Metrics.Count;
        }

        return n;
    }

    /// <summary>The verb's last step alone: the records written as UTF-8 JSON by one reused writer, as the verb does.</summary>
    [Benchmark]
    public int WriteEveryCorpusRecord()
    {
        var n = 0;
        foreach (var record in _records)
        {
            _json.Reset();
            ParsedReportJson.Write(_json, record);
            _json.Flush();
            n += _written.WrittenCount;
            _written.ResetWrittenCount();
        }

        return n;
    }

    /// <summary>Lines per operation, for the per-line figure (BenchmarkDotNet reports per operation of all lines).</summary>
    public int Lines => _lines.Length;

    private static string InputOf(string corpusLine)
    {
        using var doc = JsonDocument.Parse(corpusLine);
        return doc.RootElement.GetProperty("input").GetRawText();
    }

    private sealed class RulesOnly(ReportVocabulary vocabulary) : IReportUnderstanding
    {
        public Task<ParsedReport> UnderstandAsync(ReportMessage message, bool allowLlm = true, CancellationToken cancellationToken = default) =>
            Task.FromResult(ReportParser.Instance.Parse(message, vocabulary));
    }
}
