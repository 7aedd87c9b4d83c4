using Bot.Skills.ProgressReports;

namespace Bot.Tests.ProgressReports;

public sealed class MessageClassifierTests
{
    [Theory]
    [InlineData("@铁西小助手 汇报：今天到平西乡调研", "report")]
    [InlineData("@铁西小助手汇报：今天到平西乡调研", "report")]
    [InlineData("＠铁西小助手\u2005汇报：今天到平西乡调研", "report")]
    [InlineData("  补报：上周三去英雄街道调研社区养老服务", "report")]
    [InlineData("【工作动态】7月9日，平西乡开展防溺水安全宣传进村入户活动", "report")]
    [InlineData("1-7月全区规上工业产值同比增长8.2%，新增市场主体1260户", "report")]
    [InlineData("@铁西小助手 更正：是2天不是1天", "correction")]
    [InlineData("@铁西小助手 刚才那条不对，开工是今天", "correction")]
    [InlineData("@铁西小助手 刚才汇报的走访企业数改为6家", "correction")]
    [InlineData("@铁西小助手 撤回刚才那条，签完再报", "correction")]
    [InlineData("@铁西小助手 修改：协议总投资应为5.8亿元", "correction")]
    [InlineData("@铁西小助手 上条照片发错了，以这条为准", "correction")]
    [InlineData("@铁西小助手 帮助", "command")]
    [InlineData("@铁西小助手 任务清单", "command")]
    [InlineData("@铁西小助手 导出本季度台账", "command")]
    [InlineData("@铁西小助手 催报 @李敏", "command")]
    [InlineData("@铁西小助手 第3项销号", "command")]
    [InlineData("@铁西小助手 请帮我导出5月份台账", "command")]
    [InlineData("@铁西小助手 本月谁还没汇报？", "query")]
    [InlineData("@铁西小助手 本月调研情况", "query")]
    [InlineData("@铁西小助手 大招商行动进展如何", "query")]
    [InlineData("@铁西小助手 王副区长本季度调研几天？", "query")]
    [InlineData("@铁西小助手 查询一下逾期任务有哪些", "query")]
    [InlineData("@铁西小助手 统计下三季度各位副区长巡河次数", "query")]
    [InlineData("@铁西小助手 谢谢", "other")]
    [InlineData("@铁西小助手 收到", "other")]
    [InlineData("@铁西小助手 好的，明天一早补报👌", "other")]
    [InlineData("@铁西小助手 👍👍👍", "other")]
    [InlineData("@铁西小助手", "other")]
    [InlineData("", "other")]
    [InlineData("。。。", "other")]
    public void Messages_are_classified_despite_mentions_greetings_and_noise(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void Full_width_characters_are_folded_before_reading()
    {
        Assert.Equal("汇报:7月14日,到平西乡调研?", TextNormalizer.Normalize("@铁西小助手 汇报：７月１４日，到平西乡调研？"));
    }

    [Theory]
    [InlineData("十二", 12)]
    [InlineData("两", 2)]
    [InlineData("俩", 2)]
    [InlineData("八十", 80)]
    [InlineData("一百二十", 120)]
    [InlineData("一千零五", 1005)]
    [InlineData("两万", 20000)]
    [InlineData("23.5", 23.5)]
    public void Chinese_and_arabic_numerals_are_read(string text, double value)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var parsed));
        Assert.Equal(value, parsed);
    }
}
