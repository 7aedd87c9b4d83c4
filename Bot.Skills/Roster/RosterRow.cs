namespace Bot.Skills.Roster;

/// <summary>One line of the roster an office already keeps (姓名, 职务, 角色, 单位, 分管单位, 河长级别, 企业微信账号, 钉钉账号).</summary>
public sealed record RosterRow(
    int Line,
    string Name,
    string? Title,
    string Role,
    string? Unit,
    IReadOnlyList<string> LedUnits,
    string? RiverChiefLevel,
    string? WeComUserId,
    string? DingTalkUserId);

/// <summary>The outcome of a roster import.</summary>
public sealed record RosterImportResult(int Added, int Updated, IReadOnlyList<string> Errors)
{
    public string Summary => Errors.Count == 0
        ? $"名册导入完成：新增{Added}人，更新{Updated}人。"
        : $"名册导入完成：新增{Added}人，更新{Updated}人，{Errors.Count}行有误：{string.Join("；", Errors)}";
}
