namespace Bot.Skills.Conversation;

/// <summary>The 帮助 answer: every command and question the bot understands.</summary>
public static class HelpText
{
    public const string Markdown = """
        **铁西小助手 使用说明**
        📌 汇报工作：直接发送，如“汇报：5月12日赴平西乡调研乡村振兴，走访企业3家，形成调研报告1篇”
        　代领导汇报：“代王副区长汇报：……”（联络员、区政府办可用）
        ✏️ 更正：“更正：是2天不是1天”；撤回：“撤回”（最近一条）
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
}
