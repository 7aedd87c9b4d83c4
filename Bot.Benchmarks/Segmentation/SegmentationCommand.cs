using System.Diagnostics;
using System.Text.Json;
using Bot.Skills.ProgressReports;
using Bot.Skills.Text;
using JiebaNet.Segmenter;
using JiebaNet.Segmenter.PosSeg;

namespace Bot.Benchmarks.Segmentation;

/// <summary>
/// <c>segmentation [CORPUS_DIR]</c>: compares the report parser's character rules for places
/// (<see cref="PlaceExtractor"/>) with jieba.NET 0.42.2 (POS tagging, a user dictionary from the seed plan, its units
/// and the gazetteer; a place is a token tagged <c>ns</c>) on the fresh batches <c>Bot.Tests/Corpus/*.jsonl</c>:
/// places recall and precision against the annotations, and speed (messages/s on one thread, bytes allocated per
/// message) over repeated passes. jieba's dictionary files are read from the package's <c>Resources</c> folder in the
/// local NuGet cache (offline).
/// </summary>
public static class SegmentationCommand
{
    public static int Run(string[] args)
    {
        var root = FindRoot();
        var corpus = args.Length > 0 ? args[0] : Path.Combine(root, "Bot.Tests", "Corpus");
        var messages = Directory.GetFiles(corpus, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0).Select(Read).ToList();
        var document = File.ReadAllText(Path.Combine(root, "seeds", "tiexi-2018-action-plan.txt"));
        var units = PlanHeadings.ExtractUnits(document);
        var vocabulary = ReportVocabulary.Build(PlanHeadings.Extract(document, 2026), units);

        var resources = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "jieba.net", "0.42.2", "Resources");
        ConfigManager.ConfigFileBaseDir = resources;
        var load = Stopwatch.StartNew();
        var segmenter = new JiebaSegmenter();
        var places = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Gazetteer.Default.Entries.Where(e => e.Name.Length >= 2))
        {
            segmenter.AddWord(entry.Name, 1000, "ns");
            places.Add(entry.Name);
        }

        foreach (var unit in units)
        {
            var tag = unit.Type is "乡" or "街道" or "示范区" ? "ns" : "nt";
            segmenter.AddWord(unit.Name, 1000, tag);
            foreach (var alias in unit.Aliases.Where(a => a.Length >= 2))
            {
                segmenter.AddWord(alias, 500, tag);
            }
        }

        var tagger = new PosSegmenter(segmenter);
        _ = tagger.Cut("预热").ToList();
        load.Stop();

        string[] Rules(string text) => PlaceExtractor.Find(text, vocabulary);
        string[] Jieba(string text) => [.. tagger.Cut(text).Where(p => p.Flag == "ns" && p.Word.Length >= 2).Select(p => p.Word).Distinct(StringComparer.Ordinal)];

        Console.WriteLine($"{messages.Count} messages from {corpus}; jieba dictionary and user words loaded in {load.ElapsedMilliseconds} ms");
        Console.WriteLine("| segmenter | places recall | places precision | messages/s (1 thread) | bytes allocated per message |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, find) in new (string, Func<string, string[]>)[] { ("character rules (PlaceExtractor)", Rules), ("jieba.NET 0.42.2 + user dictionary", Jieba) })
        {
            var (recall, precision) = Score(messages, find);
            var (perSecond, bytes) = Speed(messages, find);
            Console.WriteLine($"| {name} | {recall:0.000} | {precision:0.000} | {perSecond:N0} | {bytes:N0} |");
        }

        return 0;
    }

    private static (double Recall, double Precision) Score(List<(string Text, string[] Places)> messages, Func<string, string[]> find)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (text, expected) in messages)
        {
            var found = find(text).ToList();
            foreach (var place in expected)
            {
                if (found.Remove(place))
                {
                    tp++;
                }
                else
                {
                    fn++;
                }
            }

            fp += found.Count;
        }

        return (tp + fn == 0 ? 1 : (double)tp / (tp + fn), tp + fp == 0 ? 1 : (double)tp / (tp + fp));
    }

    private static (double PerSecond, long BytesPerMessage) Speed(List<(string Text, string[] Places)> messages, Func<string, string[]> find)
    {
        foreach (var (text, _) in messages)
        {
            find(text); // warm-up
        }

        const int Passes = 20;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var pass = 0; pass < Passes; pass++)
        {
            foreach (var (text, _) in messages)
            {
                find(text);
            }
        }

        clock.Stop();
        var count = (long)Passes * messages.Count;
        return (count / clock.Elapsed.TotalSeconds, (GC.GetAllocatedBytesForCurrentThread() - before) / count);
    }

    private static (string Text, string[] Places) Read(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var text = root.GetProperty("input").GetProperty("text").GetString() ?? "";
        var places = root.TryGetProperty("expected", out var expected) && expected.TryGetProperty("places", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(x => x.GetString() ?? "").ToArray()
            : [];
        return (text, places);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TieXiBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No repository root (TieXiBot.sln) above the binaries.");
    }
}
