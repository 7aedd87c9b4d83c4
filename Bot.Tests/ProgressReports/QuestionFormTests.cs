using Bot.Skills.ProgressReports;

namespace Bot.Tests.ProgressReports;

/// <summary>Questions and commands are recognised by their form, not only by keywords; corrections may name their report first.</summary>
public sealed class QuestionFormTests
{
    [Theory]
    [InlineData("本月各位领导调研天数排个名", "query")]
    [InlineData("各副区长巡河次数排名", "query")]
    [InlineData("平西乡的企业走访情况咋样", "query")]
    [InlineData("招商项目签了几个呢", "query")]
    [InlineData("张志刚这个月去站前街道调研了吗", "query")]
    [InlineData("看看本周的汇报", "query")]
    [InlineData("列一下本周到期的任务", "query")]
    [InlineData("把三季度巡河次数统计一下", "query")]
    [InlineData("下周的调研安排发一下", "query")]
    [InlineData("#1 更正：走访企业5家", "correction")]
    [InlineData("#12 撤回", "correction")]
    [InlineData("恢复 #3", "correction")]
    [InlineData("汇报：5月12日赴平西乡调研，走访企业3家", "report")]
    [InlineData("近日到北沟街道调研", "report")]
    public void A_message_is_classified_by_its_form(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }
}
