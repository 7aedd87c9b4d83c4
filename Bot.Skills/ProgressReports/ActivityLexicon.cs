namespace Bot.Skills.ProgressReports;

/// <summary>
/// A general Chinese lexicon of government work: which words point to which kind of work (<see cref="Activities"/>),
/// and, on the plan side, the signature words that find the plan action serving each kind of work. The lexicon
/// knows no plan; <see cref="ReportVocabulary"/> maps it onto the imported one.
/// </summary>
internal static class ActivityLexicon
{
    /// <summary>Index of each activity in <see cref="Activities.All"/>.</summary>
    public const int Research = 0, Investment = 1, Project = 2, RiverChief = 3, Training = 4, Publicity = 5, Livelihood = 6, Battle = 7, Meeting = 8, Other = 9;

    public const int Count = 10;

    /// <summary>
    /// The weight of a word naming the work itself (调研, 巡河, 培训, 宣讲, 招商, 踏查 …): it outweighs any topic word,
    /// so 调研脱贫攻坚成果 is research and 河长制培训 is training.
    /// </summary>
    public const float Verb = 10;

    /// <summary>Further cues of the same activity add this share of their weight to the strongest one.</summary>
    private const float Extra = 0.2f;

    /// <summary>A word in a message and the weight it adds to an activity.</summary>
    public readonly record struct Cue(string Word, int Activity, float Weight);

    /// <summary>
    /// The cues: <c>Text/Data/lexicon.tsv</c> (embedded, grouped by topic) plus <c>lexicon.local.tsv</c> beside the
    /// executable when the office has added one — new cues without a code change.
    /// </summary>
    public static readonly Cue[] Cues = LexiconFile.Load();

    /// <summary>Plan-side signature words: the action whose title (first) or text carries them serves the activity.</summary>
    public static readonly string[][] Signatures =
    [
        ["调研", "走访"],
        ["招商"],
        ["开工", "项目建设", "踏查"],
        ["河长制", "湖长制", "河长", "湖长"],
        ["培训"],
        ["宣传", "宣讲", "政策解读"],
        ["民生实事", "民生"],
        ["攻坚战", "脱贫", "污染防治", "防范化解"],
        [],
        [],
    ];

    /// <summary>
    /// Scores the text per activity: the strongest cue present plus a share of the others; records where each
    /// activity is first cued.
    /// </summary>
    public static void Score(string text, Span<float> scores, Span<int> firstAt)
    {
        Span<float> sums = stackalloc float[Count];
        sums.Clear();
        scores.Clear();
        firstAt.Fill(int.MaxValue);

        // Each cue counts once, wherever it first occurs.
        Span<bool> seen = stackalloc bool[Cues.Length];
        seen.Clear();
        var state = new ScoreState(text, scores, sums, firstAt, seen);
        Matcher.ForEach(text, ref state, static (ref ScoreState s, int at, int word) =>
        {
            // Words do not cross: a cue starting inside an earlier one and running past its end (座谈|谈了一下 in
            // 座谈了一下) is no word of the text. A cue inside an earlier one (民生 in 民生实事) still counts.
            var end = at + Cues[word].Word.Length;
            if (s.Seen[word] || (at < s.CoveredTo && end > s.CoveredTo))
            {
                return;
            }

            s.Seen[word] = true;
            s.CoveredTo = Math.Max(s.CoveredTo, end);
            var cue = Cues[word];
            var weight = IsPlanned(s.Text, at) ? cue.Weight * Planned : cue.Weight;
            s.Sums[cue.Activity] += weight;
            if (weight > s.Scores[cue.Activity])
            {
                s.Scores[cue.Activity] = weight;
            }

            if (at < s.FirstAt[cue.Activity])
            {
                s.FirstAt[cue.Activity] = at;
            }
        });

        for (var a = 0; a < Count; a++)
        {
            scores[a] += Extra * (sums[a] - scores[a]);
        }
    }

    private static readonly WordMatcher Matcher = new(Cues.Select(c => c.Word));

    /// <summary>
    /// The kind of work named by the strongest topic cue in <paramref name="span"/> (what was looked at: 社区食堂 → 民生,
    /// 在建项目 → 项目), leaving out research, meetings and other; -1 when none. <paramref name="weight"/> is its weight.
    /// </summary>
    public static int TopicIn(ReadOnlySpan<char> span, out float weight)
    {
        var best = -1;
        weight = 0;
        var from = 0;
        while (Matcher.Next(span, from, out var at, out var word))
        {
            var cue = Cues[word];
            if (cue.Activity is not (Research or Meeting or Other) && cue.Weight > weight)
            {
                best = cue.Activity;
                weight = cue.Weight;
            }

            from = at + 1;
        }

        return best;
    }

    /// <summary>The share of its weight a cue keeps when it names what is only planned (年底前开工, 计划9月试生产).</summary>
    private const float Planned = 0.5f;

    /// <summary>Words that put the work after them into the future: 计划, 预计, 拟, 将于, 准备, 力争, 下周, 明年.</summary>
    private static readonly string[] FutureMarkers = ["计划", "预计", "拟", "将于", "准备", "力争", "下周", "明年", "下一步"];

    /// <summary>
    /// True when the cue at <paramref name="at"/> is planned rather than done: a future marker within the four characters
    /// before it in the same clause, or a deadline right before it (年底前开工, 6月10日前完成).
    /// </summary>
    private static bool IsPlanned(ReadOnlySpan<char> text, int at)
    {
        if (at >= 2 && text[at - 1] == '前' && text[at - 2] is '底' or '日' or '号' or '旬' or '年' or '月')
        {
            return true;
        }

        var from = at;
        while (from > 0 && at - from < 4 && !ChineseText.IsClauseBreak(text[from - 1]))
        {
            from--;
        }

        return from < at && ChineseText.ContainsAny(text[from..at], FutureMarkers);
    }

    private ref struct ScoreState(ReadOnlySpan<char> text, Span<float> scores, Span<float> sums, Span<int> firstAt, Span<bool> seen)
    {
        public ReadOnlySpan<char> Text = text;
        public Span<float> Scores = scores;
        public Span<float> Sums = sums;
        public Span<int> FirstAt = firstAt;
        public Span<bool> Seen = seen;
        public int CoveredTo;
    }

    /// <summary>Raises an activity to at least <paramref name="weight"/> (a cue found by a rule rather than a word) at <paramref name="at"/>.</summary>
    public static void Raise(Span<float> scores, Span<int> firstAt, int activity, float weight, int at)
    {
        if (scores[activity] < weight)
        {
            scores[activity] = weight + (Extra * scores[activity]);
        }

        if (at < firstAt[activity])
        {
            firstAt[activity] = at;
        }
    }

    /// <summary>The best activity (ties go to the more specific kinds of work), or -1 when nothing scores enough.</summary>
    public static int Best(ReadOnlySpan<float> scores, float minimum)
    {
        ReadOnlySpan<int> priority = [RiverChief, Training, Publicity, Research, Investment, Project, Battle, Livelihood];
        var best = -1;
        var bestScore = minimum - 0.001f;
        foreach (var a in priority)
        {
            if (scores[a] > bestScore)
            {
                best = a;
                bestScore = scores[a];
            }
        }

        return best;
    }
}
