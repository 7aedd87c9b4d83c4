using System.Text.RegularExpressions;
using Bot.Tests.Support;

namespace Bot.Tests.Skills.Conversation;

/// <summary>
/// Every example conversation in the README's “Conversation (what users see)” section, played through the Sandbox:
/// each message must be understood (no fallback, no refusal) and only a confirmed report may store a report.
/// </summary>
public sealed partial class ReadmeExamplesTests
{
    private static readonly string[] NotUnderstood =
        ["没能识别", "还不会回答", "没有识别这条命令", "我可以记录汇报、回答查询", "没有找到", "名册中没有", "抱歉", "请带上编号"];

    public static TheoryData<string> ExampleLines()
    {
        var data = new TheoryData<string>();
        foreach (var line in ConversationSection())
        {
            if (ExampleLine().IsMatch(line))
            {
                data.Add(line);
            }
        }

        return data;
    }

    [Fact]
    public void The_readme_conversation_section_has_examples_for_reports_corrections_withdrawal_and_questions()
    {
        var lines = ConversationSection().Where(l => ExampleLine().IsMatch(l)).ToList();

        Assert.True(lines.Count >= 10, $"only {lines.Count} example lines found");
        Assert.Contains(lines, l => l.Contains("更正", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("撤回", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("恢复", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExampleLines))]
    public async Task Each_readme_example_conversation_is_understood(string line)
    {
        await using var chat = await ScriptedChat.StartAsync("Sqlite");
        foreach (var message in Message().Matches(line).Select(m => m.Groups[1].Value))
        {
            var before = (await chat.Reports.RecentAsync(1000)).Select(r => r.RootId).Distinct().Count();

            var reply = await chat.SayAsync("王强", message);

            Assert.False(string.IsNullOrWhiteSpace(reply), message);
            Assert.All(NotUnderstood, marker => Assert.False(reply.Contains(marker, StringComparison.Ordinal), $"{message} → {reply}"));
            var after = (await chat.Reports.RecentAsync(1000)).Select(r => r.RootId).Distinct().Count();
            if (!reply.Contains("已记录", StringComparison.Ordinal) && !reply.Contains("已恢复", StringComparison.Ordinal))
            {
                Assert.True(after <= before, $"{message} stored a report: {reply}");
            }
        }
    }

    /// <summary>The lines of the README between the conversation heading and the next heading of the same level.</summary>
    private static IEnumerable<string> ConversationSection()
    {
        var inside = false;
        foreach (var line in File.ReadLines(RepositoryFiles.Path("README.md")))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inside = line.StartsWith("## Conversation", StringComparison.Ordinal);
                continue;
            }

            if (inside)
            {
                yield return line.Trim();
            }
        }
    }

    /// <summary>A bullet made only of backticked messages joined by arrows: - `a` → `b`.</summary>
    [GeneratedRegex(@"^- `[^`]+`(?:\s*→\s*`[^`]+`)*$")]
    private static partial Regex ExampleLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Message();
}
