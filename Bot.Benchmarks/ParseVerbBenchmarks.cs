using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Bot.Host.Cli;
using Bot.Skills.ProgressReports;

namespace Bot.Benchmarks;

/// <summary>
/// What the <c>parse</c> verb does per line, without process start-up and pipe I/O: read the JSON input line, parse the
/// message by the rules, write the JSON record (<see cref="ParseVerb.ParseLineAsync"/>), over the inputs of every
/// batch in <c>Bot.Tests/Corpus</c> (press and chat style, longer on average than the dev set). One operation = one line.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ReportParserBenchmarks.ShortInProcessConfig))]
public class ParseVerbBenchmarks
{
    private string[] _lines = [];
    private IReportUnderstanding _rules = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "TestData");
        var vocabulary = PlanHeadings.Vocabulary(File.ReadAllText(Path.Combine(data, "tiexi-2018-action-plan.txt")));
        _rules = new RulesOnly(vocabulary);
        _lines = [.. Directory.GetFiles(Path.Combine(data, "Corpus"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(InputOf)];
    }

    [Benchmark]
    public async Task<int> ParseEveryCorpusLine()
    {
        var n = 0;
        foreach (var line in _lines)
        {
            n += (await ParseVerb.ParseLineAsync(line, _rules, useLlm: false)).Length;
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
