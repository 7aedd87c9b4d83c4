using System.Text;
using Bot.Data.Common;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Outbox;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Host.DingTalk;

/// <summary>
/// The DingTalk outbound channels driven through the real outbox (writer + sender) on a fake clock, against the fake
/// DingTalk over real HTTP.
/// </summary>
public sealed class DingTalkDeliveryTests
{
    private const string OfficeChat = "cidOffice+Chat/01==";
    private const string RobotToken = "robot-token-office";
    private const string RobotSecret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private sealed class Env : IAsyncDisposable
    {
        private Env(TestDatabase db, FakeDingTalkServer fake, FakeTimeProvider clock)
        {
            Db = db;
            Fake = fake;
            Clock = clock;
        }

        public TestDatabase Db { get; }

        public FakeDingTalkServer Fake { get; }

        public FakeTimeProvider Clock { get; }

        public OutboxWriter Writer => Db.Get<OutboxWriter>();

        public OutboxSender Sender => Db.Get<OutboxSender>();

        public IOutboxRepository Outbox => Db.Get<IOutboxRepository>();

        public static async Task<Env> CreateAsync(string provider, Action<DingTalkOptions>? configure = null)
        {
            var fake = await FakeDingTalkServer.StartAsync();
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 12, 1, 0, 0, TimeSpan.Zero));
            fake.Clock = clock.GetUtcNow;
            var webhook = fake.AddCustomRobot(RobotToken, RobotSecret);
            var db = await TestDatabase.CreateAsync(provider, services =>
            {
                services.AddBotSkills().AddBotHost();
                services.AddSingleton<TimeProvider>(clock);
                services.Configure<DingTalkOptions>(o =>
                {
                    o.AppKey = FakeDingTalkServer.AppKey;
                    o.AppSecret = FakeDingTalkServer.AppSecret;
                    o.ApiBaseUrl = fake.BaseUrl;
                    o.OapiBaseUrl = fake.BaseUrl;
                    o.CustomRobots["office"] = new DingTalkCustomRobot { ChatId = OfficeChat, Webhook = webhook, Secret = RobotSecret };
                    configure?.Invoke(o);
                });
            });
            return new Env(db, fake, clock);
        }

        public Task<int> EnqueueAsync(string channel, string target, string payload, string msgType = "markdown", string? dedupe = null) =>
            Writer.EnqueueAsync(new OutboxMessage
            {
                Platform = Platforms.DingTalk,
                Channel = channel,
                Target = target,
                MsgType = msgType,
                Payload = payload,
                Source = OutboxSources.Digest,
                DedupeKey = dedupe,
            });

        /// <summary>Runs the sender until nothing due is left at the current fake time.</summary>
        public async Task DrainAsync()
        {
            for (var i = 0; i < 100 && await Sender.SendBatchAsync(CancellationToken.None) > 0; i++)
            {
            }
        }

        public Task<IReadOnlyList<OutboxMessage>> RowsAsync(string target) => Outbox.ListByTargetAsync(Platforms.DingTalk, target, 500);

        public async ValueTask DisposeAsync()
        {
            await Db.DisposeAsync();
            await Fake.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Thirty_digests_to_one_custom_robot_go_out_at_most_twenty_per_minute(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        for (var i = 1; i <= 30; i++)
        {
            await env.EnqueueAsync("custom_robot", OfficeChat, $"### 第{i}份汇总\n- 大走访：{i}次", dedupe: $"digest:{i}");
        }

        await env.DrainAsync();
        var firstMinute = env.Fake.CustomRobotPosts.Count;
        env.Clock.Advance(TimeSpan.FromSeconds(61));
        await env.DrainAsync();

        Assert.Equal(20, firstMinute);
        var posts = env.Fake.CustomRobotPosts;
        Assert.Equal(30, posts.Count);
        Assert.All(posts, p => Assert.True(p.SignatureValid && p.ErrCode == 0));
        Assert.All(posts, p => Assert.True(posts.Count(q => q.Timestamp > p.Timestamp - 60_000 && q.Timestamp <= p.Timestamp) <= 20));
        Assert.All(await env.RowsAsync(OfficeChat), r => Assert.Equal(WorkStates.Sent, r.State));
        Assert.Equal(30, posts.Select(p => p.Request.Body["msgUuid"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal("第1份汇总", posts[0].Request.Body["markdown"]!["title"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_custom_robot_answering_130101_and_then_500_is_retried_until_delivered_with_one_msgUuid(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        env.Fake.FailCustomRobotTooFast(1);
        env.Fake.FailNext(FakeDingTalkRoute.CustomRobot, 1, 500, "upstream error");
        await env.EnqueueAsync("custom_robot", OfficeChat, "【提醒】本月调研报告请于月底前提交", msgType: "text");

        await env.DrainAsync();
        var afterFirst = (await env.RowsAsync(OfficeChat)).Single();
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await env.DrainAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await env.DrainAsync();

        Assert.Equal((WorkStates.Pending, 1), (afterFirst.State, afterFirst.Attempts));
        Assert.Contains("130101", afterFirst.Error, StringComparison.Ordinal);
        var row = (await env.RowsAsync(OfficeChat)).Single();
        Assert.Equal((WorkStates.Sent, 3), (row.State, row.Attempts));
        var posts = env.Fake.CustomRobotPosts;
        Assert.Equal(3, posts.Count);
        Assert.Single(posts.Select(p => p.Request.Body["msgUuid"]!.GetValue<string>()).Distinct());
        Assert.Equal("【提醒】本月调研报告请于月底前提交", posts[^1].Request.Body["text"]!["content"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_timed_out_send_is_retried_by_the_outbox_with_the_same_msgUuid(string provider)
    {
        await using var env = await Env.CreateAsync(provider, o => o.HttpTimeout = TimeSpan.FromMilliseconds(300));
        env.Fake.HangNext(FakeDingTalkRoute.CustomRobot, 1);
        await env.EnqueueAsync("custom_robot", OfficeChat, "【提醒】河长巡查", msgType: "text");

        await env.DrainAsync();
        var afterTimeout = (await env.RowsAsync(OfficeChat)).Single();
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await env.DrainAsync();

        Assert.Equal((WorkStates.Pending, 1), (afterTimeout.State, afterTimeout.Attempts));
        var row = (await env.RowsAsync(OfficeChat)).Single();
        Assert.Equal((WorkStates.Sent, 2), (row.State, row.Attempts));
        var posts = env.Fake.CustomRobotPosts;
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Request.Body["msgUuid"]!.GetValue<string>(), posts[1].Request.Body["msgUuid"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_custom_robot_with_a_wrong_secret_or_no_configuration_fails_permanently_after_one_attempt(string provider)
    {
        await using var env = await Env.CreateAsync(provider, o => o.CustomRobots["office"].Secret = "SECwrong");
        await env.EnqueueAsync("custom_robot", OfficeChat, "提醒");
        await env.EnqueueAsync("custom_robot", "cidUnknown==", "提醒");

        await env.DrainAsync();

        var wrongSecret = (await env.RowsAsync(OfficeChat)).Single();
        var unknown = (await env.RowsAsync("cidUnknown==")).Single();
        Assert.Equal((WorkStates.Failed, 1), (wrongSecret.State, wrongSecret.Attempts));
        Assert.Contains("310000", wrongSecret.Error, StringComparison.Ordinal);
        Assert.Equal(WorkStates.Failed, unknown.State);
        Assert.Contains("DingTalk:CustomRobots", unknown.Error, StringComparison.Ordinal);
        Assert.Single(env.Fake.CustomRobotPosts);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_access_token_is_fetched_once_reused_and_refreshed_after_it_expires(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        for (var i = 0; i < 3; i++)
        {
            await env.EnqueueAsync("openapi", "cidGroup01==", $"### 周报{i}\n- 条目");
        }

        await env.DrainAsync();
        var tokensBefore = env.Fake.TokensIssued;
        env.Clock.Advance(TimeSpan.FromHours(2));
        await env.EnqueueAsync("openapi", "cidGroup01==", "### 月报\n- 条目");
        await env.DrainAsync();

        Assert.Equal(1, tokensBefore);
        Assert.Equal(2, env.Fake.TokensIssued);
        var sends = env.Fake.Delivered(FakeDingTalkRoute.GroupSend);
        Assert.Equal(["tok-1", "tok-1", "tok-1", "tok-2"], sends.Select(s => s.AccessToken));
        Assert.All(sends, s => Assert.Equal("sampleMarkdown", s.Field("msgKey")));
        Assert.Equal("周报0", sends[0].MsgParam["title"]!.GetValue<string>());
        Assert.Equal("### 周报0\n- 条目", sends[0].MsgParam["text"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_token_the_server_rejects_is_refreshed_once_and_the_send_still_succeeds(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        await env.EnqueueAsync("openapi", "cidGroup01==", "第一条", msgType: "text");
        await env.DrainAsync();

        env.Fake.RevokeTokens();
        await env.EnqueueAsync("openapi", "cidGroup01==", "第二条", msgType: "text");
        await env.DrainAsync();

        Assert.Equal(2, env.Fake.TokensIssued);
        Assert.All(await env.RowsAsync("cidGroup01=="), r => Assert.Equal((WorkStates.Sent, 1), (r.State, r.Attempts)));
        Assert.Equal([200, 401, 200], env.Fake.Requests(FakeDingTalkRoute.GroupSend).Select(r => r.Status));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_code_error_fails_permanently_while_a_5xx_or_flow_control_is_retried(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        env.Fake.FailNext(FakeDingTalkRoute.OneOnOneSend, 1, 503, """{"code":"ServiceUnavailable","message":"busy"}""");
        env.Fake.FailNext(FakeDingTalkRoute.OneOnOneSend, 1, 200, """{"processQueryKey":"x","invalidStaffIdList":[],"flowControlledStaffIdList":["wangqiang"]}""");
        await env.EnqueueAsync("openapi", "user:wangqiang", "王副区长：本月调研还差1次", msgType: "text");
        await env.DrainAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await env.DrainAsync();
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await env.DrainAsync();

        env.Fake.RobotCode = "dingotherrobot";
        await env.EnqueueAsync("openapi", "cidGroup01==", "提醒", msgType: "text");
        await env.DrainAsync();

        var retried = (await env.RowsAsync("user:wangqiang")).Single();
        Assert.Equal((WorkStates.Sent, 3), (retried.State, retried.Attempts));
        var oto = env.Fake.Delivered(FakeDingTalkRoute.OneOnOneSend)[^1];
        Assert.Equal(3, env.Fake.Requests(FakeDingTalkRoute.OneOnOneSend).Count);
        Assert.Equal("wangqiang", Assert.Single(oto.Body["userIds"]!.AsArray())!.GetValue<string>());
        Assert.Equal("王副区长：本月调研还差1次", oto.MsgParam["content"]!.GetValue<string>());
        var refused = (await env.RowsAsync("cidGroup01==")).Single();
        Assert.Equal((WorkStates.Failed, 1), (refused.State, refused.Attempts));
        Assert.Contains("invalidParameter.robotCode.auth", refused.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wrong_app_credentials_fail_OpenAPI_sends_permanently(string provider)
    {
        await using var env = await Env.CreateAsync(provider, o => o.AppSecret = "not-the-secret");
        await env.EnqueueAsync("openapi", "cidGroup01==", "提醒", msgType: "text");

        await env.DrainAsync();

        var row = (await env.RowsAsync("cidGroup01==")).Single();
        Assert.Equal((WorkStates.Failed, 1), (row.State, row.Attempts));
        Assert.Contains("AppKey/AppSecret", row.Error, StringComparison.Ordinal);
        Assert.Empty(env.Fake.Requests(FakeDingTalkRoute.GroupSend));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_long_digest_is_split_into_parts_that_each_fit_the_msgParam_limit(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var digest = new StringBuilder("### 铁西区重点任务月度汇总\n");
        for (var i = 1; i <= 600; i++)
        {
            digest.Append("- 第").Append(i).Append("项：平西乡乡村振兴调研，走访企业3家，形成\"调研报告\"1篇\n");
        }

        var rows = await env.EnqueueAsync("openapi", "cidGroup01==", digest.ToString(), dedupe: "digest:month");
        await env.DrainAsync();

        Assert.True(rows > 1);
        var sends = env.Fake.Delivered(FakeDingTalkRoute.GroupSend);
        Assert.Equal(rows, sends.Count);
        Assert.All(sends, s => Assert.True(Encoding.UTF8.GetByteCount(s.Field("msgParam")!) <= DingTalkMessages.MaxMsgParamBytes));
        Assert.Equal(digest.ToString().TrimEnd('\n'), string.Join("\n", sends.Select(s => s.MsgParam["text"]!.GetValue<string>())).TrimEnd('\n'));
    }

    [Fact]
    public async Task Concurrent_first_sends_share_a_single_access_token_request()
    {
        await using var env = await Env.CreateAsync("Sqlite");
        var api = env.Db.Get<DingTalkApiClient>();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.GetAccessTokenAsync(CancellationToken.None)));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, env.Fake.TokensIssued);
    }
}
