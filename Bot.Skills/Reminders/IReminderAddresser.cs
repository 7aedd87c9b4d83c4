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
        foreach (var reminder in reminders)
        {
            var names = string.Join(' ', reminder.Recipients.Select(m => "@" + m.Name));
            body.Append('\n').Append(++number).Append(". ").Append(names.Length > 0 ? names + " " : "").Append(reminder.Text);
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

    /// <summary>A short, stable id of a chat for dedupe keys (targets may be long webhook URLs).</summary>
    public static string TargetHash(ScheduleTarget target) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{target.Platform}|{target.Channel}|{target.Target}")))[..12];
}
