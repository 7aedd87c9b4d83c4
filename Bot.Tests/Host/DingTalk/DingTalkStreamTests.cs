using System.Text.Json;
using Bot.Data.Members;
using Bot.Host.Channels.DingTalk;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.DingTalk;

/// <summary>Stream mode against a local gateway: connections/open plus a real WebSocket on 127.0.0.1.</summary>
public sealed class DingTalkStreamTests
{
    private static DateTimeOffset InNinetyMinutes => DateTimeOffset.UtcNow.AddMinutes(90);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bot_message_from_the_gateway_is_acked_stored_and_answered(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, stream: true);
        await f.Fake.WaitForConnectionsAsync(1);

        await f.Fake.PushBotMessageAsync("212ca9d7_974_1898c159aa6_1783b", f.Fake.TextMessage("msgStream01==", " 汇报：走访企业3家", session: "s-stream", sessionExpires: InNinetyMinutes));
        var ack = await f.Fake.WaitForAckAsync("212ca9d7_974_1898c159aa6_1783b");
        var reply = Assert.Single(await f.RepliesAsync("msgStream01=="));

        Assert.Equal(200, ack.Code);
        using (var data = JsonDocument.Parse(ack.Data!))
        {
            Assert.Equal(JsonValueKind.Null, data.RootElement.GetProperty("response").ValueKind);
        }

