using Bot.Data.Plans;
using Bot.Data.Tasks;

namespace Bot.Skills.Ledger;

/// <summary>Chinese names of stored codes, shared by the ledger and the dashboard.</summary>
public static class Labels
{
    public static string TaskStatus(string status) => status switch
    {
        TaskStatuses.Open => "进行中",
        TaskStatuses.Done => "已完成",
        TaskStatuses.Cancelled => "已取消",
        _ => status,
    };

    public static string Recurrence(string? recurrence) => recurrence switch
    {
        null or "" => "",
        Recurrences.Daily => "每天",
        Recurrences.Weekly => "每周",
        Recurrences.HalfMonthly => "每半月",
        Recurrences.TenDays => "每旬",
        Recurrences.Monthly => "每月",
        Recurrences.Quarterly => "每季度",
        Recurrences.HalfYearly => "每半年",
        Recurrences.Yearly => "每年",
        _ => recurrence,
    };

    /// <summary>e.g. <c>（一）“大走访大调研”行动</c> shortened to <c>1. “大走访大调研”行动</c>; the bare number when the plan lacks it.</summary>
    public static string Action(int? number, Plan? plan)
    {
        if (number is not int n)
        {
            return "";
        }

        var action = plan?.Actions.FirstOrDefault(a => a.Number == n);
        return action is null ? $"行动{n}" : $"{n}. {action.Title}";
    }
}
