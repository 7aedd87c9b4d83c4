using System.Globalization;
using System.Net;
using System.Text;
using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Channels.WeCom;
using Bot.Host.Outbox;
using Bot.Skills.Conversation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.Channels.WeCom;

/// <summary>Outbound WeCom delivery through the real outbox sender: rate limits, retries, token refresh, crash recovery.</summary>
public sealed class WeComDeliveryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fifty_messages_for_one_group_robot_go_out_at_most_20_in_any_minute_and_none_is_lost(string provider)
    {
        var clock = WeComHosts.Clock();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = (await FakeWeComServer.StartAsync(clock)).WithRobotKey(WeComHosts.RobotKey);
        await using var host = await WeComHosts.StartAsync(db, fake, clock, WeComHosts.IdleBackgroundSender);
        var writer = host.Services.GetRequiredService<OutboxWriter>();
        var sender = host.Services.GetRequiredService<OutboxSender>();
        for (var i = 0; i < 50; i++)
        {
            await writer.EnqueueAsync(RobotMessage($"第{i.ToString(CultureInfo.InvariantCulture)}条提醒"));
        }

        // Drive the fake clock in 5-second steps, only while no send is in flight (the background sender shares the limiter).
        for (var step = 0; step < 60 && fake.Delivered("webhook/send").Count < 50; step++)
        {
            await DrainAsync(sender, db);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        var sent = fake.Delivered("webhook/send");
        Assert.Equal(50, sent.Count);
        Assert.Equal(50, sent.Select(r => r.Content).Distinct(StringComparer.Ordinal).Count());
        Assert.All(sent, r => Assert.Equal(WeComHosts.RobotKey, r.Query["key"]));
        var busiestMinute = sent.Max(r => sent.Count(o => o.At >= r.At && o.At < r.At + TimeSpan.FromMinutes(1)));
        Assert.Equal(20, busiestMinute);
        Assert.True(sent[^1].At - sent[0].At >= TimeSpan.FromMinutes(2), "50 messages at 20 per minute need more than two minutes");
        var states = await db.Get<IOutboxRepository>().CountByStateAsync();
        Assert.Equal(50, states[WorkStates.Sent]);
        Assert.Single(states);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_token_expiring_mid_run_causes_exactly_one_refresh_and_no_lost_send(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        var writer = host.Services.GetRequiredService<OutboxWriter>();

        for (var i = 0; i < 5; i++)
        {
            await writer.EnqueueAsync(AppMessage($"user{i.ToString(CultureInfo.InvariantCulture)}", $"早报 {i.ToString(CultureInfo.InvariantCulture)}"));
        }

        await Eventually.UntilAsync(() => fake.Delivered("message/send").Count == 5, what: "the first five sends");
        fake.ExpireToken();
        for (var i = 5; i < 10; i++)
        {
            await writer.EnqueueAsync(AppMessage($"user{i.ToString(CultureInfo.InvariantCulture)}", $"早报 {i.ToString(CultureInfo.InvariantCulture)}"));
        }

        await Eventually.UntilAsync(() => fake.Delivered("message/send").Count == 10, what: "all ten sends");

        Assert.Equal(2, fake.To("gettoken").Count);
        // Sends to different members run side by side (Delivery:Concurrency): each one in flight when the token expired
        // meets 42001 once, and the one refresh serves them all.
        var rejected = fake.To("message/send").Where(r => !r.Succeeded).ToList();
        Assert.InRange(rejected.Count, 1, 5);
        Assert.All(rejected, r => Assert.Equal(42001, r.ErrCode));
        Assert.Equal(10, fake.Delivered("message/send").Select(r => r.Json.GetProperty("touser").GetString()).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["token-1", "token-2"], fake.Delivered("message/send").Select(r => r.Query["access_token"]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        // Deliveries are marked sent in batches, a few milliseconds after the send.
        await Eventually.UntilAsync(async () => (await db.Get<IOutboxRepository>().CountByStateAsync()).GetValueOrDefault(WorkStates.Sent), n => n == 10, what: "ten rows marked sent");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_45009_and_a_500_answer_are_retried_with_exponential_backoff_and_then_delivered(string provider)
    {
        var clock = WeComHosts.Clock();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = (await FakeWeComServer.StartAsync(clock)).WithRobotKey(WeComHosts.RobotKey);
        fake.FailNext("webhook/send", 1, errCode: 45009);
        fake.FailNext("webhook/send", 1, status: 500);
        await using var host = await WeComHosts.StartAsync(db, fake, clock, WeComHosts.IdleBackgroundSender);
        var sender = host.Services.GetRequiredService<OutboxSender>();
        await host.Services.GetRequiredService<OutboxWriter>().EnqueueAsync(RobotMessage("限流后重试"));

        for (var step = 0; step < 40 && fake.Delivered("webhook/send").Count == 0; step++)
        {
            await DrainAsync(sender, db);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var attempts = fake.To("webhook/send");
        Assert.Equal(3, attempts.Count);
        Assert.Equal((45009, 200), (attempts[0].ErrCode, attempts[0].Status));
        Assert.Equal(500, attempts[1].Status);
        Assert.True(attempts[2].Succeeded);
        Assert.InRange(attempts[1].At - attempts[0].At, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(8));
        Assert.InRange(attempts[2].At - attempts[1].At, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(14));
        var row = Assert.Single(await db.Get<IOutboxRepository>().ListByTargetAsync(Platforms.WeCom, WeComHosts.GroupChat, 10));
        Assert.Equal((WorkStates.Sent, 3), (row.State, row.Attempts));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_that_keeps_failing_is_marked_failed_after_the_maximum_attempts_and_an_invalid_key_at_once(string provider)
    {
        var clock = WeComHosts.Clock();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = (await FakeWeComServer.StartAsync(clock)).WithRobotKey(WeComHosts.RobotKey);
        fake.FailNext("webhook/send", 10, errCode: 45009);
        await using var host = await WeComHosts.StartAsync(db, fake, clock, new Dictionary<string, string?>
        {
            ["Delivery:OutboxMaxAttempts"] = "3",
            ["Delivery:PollInterval"] = "00:01:00",
            ["WeCom:RobotWebhooks:wrkWrongKey"] = "not-a-known-key",
        });
        var sender = host.Services.GetRequiredService<OutboxSender>();
        var writer = host.Services.GetRequiredService<OutboxWriter>();
        await writer.EnqueueAsync(RobotMessage("一直限流"));
        await writer.EnqueueAsync(RobotMessage("错误的 key", "wrkWrongKey"));

        var outbox = db.Get<IOutboxRepository>();
        await Eventually.UntilAsync(async () =>
        {
            await sender.SendBatchAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(1));
            return await outbox.CountByStateAsync();
        }, states => states.GetValueOrDefault(WorkStates.Failed) == 2, what: "both rows to fail");

        var limited = Assert.Single(await outbox.ListByTargetAsync(Platforms.WeCom, WeComHosts.GroupChat, 10));
        var wrongKey = Assert.Single(await outbox.ListByTargetAsync(Platforms.WeCom, "wrkWrongKey", 10));
        Assert.Equal((3, "errcode 45009: scripted failure"), (limited.Attempts, limited.Error));
        Assert.Equal(1, wrongKey.Attempts);
        Assert.StartsWith("errcode 93000", wrongKey.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_long_reply_to_a_group_robot_is_split_at_line_boundaries_under_2048_bytes_and_mentions_the_users(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = (await FakeWeComServer.StartAsync()).WithRobotKey(WeComHosts.RobotKey);
        await using var host = await WeComHosts.StartAsync(db, fake);
        var lines = Enumerable.Range(1, 60).Select(i => $"{i.ToString(CultureInfo.InvariantCulture)}. 区发改局：调研报告已提交，走访企业三家。");
        var text = string.Join('\n', lines);
        var message = RobotMessage(text);
        message.Mentions = Json.Serialize(new[] { "wangqiang" });
        message.DedupeKey = "digest:split-test";

        var rows = await host.Services.GetRequiredService<OutboxWriter>().EnqueueAsync(message);
        await Eventually.UntilAsync(() => fake.Delivered("webhook/send").Count == rows, what: "all parts");

        Assert.True(rows >= 2);
        var parts = fake.Delivered("webhook/send").OrderBy(r => r.Content, StringComparer.Ordinal).ToList();
        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p.Content!) <= 2048));
        Assert.All(parts, p => Assert.Equal("wangqiang", p.Json.GetProperty("text").GetProperty("mentioned_list")[0].GetString()));
        Assert.Equal(lines.Order(StringComparer.Ordinal), parts.SelectMany(p => p.Content!.Split('\n')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_host_stopped_between_accept_and_processing_processes_the_message_exactly_once_after_restart(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var stuck = new StuckRouter();
        string query, body;
        await using (var first = await WeComHosts.StartAsync(db, fake, configure: s => s.AddSingleton<IMessageRouter>(stuck)))
        {
            (query, body) = WeComHosts.Caller(first).SignApp(WeComCallbackClient.AppText("wangqiang", "汇报：今日巡河", 9001));
            using var accepted = await WeComHosts.Caller(first).PostAsync(WeComCallbackClient.AppPath + query, body, "text/xml");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            await stuck.Entered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        } // the host stops while the message is leased and unprocessed

        var interrupted = await db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "app:9001");
        Assert.Equal(WorkStates.Processing, interrupted!.State);

        // The restarted host sees the lease expired (its clock is past it) and processes the message.
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(5));
        await using var second = await WeComHosts.StartAsync(db, fake, later, new Dictionary<string, string?> { ["WeCom:TimestampToleranceSeconds"] = "0" });
        await Eventually.UntilAsync(() => fake.Delivered("message/send").Count > 0, what: "the reply after restart");
        using var redelivered = await WeComHosts.Caller(second).PostAsync(WeComCallbackClient.AppPath + query, body, "text/xml");
        var done = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "app:9001"), r => r?.State == WorkStates.Done, what: "done");
        Assert.Equal(0, await second.Services.GetRequiredService<Bot.Host.Inbox.InboxWorker>().ProcessBatchAsync(CancellationToken.None));
        Assert.Equal(0, await second.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(1, stuck.Calls);
        Assert.Equal(2, done!.Attempts);
        var reply = Assert.Single(fake.Delivered("message/send"));
        Assert.Equal("已收到：汇报：今日巡河", reply.Content);
        Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(done.Id));
    }

    /// <summary>Sends everything due, then waits until no row is in flight (so the fake clock never moves mid-send).</summary>
    private static async Task DrainAsync(OutboxSender sender, TestDatabase db)
    {
        while (await sender.SendBatchAsync(CancellationToken.None) > 0)
        {
        }

        await Eventually.UntilAsync(() => db.Get<IOutboxRepository>().CountByStateAsync(), s => !s.ContainsKey(WorkStates.Sending), what: "no send in flight");
    }

    private static OutboxMessage RobotMessage(string text, string chat = WeComHosts.GroupChat) => new()
    {
        Platform = Platforms.WeCom,
        Channel = WeComRobotChannel.ChannelName,
        Target = chat,
        MsgType = "text",
        Payload = text,
        Source = OutboxSources.Reminder,
        DedupeKey = "test:" + Guid.NewGuid().ToString("N"),
    };

    private static OutboxMessage AppMessage(string user, string text) => new()
    {
        Platform = Platforms.WeCom,
        Channel = WeComAppChannel.ChannelName,
        Target = user,
        MsgType = "text",
        Payload = text,
        Source = OutboxSources.Digest,
        DedupeKey = "test:" + Guid.NewGuid().ToString("N"),
    };

    /// <summary>A router that hangs (until the host stops) the first time it is called.</summary>
    private sealed class StuckRouter : IMessageRouter
    {
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => _calls;

        public async Task<IReadOnlyList<BotReply>> RouteAsync(InboxMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }
}
