using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Skills.Scorecards;
using Bot.Skills.Status;

namespace Bot.Skills.Conversation;

/// <summary>
/// Chat commands: 帮助, 任务清单, 第N项销号/办结, 新增任务, 催报 @某人, 导出, 确认绑定. Each write checks the sender's role
/// first; a refused command gets its reason. Returns null when the text is not a command.
/// </summary>
public sealed partial class CommandHandler(
    IMemberRepository members,
    IUnitRepository units,
    ITaskRepository tasks,
    IPlanRepository plans,
    IAuditRepository audit,
    StatusService status,
    Roster.BindingService binding,
    Plans.PlanPreviewer planPreviewer,
    Bot.Data.Imports.IStagedImportRepository staged,
    Ledger.ILedgerLinks? ledger = null)
{
    public async Task<BotReply?> HandleAsync(Member sender, InboxMessage message, DateOnly today, CancellationToken cancellationToken = default)
    {
        var text = Imperatives().Replace(message.Text.Trim(), m => m.Groups["verb"].Value == "导" ? "导出" : "催报");
        if (text is "帮助" or "help" or "？" or "?" || text.StartsWith("帮助", StringComparison.Ordinal) || text == "菜单")
        {
            return new BotReply(HelpText.Markdown, Markdown: true);
        }

        if (text.StartsWith("任务清单", StringComparison.Ordinal) || text is "任务列表" or "查看任务")
        {
            return await TaskListAsync(today, cancellationToken);
        }

        var close = CloseCommand().Match(text);
        if (close.Success)
        {
            var id = long.Parse(close.Groups["a"].Success ? close.Groups["a"].Value : close.Groups["b"].Value, CultureInfo.InvariantCulture);
            return await CloseTaskAsync(sender, id, close.Groups["evidence"].Success ? close.Groups["evidence"].Value.Trim() : null, cancellationToken);
        }

        if (text.StartsWith("新增任务", StringComparison.Ordinal) || text.StartsWith("添加任务", StringComparison.Ordinal))
        {
            return await AddTaskAsync(sender, text[4..].TrimStart('：', ':', ' '), today, cancellationToken);
        }

        if (text.StartsWith("催报", StringComparison.Ordinal))
        {
            return await NudgeAsync(sender, message, text, cancellationToken);
        }

        if (text.StartsWith("导出", StringComparison.Ordinal) || IsLedgerRequest(text))
        {
            return ExportReply(sender, message, text, today);
        }

        if (text is "确认导入" or "确认导入方案" or "放弃导入" or "放弃导入方案")
        {
            return await DecidePlanFileAsync(sender, message, text.StartsWith("确认", StringComparison.Ordinal), cancellationToken);
        }

        if (text.StartsWith("确认绑定", StringComparison.Ordinal) || text.StartsWith("拒绝绑定", StringComparison.Ordinal) ||
            text is "待确认绑定" or "绑定申请")
        {
            return await DecideBindingAsync(sender, text, cancellationToken);
        }

        return null;
    }

    private async Task<BotReply> TaskListAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var all = (await status.TasksAsync(today, cancellationToken)).Where(t => t.Task.Status == TaskStatuses.Open).ToList();
        if (all.Count == 0)
        {
            return new BotReply("当前没有未办结的任务。");
        }

        var ordered = all.OrderByDescending(t => t.Light).ThenBy(t => t.Task.DueEnd ?? DateOnly.MaxValue).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"**任务清单（未办结{all.Count}项：🔴{all.Count(t => t.Light == Light.Red)} 🟡{all.Count(t => t.Light == Light.Yellow)} 🟢{all.Count(t => t.Light == Light.Green)}）**\n");
        foreach (var t in ordered.Take(20))
        {
            var due = t.Task.Recurrence is not null ? "常态化" : t.Task.DueEnd is DateOnly d ? d.ToString("M月d日", CultureInfo.InvariantCulture) + "前" : "无时限";
            text.Append(CultureInfo.InvariantCulture, $"{t.Light.Emoji()} #{t.Task.Id} {Shorten(t.Task.Title)}（{t.OwnerUnit ?? "未指定"}，{due}）\n");
        }

        if (ordered.Count > 20)
        {
            text.Append(CultureInfo.InvariantCulture, $"……另有{ordered.Count - 20}项，详见看板。\n");
        }

        text.Append("销号请发送：第N项销号");
        return new BotReply(text.ToString(), Markdown: true);
    }

    private async Task<BotReply> CloseTaskAsync(Member sender, long id, string? evidence, CancellationToken cancellationToken)
    {
        var task = await tasks.GetAsync(id, cancellationToken);
        if (task is null)
        {
            return new BotReply($"没有找到第{id}项任务，请发送“任务清单”查看编号。");
        }

        if (!Permissions.MayCloseTask(sender, task))
        {
            return new BotReply($"抱歉，第{id}项任务只能由区政府办或责任单位联络员销号（您的身份：{Permissions.RoleName(sender.Role)}）。");
        }

        if (task.Status != TaskStatuses.Open)
        {
            return new BotReply($"第{id}项任务已经办结，无需重复销号。");
        }

        if (!await tasks.CloseAsync(id, sender.Name, evidence, cancellationToken))
        {
            return new BotReply($"第{id}项任务状态已变化，请刷新任务清单后再试。");
        }

        await audit.AddAsync(new AuditEntry
        {
            Actor = sender.Name,
            Action = "task.close",
            Entity = "task",
            EntityId = id.ToString(CultureInfo.InvariantCulture),
            OldValue = TaskStatuses.Open,
            NewValue = Json.Serialize(new { status = TaskStatuses.Done, evidence }),
        }, cancellationToken);
        return new BotReply($"✅ 第{id}项“{Shorten(task.Title)}”已销号{(evidence is null ? "" : "，证明材料已记录")}。");
    }

    private async Task<BotReply> AddTaskAsync(Member sender, string body, DateOnly today, CancellationToken cancellationToken)
    {
        if (!Permissions.MayAddTask(sender))
        {
            return new BotReply($"抱歉，新增任务需由区政府办操作（您的身份：{Permissions.RoleName(sender.Role)}）。如需新增，请联系区政府办督查室。");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return new BotReply("请按格式发送：新增任务：任务内容，完成时限6月30日，责任单位区人社局");
        }

        var due = DueDate(body, today);
        var unit = await FindUnitAsync(body, cancellationToken);
        var title = TaskTitle().Match(body) is { Success: true } m ? m.Groups[1].Value.Trim('，', ',', '。', ' ') : body;
        var plan = await plans.GetActiveAsync(cancellationToken);
        var task = new PlanTask
        {
            PlanId = plan?.Id,
            Title = title,
            DueEnd = due,
            OwnerUnitId = unit?.Id,
            CreatedBy = sender.Name,
        };
        task.Id = await tasks.AddAsync(task, cancellationToken);
        await audit.AddAsync(new AuditEntry
        {
            Actor = sender.Name,
            Action = "task.add",
            Entity = "task",
            EntityId = task.Id.ToString(CultureInfo.InvariantCulture),
            NewValue = Json.Serialize(new { task.Title, due = due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), unit = unit?.Name }),
        }, cancellationToken);
        var dueText = due is DateOnly d ? d.ToString("M月d日", CultureInfo.InvariantCulture) + "前完成" : "未设完成时限";
        return new BotReply($"✅ 已新增第{task.Id}项任务：{title}（{unit?.Name ?? "未指定责任单位"}，{dueText}）。");
    }

    private async Task<BotReply> NudgeAsync(Member sender, InboxMessage message, string text, CancellationToken cancellationToken)
    {
        if (!Permissions.MayNudge(sender))
        {
            return new BotReply($"抱歉，催报需由区政府办发起（您的身份：{Permissions.RoleName(sender.Role)}）。");
        }

        // Every member named (催报 @李敏 @周涛、王副区长) is nudged once, in one message that @-mentions them all.
        var roster = await members.ListAsync(cancellationToken);
        var targets = NudgeTargets(text[2..], roster);
        if (targets.Count == 0)
        {
            return new BotReply("请写明催报对象，例如：催报 @李敏");
        }

        var mentions = new List<string>();
        foreach (var target in targets)
        {
            if ((await members.ListAccountsAsync(target.Id, cancellationToken)).FirstOrDefault(a => a.Platform == message.Platform) is { } account)
            {
                mentions.Add(account.UserId);
            }

            await audit.AddAsync(new AuditEntry { Actor = sender.Name, Action = "member.nudge", Entity = "member", EntityId = target.Id.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
        }

        var names = string.Join(" ", targets.Select(t => "@" + t.Name));
        return new BotReply($"{names} 请尽快报送近期工作进展（区政府办{sender.Name}提醒）。直接在群里@我发送汇报即可。",
            Mentions: mentions.Count == 0 ? null : mentions.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The distinct members named after 催报, each segment (split at @, spaces and list marks) read on its own.</summary>
    internal static IReadOnlyList<Member> NudgeTargets(string text, IReadOnlyList<Member> roster)
    {
        var found = new List<Member>();
        foreach (var part in text.Split(['@', '＠', ' ', '\u3000', '、', '，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (RosterLookup.FindNamed(part, roster) is { } member && found.All(m => m.Id != member.Id))
            {
                found.Add(member);
            }
        }

        if (found.Count == 0 && RosterLookup.FindNamed(text, roster) is { } whole)
        {
            found.Add(whole);
        }

        return found;
    }

    private BotReply ExportReply(Member sender, InboxMessage message, string text, DateOnly today)
    {
        if (!Permissions.MayExport(sender))
        {
            return new BotReply($"抱歉，导出台账需区政府办或区领导操作（您的身份：{Permissions.RoleName(sender.Role)}）。");
        }

        var period = Calendar.Period.FromText(text, today) ?? Calendar.Period.Quarter(today);
        if (ledger is null)
        {
            return new BotReply("台账导出功能尚未开通，请在看板上查看。");
        }

        // Links sent to chats are absolute and scoped to the asker; without a public address there is none to send.
        var link = ledger.CreateLink(period, message.Platform, sender.Name, sender.Role);
        if (link is null)
        {
            return new BotReply("暂时无法发送台账下载链接：尚未配置看板的公网地址。请管理员设置 Dashboard:PublicUrl（环境变量 Dashboard__PublicUrl，" +
                "例如 https://bot.example.gov.cn）后重启；在此之前可登录仪表盘的“导出台账”下载。");
        }

        var validity = link.Expires is DateTimeOffset expires
            ? $"（{Math.Max(1, (int)Math.Round((expires - DateTimeOffset.UtcNow).TotalHours))}小时内有效，仅限本人使用）"
            : "（需登录仪表盘）";
        return new BotReply($"📊 {period.Label}台账（{period.Start:yyyy年M月d日}—{period.End:M月d日}）已生成：{link.Url}{validity}", Markdown: true);
    }

    /// <summary>A request for the ledger in other words: 把11月份的台账导一下, 台账发我一份, 下载本季度台账.</summary>
    private static bool IsLedgerRequest(string text) =>
        text.Contains("台账", StringComparison.Ordinal) && text.Length <= 40 &&
        (text.Contains('导', StringComparison.Ordinal) || text.Contains("下载", StringComparison.Ordinal) || text.Contains("发我", StringComparison.Ordinal) ||
         text.Contains("要一份", StringComparison.Ordinal) || text.Contains("给我", StringComparison.Ordinal));

    /// <summary>确认导入 / 放弃导入: the plan file last sent to this chat and staged for the office (see the evidence worker).</summary>
    private async Task<BotReply> DecidePlanFileAsync(Member sender, InboxMessage message, bool confirm, CancellationToken cancellationToken)
    {
        if (!Permissions.MayImportPlan(sender))
        {
            return new BotReply("抱歉，导入实施方案需由区政府办确认。");
        }

        if (await staged.LatestPendingAsync(Bot.Data.Imports.StagedImportKinds.Plan, message.Platform, message.ChatId ?? "", cancellationToken) is not { } upload)
        {
            return new BotReply("这个群里没有待导入的方案文件。请先发送方案文件（.docx 或 .txt），或在控制台“方案”页上传。");
        }

        if (!confirm)
        {
            return await staged.DecideAsync(upload.Id, Bot.Data.Imports.StagedImportStates.Discarded, sender.Name, "已放弃", cancellationToken)
                ? new BotReply($"已放弃方案文件《{upload.FileName}》，未做任何导入。")
                : new BotReply("该方案文件已处理过。");
        }

        var outcome = await planPreviewer.ConfirmAsync(upload.Id, sender.Name, cancellationToken);
        return new BotReply(outcome.Error is { } error ? $"未能导入《{upload.FileName}》：{error}" : $"✅ 已导入《{upload.FileName}》：{outcome.Summary}");
    }

    private async Task<BotReply> DecideBindingAsync(Member sender, string text, CancellationToken cancellationToken)
    {
        if (!Permissions.MayConfirmBinding(sender))
        {
            return new BotReply("抱歉，账号绑定需由区政府办确认。");
        }

        if (!text.StartsWith("确认绑定", StringComparison.Ordinal) && !text.StartsWith("拒绝绑定", StringComparison.Ordinal))
        {
            return new BotReply(await binding.DescribePendingAsync(cancellationToken));
        }

        var argument = text[4..].Trim();
        var decision = text.StartsWith("确认绑定", StringComparison.Ordinal)
            ? await binding.ConfirmAsync(sender.Name, argument, cancellationToken: cancellationToken)
            : await binding.RejectAsync(sender.Name, argument, cancellationToken);
        return new BotReply(decision.Reply);
    }

    private async Task<Unit?> FindUnitAsync(string text, CancellationToken cancellationToken)
    {
        var all = await units.ListAsync(cancellationToken);
        return all.Where(u => text.Contains(u.Name, StringComparison.Ordinal)).OrderByDescending(u => u.Name.Length).FirstOrDefault()
            ?? all.SelectMany(u => u.Aliases.Select(a => (Unit: u, Alias: a)))
                .Where(x => text.Contains(x.Alias, StringComparison.Ordinal)).OrderByDescending(x => x.Alias.Length).Select(x => x.Unit).FirstOrDefault();
    }

    // 6月10日, 5月底, 7月上旬 → the last day of what is named, in this year (the text kit's date reader).
    private static DateOnly? DueDate(string text, DateOnly today) =>
        new ChineseDates(today.Year).Find(text) is { Windows.Count: > 0 } spec ? spec.End : null;

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

    [GeneratedRegex(@"^(?:第\s*(?<a>\d{1,9})\s*项\s*(?:销号|办结|完成)|(?:销号|办结)\s*第?\s*(?<b>\d{1,9})\s*项?)(?:[，,。\s]*(?:附|证明|材料|佐证)[：:]?(?<evidence>.+))?$", RegexOptions.Singleline)]
    private static partial Regex CloseCommand();

    [GeneratedRegex(@"^(.+?)(?:[，,。]\s*(?:完成时限|时限|截止|责任单位|牵头单位)|$)", RegexOptions.Singleline)]
    private static partial Regex TaskTitle();

    /// <summary>Spoken imperatives at the start of a command: 导一下 → 导出, 催一下 → 催报.</summary>
    [GeneratedRegex(@"^(?:请|帮我|麻烦)?(?<verb>导|催)一下")]
    private static partial Regex Imperatives();
}
