using Bot.Skills.ProgressReports;
using Bot.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Tests.ProgressReports;

public sealed class ParserAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void The_rules_parser_scores_at_least_0_90_overall_on_the_dev_set()
    {
        var score = Score("dev.jsonl");

        Assert.Equal(70, score.Messages);
        Assert.True(score.Overall >= 0.90, $"overall {score.Overall:0.000} < 0.90");
    }

    [Fact]
    public void The_rules_parser_scores_at_least_0_85_overall_on_unseen_messages()
    {
        var score = Score("extra.jsonl");

        Assert.True(score.Messages >= 40, $"only {score.Messages} extra messages");
        Assert.True(score.Overall >= 0.85, $"overall {score.Overall:0.000} < 0.85");
    }

    [Theory]
    [InlineData("fresh-2026-12-06.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-06b.jsonl", 50, 0.80)]
    [InlineData("fresh-2026-12-07.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07b.jsonl", 40, 0.80)]
    [InlineData("fresh-2026-12-07c.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07d.jsonl", 40, 0.80)]
    [InlineData("fresh-2026-12-07e.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07f.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07g.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07h.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07i.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07j.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07k.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07l.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07m.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07n.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07o.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07p.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07q.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07r.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07s.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07t.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07u.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07v.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07w.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07x.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07y.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-07z.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-08a.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-08b.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-08c.jsonl", 100, 0.80)]
    [InlineData("fresh-2026-12-08d.jsonl", 100, 0.80)]
    public void The_rules_parser_holds_its_score_on_a_fresh_batch(string file, int atLeast, double floor)
    {
        var score = Score(file);

        Assert.True(score.Messages >= atLeast, $"only {score.Messages} messages in {file}");
        Assert.True(score.Overall >= floor, $"overall {score.Overall:0.000} < {floor}");
    }

    private CorpusScore Score(string file)
    {
        var cases = Corpus.Load(file);
        var vocabulary = SeedPlan.Vocabulary;
        var score = CorpusScore.Of(cases, m => ReportParser.Instance.Parse(m, vocabulary));
        output.WriteLine(score.Table(file));
        foreach (var mismatch in score.Mismatches)
        {
            output.WriteLine(mismatch);
        }

        return score;
    }
}
