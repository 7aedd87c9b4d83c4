namespace Bot.Skills.Conversation;

/// <summary>The 帮助 answer: every command and question the bot understands.</summary>
public static class HelpText
{
    public const string Markdown = """
        **铁西小助手 使用说明**
        📌 汇报工作：直接发送，如“汇报：5月12日赴平西乡调研乡村振兴，走访企业3家，形成调研报告1篇”
        　代领导汇报：“代王副区长汇报：……”（联络员、区政府办可用）
        ✏️ 更正（最近一条，或注明编号）：“更正：是2天不是1天”“#12 更正：走访企业5家”“更正 #12 日期是5月17日”“更正：地点改为平东街道”“更正：加上平东街道”
        ↩️ 撤回：“撤回” / “撤回 #12”；恢复：“恢复 #12”（汇报人、被汇报领导、区政府办可用）
        🔎 查询：
        　· 本月谁还没汇报 / 本周谁还没汇报
        　· 大招商行动进展
        　· 王副区长本季度调研几天
        　· 逾期任务 / 本周到期
        　· 哪些街道王副区长还没走访
        　· 最近汇报
        🗂 命令：
        　· 任务清单
        　· 第N项销号 / 办结 第N项 附：证明材料（区政府办、责任单位联络员）
        　· 新增任务：内容，完成时限，责任单位（区政府办）
        　· 催报 @某人（区政府办）
        　· 导出 本季度台账
        　· 帮助
        """;

    /// <summary>The answer to a plan for a coming day (nothing done yet): not recorded, and how to report it once done.</summary>
    public const string PlanNotRecorded = "📅 这是工作安排，还没有完成的工作暂不记录。完成后请发送汇报，例如：“汇报：今天到北沟街道调研，走访企业3家”。";

    /// <summary>What can be asked and said, with examples: the answer to a message the bot does not understand.</summary>
    public const string CanBeAsked = """
        我可以记录汇报、回答查询。可以这样说：
        · 汇报：“汇报：5月12日赴平西乡调研，走访企业3家”
        · 查询：“本月谁还没汇报”“大招商行动进展”“王副区长本季度调研几天”“本月各位领导调研天数排个名”“逾期任务”“本周到期”“最近汇报”“上月汇总”
        · 更正/撤回：“#12 更正：走访企业5家”“撤回”“恢复 #12”
        发送“帮助”查看全部用法。
        """;

    /// <summary>The answer to a question the bot recognises as a question but cannot answer.</summary>
    public const string CannotAnswer = "抱歉，这个问题我还不会回答。\n" + CanBeAsked;
}
