using Bot.Skills.Conversation;

namespace Bot.Tests.Skills.Conversation;

/// <summary>How corrections and references to earlier reports are read, before anything is looked up.</summary>
public sealed class CorrectionSyntaxTests
{
    [Theory]
    [InlineData("日期是5月17日", CorrectionField.Date, CorrectionOperation.Set, "5月17日", null)]
    [InlineData("地点改为平东街道", CorrectionField.Place, CorrectionOperation.Set, "平东街道", null)]
    [InlineData("行动是大招商", CorrectionField.Action, CorrectionOperation.Set, "大招商", null)]
    [InlineData("是2天不是1天", CorrectionField.Unnamed, CorrectionOperation.Set, "2天", "1天")]
    [InlineData("不是1天，是2天", CorrectionField.Unnamed, CorrectionOperation.Set, "2天", "1天")]
    [InlineData("1天改成2天", CorrectionField.Unnamed, CorrectionOperation.Set, "2天", "1天")]
    [InlineData("应为2天", CorrectionField.Unnamed, CorrectionOperation.Set, "2天", null)]
    [InlineData("地点是平东街道不是北沟街道", CorrectionField.Place, CorrectionOperation.Set, "平东街道", "北沟街道")]
    [InlineData("走访企业5家", CorrectionField.Unnamed, CorrectionOperation.Set, "走访企业5家", null)]
    [InlineData("加上平东街道", CorrectionField.Unnamed, CorrectionOperation.Add, "平东街道", null)]
    [InlineData("去掉北沟街道", CorrectionField.Unnamed, CorrectionOperation.Remove, "北沟街道", null)]
    [InlineData("还去了平东街道", CorrectionField.Unnamed, CorrectionOperation.Add, "平东街道", null)]
    [InlineData("另外还到了英雄街道", CorrectionField.Unnamed, CorrectionOperation.Add, "英雄街道", null)]
    [InlineData("增加参加人员张志刚", CorrectionField.People, CorrectionOperation.Add, "张志刚", null)]
    public void A_correction_is_read_as_field_operation_new_and_old_value(string body, CorrectionField field, CorrectionOperation operation, string value, string? old)
    {
        var form = CorrectionSyntax.Parse(body);

        Assert.Equal((field, operation, value, old), (form.Field, form.Operation, form.Value, form.Old));
    }

    [Fact]
    public void A_counter_restated_after_its_label_keeps_the_label_for_the_counter_parser()
    {
        var form = CorrectionSyntax.Parse("走访企业数改为6家");

        Assert.Equal("走访企业6家", form.Phrase);
    }

    [Theory]
    [InlineData("#1 更正：走访企业5家", ReportIntent.Correction, 1L, "走访企业5家")]
    [InlineData("更正 #12 日期是5月17日", ReportIntent.Correction, 12L, "日期是5月17日")]
    [InlineData("更正：是2天不是1天", ReportIntent.Correction, null, "是2天不是1天")]
    [InlineData("第7条更正：地点改为平东街道", ReportIntent.Correction, 7L, "地点改为平东街道")]
    [InlineData("撤回", ReportIntent.Withdrawal, null, "")]
    [InlineData("撤回 #3", ReportIntent.Withdrawal, 3L, "")]
    [InlineData("恢复 #3", ReportIntent.Restore, 3L, "")]
    [InlineData("恢复生产工作推进情况良好，走访企业3家", ReportIntent.None, null, "")]
    [InlineData("本月谁还没汇报", ReportIntent.None, null, "")]
    public void A_message_about_an_earlier_report_names_its_intent_and_number(string text, ReportIntent intent, long? number, string body)
    {
        Assert.Equal(intent, ConversationIntent.Of(text));
        Assert.Equal(number, ConversationIntent.ReportNumber(text));
        if (intent == ReportIntent.Correction)
        {
            Assert.Equal(body, ConversationIntent.CorrectionBody(text));
        }
    }

    [Fact]
    public void A_quoted_bot_confirmation_names_its_report()
    {
        var raw = """{"msgtype":"text","text":{"content":"更正：走访企业5家"},"quote":{"content":"✅ 已记录 #42：5月12日 · 行动一“大走访大调研”"}}""";

        Assert.Equal(42L, ConversationIntent.QuotedReportNumber(raw));
        Assert.Null(ConversationIntent.QuotedReportNumber("""{"text":"更正：走访企业5家"}"""));
    }
}
