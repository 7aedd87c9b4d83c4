using System.Text.Json;

namespace Bot.Benchmarks.Load;

/// <summary>
/// The texts a load run sends: the report messages of the annotated corpus (kind <c>report</c>, varied wording,
/// dates, places and metrics), so each callback goes through the real router's parser and report path, not an echo.
/// </summary>
public static class LoadTexts
{
    private const string Mention = "@铁西小助手";

    private static readonly Lazy<IReadOnlyList<string>> Reports = new(() => Load());

    public static IReadOnlyList<string> All => Reports.Value;

    /// <summary>The text of message <paramref name="index"/> (cycling through the corpus).</summary>
    public static string For(int index) => All[index % All.Count];

    private static List<string> Load()
    {
        var path = Find();
        var texts = new List<string>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.GetProperty("expected").GetProperty("kind").GetString() == "report")
            {
                var text = root.GetProperty("input").GetProperty("text").GetString()!.Replace(Mention, "", StringComparison.Ordinal).Trim();
                texts.Add(text);
            }
        }

        return texts.Count > 0 ? texts : throw new InvalidOperationException($"No report messages in {path}.");
    }

    /// <summary>The corpus file: Bot.Tests/TestData/corpus/dev.jsonl of this checkout (searched upwards), or TIEXIBOT_LOAD_CORPUS.</summary>
    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("TIEXIBOT_LOAD_CORPUS") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(directory.FullName, "Bot.Tests", "TestData", "corpus", "dev.jsonl"), Path.Combine(directory.FullName, "TestData", "corpus", "dev.jsonl") })
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("The corpus (Bot.Tests/TestData/corpus/dev.jsonl) was not found; set TIEXIBOT_LOAD_CORPUS.");
    }
}
