using System.Globalization;
using System.Text;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.Units;
using Bot.Skills.Calendar;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;

namespace Bot.Skills.Conversation;

/// <summary>
/// Answers status questions by rules, from the database: 谁还没汇报, 逾期/到期任务, 行动进展, a leader's scorecard or
/// counts, unit coverage, recent reports. Returns null for a question it does not recognise.
/// </summary>
public sealed class QueryHandler(
    IPlanRepository plans,
    IMemberRepository members,
    Figures.FigureService figures,
    Figures.FigureQuestions figureQuestions,
    StatusService status,
    ScorecardService scorecards,
    Digests.DigestService digests)
{
    private static readonly (string Keyword, string Metric)[] MetricWords =
    [
        ("巡河", "patrols"), ("巡湖", "patrols"), ("巡查", "patrols"), ("签约", "projects"), ("项目", "projects"), ("投资", "investment"),
        ("企业", "enterprises"), ("报告", "reports"), ("培训", "trainings"), ("问题", "problems_solved"), ("宣传", "events"),
    ];

    public async Task<BotReply?> AnswerAsync(Member? sender, string text, DateOnly today, CancellationToken cancellationToken = default)
    {
        var period = Period.FromText(text, today);
        if (Has(text, "没汇报", "未汇报", "没有汇报", "没报", "未报送"))
        {
            return await NonReportersAsync(period ?? Period.Month(today), cancellationToken);
        }

        if (Has(text, "逾期", "超期", "过期"))
        {
            return await OverdueAsync(today, cancellationToken);
        }

        if (Has(text, "到期", "快到期", "截止"))
        {
            return await UpcomingAsync(today, period, cancellationToken);
        }

        // 上月汇总 / 11月通报 / 本周小结: the office digest of that period, as the schedule posts it (figures up to today).
        if (Has(text, "汇总", "小结", "通报", "简报", "月报", "周报", "季报") && (period ?? Period.Month(today)) is var asked && DigestKindOf(asked) is { } kind)
        {
            var digest = await digests.BuildAsync(kind, asked, today, cancellationToken);
            return new BotReply(digest.Markdown, Markdown: true);
        }

        var roster = await members.ListAsync(cancellationToken);
        var named = RosterLookup.FindSubject(text, roster, sender);
        if (Has(text, "没走访", "未走访", "还没去", "没去过", "没有走访"))
        {
            var who = named ?? (sender?.Role == Roles.Leader ? sender : null);
            return who is null ? new BotReply("请说明是哪位领导，例如：哪些街道王副区长还没走访？") : await CoverageAsync(who, text, period ?? Period.Year(today.Year), cancellationToken);
        }

        if (Has(text, "最近汇报", "最新汇报", "最近的汇报", "近期汇报"))
        {
            return await RecentAsync(cancellationToken);
        }

        var plan = await plans.GetActiveAsync(cancellationToken);
        // Rankings, comparisons with the previous period and report counts: the figure service's shapes.
        if (await figureQuestions.AnswerAsync(text, today, roster, plan, named, cancellationToken) is { } figure)
        {
            return figure;
        }

        var action = RosterLookup.FindAction(text, plan);
        if (action is not null && named is null && Has(text, "进展", "情况", "进度", "怎么样", "如何", "完成"))
        {
            return await ActionProgressAsync(action, period ?? Period.Year(today.Year), today, cancellationToken);
        }

        var everyone = Has(text, "各位", "各副区长", "每位", "所有领导", "各领导");
        var metrics = MetricsAsked(text);
        if (metrics.Count > 0 && (named is not null || everyone || sender is not null))
        {
            // Nobody named: a leader asks about themself (本月调研了几次？), anyone else about every leader.
            var leaders = roster.Where(m => m.Active && m.Role == Roles.Leader).ToList();
            var people = everyone ? leaders : named is not null ? [named] : sender!.Role == Roles.Leader ? [sender] : leaders;
            return await CountsAsync(people, metrics, period ?? Period.Month(today), today, cancellationToken);
        }

        if (named is not null || (sender?.Role == Roles.Leader && Has(text, "调研情况", "完成情况", "计分", "进度", "我的")))
        {
            var who = named ?? sender!;
            var card = await scorecards.ForMemberAsync(who, today, cancellationToken);
            return new BotReply(ScorecardText(card), Markdown: true);
        }

        return null;
    }

    /// <summary>Metrics a question asks about: 调研几天 → research_days, 调研几次 → research_trips, 签约/项目 → projects …</summary>
    public static IReadOnlyList<string> MetricsAsked(string text)
    {
        var result = new List<string>();
        if (Has(text, "调研"))
        {
            if (Has(text, "几天", "天数", "多少天"))
            {
                result.Add("research_days");
            }

            if (Has(text, "几次", "次数", "多少次"))
            {
                result.Add("research_trips");
            }
        }

        foreach (var (keyword, metric) in MetricWords)
        {
            if (text.Contains(keyword, StringComparison.Ordinal) && !result.Contains(metric))
            {
                result.Add(metric);
            }
        }

        if (result.Contains("projects") && Has(text, "总投资", "多少钱", "投资额") && !result.Contains("investment"))
        {
            result.Add("investment");
        }

        return result;
    }

    public static string ScorecardText(Scorecard card)
    {
        if (card.Lines.Count == 0)
        {
            return $"**{card.Member.Name}** 暂无可对照的计划指标。";
        }

        var text = new StringBuilder($"**{card.Member.Name}{card.Member.Title} 指标完成情况** {card.Light.Emoji()}\n");
        foreach (var line in card.Lines)
        {
            text.Append("· ").Append(line.Text).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private async Task<BotReply> NonReportersAsync(Period period, CancellationToken cancellationToken)
    {
        var silent = await status.NonReportersAsync(period, cancellationToken);
        if (silent.Count == 0)
        {
            return new BotReply($"✅ {period.Label}名册中的领导和联络员都已汇报。");
        }

        var names = string.Join("、", silent.Select(m => m.Name));
        return new BotReply($"**{period.Label}还没汇报（{silent.Count}人）**\n{names}\n可发送“催报 @姓名”提醒。", Markdown: true);
    }

    private async Task<BotReply> OverdueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var overdue = await status.OverdueAsync(today, cancellationToken);
        if (overdue.Count == 0)
        {
            return new BotReply("✅ 目前没有逾期任务。");
        }

        var text = new StringBuilder($"**逾期任务（{overdue.Count}项）**\n");
        foreach (var t in overdue.Take(15))
        {
            text.Append(CultureInfo.InvariantCulture, $"🔴 #{t.Task.Id} {Shorten(t.Task.Title)}（{Owner(t)}，应于{t.Task.DueEnd:M月d日}前完成）\n");
        }

        return new BotReply(text.ToString().TrimEnd() + (overdue.Count > 15 ? $"\n……另有{overdue.Count - 15}项，详见看板。" : ""), Markdown: true);
    }

    private async Task<BotReply> UpcomingAsync(DateOnly today, Period? period, CancellationToken cancellationToken)
    {
        var days = period is null ? 7 : Math.Max(0, period.End.DayNumber - today.DayNumber);
        var upcoming = await status.UpcomingAsync(today, days, cancellationToken);
        if (upcoming.Count == 0)
        {
            return new BotReply($"{(period?.Label ?? "未来7天")}没有到期的任务。");
        }

        var text = new StringBuilder($"**{period?.Label ?? "未来7天"}到期任务（{upcoming.Count}项）**\n");
        foreach (var t in upcoming.Take(15))
        {
            text.Append(CultureInfo.InvariantCulture, $"{t.Light.Emoji()} #{t.Task.Id} {Shorten(t.Task.Title)}（{Owner(t)}，{t.Task.DueEnd:M月d日}到期）\n");
        }

        return new BotReply(text.ToString().TrimEnd(), Markdown: true);
    }

    private async Task<BotReply> CoverageAsync(Member leader, string text, Period period, CancellationToken cancellationToken)
    {
        var types = new List<string>();
        if (text.Contains("街道", StringComparison.Ordinal) || text.Contains('乡', StringComparison.Ordinal))
        {
            types.AddRange([UnitTypes.Subdistrict, UnitTypes.Township]);
        }

        if (text.Contains("部门", StringComparison.Ordinal) || text.Contains('局', StringComparison.Ordinal))
        {
            types.Add(UnitTypes.Department);
        }

        var unvisited = await status.UnvisitedUnitsAsync(leader, period, types, cancellationToken);
        return unvisited.Count == 0
            ? new BotReply($"✅ {leader.Name}{period.Label}已走访全部相关单位。")
            : new BotReply($"**{leader.Name}{period.Label}尚未走访（{unvisited.Count}个）**\n{string.Join("、", unvisited.Select(u => u.Name))}", Markdown: true);
    }

    private async Task<BotReply> RecentAsync(CancellationToken cancellationToken)
    {
        var recent = await status.RecentReportsAsync(8, cancellationToken);
        if (recent.Count == 0)
        {
            return new BotReply("还没有收到任何汇报。");
        }

        var text = new StringBuilder("**最近汇报**\n");
        foreach (var r in recent)
        {
            text.Append(CultureInfo.InvariantCulture, $"· #{r.Id} {r.MemberName} {r.WorkDate?.ToString("M月d日", CultureInfo.InvariantCulture) ?? "日期未填"} {r.Activity ?? ""}：{Shorten(r.RawText, 30)}\n");
        }

        return new BotReply(text.ToString().TrimEnd(), Markdown: true);
    }

    private async Task<BotReply> ActionProgressAsync(PlanAction action, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var progress = await status.ActionProgressAsync(action.Number, period, today, cancellationToken);
        if (progress is null)
        {
            return new BotReply("没有找到这项行动。");
        }

        var text = new StringBuilder($"**{RosterLookup.ActionName(action)}（{action.Period}）{period.Label}进展**\n");
        text.Append(CultureInfo.InvariantCulture, $"· 汇报 {progress.Reports} 条");
        foreach (var (metric, value) in progress.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"，{MetricCatalog.Label(metric)} {MetricCatalog.Format(value)}{MetricCatalog.Unit(metric)}");
        }

        text.Append('\n');
        if (progress.Tasks.Count > 0)
        {
            var done = progress.Tasks.Count(t => t.Task.Status == Bot.Data.Tasks.TaskStatuses.Done);
            text.Append(CultureInfo.InvariantCulture, $"· 任务 {done}/{progress.Tasks.Count} 已办结");
            var red = progress.Tasks.Count(t => t.Light == Light.Red);
            text.Append(red > 0 ? $"，🔴逾期 {red} 项\n" : "\n");
        }

        foreach (var r in progress.Latest.Take(3))
        {
            text.Append(CultureInfo.InvariantCulture, $"· {r.WorkDate?.ToString("M月d日", CultureInfo.InvariantCulture) ?? ""} {r.MemberName}：{Shorten(r.RawText, 30)}\n");
        }

        return new BotReply(text.ToString().TrimEnd(), Markdown: true);
    }

    private async Task<BotReply> CountsAsync(IReadOnlyList<Member> people, IReadOnlyList<string> metrics, Period period, DateOnly today, CancellationToken cancellationToken)
    {
        var totals = await figures.MetricsByMemberAsync(period, today, cancellationToken: cancellationToken);
        var text = new StringBuilder($"**{period.Label}统计**\n");
        foreach (var person in people)
        {
            var parts = metrics.Select(metric =>
            {
                var value = Figures.FigureService.Of(totals, person, metric);
                return $"{MetricCatalog.Label(metric)} {MetricCatalog.Format(value)}{MetricCatalog.Unit(metric)}";
            });
            text.Append(CultureInfo.InvariantCulture, $"· {person.Name}：{string.Join("，", parts)}\n");
        }

        return new BotReply(text.ToString().TrimEnd(), Markdown: true);
    }

    private static string Owner(TaskView t) => t.OwnerUnit ?? "未指定责任单位";

    private static string Shorten(string text, int max = 40)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..max] + "…";
    }

    /// <summary>The digest kind of a period asked for (a week, month, quarter, half or whole year); null for other ranges.</summary>
    private static string? DigestKindOf(Period period) => period.Kind switch
    {
        "week" => Digests.DigestKinds.Week,
        "month" => Digests.DigestKinds.Month,
        "quarter" => Digests.DigestKinds.Quarter,
        "half_year" => Digests.DigestKinds.Half,
        "year" => Digests.DigestKinds.Year,
        _ => null,
    };

    private static bool Has(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
