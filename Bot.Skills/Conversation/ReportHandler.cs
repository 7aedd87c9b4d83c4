using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Data.Conversations;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Skills.ProgressReports;
using Bot.Skills.Scorecards;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Conversation;

/// <summary>Conversation settings (section <c>Conversation</c>).</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversation";

    /// <summary>How long the bot waits for the answer to a follow-up question (e.g. the date of a report).</summary>
    public TimeSpan FollowUpExpiry { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Reports, follow-up answers and corrections: stores the canonical record (idempotent per inbox message), confirms it
/// with the sender's standing against the plan, asks one question when a field is missing, and amends or withdraws
/// the latest report on 更正/撤回, keeping every version and auditing each change.
/// </summary>
public sealed partial class ReportHandler(
    IProgressReportRepository reports,
    IMemberRepository members,
    IPlanRepository plans,
    IAuditRepository audit,
    IConversationStateRepository states,
    IReportUnderstanding understanding,
    ScorecardService scorecards,
    IOptions<ConversationOptions> options,
    TimeProvider time)
{
    public const string FollowUpKind = "complete_report";

    private sealed record FollowUp(long ReportId, string Field);

    public async Task<IReadOnlyList<BotReply>> ReportAsync(Member sender, InboxMessage message, ParsedReport parsed, DateOnly today, CancellationToken cancellationToken)
    {
        var existing = await reports.FindByInboxAsync(message.Id, cancellationToken);
        if (existing is not null)
        {
            return [await ConfirmAsync(existing, today, cancellationToken)];
        }

        var roster = await members.ListAsync(cancellationToken);
        var proxy = ProxyPrefix().Match(message.Text);
        Member subject;
        if (proxy.Success)
        {
            var named = RosterLookup.FindNamed(proxy.Groups["who"].Value, roster);
            if (named is null)
            {
                return [new BotReply($"名册中没有找到“{proxy.Groups["who"].Value}”，请写全名，例如：代王强副区长汇报：……")];
            }

            if (!Permissions.MayReportFor(sender, named))
            {
                return [new BotReply($"抱歉，只有{named.Name}的联络员或区政府办可以代为汇报（您的身份：{Permissions.RoleName(sender.Role)}）。")];
            }

            subject = named;
        }
        else
        {
            var lead = parsed.People.Count > 0 ? roster.FirstOrDefault(m => m.Name == parsed.People[0]) ?? RosterLookup.FindNamed(parsed.People[0], roster) : null;
            subject = lead is not null && Permissions.MayReportFor(sender, lead) ? lead : sender;
        }

        var plan = await plans.GetActiveAsync(cancellationToken);
        var report = new ProgressReport
        {
            InboxId = message.Id,
            MemberId = subject.Id,
            MemberName = subject.Name,
            ReportedBy = sender.Name,
            PlanId = plan?.Id,
            Action = parsed.Action,
            Activity = parsed.Activity,
            WorkDate = parsed.Date,
            EndDate = parsed.EndDate,
            People = [.. parsed.People],
            Places = [.. parsed.Places],
            Units = [.. parsed.Units],
            Metrics = parsed.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
            Photos = Math.Max(parsed.Photos, message.Images),
            Confidence = parsed.Confidence,
            Missing = [.. parsed.Missing],
            RawText = message.Text,
            Source = parsed.Source,
        };
        report.Id = await reports.AddAsync(report, cancellationToken);
        await audit.AddAsync(new AuditEntry
        {
            Actor = sender.Name,
            Action = "report.add",
            Entity = "progress_report",
            EntityId = report.Id.ToString(CultureInfo.InvariantCulture),
            NewValue = Json.Serialize(Snapshot(report)),
        }, cancellationToken);

        var question = Question(report);
        if (question is not null)
        {
            await states.SetAsync(new ConversationState
            {
                Platform = message.Platform,
                ChatId = message.ChatId ?? "",
                Sender = message.SenderId,
                Kind = FollowUpKind,
                Payload = Json.Serialize(new FollowUp(report.Id, question.Value.Field)),
                ExpiresAt = time.GetUtcNow() + options.Value.FollowUpExpiry,
            }, cancellationToken);
            return [new BotReply($"{Summary(report, plan)}\n❓ {question.Value.Text}", Markdown: true)];
        }

        return [await ConfirmAsync(report, today, cancellationToken)];
    }

    /// <summary>Completes the report waiting for an answer; null when the pending state does not apply to this message.</summary>
    public async Task<IReadOnlyList<BotReply>?> AnswerFollowUpAsync(Member sender, InboxMessage message, ConversationState state, DateOnly today, CancellationToken cancellationToken)
    {
        var followUp = Json.Deserialize<FollowUp?>(state.Payload, null);
        var report = followUp is null ? null : await reports.GetAsync(followUp.ReportId, cancellationToken);
        if (followUp is null || report is null || !report.IsCurrent)
        {
            await states.ClearAsync(state.Platform, state.ChatId, state.Sender, cancellationToken);
            return null;
        }

        var amended = Copy(report);
        if (followUp.Field == ReportFields.Date)
        {
            var parsed = await understanding.UnderstandAsync(new ReportMessage("汇报：" + message.Text, sender.Name, message.ReceivedAt, 0), allowLlm: false, cancellationToken);
            if (parsed.Date is null)
            {
                return [new BotReply("没能识别日期，请回复具体日期，例如“5月12日”或“昨天”。")];
            }

            amended.WorkDate = parsed.Date;
            amended.EndDate = parsed.EndDate;
            if (amended.Activity == Activities.Research && !amended.Metrics.ContainsKey(MetricKeys.ResearchTrips))
            {
                amended.Metrics[MetricKeys.ResearchTrips] = 1;
                amended.Metrics[MetricKeys.ResearchDays] = (parsed.EndDate ?? parsed.Date.Value).DayNumber - parsed.Date.Value.DayNumber + 1;
            }
        }
        else
        {
            var plan = await plans.GetActiveAsync(cancellationToken);
            var action = RosterLookup.FindAction(message.Text, plan)
                ?? (int.TryParse(message.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? plan?.Actions.FirstOrDefault(a => a.Number == n) : null);
            if (action is null)
            {
                return [new BotReply("没能识别对应的行动，请回复行动名称或编号，例如“大招商”或“2”。")];
            }

            amended.Action = action.Number;
        }

        amended.Missing.Remove(followUp.Field);
        var newId = await reports.AddVersionAsync(report.Id, amended, cancellationToken);
        await states.ClearAsync(state.Platform, state.ChatId, state.Sender, cancellationToken);
        if (newId is null)
        {
            return [new BotReply("这条汇报已被更新，请重新发送。")];
        }

        await AuditChangeAsync(sender, "report.complete", report, amended, cancellationToken);
        var next = Question(amended);
        if (next is not null)
        {
            await states.SetAsync(new ConversationState
            {
                Platform = state.Platform,
                ChatId = state.ChatId,
                Sender = state.Sender,
                Kind = FollowUpKind,
                Payload = Json.Serialize(new FollowUp(newId.Value, next.Value.Field)),
                ExpiresAt = time.GetUtcNow() + options.Value.FollowUpExpiry,
            }, cancellationToken);
            return [new BotReply($"已补充。❓ {next.Value.Text}")];
        }

        return [await ConfirmAsync(amended, today, cancellationToken)];
    }

    public async Task<IReadOnlyList<BotReply>> CorrectAsync(Member sender, InboxMessage message, DateOnly today, CancellationToken cancellationToken)
    {
        var text = message.Text;
        var target = await TargetAsync(sender, text, cancellationToken);
        if (target is null)
        {
            return [new BotReply("没有找到您最近的汇报，无法更正或撤回。")];
        }

        if (!await MayChangeAsync(sender, target, cancellationToken))
        {
            return [new BotReply($"抱歉，只有汇报人、被汇报领导的联络员或区政府办可以更正第{target.Id}条汇报。")];
        }

        if (text.Contains("撤回", StringComparison.Ordinal) || text.Contains("作废", StringComparison.Ordinal))
        {
            if (!await reports.WithdrawAsync(target.Id, cancellationToken))
            {
                return [new BotReply($"第{target.Id}条汇报已撤回或已被更正。")];
            }

            await audit.AddAsync(new AuditEntry
            {
                Actor = sender.Name,
                Action = "report.withdraw",
                Entity = "progress_report",
                EntityId = target.Id.ToString(CultureInfo.InvariantCulture),
                OldValue = Json.Serialize(Snapshot(target)),
                NewValue = "withdrawn",
            }, cancellationToken);
            return [new BotReply($"↩️ 已撤回第{target.Id}条汇报（{Short(target.RawText)}），不再计入统计。")];
        }

        var cleaned = CleanCorrection(text);
        var parsed = await understanding.UnderstandAsync(new ReportMessage("汇报：" + cleaned, sender.Name, message.ReceivedAt, message.Images), allowLlm: false, cancellationToken);
        var amended = Copy(target);
        var changes = new List<string>();
        if (parsed.Date is not null && HasExplicitDate(cleaned) && (parsed.Date != target.WorkDate || parsed.EndDate != target.EndDate))
        {
            changes.Add($"日期 {Day(target.WorkDate)}→{Day(parsed.Date)}");
            amended.WorkDate = parsed.Date;
            amended.EndDate = parsed.EndDate ?? amended.EndDate;
        }

        foreach (var (metric, value) in parsed.Metrics)
        {
            if (metric is MetricKeys.ResearchTrips && !cleaned.Contains('次', StringComparison.Ordinal))
            {
                continue; // implied by a dated visit, not stated
            }

            var old = target.Metrics.GetValueOrDefault(metric);
            if (Math.Abs(old - value) > 1e-9)
            {
                changes.Add($"{MetricCatalog.Label(metric)} {MetricCatalog.Format(old)}→{MetricCatalog.Format(value)}{MetricCatalog.Unit(metric)}");
                amended.Metrics[metric] = value;
            }
        }

        foreach (var place in parsed.Places.Where(p => !amended.Places.Contains(p, StringComparer.Ordinal)))
        {
            amended.Places.Add(place);
            changes.Add($"地点 +{place}");
        }

        var photos = PhotoCount(cleaned) ?? (message.Images > 0 ? message.Images : (int?)null);
        if (photos is int p && p != target.Photos && (cleaned.Contains("照片", StringComparison.Ordinal) || cleaned.Contains("图片", StringComparison.Ordinal) || message.Images > 0))
        {
            changes.Add($"照片 {target.Photos}→{p}张");
            amended.Photos = p;
        }

        if (changes.Count == 0)
        {
            return [new BotReply("没能识别要更正的内容，请按格式发送，例如“更正：走访企业6家”“更正：日期是5月17日”，或发送“撤回”。")];
        }

        var newId = await reports.AddVersionAsync(target.Id, amended, cancellationToken);
        if (newId is null)
        {
            return [new BotReply($"第{target.Id}条汇报已被更新，请查看最新版本后再更正。")];
        }

        await AuditChangeAsync(sender, "report.correct", target, amended, cancellationToken);
        return [new BotReply($"✏️ 已更正第{target.Id}条汇报（新版本 #{newId}，原记录保留）：{string.Join("；", changes)}")];
    }

    private async Task<ProgressReport?> TargetAsync(Member sender, string text, CancellationToken cancellationToken)
    {
        var numbered = ReportNumber().Match(text);
        if (numbered.Success && long.TryParse(numbered.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var named = await reports.GetAsync(id, cancellationToken);
            if (named is not null && !named.IsCurrent && named.RootId is long root)
            {
                named = (await reports.GetVersionsAsync(root, cancellationToken)).LastOrDefault(v => v.IsCurrent);
            }

            return named is { Withdrawn: false } ? named : null;
        }

        return await reports.FindLatestAsync(sender.Name, cancellationToken);
    }

    private async Task<bool> MayChangeAsync(Member sender, ProgressReport report, CancellationToken cancellationToken)
    {
        if (report.ReportedBy == sender.Name || Permissions.IsOffice(sender))
        {
            return true;
        }

        var subject = report.MemberId is long id ? await members.GetAsync(id, cancellationToken) : null;
        return subject is not null && Permissions.MayReportFor(sender, subject);
    }

    private async Task<BotReply> ConfirmAsync(ProgressReport report, DateOnly today, CancellationToken cancellationToken)
    {
        var plan = await plans.GetActiveAsync(cancellationToken);
        var text = new StringBuilder(Summary(report, plan));
        var subject = report.MemberId is long id ? await members.GetAsync(id, cancellationToken) : null;
        if (subject is { Role: Roles.Leader })
        {
            var card = await scorecards.ForMemberAsync(subject, today, cancellationToken);
            var lines = card.Lines.Where(l => report.Metrics.ContainsKey(l.Metric) || l.Metric is MetricKeys.ResearchTrips or MetricKeys.ResearchDays).ToList();
            if (lines.Count > 0)
            {
                text.Append('\n').Append(subject.Name).Append('：').Append(string.Join("　", lines.Select(l => l.Text)));
            }
        }

        text.Append("\n如有错误请发送“更正：……”或“撤回”。");
        return new BotReply(text.ToString(), Markdown: true);
    }

    /// <summary>One line: ✅ 已记录 #12：5月12日 · 行动一“大走访大调研” · 调研 · 平西乡 · 专题调研1次、调研天数1天.</summary>
    public static string Summary(ProgressReport report, Plan? plan)
    {
        var parts = new List<string> { report.WorkDate is DateOnly d ? Range(d, report.EndDate) : "日期未填" };
        var action = plan?.Actions.FirstOrDefault(a => a.Number == report.Action);
        parts.Add(action is null ? "未关联行动" : $"行动{Numeral(action.Number)}“{RosterLookup.Core(action.Title)}”");
        if (report.Activity is not null)
        {
            parts.Add(report.Activity);
        }

        if (report.Places.Count > 0)
        {
            parts.Add(string.Join("、", report.Places));
        }

        if (report.Metrics.Count > 0)
        {
            parts.Add(string.Join("、", report.Metrics.Select(kv => $"{MetricCatalog.Label(kv.Key)}{MetricCatalog.Format(kv.Value)}{MetricCatalog.Unit(kv.Key)}")));
        }

        if (report.Photos > 0)
        {
            parts.Add($"照片{report.Photos}张");
        }

        var who = report.MemberName == report.ReportedBy ? "" : $"（代{report.MemberName}）";
        return $"✅ 已记录 #{report.Id}{who}：{string.Join(" · ", parts)}";
    }

    private static (string Field, string Text)? Question(ProgressReport report)
    {
        if (report.WorkDate is null && report.Missing.Contains(ReportFields.Date))
        {
            return (ReportFields.Date, "请问这项工作是哪天开展的？请回复日期，例如“5月12日”或“昨天”。");
        }

        if (report.Action is null && report.Missing.Contains(ReportFields.Action))
        {
            return (ReportFields.Action, "请问这项工作属于实施方案的哪项行动？请回复行动名称或编号，例如“大招商”或“2”。");
        }

        return null;
    }

    private async Task AuditChangeAsync(Member sender, string action, ProgressReport before, ProgressReport after, CancellationToken cancellationToken) =>
        await audit.AddAsync(new AuditEntry
        {
            Actor = sender.Name,
            Action = action,
            Entity = "progress_report",
            EntityId = before.Id.ToString(CultureInfo.InvariantCulture),
            OldValue = Json.Serialize(Snapshot(before)),
            NewValue = Json.Serialize(Snapshot(after)),
        }, cancellationToken);

    public static object Snapshot(ProgressReport r) => new
    {
        r.Id, r.Version, r.MemberName, r.Action, r.Activity,
        date = r.WorkDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        end_date = r.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.Places, r.Units, r.Metrics, r.Photos,
    };

    public static ProgressReport Copy(ProgressReport r) => new()
    {
        InboxId = r.InboxId, MemberId = r.MemberId, MemberName = r.MemberName, ReportedBy = r.ReportedBy, PlanId = r.PlanId, Action = r.Action,
        Activity = r.Activity, WorkDate = r.WorkDate, EndDate = r.EndDate, People = [.. r.People], Places = [.. r.Places], Units = [.. r.Units],
        Metrics = new Dictionary<string, double>(r.Metrics, StringComparer.Ordinal), Photos = r.Photos, Confidence = r.Confidence,
        Missing = [.. r.Missing], RawText = r.RawText, Source = r.Source,
    };

    /// <summary>"更正：是2天不是1天" → "2天"; "走访企业数改为6家" → "走访企业6家".</summary>
    public static string CleanCorrection(string text)
    {
        var t = CorrectionHead().Replace(text, "");
        t = NotClause().Replace(t, "");
        t = t.Replace("数改为", "", StringComparison.Ordinal).Replace("改为", "", StringComparison.Ordinal).Replace("应为", "", StringComparison.Ordinal)
            .Replace("更正为", "", StringComparison.Ordinal).Replace("应该是", "", StringComparison.Ordinal);
        return t.Trim('：', ':', '，', ',', ' ');
    }

    private static bool HasExplicitDate(string text) => ExplicitDate().IsMatch(text);

    private static int? PhotoCount(string text) =>
        PhotoPattern().Match(text) is { Success: true } m && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Range(DateOnly d, DateOnly? end) =>
        end is DateOnly e && e != d ? $"{d.Month}月{d.Day}日至{(e.Month == d.Month ? "" : $"{e.Month}月")}{e.Day}日" : $"{d.Month}月{d.Day}日";

    private static string Day(DateOnly? d) => d is DateOnly x ? $"{x.Month}月{x.Day}日" : "未填";

    private static string Numeral(int n) => n is >= 1 and <= 10 ? "一二三四五六七八九十"[n - 1].ToString() : n.ToString(CultureInfo.InvariantCulture);

    private static string Short(string text) => text.Length <= 24 ? text : text[..24] + "…";

    [GeneratedRegex(@"^\s*代(?<who>[^：:，,\s]{2,8}?)(?:汇报|报告|报送)[：:]?")]
    private static partial Regex ProxyPrefix();

    [GeneratedRegex(@"#\s*(\d{1,12})")]
    private static partial Regex ReportNumber();

    [GeneratedRegex(@"^\s*(?:更正|修改|修正|纠正|刚才(?:汇报的|那条|的)?(?:不对)?|上条|上一条)[：:，,]?\s*")]
    private static partial Regex CorrectionHead();

    [GeneratedRegex(@"[，,]?\s*(?:而)?不是[^，,。；;]*")]
    private static partial Regex NotClause();

    [GeneratedRegex(@"\d{1,2}月\d{1,2}[日号]|今天|昨天|前天|上周[一二三四五六日天]|周[一二三四五六日天]")]
    private static partial Regex ExplicitDate();

    [GeneratedRegex(@"(\d{1,3})\s*张")]
    private static partial Regex PhotoPattern();
}
