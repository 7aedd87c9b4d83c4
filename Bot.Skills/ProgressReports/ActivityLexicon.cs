using Bot.Skills.Text;
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

    public static readonly Cue[] Cues =
    [
        // 调研: research visits, on-site offices, grassroots forums.
        new("调研", Research, Verb), new("蹲点", Research, Verb), new("现场办公", Research, Verb), new("走访", Research, 1.5f),
        new("实地查看", Research, 1), new("实地察看", Research, 1), new("座谈", Research, 1.5f), new("视察", Research, 2),
        new("深入基层", Research, 1.5f), new("听取意见", Research, 1), new("入户", Research, 0.5f),

        // 招商: investment promotion, signing, negotiation, winning projects and policy upstairs.
        new("招商", Investment, Verb), new("引资", Investment, 3), new("签约", Investment, 3), new("签订", Investment, 2),
        new("协议", Investment, 1.5f), new("洽谈", Investment, Verb), new("对口合作", Investment, 3), new("跑部", Investment, Verb),
        new("跑厅", Investment, Verb), new("跑局", Investment, Verb), new("推介", Investment, 2), new("考察团", Investment, 2),
        new("客商", Investment, 3), new("落户", Investment, 1.5f), new("投资意向", Investment, 2), new("对接企业", Investment, 1.5f),
        new("争取上级", Investment, 2), new("争取资金", Investment, 1.5f), new("争取政策", Investment, 1.5f), new("外资", Investment, 1.5f),
        new("项目对接", Investment, 1.5f), new("企业家", Investment, 1), new("引进", Investment, 1.5f), new("对接", Investment, 1.5f), new("争取", Investment, 1.5f),
        new("跑项目", Investment, Verb), new("跑资金", Investment, Verb), new("争取项目", Investment, 3),
        new("考察", Investment, 2), new("学习借鉴", Investment, 2),

        // 项目: project construction.
        new("开工", Project, 4), new("踏查", Project, Verb), new("项目建设", Project, 3), new("调度推进", Project, 2),
        new("手续", Project, 1.5f), new("审批", Project, 1), new("征地", Project, 2), new("拆迁", Project, 2),
        new("征拆", Project, 2), new("融资", Project, 3), new("施工", Project, 2), new("竣工", Project, 2),
        new("投产", Project, 2), new("主体工程", Project, 1.5f), new("项目调度", Project, 3), new("重点项目", Project, 2),
        new("项目", Project, 1), new("回头看", Project, 1), new("前期工作", Project, 1.5f), new("用地", Project, 1),
        new("招投标", Project, 2), new("在建", Project, 1.5f), new("重大项目", Project, 2), new("项目谋划", Project, 2),
        new("储备项目", Project, 2), new("项目储备", Project, 2),

        // 河长: river and lake chiefs.
        new("巡河", RiverChief, Verb), new("巡湖", RiverChief, Verb), new("河长制", RiverChief, 6), new("湖长制", RiverChief, 6),
        new("河长", RiverChief, 4), new("湖长", RiverChief, 4), new("河道", RiverChief, 2.5f), new("河湖", RiverChief, 3),
        new("清河", RiverChief, 2), new("河面", RiverChief, 2), new("河岸", RiverChief, 2), new("排污口", RiverChief, 2),
        new("水库", RiverChief, 1.5f),

        // 攻坚: the three tough battles and the target responsibility system.
        new("攻坚战", Battle, 4), new("脱贫攻坚", Battle, 5), new("脱贫", Battle, 3), new("扶贫", Battle, 3),
        new("贫困户", Battle, 2), new("污染防治", Battle, 5), new("环保督察", Battle, 5), new("督察整改", Battle, 3),
        new("中央环保", Battle, 3), new("防范化解", Battle, 4), new("化解风险", Battle, 3), new("风险排查", Battle, 3),
        new("重大风险", Battle, 3), new("风险隐患", Battle, 2), new("目标责任制", Battle, 4), new("攻坚", Battle, 2),
        new("蓝天保卫战", Battle, 4), new("大气污染", Battle, 3), new("秸秆", Battle, 2), new("环境整治", Battle, 2),
        new("非法集资", Battle, 3), new("债务风险", Battle, 3), new("金融风险", Battle, 3),

        // 培训: training classes.
        new("培训", Training, Verb), new("参训", Training, Verb), new("授课", Training, 3), new("轮训", Training, Verb),
        new("讲座", Training, 2), new("学员", Training, 2), new("研修", Training, 3), new("专题辅导", Training, 2),
        new("进修", Training, Verb), new("培训班", Training, Verb), new("研修班", Training, Verb), new("专题班", Training, Verb),

        // 宣传: policy publicity.
        new("宣传", Publicity, 4), new("宣讲", Publicity, Verb), new("政策解读", Publicity, Verb), new("解读", Publicity, 2),
        new("明白纸", Publicity, 3), new("专栏", Publicity, 2), new("报道", Publicity, 2), new("新媒体", Publicity, 2),
        new("政策手册", Publicity, 2), new("知晓率", Publicity, 2), new("普法", Publicity, 3),

        // 民生: livelihood items.
        new("民生实事", Livelihood, 6), new("民生", Livelihood, 3), new("棚户区", Livelihood, 4), new("棚改", Livelihood, 4),
        new("厕所革命", Livelihood, 5), new("户厕", Livelihood, 4), new("改厕", Livelihood, 4), new("农村公路", Livelihood, 4),
        new("供暖", Livelihood, 4), new("供热", Livelihood, 3), new("就业", Livelihood, 2), new("招聘会", Livelihood, 3),
        new("稳岗", Livelihood, 2), new("养老", Livelihood, 2), new("医疗", Livelihood, 2), new("医保", Livelihood, 2),
        new("义诊", Livelihood, 2), new("幼儿园", Livelihood, 2), new("学校", Livelihood, 1.5f), new("老旧小区", Livelihood, 4),
        new("回迁", Livelihood, 3), new("保障房", Livelihood, 3), new("低保", Livelihood, 2), new("困难群众", Livelihood, 2),
        new("安全饮水", Livelihood, 3), new("路灯", Livelihood, 2), new("暖房子", Livelihood, 3), new("民生工程", Livelihood, 4),
    ];

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
        var state = new ScoreState(scores, sums, firstAt, seen);
        Matcher.ForEach(text, ref state, static (ref ScoreState s, int at, int word) =>
        {
            if (s.Seen[word])
            {
                return;
            }

            s.Seen[word] = true;
            var cue = Cues[word];
            s.Sums[cue.Activity] += cue.Weight;
            if (cue.Weight > s.Scores[cue.Activity])
            {
                s.Scores[cue.Activity] = cue.Weight;
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

    private ref struct ScoreState(Span<float> scores, Span<float> sums, Span<int> firstAt, Span<bool> seen)
    {
        public Span<float> Scores = scores;
        public Span<float> Sums = sums;
        public Span<int> FirstAt = firstAt;
        public Span<bool> Seen = seen;
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
