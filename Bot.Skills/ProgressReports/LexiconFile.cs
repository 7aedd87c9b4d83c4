using System.Globalization;
using System.Reflection;

namespace Bot.Skills.ProgressReports;

/// <summary>Reads the activity cues of <see cref="ActivityLexicon"/> from its tab-separated data files.</summary>
internal static class LexiconFile
{
    /// <summary>The file the office may add beside the executable (same format as the embedded lexicon).</summary>
    public const string LocalFileName = "lexicon.local.tsv";

    public static ActivityLexicon.Cue[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bot.Skills.Text.Data.lexicon.tsv")
                           ?? throw new InvalidOperationException("lexicon.tsv is not embedded");
        using var reader = new StreamReader(stream);
        var cues = Parse(reader).ToList();
        var local = Path.Combine(AppContext.BaseDirectory, LocalFileName);
        if (File.Exists(local))
        {
            using var extra = new StreamReader(local);
            foreach (var cue in Parse(extra))
            {
                cues.RemoveAll(c => c.Activity == cue.Activity && string.Equals(c.Word, cue.Word, StringComparison.Ordinal));
                cues.Add(cue);
            }
        }

        return [.. cues];
    }

    /// <summary>Lines of activity, word, weight (a number or <c>verb</c>); comments start with '#'; bad lines are skipped.</summary>
    public static IEnumerable<ActivityLexicon.Cue> Parse(TextReader reader)
    {
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length < 3 || f[1].Length == 0)
            {
                continue;
            }

            var activity = -1;
            for (var i = 0; i < Activities.All.Count; i++)
            {
                if (string.Equals(Activities.All[i], f[0].Trim(), StringComparison.Ordinal))
                {
                    activity = i;
                }
            }

            float weight;
            if (string.Equals(f[2].Trim(), "verb", StringComparison.OrdinalIgnoreCase))
            {
                weight = ActivityLexicon.Verb;
            }
            else if (!float.TryParse(f[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
            {
                continue;
            }

            if (activity is >= 0 and < ActivityLexicon.Meeting)
            {
                yield return new ActivityLexicon.Cue(f[1].Trim(), activity, weight);
            }
        }
    }
}
