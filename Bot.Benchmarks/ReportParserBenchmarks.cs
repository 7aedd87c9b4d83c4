using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Bot.Skills.ProgressReports;

namespace Bot.Benchmarks;

/// <summary>
/// The rules parser over the 70 messages of the dev set (one operation = one message). Runs in-process (no generated
/// project to build) with a short job: 3 warm-up and 10 measured iterations.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class ReportParserBenchmarks
{
    private const int DevMessages = 70;

    private ReportMessage[] _messages = [];
    private ReportVocabulary _vocabulary = ReportVocabulary.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "TestData");
        _vocabulary = PlanHeadings.Vocabulary(File.ReadAllText(Path.Combine(data, "tiexi-2018-action-plan.txt")));
        _messages = [.. File.ReadLines(Path.Combine(data, "dev.jsonl")).Where(l => l.Length > 0).Select(Read)];
        if (_messages.Length != DevMessages)
        {
            throw new InvalidOperationException($"dev.jsonl has {_messages.Length} messages, expected {DevMessages}");
        }
    }

    /// <summary>Parses every dev message once; BenchmarkDotNet divides time and allocations by 70.</summary>
    [Benchmark(OperationsPerInvoke = DevMessages)]
    public int ParseDevSet()
    {
        var n = 0;
        foreach (var message in _messages)
        {
            n += ReportParser.Instance.Parse(message, _vocabulary).Metrics.Count;
        }

        return n;
    }

    private static ReportMessage Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var input = doc.RootElement.GetProperty("input");
        return new ReportMessage(
            input.GetProperty("text").GetString()!,
            input.GetProperty("sender").GetString()!,
            DateTimeOffset.Parse(input.GetProperty("sent_at").GetString()!, CultureInfo.InvariantCulture),
            input.GetProperty("images").GetInt32());
    }

    internal sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
    }
}
