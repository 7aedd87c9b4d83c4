using System.Net;
using Bot.Data.Chats;
using Bot.Data.Members;
using Bot.Host.Channels.DingTalk;
using Bot.Tests.Support;

namespace Bot.Tests.Host.DingTalk;

/// <summary>HTTP mode end to end: signed callback → inbox → worker → sessionWebhook or OpenAPI, over real HTTP.</summary>
public sealed class DingTalkWebhookTests
{
    private static DateTimeOffset InNinetyMinutes => DateTimeOffset.UtcNow.AddMinutes(90);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_callback_signed_now_is_accepted_and_stored_once_when_posted_twice_and_a_wrong_sign_or_old_timestamp_gets_401_storing_nothing(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        var body = f.Fake.TextMessage("msgAcceptance01==", " 汇报：今天走访企业3家", session: "s-acc", sessionExpires: InNinetyMinutes);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (timestamp, _) = FakeDingTalkServer.Sign(now);
        var (wrongTimestamp, wrongSign) = FakeDingTalkServer.Sign(now, "another secret");
        var (oldTimestamp, oldSign) = FakeDingTalkServer.Sign(now - (long)TimeSpan.FromHours(2).TotalMilliseconds);

        using var wrong = await f.PostCallbackAsync(body, wrongTimestamp, wrongSign);
        using var old = await f.PostCallbackAsync(body, oldTimestamp, oldSign);
        using var missing = await f.PostCallbackAsync(body, timestamp, null);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Null(await f.Inbox.FindAsync(Platforms.DingTalk, "msgAcceptance01=="));

        using var first = await f.PostSignedAsync(body);
        using var second = await f.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = Assert.Single(await f.Inbox.ListByChatAsync(Platforms.DingTalk, "cidGroupTiexi01==", 10));
        Assert.Equal(("msgAcceptance01==", "汇报：今天走访企业3家", "user123"), (stored.MessageId, stored.Text, stored.SenderId));
        Assert.Single(await f.RepliesAsync("msgAcceptance01=="));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_signed_callback_is_answered_through_its_sessionWebhook_mentioning_the_sender(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        var members = f.Db.Get<IMemberRepository>();
        await members.BindAccountAsync(Platforms.DingTalk, "user123", await members.AddAsync(new Member { Name = "王强", Role = Roles.Leader }));
        var body = f.Fake.TextMessage("msgSession01==", " 汇报：5月12日赴平西乡调研", session: "s-1", sessionExpires: InNinetyMinutes, senderNick: "老王");

        using var response = await f.PostSignedAsync(body);
        var reply = Assert.Single(await f.RepliesAsync("msgSession01=="));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("session_webhook", "sent"), (reply.Channel, reply.State));
        var post = Assert.Single(f.Fake.Requests(FakeDingTalkRoute.SessionWebhook));
        Assert.Equal("?session=s-1", post.Query);
        Assert.Equal("text", post.Field("msgtype"));
        Assert.Equal("已收到：汇报：5月12日赴平西乡调研\n@user123", post.WebhookText);
        Assert.Equal(["user123"], post.AtUserIds);
        Assert.Empty(f.Fake.Requests(FakeDingTalkRoute.GroupSend));
        var stored = (await f.Inbox.FindAsync(Platforms.DingTalk, "msgSession01=="))!;
        Assert.Equal(("王强", "cidGroupTiexi01=="), (stored.SenderName, stored.ChatId));
        Assert.Contains("\"sessionWebhook\"", stored.ReplyTo, StringComparison.Ordinal);
        var chat = await f.Db.Get<IChatRepository>().FindAsync(Platforms.DingTalk, "cidGroupTiexi01==");
        Assert.Equal("铁西区督查群", chat?.Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reply_whose_sessionWebhook_has_expired_goes_out_through_the_OpenAPI_group_send(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        var body = f.Fake.TextMessage("msgExpired01==", " 本月谁还没汇报", session: "s-old", sessionExpires: DateTimeOffset.UtcNow.AddMinutes(-5));

        using var response = await f.PostSignedAsync(body);
        var reply = Assert.Single(await f.RepliesAsync("msgExpired01=="));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("openapi", "cidGroupTiexi01==", "sent"), (reply.Channel, reply.Target, reply.State));
        Assert.Empty(f.Fake.Requests(FakeDingTalkRoute.SessionWebhook));
        var send = Assert.Single(f.Fake.Delivered(FakeDingTalkRoute.GroupSend));
        Assert.Equal((FakeDingTalkServer.AppKey, "cidGroupTiexi01==", "sampleText"), (send.Field("robotCode"), send.Field("openConversationId"), send.Field("msgKey")));
        Assert.Equal("已收到：本月谁还没汇报", send.MsgParam["content"]!.GetValue<string>());
        Assert.Equal("tok-1", send.AccessToken);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_session_that_DingTalk_reports_gone_falls_back_to_the_OpenAPI(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        f.Fake.ExpireSession("s-gone");

        using var response = await f.PostSignedAsync(f.Fake.TextMessage("msgGone01==", " 逾期任务", session: "s-gone", sessionExpires: InNinetyMinutes));
        var reply = Assert.Single(await f.RepliesAsync("msgGone01=="));

        Assert.Equal("sent", reply.State);
        Assert.Single(f.Fake.Requests(FakeDingTalkRoute.SessionWebhook));
        Assert.Equal("已收到：逾期任务", Assert.Single(f.Fake.Delivered(FakeDingTalkRoute.GroupSend)).MsgParam["content"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_expired_one_on_one_reply_goes_to_the_sender_through_batchSend(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);

        using var response = await f.PostSignedAsync(f.Fake.TextMessage("msgOto01==", "王副区长本季度调研几天", session: "s-oto",
            sessionExpires: DateTimeOffset.UtcNow.AddMinutes(-1), conversationId: "cidOtoWang==", conversationType: "1", staffId: "wangqiang"));
        var reply = Assert.Single(await f.RepliesAsync("msgOto01=="));

        Assert.Equal(("openapi", "user:wangqiang", "sent"), (reply.Channel, reply.Target, reply.State));
        var send = Assert.Single(f.Fake.Delivered(FakeDingTalkRoute.OneOnOneSend));
        Assert.Equal("wangqiang", Assert.Single(send.Body["userIds"]!.AsArray())!.GetValue<string>());
        Assert.Null(await f.Db.Get<IChatRepository>().FindAsync(Platforms.DingTalk, "cidOtoWang=="));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pictures_and_rich_text_are_stored_with_their_image_count(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);
        var expires = InNinetyMinutes.ToUnixTimeMilliseconds();
        var session = f.Fake.SessionWebhookUrl("s-rich");

        using var picture = await f.PostSignedAsync($$$"""{"msgId":"msgPic01==","msgtype":"picture","conversationId":"cidGroupTiexi01==","conversationType":"2","senderStaffId":"user123","sessionWebhook":"{{{session}}}","sessionWebhookExpiredTime":{{{expires}}},"content":{"downloadCode":"mIof","pictureDownloadCode":"pWjA"}}""");
        using var rich = await f.PostSignedAsync($$$"""{"msgId":"msgRich01==","msgtype":"richText","conversationId":"cidGroupTiexi01==","conversationType":"2","senderStaffId":"user123","sessionWebhook":"{{{session}}}","sessionWebhookExpiredTime":{{{expires}}},"content":{"richText":[{"text":" 河长巡查：巡查浑河段"},{"downloadCode":"a","type":"picture"},{"downloadCode":"b","type":"picture"}]}}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (picture.StatusCode, rich.StatusCode));
        var pic = (await f.Inbox.FindAsync(Platforms.DingTalk, "msgPic01=="))!;
        var text = (await f.Inbox.FindAsync(Platforms.DingTalk, "msgRich01=="))!;
        Assert.Equal(("", 1), (pic.Text, pic.Images));
        Assert.Equal(("河长巡查：巡查浑河段", 2), (text.Text, text.Images));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_malformed_body_gets_400_an_oversized_one_413_and_an_unsupported_type_200_without_storing(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider);

        using var malformed = await f.PostSignedAsync("""{"msgId": "broken""");
        using var noId = await f.PostSignedAsync("""{"msgtype":"text","text":{"content":"x"}}""");
        using var huge = await f.PostSignedAsync("""{"msgId":"msgHuge==","msgtype":"text","text":{"content":" """ + new string('报', 400_000) + "\"}}");
        using var file = await f.PostSignedAsync("""{"msgId":"msgFile==","msgtype":"file","conversationId":"cidGroupTiexi01==","content":{"fileName":"a.zip"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noId.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Null(await f.Inbox.FindAsync(Platforms.DingTalk, "msgHuge=="));
        Assert.Null(await f.Inbox.FindAsync(Platforms.DingTalk, "msgFile=="));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Without_credentials_the_host_starts_and_the_endpoint_answers_503_with_a_clear_message(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await RunningHost.StartAsync(db.Settings);
        var (timestamp, sign) = FakeDingTalkServer.Sign(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/dingtalk", UriKind.Relative)) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("timestamp", timestamp);
        request.Headers.TryAddWithoutValidation("sign", sign);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("DingTalk:AppSecret", text, StringComparison.Ordinal);
        Assert.Contains("钉钉机器人未配置", text, StringComparison.Ordinal);
        Assert.False(host.Services.GetService(typeof(DingTalkStreamService)) is DingTalkStreamService { IsConnected: true });
    }

    [Theory]
    [InlineData("DingTalk:Stream:Enabled", "true", "启用 Stream 模式须配置 AppKey 和 AppSecret")]
    [InlineData("DingTalk:AppKey", "dingabc", "DingTalk:AppSecret is required")]
    [InlineData("DingTalk:ApiBaseUrl", "not a url", "DingTalk:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("DingTalk:CustomRobots:office:Webhook", "ftp://x/robot/send", "DingTalk:CustomRobots:office:Webhook")]
    public async Task A_bad_DingTalk_setting_stops_start_up_with_a_bilingual_message(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "tiexibot-dt-" + Guid.NewGuid().ToString("N") + ".db")}",
            [key] = value,
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(" / ", error.Message, StringComparison.Ordinal);
    }
}
