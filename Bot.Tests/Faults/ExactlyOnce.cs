using Bot.Benchmarks.Load;

namespace Bot.Tests.Faults;

/// <summary>The exactly-once assertions shared by the fault tests.</summary>
internal static class ExactlyOnce
{
    /// <summary>
    /// Every message was eventually acknowledged, stored once, processed once (one reply row), and its reply reached the
    /// platform. A reply may reach the platform twice only when its send was cut off between the platform's answer and
    /// the "sent" mark (the row was attempted more than once); those are counted and bounded by the sender's
    /// concurrency (the sends in flight at one instant).
    /// </summary>
    public static async Task AssertAsync(LoadDriver driver, LoadRig rig, string context)
    {
        var stored = (await rig.Verifier.StoredAsync(driver.Settings.RunId)).ToDictionary(s => s.MessageId, StringComparer.Ordinal);
        var problems = new List<string>();
        var repeatedAfterCutOff = 0;
        foreach (var message in driver.Messages)
        {
            var inboxId = message.WeCom ? LoadCallbacks.WeComInboxId(message.MsgId) : message.MsgId;
            var replies = message.WeCom
                ? message.StreamReplies + rig.Platform.ResponseUrlReplies.GetValueOrDefault(message.MsgId)
                : rig.Platform.SessionReplies.GetValueOrDefault(message.MsgId);
            if (!message.Accepted)
            {
                problems.Add($"{message.MsgId} never acknowledged (last status {message.Status})");
            }
            else if (!stored.TryGetValue(inboxId, out var row))
            {
                problems.Add($"{message.MsgId} acknowledged but not stored");
            }
            else if (row.State != "done" || row.Replies != 1)
            {
                problems.Add($"{message.MsgId}: state {row.State}, {row.Replies} reply rows");
            }
            else if (replies == 0)
            {
                problems.Add($"{message.MsgId}: no reply reached the platform");
            }
            else if (replies > 1 && row.ReplyAttempts > 1)
            {
                repeatedAfterCutOff++;
            }
            else if (replies > 1)
            {
                problems.Add($"{message.MsgId}: {replies} replies though its row was sent once");
            }
        }

        Assert.True(problems.Count == 0, $"{context}: {problems.Count} problem(s): {string.Join("; ", problems.Take(10))}");
        Assert.True(repeatedAfterCutOff <= 8, $"{context}: {repeatedAfterCutOff} replies repeated after a cut-off send");
        Assert.Equal(driver.Messages.Count, stored.Count);
    }
}
