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
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.Channels.WeCom;

/// <summary>The WeCom callbacks end to end over real HTTP: running host, real database, fake WeCom API.</summary>
public sealed class WeComCallbackTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Official_v2_url_verification_answers_the_bare_echo_and_the_v2_xml_post_is_stored_once_when_posted_twice(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["WeCom:Token"] = WeComVectors.V2.Token,
            ["WeCom:EncodingAesKey"] = WeComVectors.V2.Key,
            ["WeCom:CorpId"] = WeComVectors.V2.CorpId,
            ["WeCom:TimestampToleranceSeconds"] = "0",
        };
        await using var host = await RunningHost.StartAsync(settings);
        var verifyUrl = "/webhooks/wecom/app?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780" +
            "&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D";
        var postUrl = "/webhooks/wecom/app" + WeComCallbackClient.Query(WeComVectors.V2.XmlSignature, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce);
        var caller = new WeComCallbackClient(host.Client, WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);

        using var verify = await host.Client.GetAsync(new Uri(verifyUrl, UriKind.Relative));
        var echo = await verify.Content.ReadAsByteArrayAsync();
        using var first = await caller.PostAsync(postUrl, WeComVectors.V2.XmlBody, "text/xml");
        using var second = await caller.PostAsync(postUrl, WeComVectors.V2.XmlBody, "text/xml");

        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Equal("1616140317555161061"u8.ToArray(), echo);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = await db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "app:4561255354251345929");
        Assert.NotNull(stored);
        Assert.Equal(("mycreate", "hello"), (stored.SenderId, stored.Text));
        Assert.Equal(1, await CountInboxAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_encrypted_app_callback_becomes_an_inbox_row_and_its_reply_reaches_message_send(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host);

        using var response = await caller.PostAppAsync(WeComCallbackClient.AppText("wangqiang", "汇报：5月12日赴平西乡调研", 7001));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var row = await db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "app:7001");
        Assert.NotNull(row);
        Assert.Equal(("wangqiang", "汇报：5月12日赴平西乡调研", (string?)null), (row.SenderId, row.Text, row.ChatId));
        var sent = await Eventually.UntilAsync(() => Task.FromResult(fake.Delivered("message/send")), r => r.Count > 0, what: "message/send");
        var body = Assert.Single(sent).Json;
        Assert.Equal("wangqiang", body.GetProperty("touser").GetString());
        Assert.Equal(FakeWeComServer.AgentId, body.GetProperty("agentid").GetInt32());
        Assert.Equal("已收到：汇报：5月12日赴平西乡调研", body.GetProperty("text").GetProperty("content").GetString());
        Assert.Single(fake.To("gettoken"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_callback_delivered_three_times_is_stored_once_and_answered_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        await WeComHosts.AddMemberAsync(db, "李娜", "lina");
        var caller = WeComHosts.Caller(host);
        var (query, body) = caller.SignApp(WeComCallbackClient.AppText("lina", "本周走访企业3家", 7002));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await caller.PostAsync(WeComCallbackClient.AppPath + query, body, "text/xml");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var row = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "app:7002"),
            r => r?.State == WorkStates.Done, what: "the inbox row to be processed");
        await Eventually.UntilAsync(() => Task.FromResult(fake.Delivered("message/send")), r => r.Count > 0, what: "the reply");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            // Nothing else is due: a sender pass delivers nothing more.
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None));
        }

        Assert.Equal(1, await CountInboxAsync(db));
        Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(row!.Id));
        Assert.Single(fake.Delivered("message/send"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bad_signature_or_stale_timestamp_is_rejected_with_401_and_nothing_is_stored(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await WeComHosts.StartAsync(db, fake: null);
        var caller = WeComHosts.Caller(host);
        var (query, body) = caller.SignApp(WeComCallbackClient.AppText("wangqiang", "你好", 7003));
        var forged = query.Replace("msg_signature=", "msg_signature=0", StringComparison.Ordinal);
        var stale = new WeComCallbackClient(host.Client, WeComHosts.Token, WeComHosts.Key, FakeWeComServer.CorpId,
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10)));
        var (staleQuery, staleBody) = stale.SignApp(WeComCallbackClient.AppText("wangqiang", "你好", 7004));

        using var badSignature = await caller.PostAsync(WeComCallbackClient.AppPath + forged, body, "text/xml");
        using var noSignature = await caller.PostAsync(WeComCallbackClient.AppPath, body, "text/xml");
        using var staleTimestamp = await caller.PostAsync(WeComCallbackClient.AppPath + staleQuery, staleBody, "text/xml");
        using var badVerify = await host.Client.GetAsync(new Uri(WeComCallbackClient.AppPath + forged + "&echostr=abc", UriKind.Relative));
        using var otherToken = await new WeComCallbackClient(host.Client, "AnotherToken", WeComHosts.Key, FakeWeComServer.CorpId)
            .PostBotAsync(WeComCallbackClient.BotText("m-1", "wangqiang", "你好", null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSignature.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, staleTimestamp.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badVerify.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherToken.StatusCode);
        Assert.Equal(0, await CountInboxAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_xxe_payload_or_malformed_body_is_rejected_with_400_and_nothing_is_stored(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await WeComHosts.StartAsync(db, fake: null);
        var caller = WeComHosts.Caller(host);
        var secretFile = Path.Combine(Path.GetTempPath(), $"tiexibot-xxe-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(secretFile, "SECRET");
        var (query, _) = caller.SignApp(WeComCallbackClient.AppText("wangqiang", "你好", 7005));
        var xxeEnvelope = $"""<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file://{secretFile}">]><xml><Encrypt>&xxe;</Encrypt></xml>""";
        // A correctly signed envelope whose decrypted plaintext carries the DTD.
        var (xxeQuery, xxeInner) = caller.SignApp($"""<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file://{secretFile}">]><xml><FromUserName>x</FromUserName><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>7006</MsgId></xml>""");

        try
        {
            using var outer = await caller.PostAsync(WeComCallbackClient.AppPath + query, xxeEnvelope, "text/xml");
            using var inner = await caller.PostAsync(WeComCallbackClient.AppPath + xxeQuery, xxeInner, "text/xml");
            using var notXml = await caller.PostAsync(WeComCallbackClient.AppPath + query, "<xml><Encrypt>", "text/xml");
            using var noEncrypt = await caller.PostAsync(WeComCallbackClient.AppPath + query, "<xml><ToUserName>x</ToUserName></xml>", "text/xml");
            using var notJson = await caller.PostAsync(WeComCallbackClient.BotPath + query, "{\"encrypt\": ", "application/json");

            Assert.Equal(HttpStatusCode.BadRequest, outer.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, inner.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, notXml.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, noEncrypt.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
            Assert.DoesNotContain("SECRET", await outer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await CountInboxAsync(db));
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_body_over_1_mb_is_rejected_with_413_with_or_without_a_content_length(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await WeComHosts.StartAsync(db, fake: null);
        var caller = WeComHosts.Caller(host);
        var (query, _) = caller.SignApp(WeComCallbackClient.AppText("wangqiang", "你好", 7007));
        var big = "<xml><Encrypt>" + new string('A', WeComHttp.MaxBodyBytes) + "</Encrypt></xml>";

        using var declared = await caller.PostAsync(WeComCallbackClient.AppPath + query, big, "text/xml");
        using var chunkedContent = new PushStreamContentOf(Encoding.UTF8.GetBytes(big));
        using var chunked = await host.Client.PostAsync(new Uri(WeComCallbackClient.BotPath + query, UriKind.Relative), chunkedContent);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(0, await CountInboxAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_group_message_is_answered_with_a_stream_and_the_reply_arrives_on_the_refresh(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host);
        var message = WeComCallbackClient.BotText("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", "wangqiang", "@铁西小助手 汇报：走访企业3家", WeComHosts.GroupChat, fake.ResponseUrl("rc-1"));

        using var first = await caller.PostBotAsync(message);
        var start = await caller.ReadBotAnswerAsync(first);
        var streamId = start.GetProperty("stream").GetProperty("id").GetString()!;
        var row = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI="),
            r => r?.State == WorkStates.Done, what: "the robot message to be processed");
        using var refresh = await caller.PostBotAsync(WeComCallbackClient.BotRefresh(streamId, "wangqiang", WeComHosts.GroupChat));
        var answer = await caller.ReadBotAnswerAsync(refresh);

        Assert.Equal("stream", start.GetProperty("msgtype").GetString());
        Assert.False(start.GetProperty("stream").GetProperty("finish").GetBoolean());
        Assert.Equal(("汇报：走访企业3家", WeComHosts.GroupChat), (row!.Text, row.ChatId));
        Assert.Equal(streamId, answer.GetProperty("stream").GetProperty("id").GetString());
        Assert.True(answer.GetProperty("stream").GetProperty("finish").GetBoolean());
        Assert.Equal("已收到：汇报：走访企业3家", answer.GetProperty("stream").GetProperty("content").GetString());
        var reply = Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(row.Id));
        Assert.Equal((WorkStates.Sent, "wecom_aibot"), (reply.State, reply.Channel));
        Assert.Empty(fake.To("aibot/response"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_reply_not_fetched_by_a_stream_refresh_goes_out_once_through_response_url(string provider)
    {
        var clock = WeComHosts.Clock();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync(clock);
        await using var host = await WeComHosts.StartAsync(db, fake, clock);
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host, clock);

        using var first = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-late-1", "wangqiang", "本月调研几次", null, fake.ResponseUrl("rc-2")));
        await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-late-1"), r => r?.State == WorkStates.Done, what: "processing");
        var sender = host.Services.GetRequiredService<OutboxSender>();
        var early = await sender.SendBatchAsync(CancellationToken.None);
        clock.Advance(WeComAiBotChannel.StreamWindow + TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(async () => await sender.SendBatchAsync(CancellationToken.None) + fake.To("aibot/response").Count, n => n > 0, what: "response_url");

        Assert.Equal(0, early);
        var posted = Assert.Single(fake.To("aibot/response"));
        Assert.Equal("rc-2", posted.Query["response_code"]);
        Assert.Equal("markdown", posted.Json.GetProperty("msgtype").GetString());
        Assert.Equal("已收到：本月调研几次", posted.Content);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_reply_sent_through_response_url_is_not_answered_again_by_a_later_stream_refresh(string provider)
    {
        // A backlog longer than the stream window: the reply became due for response_url and went out there, while
        // WeCom (or the load driver) still refreshes the stream. The refresh must finish it without repeating the reply.
        var clock = WeComHosts.Clock();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync(clock);
        await using var host = await WeComHosts.StartAsync(db, fake, clock);
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host, clock);

        using var first = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-late-2", "wangqiang", "本月走访几次", null, fake.ResponseUrl("rc-3")));
        var streamId = (await caller.ReadBotAnswerAsync(first)).GetProperty("stream").GetProperty("id").GetString()!;
        await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-late-2"), r => r?.State == WorkStates.Done, what: "processing");
        clock.Advance(WeComAiBotChannel.StreamWindow + TimeSpan.FromSeconds(1));
        var sender = host.Services.GetRequiredService<OutboxSender>();
        await Eventually.UntilAsync(async () => await sender.SendBatchAsync(CancellationToken.None) + fake.To("aibot/response").Count, n => n > 0, what: "response_url");
        using var refresh = await caller.PostBotAsync(WeComCallbackClient.BotRefresh(streamId, "wangqiang", null));
        var answer = (await caller.ReadBotAnswerAsync(refresh)).GetProperty("stream");
        using var again = await caller.PostBotAsync(WeComCallbackClient.BotRefresh(streamId, "wangqiang", null));
        var repeated = (await caller.ReadBotAnswerAsync(again)).GetProperty("stream");

        Assert.Equal("已收到：本月走访几次", Assert.Single(fake.To("aibot/response")).Content);
        Assert.True(answer.GetProperty("finish").GetBoolean());
        Assert.Equal("", answer.GetProperty("content").GetString());
        Assert.Equal((true, ""), (repeated.GetProperty("finish").GetBoolean(), repeated.GetProperty("content").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_reply_answered_by_the_stream_is_never_posted_to_response_url_and_a_repeated_refresh_gets_the_same_answer(string provider)
    {
        var clock = WeComHosts.Clock();
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync(clock);
        await using var host = await WeComHosts.StartAsync(db, fake, clock);
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host, clock);

        using var first = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-fast-1", "wangqiang", "本月开会几次", null, fake.ResponseUrl("rc-4")));
        var streamId = (await caller.ReadBotAnswerAsync(first)).GetProperty("stream").GetProperty("id").GetString()!;
        var row = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-fast-1"), r => r?.State == WorkStates.Done, what: "processing");
        using var refresh = await caller.PostBotAsync(WeComCallbackClient.BotRefresh(streamId, "wangqiang", null));
        var answer = (await caller.ReadBotAnswerAsync(refresh)).GetProperty("stream");
        using var again = await caller.PostBotAsync(WeComCallbackClient.BotRefresh(streamId, "wangqiang", null));
        var repeated = (await caller.ReadBotAnswerAsync(again)).GetProperty("stream");
        clock.Advance(WeComAiBotChannel.StreamWindow + TimeSpan.FromSeconds(1));
        var sent = await host.Services.GetRequiredService<OutboxSender>().SendBatchAsync(CancellationToken.None);

        Assert.Equal((true, "已收到：本月开会几次"), (answer.GetProperty("finish").GetBoolean(), answer.GetProperty("content").GetString()));
        Assert.Equal((true, "已收到：本月开会几次"), (repeated.GetProperty("finish").GetBoolean(), repeated.GetProperty("content").GetString()));
        Assert.Equal(0, sent);
        Assert.Empty(fake.To("aibot/response"));
        Assert.Equal(WorkStates.Sent, Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(row!.Id)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_message_taken_while_the_backlog_is_deep_finishes_its_stream_at_once_and_its_reply_goes_through_response_url_without_waiting(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // The backlog: a message waiting for its retry tomorrow (pending, not due), as the sampler reads it at start.
        await db.Get<IInboxRepository>().TryAddAsync(new InboxMessage
        {
            Platform = Platforms.WeCom,
            MessageId = "bot:waiting-1",
            SenderId = "someone",
            Text = "排队中的消息",
            ReceivedAt = DateTimeOffset.UtcNow,
            NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake, extra: new Dictionary<string, string?> { ["WeCom:StreamHandOverBacklog"] = "1" });
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host);
        var admission = host.Services.GetRequiredService<Bot.Host.Inbox.InboxAdmission>();
        await Eventually.UntilAsync(() => Task.FromResult(admission.Backlog), n => n >= 1, what: "the first backlog sample");

        using var first = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-deep-1", "wangqiang", "汇报：走访企业4家", WeComHosts.GroupChat, fake.ResponseUrl("rc-deep")));
        var start = (await caller.ReadBotAnswerAsync(first)).GetProperty("stream");
        var streamId = start.GetProperty("id").GetString()!;
        var row = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-deep-1"), r => r?.State == WorkStates.Done, what: "processing");
        var sender = host.Services.GetRequiredService<OutboxSender>();
        await Eventually.UntilAsync(async () => await sender.SendBatchAsync(CancellationToken.None) + fake.To("aibot/response").Count, n => n > 0, what: "response_url");
        using var refresh = await caller.PostBotAsync(WeComCallbackClient.BotRefresh(streamId, "wangqiang", WeComHosts.GroupChat));
        var refreshed = (await caller.ReadBotAnswerAsync(refresh)).GetProperty("stream");
        using var redelivered = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-deep-1", "wangqiang", "汇报：走访企业4家", WeComHosts.GroupChat, fake.ResponseUrl("rc-deep")));
        var again = (await caller.ReadBotAnswerAsync(redelivered)).GetProperty("stream");
        await sender.SendBatchAsync(CancellationToken.None);

        Assert.Equal((true, WeComBotCallback.QueuedText), (start.GetProperty("finish").GetBoolean(), start.GetProperty("content").GetString()));
        Assert.True(WeComReplyTo.Parse(row!.ReplyTo)!.StreamClosed);
        var posted = Assert.Single(fake.To("aibot/response"));
        Assert.Equal(("rc-deep", "已收到：汇报：走访企业4家"), (posted.Query["response_code"], posted.Content));
        Assert.Equal((true, WeComBotCallback.QueuedText), (refreshed.GetProperty("finish").GetBoolean(), refreshed.GetProperty("content").GetString()));
        Assert.Equal((true, WeComBotCallback.QueuedText), (again.GetProperty("finish").GetBoolean(), again.GetProperty("content").GetString()));
        Assert.Equal(WorkStates.Sent, Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(row.Id)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_robot_message_taken_below_the_hand_over_backlog_keeps_its_stream_open(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake, extra: new Dictionary<string, string?> { ["WeCom:StreamHandOverBacklog"] = "1" });
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host);

        using var first = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-shallow-1", "wangqiang", "汇报：走访企业1家", WeComHosts.GroupChat, fake.ResponseUrl("rc-shallow")));
        var start = (await caller.ReadBotAnswerAsync(first)).GetProperty("stream");
        var row = await db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-shallow-1");

        Assert.Equal((false, ""), (start.GetProperty("finish").GetBoolean(), start.GetProperty("content").GetString()));
        Assert.False(WeComReplyTo.Parse(row!.ReplyTo)!.StreamClosed);
        Assert.DoesNotContain("streamClosed", row.ReplyTo, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_callback_shed_under_load_gets_503_with_retry_after_and_its_retries_are_stored_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake, extra: new Dictionary<string, string?>
        {
            ["Delivery:AckConcurrency"] = "1",
            ["Delivery:AckWaitBudget"] = "00:00:00.200",
        });
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        var caller = WeComHosts.Caller(host);
        var admission = host.Services.GetRequiredService<Bot.Host.Inbox.InboxAdmission>();
        var message = WeComCallbackClient.BotText("msg-shed-1", "wangqiang", "汇报：走访企业2家", WeComHosts.GroupChat, fake.ResponseUrl("rc-5"));

        HttpStatusCode shed;
        string? retryAfter;
        using (await admission.EnterAsync(CancellationToken.None)) // every acknowledgement slot is busy
        {
            using var busy = await caller.PostBotAsync(message);
            (shed, retryAfter) = (busy.StatusCode, busy.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var storedBeforeRetry = await CountInboxAsync(db);
        using var retried = await caller.PostBotAsync(message);
        using var again = await caller.PostBotAsync(message);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed);
        Assert.Equal("1", retryAfter);
        Assert.Equal(0, storedBeforeRetry);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (retried.StatusCode, again.StatusCode));
        Assert.Equal(1, await CountInboxAsync(db));
        Assert.True(admission.Shed >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_from_a_chat_that_is_not_whitelisted_is_kept_and_ignored_without_a_reply(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        await WeComHosts.AddMemberAsync(db, "王强", "wangqiang");
        await db.Get<Bot.Data.Chats.IChatRepository>().UpsertAsync(new Bot.Data.Chats.Chat { Platform = Platforms.WeCom, ChatId = "wrkListedInDb", Whitelisted = true });
        var caller = WeComHosts.Caller(host);

        using var unknown = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-unknown-chat", "wangqiang", "@铁西小助手 你好", "wrkStrangers", fake.ResponseUrl("rc-3")));
        using var listed = await caller.PostBotAsync(WeComCallbackClient.BotText("msg-db-chat", "wangqiang", "@铁西小助手 你好", "wrkListedInDb", fake.ResponseUrl("rc-4")));
        var ignored = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-unknown-chat"), r => r?.State == WorkStates.Done, what: "processing");
        var answered = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "bot:msg-db-chat"), r => r?.State == WorkStates.Done, what: "processing");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("", await unknown.Content.ReadAsStringAsync());
        Assert.Empty(await db.Get<IOutboxRepository>().ListByInboxAsync(ignored!.Id));
        Assert.Equal("stream", (await caller.ReadBotAnswerAsync(listed)).GetProperty("msgtype").GetString());
        Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(answered!.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_sender_is_asked_politely_to_register_and_the_message_is_kept(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        var caller = WeComHosts.Caller(host);

        using var response = await caller.PostAppAsync(WeComCallbackClient.AppText("stranger", "汇报：今天巡河一次", 7008));
        var sent = await Eventually.UntilAsync(() => Task.FromResult(fake.Delivered("message/send")), r => r.Count > 0, what: "the reply");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(sent);
        Assert.Equal("stranger", reply.Json.GetProperty("touser").GetString());
        Assert.Equal(AccessGate.UnknownSenderReply, reply.Content);
        Assert.Contains("区政府办", reply.Content, StringComparison.Ordinal);
        // The inbox row is marked done with its batch's completions, which may land just after the reply went out.
        var kept = await Eventually.UntilAsync(() => db.Get<IInboxRepository>().FindAsync(Platforms.WeCom, "app:7008"), r => r?.State == WorkStates.Done, what: "the kept message done");
        Assert.Equal(("汇报：今天巡河一次", WorkStates.Done), (kept!.Text, kept.State));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Robot_url_verification_uses_an_empty_receiveid_and_answers_the_bare_plaintext(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await WeComHosts.StartAsync(db, fake: null);
        var caller = WeComHosts.Caller(host);

        using var bot = await caller.VerifyAsync(WeComCallbackClient.BotPath, "8801234567890");
        using var app = await caller.VerifyAsync(WeComCallbackClient.AppPath, "12345");

        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        Assert.Equal("8801234567890", await bot.Content.ReadAsStringAsync());
        Assert.Equal("12345", await app.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_wecom_configuration_the_host_starts_and_the_callbacks_answer_503()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var app = await host.Client.GetAsync(new Uri("/webhooks/wecom/app?msg_signature=a&timestamp=1&nonce=2&echostr=x", UriKind.Relative));
        using var bot = await host.Client.PostAsync(new Uri("/webhooks/wecom/bot", UriKind.Relative), new StringContent("{}"));
        using var health = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, app.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, bot.StatusCode);
        Assert.Contains("WeCom__Token", await app.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_malformed_wecom_section_stops_start_up_with_a_bilingual_message()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var settings = new Dictionary<string, string?>(db.Settings) { ["WeCom:Token"] = "QDG6eK", ["WeCom:EncodingAesKey"] = "too-short" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings));

        Assert.Contains("WeCom:EncodingAesKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("43", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> CountInboxAsync(TestDatabase db)
    {
        await using var connection = await db.Get<Bot.Data.Connections.IDbConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inbox");
    }

    /// <summary>Content sent with chunked transfer encoding (no Content-Length header).</summary>
    private sealed class PushStreamContentOf(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
