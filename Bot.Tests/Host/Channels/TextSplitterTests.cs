using System.Text;
using Bot.Host.Channels;

namespace Bot.Tests.Host.Channels;

public sealed class TextSplitterTests
{
    [Fact]
    public void Short_text_stays_one_part()
    {
        Assert.Equal(["本月专题调研 3/3–4 次 🟢"], TextSplitter.Split("本月专题调研 3/3–4 次 🟢", 2048));
    }

    [Fact]
    public void Long_text_is_split_at_line_boundaries_within_the_byte_limit()
    {
        var lines = Enumerable.Range(1, 200).Select(i => $"{i}. 王强副区长到平西乡调研乡村振兴，走访企业3家 🟢").ToList();
        var text = string.Join('\n', lines);

        var parts = TextSplitter.Split(text, 2048);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 2048));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
    }

    [Fact]
    public void A_single_overlong_line_is_cut_without_breaking_characters_or_emoji()
    {
        var line = string.Concat(Enumerable.Repeat("调研👋", 1000));

        var parts = TextSplitter.Split(line, 100);

        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 100));
        Assert.Equal(line, string.Concat(parts));
        Assert.DoesNotContain(parts, p => char.IsHighSurrogate(p[^1]));
    }
}
