using Bot.Benchmarks.Load;

namespace Bot.Tests.Faults;

/// <summary>The exactly-once assertions shared by the fault tests.</summary>
internal static class ExactlyOnce
{
    /// <summary>
    /// Every message was eventually acknowledged, stored once, processed once (one reply row), and its reply reached the
    /// platform. The sends in flight when a host dies are the exception, bounded by the sender's concurrency: a WeCom
    /// robot reply (idempotent: stream id, single-use response_url) may reach the fake twice when its row was attempted
    /// more than once; a DingTalk sessionWebhook reply (no idempotency key: mark-before-send) never reaches it twice,
    /// and may be missing when its row failed as in doubt (the send began and its outcome was never recorded).
    /// </summary>
    public static async Task AssertAsync(LoadDriver driver, LoadRig rig, string context)
    {
        var stored = (await rig.Verifier.StoredAsync(driver.Settings.RunId)).ToDictionary(s => s.MessageId, StringComparer.Ordinal);
        var problems = new List<string>();
        var repeatedAfterCutOff = 0;
        var droppedInDoubt = 0;
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
            else if (replies == 0 && !message.WeCom && row.Sent == 0 && row.Open == 0)
            {
                droppedInDoubt++;
            }
            else if (replies == 0)
            {
                problems.Add($"{message.MsgId}: no reply reached the platform");
            }
            else if (replies > 1 && message.WeCom && row.ReplyAttempts > 1)
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
        Assert.True(droppedInDoubt <= 8, $"{context}: {droppedInDoubt} replies dropped as in doubt after a cut-off send");
        Assert.Equal(driver.Messages.Count, stored.Count);
    }
}
