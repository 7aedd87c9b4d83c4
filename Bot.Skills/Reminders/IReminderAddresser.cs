using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Data.Common;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Reminders;

/// <summary>
/// Turns reminders into outbox rows. Reminders due in the same minute arrive together and become one message per
/// chat, so that a robot's 20-messages-a-minute limit is never the bottleneck.
/// </summary>
public interface IReminderAddresser
{
    /// <summary>Rows (unsplit) for <paramref name="reminders"/>, all due at <paramref name="dueAt"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> AddressAsync(DateTimeOffset dueAt, IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default addresser: one markdown message per configured group chat (<c>Schedule:Targets</c>), each reminder a
/// line starting with <c>@姓名</c>, the members' user ids on that chat's platform in <see cref="OutboxMessage.Mentions"/>.
/// The dedupe key is the chat and the minute, so a minute is posted to a chat once, however often it is computed.
/// </summary>
public sealed class GroupChatReminderAddresser(IMemberRepository members, IOptions<ScheduleOptions> options) : IReminderAddresser
{
    private static readonly string[] Weekdays = ["日", "一", "二", "三", "四", "五", "六"];

    public async Task<IReadOnlyList<OutboxMessage>> AddressAsync(DateTimeOffset dueAt, IReadOnlyList<Reminder> reminders, CancellationToken cancellationToken = default)
    {
        if (reminders.Count == 0)
        {
            return [];
        }

        var accounts = new Dictionary<long, IReadOnlyList<MemberAccount>>();
        foreach (var member in reminders.SelectMany(r => r.Recipients).DistinctBy(m => m.Id))
        {
            accounts[member.Id] = await members.ListAccountsAsync(member.Id, cancellationToken);
        }

        var local = dueAt.DateTime;
        var header = $"**⏰ 铁西小助手提醒 · {local.Month}月{local.Day}日（星期{Weekdays[(int)local.DayOfWeek]}）{local.ToString("HH:mm", CultureInfo.InvariantCulture)}**";
        var body = new StringBuilder(header).Append('\n');
        var number = 0;
        foreach (var (names, line) in Lines(reminders, options.Value.FoldAfter))
        {
            body.Append('\n').Append(++number).Append(". ").Append(names.Length > 0 ? names + " " : "").Append(line);
        }

        var rows = new List<OutboxMessage>();
        foreach (var target in options.Value.EffectiveTargets)
        {
            var mentions = reminders.SelectMany(r => r.Recipients).DistinctBy(m => m.Id)
                .SelectMany(m => accounts[m.Id].Where(a => a.Platform == target.Platform).Select(a => a.UserId))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            rows.Add(new OutboxMessage
            {
                Platform = target.Platform,
                Channel = target.Channel,
                Target = target.Target,
                MsgType = "markdown",
                Payload = body.ToString(),
                Mentions = mentions.Count > 0 ? Json.Serialize(mentions) : null,
                Source = OutboxSources.Reminder,
                DedupeKey = $"reminder:{dueAt.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}:{TargetHash(target)}",
            });
        }

        return rows;
    }

    /// <summary>
    /// The lines of a merged message: reminders of one rule to the same people with a subject become one line listing
    /// the first <paramref name="foldAfter"/> subjects and 等N项; the longest lists come first, then the single items in
    /// their order.
    /// </summary>
    public static IReadOnlyList<(string Names, string Line)> Lines(IReadOnlyList<Reminder> reminders, int foldAfter)
    {
        var groups = reminders
            .Select((r, i) => (Reminder: r, Index: i))
            .GroupBy(x => x.Reminder.Subject is null
                ? $"#{x.Index}"
                : $"{x.Reminder.Rule}|{string.Join(',', x.Reminder.Recipients.Select(m => m.Id).Order())}")
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(x => x.Index))
            .ToList();
        var lines = new List<(string, string)>();
        foreach (var g in groups)
        {
            var first = g.First().Reminder;
            var names = string.Join(' ', first.Recipients.Select(m => "@" + m.Name));
            if (g.Count() == 1)
            {
                lines.Add((names, first.Text));
                continue;
            }

            var subjects = g.Select(x => x.Reminder.Subject!).ToList();
            var shown = string.Join("、", subjects.Take(foldAfter));
            var more = subjects.Count > foldAfter ? $"等{subjects.Count}项" : $"共{subjects.Count}项";
            lines.Add((names, $"{RuleLabel(first.Rule)}：{shown}{more}，请抓紧推进并及时汇报。"));
        }

        return lines;
    }

    private static string RuleLabel(string rule) => rule switch
    {
        ReminderRuleNames.MilestoneBefore => "以下任务即将到期",
        ReminderRuleNames.MilestoneDue => "以下任务今天到期",
        ReminderRuleNames.MilestoneOverdue => "以下任务已逾期",
        ReminderRuleNames.MilestoneEscalation => "【逾期升级】以下任务逾期未完成，请分管领导督促落实",
        _ => "以下事项请及时办理",
    };

    /// <summary>A short, stable id of a chat for dedupe keys (targets may be long webhook URLs).</summary>
    public static string TargetHash(ScheduleTarget target) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{target.Platform}|{target.Channel}|{target.Target}")))[..12];
}
