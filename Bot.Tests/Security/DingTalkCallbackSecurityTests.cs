using System.Net;
using Bot.Data.Callbacks;
using Bot.Data.Members;
using Bot.Host.Channels;
using Bot.Tests.Host.DingTalk;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Security;

/// <summary>Findings 1 and 2 of the security review: replayed DingTalk signatures and SSRF through the sessionWebhook.</summary>
public sealed class DingTalkCallbackSecurityTests
{
    private static DateTimeOffset InNinetyMinutes => DateTimeOffset.UtcNow.AddMinutes(90);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_captured_timestamp_and_sign_replayed_with_another_message_is_refused_and_stores_nothing(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        var (timestamp, sign) = FakeDingTalkServer.Sign(DingTalkHostFixture.NextTimestamp());
        var genuine = f.Fake.TextMessage("msgGenuine01==", " 汇报：今天走访企业3家", session: "s-genuine", sessionExpires: InNinetyMinutes);
        var forged = f.Fake.TextMessage("msgForged01==", " 新增任务：拆除违建100处", session: "s-forged", sessionExpires: InNinetyMinutes, staffId: "office01");

        using var accepted = await f.PostCallbackAsync(genuine, timestamp, sign);
        using var replayed = await f.PostCallbackAsync(forged, timestamp, sign);
        using var redelivered = await f.PostCallbackAsync(genuine, timestamp, sign);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Null(await f.Inbox.FindAsync(Platforms.DingTalk, "msgForged01=="));
        Assert.NotNull(await f.Inbox.FindAsync(Platforms.DingTalk, "msgGenuine01=="));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_signature_is_remembered_for_every_host_until_it_expires(string provider)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var repository = db.Get<ICallbackSignatureRepository>();
        var until = clock.GetUtcNow().AddMinutes(5);

        Assert.True(await repository.TryUseAsync(Platforms.DingTalk, "1:abc", "m1", until));
        Assert.True(await repository.TryUseAsync(Platforms.DingTalk, "1:abc", "m1", until));
        Assert.False(await repository.TryUseAsync(Platforms.DingTalk, "1:abc", "m2", until));
        Assert.False(await repository.TryUseAsync(Platforms.DingTalk, "1:ABC".ToLowerInvariant(), "m3", until));
        Assert.True(await repository.TryUseAsync(Platforms.DingTalk, "1:ABC", "m4", until));
        Assert.True(await repository.TryUseAsync(Platforms.WeCom, "1:abc", "m2", until));

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.True(await repository.TryUseAsync(Platforms.DingTalk, "1:abc", "m2", clock.GetUtcNow().AddMinutes(5)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Signatures_of_callbacks_arriving_together_are_each_granted_once_and_a_replay_among_them_is_refused(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var repository = db.Get<ICallbackSignatureRepository>();
        var until = DateTimeOffset.UtcNow.AddMinutes(5);
        Assert.True(await repository.TryUseAsync(Platforms.DingTalk, "7:held", "m-held", until));

        // 120 callbacks at once with their own signatures and a redelivery of one of them; then 60 more at once with
        // two replays of signs used before among them.
        var first = Enumerable.Range(0, 120).Select(i => ($"7:s{i}", $"m{i}")).Append(("7:s5", "m5")).ToArray();
        var second = Enumerable.Range(120, 60).Select(i => ($"7:s{i}", $"m{i}")).Append(("7:s9", "m-replay")).Append(("7:held", "m-other")).ToArray();
        Task<bool[]> Wave((string Sign, string Message)[] uses) =>
            Task.WhenAll(uses.Select(u => Task.Run(() => repository.TryUseAsync(Platforms.DingTalk, u.Sign, u.Message, until))));

        Assert.All(await Wave(first), Assert.True);
        var granted = await Wave(second);
        Assert.All(granted.Take(60), Assert.True);
        Assert.Equal([false, false], granted.Skip(60));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_callback_older_than_the_configured_clock_skew_is_refused(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, extra: new Dictionary<string, string?> { ["DingTalk:SignatureWindow"] = "00:01:00" });
        var (timestamp, sign) = FakeDingTalkServer.Sign(DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeMilliseconds());

        using var response = await f.PostCallbackAsync(f.Fake.TextMessage("msgSkew01==", "汇报", session: null, sessionExpires: InNinetyMinutes), timestamp, sign);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await f.Inbox.FindAsync(Platforms.DingTalk, "msgSkew01=="));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sessionWebhook_outside_the_allow_list_is_never_called_and_the_reply_goes_through_the_OpenAPI(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        // Same fake, another host name: would reach it if the host called whatever the body says.
        var internalUrl = f.Fake.SessionWebhookUrl("s-ssrf").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var body = f.Fake.TextMessage("msgSsrf01==", " 逾期任务", session: "s-ssrf", sessionExpires: InNinetyMinutes)
            .Replace(f.Fake.SessionWebhookUrl("s-ssrf"), internalUrl, StringComparison.Ordinal);
        Assert.Contains("localhost", body, StringComparison.Ordinal);

        using var response = await f.PostSignedAsync(body);
        var reply = Assert.Single(await f.RepliesAsync("msgSsrf01=="));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("openapi", "sent"), (reply.Channel, reply.State));
        Assert.Empty(f.Fake.Requests(FakeDingTalkRoute.SessionWebhook));
        Assert.Single(f.Fake.Delivered(FakeDingTalkRoute.GroupSend));
    }

    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession?session=x", true)]
    [InlineData("https://api.dingtalk.com/v1.0/robot/x", true)]
    [InlineData("http://oapi.dingtalk.com/robot/sendBySession?session=x", false)]
    [InlineData("https://oapi.dingtalk.com:8443/robot/sendBySession", false)]
    [InlineData("https://oapi.dingtalk.com.evil.example/robot", false)]
    [InlineData("https://user@oapi.dingtalk.com/robot", false)]
    [InlineData("https://127.0.0.1/robot", false)]
    [InlineData("http://169.254.169.254/latest/meta-data", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("not a url", false)]
    public void Only_https_urls_on_the_default_DingTalk_hosts_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, OutboundUrlPolicy.IsAllowed(url, Bot.Host.Channels.DingTalk.DingTalkOptions.DefaultWebhookHosts));

    [Fact]
    public void An_origin_entry_allows_exactly_that_scheme_host_and_port()
    {
        string[] allowed = ["http://127.0.0.1:5123"];
        Assert.True(OutboundUrlPolicy.IsAllowed("http://127.0.0.1:5123/robot/sendBySession?session=a", allowed));
        Assert.False(OutboundUrlPolicy.IsAllowed("http://127.0.0.1:5124/robot", allowed));
        Assert.False(OutboundUrlPolicy.IsAllowed("http://localhost:5123/robot", allowed));
    }
}