        var stored = (await f.Inbox.FindAsync(Platforms.DingTalk, "msgStream01=="))!;
        Assert.Equal("汇报：走访企业3家", stored.Text);
        Assert.Equal(("session_webhook", "sent"), (reply.Channel, reply.State));
        Assert.Equal("已收到：汇报：走访企业3家\n@user123", Assert.Single(f.Fake.Requests(FakeDingTalkRoute.SessionWebhook)).WebhookText);
        var open = Assert.Single(f.Fake.Requests(FakeDingTalkRoute.ConnectionOpen));
        Assert.Equal((FakeDingTalkServer.AppKey, FakeDingTalkServer.AppSecret), (open.Field("clientId"), open.Field("clientSecret")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ping_is_acked_with_its_data_echoed_and_an_event_with_success(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, stream: true);
        await f.Fake.WaitForConnectionsAsync(1);

        await f.Fake.PushPingAsync("213d841d_972_1898bb26334_70a7", "{\"opaque\" : \"123-dsfs\"}");
        await f.Fake.PushFrameAsync(FakeDingTalkServer.Frame("EVENT", "chat_update_title", "evt-1", "{\"title\":\"新群名\"}"));
        var pong = await f.Fake.WaitForAckAsync("213d841d_972_1898bb26334_70a7");
        var eventAck = await f.Fake.WaitForAckAsync("evt-1");

        Assert.Equal((200, "{\"opaque\" : \"123-dsfs\"}"), (pong.Code, pong.Data));
        Assert.Equal(200, eventAck.Code);
        Assert.Equal("SUCCESS", JsonDocument.Parse(eventAck.Data!).RootElement.GetProperty("status").GetString());
        Assert.Single(f.Fake.TicketsConnected);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_disconnect_is_acked_and_followed_by_a_new_connection_with_a_new_ticket(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, stream: true);
        await f.Fake.WaitForConnectionsAsync(1);

        await f.Fake.PushDisconnectAsync("c0a815dd1698551133918195d43");
        var ack = await f.Fake.WaitForAckAsync("c0a815dd1698551133918195d43");
        await f.Fake.WaitForConnectionsAsync(2);

        Assert.Equal(200, ack.Code);
        var tickets = f.Fake.TicketsConnected;
        Assert.Equal(2, tickets.Distinct().Count());
        Assert.Equal(tickets, f.Fake.TicketsIssued.Take(2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task When_the_gateway_drops_the_socket_the_bot_reconnects_with_a_new_ticket_and_nothing_is_lost_or_doubled(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, stream: true);
        await f.Fake.WaitForConnectionsAsync(1);

        // The first message is pushed and the socket dropped before its ACK can count: the gateway redelivers it.
        await f.Fake.PushBotMessageThenDropAsync("frame-1", f.Fake.TextMessage("msgDrop01==", " 第一条", session: "s-d", sessionExpires: InNinetyMinutes));
        await f.Fake.WaitForConnectionsAsync(2);
        var redelivered = await f.Fake.WaitForAckAsync("frame-1");
        await f.Fake.PushBotMessageAsync("frame-2", f.Fake.TextMessage("msgDrop02==", " 第二条", session: "s-d", sessionExpires: InNinetyMinutes));
        await f.Fake.WaitForAckAsync("frame-2");
        var first = Assert.Single(await f.RepliesAsync("msgDrop01=="));
        var second = Assert.Single(await f.RepliesAsync("msgDrop02=="));

        var tickets = f.Fake.TicketsConnected;
        Assert.Equal(tickets.Count, tickets.Distinct().Count());
        Assert.Equal(tickets[1], redelivered.Ticket);
        var stored = await f.Inbox.ListByChatAsync(Platforms.DingTalk, "cidGroupTiexi01==", 10);
        Assert.Equal(["第一条", "第二条"], stored.Select(m => m.Text));
        Assert.Equal(("sent", "sent"), (first.State, second.State));
        Assert.Equal(["已收到：第一条\n@user123", "已收到：第二条\n@user123"], f.Fake.Requests(FakeDingTalkRoute.SessionWebhook).Select(r => r.WebhookText));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_socket_silent_past_the_watchdog_timeout_is_replaced_by_a_new_connection(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, stream: true,
            extra: new Dictionary<string, string?> { ["DingTalk:Stream:SilenceTimeout"] = "00:00:00.500" });

        await f.Fake.WaitForConnectionsAsync(2);

        Assert.Equal(2, f.Fake.TicketsConnected.Take(2).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_failing_gateway_is_retried_with_backoff_until_it_hands_out_a_ticket(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeDingTalkServer.StartAsync();
        fake.FailNext(FakeDingTalkRoute.ConnectionOpen, 3, 503, """{"code":"ServiceUnavailable","message":"busy"}""");
        await using var host = await RunningHost.StartAsync(DingTalkHostFixture.Merge(db.Settings, fake.Settings(stream: true), DingTalkHostFixture.FastSettings));

        await fake.WaitForConnectionsAsync(1);

        await FakeDingTalkServer.Eventually(() => host.Services.GetRequiredService<DingTalkStreamService>().IsConnected, "the stream to report connected");

        Assert.Equal([503, 503, 503, 200], fake.Requests(FakeDingTalkRoute.ConnectionOpen).Select(r => r.Status));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_one_of_two_hosts_holds_the_stream_and_the_other_takes_over_when_it_stops(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeDingTalkServer.StartAsync();
        var settings = DingTalkHostFixture.Merge(db.Settings, fake.Settings(stream: true), DingTalkHostFixture.FastSettings);
        var first = await RunningHost.StartAsync(settings);
        await fake.WaitForConnectionsAsync(1);
        await using var second = await RunningHost.StartAsync(settings);
        var standby = second.Services.GetRequiredService<DingTalkStreamService>();

        await FakeDingTalkServer.Eventually(() => standby.IsWaitingForLease, "the second host to find the lease taken");

        Assert.Single(fake.TicketsIssued);
        Assert.False(standby.IsConnected);

        await first.DisposeAsync();
        await fake.WaitForConnectionsAsync(2);
        await FakeDingTalkServer.Eventually(() => standby.IsConnected, "the second host to take over the stream");

        await fake.PushBotMessageAsync("frame-after-failover", fake.TextMessage("msgFailover01==", " 接管后的消息", session: "s-f", sessionExpires: InNinetyMinutes));
        Assert.Equal(200, (await fake.WaitForAckAsync("frame-after-failover")).Code);
        Assert.NotNull(await db.Get<Bot.Data.Inbox.IInboxRepository>().FindAsync(Platforms.DingTalk, "msgFailover01=="));
    }
}
