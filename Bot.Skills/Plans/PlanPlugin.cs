using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Microsoft.SemanticKernel;

namespace Bot.Skills.Plans;

/// <summary>
/// Semantic Kernel plugin over the stored active plan: what an action requires ("大招商行动有什么要求") and which
/// milestones fall in a month ("6月有哪些节点"). Read-only; answers in Chinese.
/// </summary>
public sealed partial class PlanPlugin(IPlanRepository plans)
{
    public const string PluginName = "Plan";

    internal const string NoPlan = "尚未导入实施方案。";

    [KernelFunction("get_action_requirements")]
    [Description("查询实施方案中某项行动的要求：时间安排、具体要求、量化指标、经常性职责和责任人及责任部门。用于回答“大招商行动有什么要求”“第六项行动要做什么”之类的问题。")]
    public async Task<string> GetActionRequirementsAsync(
        [Description("行动名称中的关键词或行动序号，例如“大招商”“百日攻坚”“民生实事”“2”“第六项”")] string action,
        CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        if (plan is null || plan.Actions.Count == 0)
        {
            return NoPlan;
        }

        var found = FindAction(plan.Actions, action ?? "");
        if (found is null)
        {
            var list = string.Join("；", plan.Actions.Select(a => $"{Ordinal(a.Number)}{a.Title}"));
            return $"没有找到与“{action}”对应的行动。方案中的行动有：{list}。";
        }

        return Describe(found);
    }

    [KernelFunction("list_milestones")]
    [Description("列出实施方案在某个月内的时间节点（含每月、每季度等周期性节点）。用于回答“6月有哪些节点”“下个月有什么任务节点”之类的问题。")]
    public async Task<string> ListMilestonesAsync(
        [Description("月份：1 到 12 的数字，或“6月”“六月”“2026-06”")] string month,
        CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        if (plan is null)
        {
            return NoPlan;
        }

        if (MonthOf(month ?? "") is not int m)
        {
            return $"无法识别月份“{month}”，请说明 1 到 12 月中的哪个月。";
        }

        var first = new DateOnly(plan.Year, m, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var hits = plan.Actions
            .SelectMany(a => a.Milestones.Select(ms => (Action: a, Milestone: ms)))
            .Where(x => x.Milestone.EndDate is DateOnly end && end >= first && (x.Milestone.StartDate ?? end) <= last)
            .OrderBy(x => x.Milestone.Recurrence is null ? 0 : 1)
            .ThenBy(x => x.Milestone.StartDate ?? x.Milestone.EndDate)
            .ThenBy(x => x.Action.Number)
            .ToList();
        if (hits.Count == 0)
        {
            return $"{plan.Year}年{m}月没有方案节点。";
        }

        var builder = new StringBuilder($"{plan.Year}年{m}月的方案节点（共{hits.Count}项）：");
        var n = 0;
        foreach (var (action, milestone) in hits)
        {
            builder.Append('\n').Append(++n).Append(". ").Append(Window(milestone)).Append(' ')
                .Append(Ordinal(action.Number)).Append(action.Title).Append('：').Append(Shorten(milestone.Text, 90));
        }

        return builder.ToString();
    }

    /// <summary>The action named by a number (2, 二, 第六项, （三）) or by a keyword of its title or text.</summary>
    internal static PlanAction? FindAction(IReadOnlyList<PlanAction> actions, string query)
    {
        var q = Noise().Replace(query, "");
        var number = NumberQuery().Match(q);
        if (number.Success && ChineseNumerals.Parse(number.Groups["n"].Value) is int n)
        {
            return actions.FirstOrDefault(a => a.Number == n);
        }

        var key = Normalize(q);
        if (key.Length == 0)
        {
            return null;
        }

        var best = actions
            .Select(a => (Action: a, Score: CommonLength(key, Normalize(a.Title))))
            .Where(x => x.Score >= Math.Min(2, key.Length))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Action.Title.Length)
            .FirstOrDefault();
        if (best.Action is not null)
        {
            return best.Action;
        }

        // 河长制 → the action whose text mentions it.
        return actions.FirstOrDefault(a =>
            (a.Description?.Contains(key, StringComparison.Ordinal) ?? false) ||
            a.Milestones.Any(m => m.Text.Contains(key, StringComparison.Ordinal)) ||
            a.Duties.Any(d => d.Text.Contains(key, StringComparison.Ordinal)));
    }

    internal static int? MonthOf(string text)
    {
        var m = MonthQuery().Match(text.Trim());
        return m.Success && ChineseNumerals.Parse(m.Groups["m"].Value) is int month and >= 1 and <= 12 ? month : null;
    }

    private static string Describe(PlanAction action)
    {
        var builder = new StringBuilder();
        builder.Append(Ordinal(action.Number)).Append(action.Title);
        if (action.Period is not null)
        {
            builder.Append('（').Append(action.Period);
            if (action.StartDate is DateOnly s && action.EndDate is DateOnly e)
            {
                builder.Append('，').Append(Iso(s)).Append('至').Append(Iso(e));
            }

            builder.Append('）');
        }

        if (action.Milestones.Count > 0)
        {
            builder.Append("\n时间安排：");
            foreach (var m in action.Milestones)
            {
                builder.Append("\n· ").Append(Window(m)).Append(' ').Append(Shorten(m.Text, 120));
            }
        }

        var requirements = RequirementLines(action.Description);
        if (requirements.Count > 0)
        {
            builder.Append("\n具体要求：");
            foreach (var line in requirements)
            {
                builder.Append("\n· ").Append(Shorten(line, 160));
            }
        }

        if (action.Targets.Count > 0)
        {
            builder.Append("\n量化指标：");
            foreach (var t in action.Targets)
            {
                builder.Append("\n· ").Append(Subject(t.AppliesTo)).Append(MetricKeys.Label(t.Metric)).Append(' ').Append(Bounds(t));
            }
        }

        if (action.Duties.Count > 0)
        {
            builder.Append("\n经常性职责：");
            foreach (var d in action.Duties)
            {
                builder.Append("\n· ").Append(Every(d.Every)).Append('：').Append(Shorten(d.Text, 80));
                if (d.PhotoRequired)
                {
                    builder.Append("（须留存影像资料）");
                }
            }
        }

        var leaders = PlanImportResult.LeadersOf(action);
        var units = action.Responsibilities.Where(r => r.Kind != ResponsibilityKinds.Leader).Select(r => r.Name).ToList();
        if (leaders.Count + units.Count > 0)
        {
            builder.Append("\n责任人及责任部门：").Append(string.Join("、", leaders.Concat(units)));
        }

        return builder.ToString();
    }

    private static List<string> RequirementLines(string? description)
    {
        if (string.IsNullOrEmpty(description))
        {
            return [];
        }

        var lines = description.Split('\n');
        var start = Array.IndexOf(lines, "具体要求：");
        return start < 0 ? [] : lines[(start + 1)..].Where(l => l.Length > 0).ToList();
    }

    private static string Bounds(Target t)
    {
        var per = t.Per switch
        {
            Recurrences.Monthly => "每月",
            Recurrences.Quarterly => "每季度",
            _ => "全年",
        };
        string range;
        if (t.Metric == MetricKeys.Coverage)
        {
            range = "全覆盖（每个单位至少走访一遍）";
        }
        else if (t.MinValue is double min && t.MaxValue is double max)
        {
            range = min == max ? Number(min) : $"{Number(min)}至{Number(max)}";
        }
        else if (t.MinValue is double atLeast)
        {
            range = $"不少于{Number(atLeast)}";
        }
        else
        {
            range = $"不超过{Number(t.MaxValue ?? 0)}";
        }

        var threshold = t.Threshold is double th ? $"（{Number(th)}亿元以上）" : "";
        return $"{per}{range}{threshold}";
    }

    private static string Subject(string appliesTo) => appliesTo switch
    {
        TargetSubjects.Leader => "每位领导·",
        TargetSubjects.RiverChief => "河长·",
        TargetSubjects.Unit => "责任单位·",
        _ => "",
    };

    private static string Every(string every) => every switch
    {
        Recurrences.Daily => "每天",
        Recurrences.Weekly => "每周",
        Recurrences.HalfMonthly => "每半月",
        Recurrences.TenDays => "每旬",
        Recurrences.Monthly => "每月",
        Recurrences.Quarterly => "每季度",
        Recurrences.HalfYearly => "每半年",
        _ => "每年",
    };

    private static string Window(Milestone m)
    {
        var when = m.StartDate is DateOnly s && m.EndDate is DateOnly e
            ? s == e ? Iso(s) : $"{Iso(s)}至{Iso(e)}"
            : m.EndDate is DateOnly end ? $"{Iso(end)}前" : "时间未定";
        return m.Recurrence is null ? when : $"{when}（{Every(m.Recurrence)}）";
    }

    private static string Iso(DateOnly d) => d.ToString("MM-dd", CultureInfo.InvariantCulture);

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string Ordinal(int number) => $"（{Chinese(number)}）";

    private static string Chinese(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 0 or > 99 => n.ToString(CultureInfo.InvariantCulture),
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n % 10],
            _ => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
        };
    }

    private static string Normalize(string text) => TitleNoise().Replace(text, "");

    private static int CommonLength(string a, string b)
    {
        var best = 0;
        var previous = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            for (var j = 1; j <= b.Length; j++)
            {
                if (a[i - 1] == b[j - 1])
                {
                    current[j] = previous[j - 1] + 1;
                    best = Math.Max(best, current[j]);
                }
            }

            previous = current;
        }

        return best;
    }

    [GeneratedRegex(@"有什么要求|有哪些要求|什么要求|的要求|要求|要做什么|做什么|是什么|怎么做|情况|内容|[？?。！!\s]")]
    private static partial Regex Noise();

    [GeneratedRegex(@"^(?:行动)?[（(第]?(?<n>\d{1,2}|[一二三四五六七八九十]{1,3})[）)]?(?:项|个)?(?:行动)?$")]
    private static partial Regex NumberQuery();

    [GeneratedRegex(@"[“”""'‘’《》「」、，,：:（）()\s]|行动")]
    private static partial Regex TitleNoise();

    [GeneratedRegex(@"^(?:(?:19|20)\d{2}\s*[-年/.]\s*)?(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*(?:月份?|月)?$")]
    private static partial Regex MonthQuery();
}
