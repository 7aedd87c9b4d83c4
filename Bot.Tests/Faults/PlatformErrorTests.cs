using System.Net;
using Bot.Data.Members;
using Bot.Tests.Host.Channels.WeCom;
using Bot.Tests.Host.DingTalk;
using Bot.Tests.Support;

namespace Bot.Tests.Faults;

[Collection(FaultCollection.Name)]
public sealed class PlatformErrorTests
{
    private const int PerPlatform = 12;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Platforms_answering_45009_130101_and_500_for_a_while_delay_the_replies_but_lose_and_repeat_none(string provider)
    {
        await using var weCom = await FakeWeComServer.StartAsync();
        var weComSettings = new Dictionary<string, string?>(weCom.Settings)
        {
            ["WeCom:Token"] = WeComHosts.Token,
            ["WeCom:EncodingAesKey"] = WeComHosts.Key,
        };
        await using var fixture = await DingTalkHostFixture.StartAsync(provider, extra: weComSettings);
        var members = fixture.Db.Get<IMemberRepository>();
        var senders = new[] { "wecom-a", "wecom-b", "wecom-c", "wecom-d" };
        foreach (var sender in senders)
        {
            var id = await members.AddAsync(new Member { Name = "联络员" + sender[^1], Role = Roles.Department });
            await members.BindAccountAsync(Platforms.WeCom, sender, id);
        }

        // WeCom throttles (45009) and then fails (HTTP 500); DingTalk says "send too fast" (130101) and then fails (500).
        weCom.FailNext("message/send", 6, errCode: 45009);
        weCom.FailNext("message/send", 4, status: 500);
        fixture.Fake.FailNext(FakeDingTalkRoute.SessionWebhook, 6, 200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""");
        fixture.Fake.FailNext(FakeDingTalkRoute.SessionWebhook, 4, 500, """{"errcode":-1,"errmsg":"system busy"}""");

        var weComClient = new WeComCallbackClient(fixture.Host.Client, WeComHosts.Token, WeComHosts.Key, FakeWeComServer.CorpId);
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        for (var i = 0; i < PerPlatform; i++)
        {
            var weComAnswer = await weComClient.PostAppAsync(WeComCallbackClient.AppText(senders[i % senders.Length], $"企微汇报{i}", 7_000_000 + i));
            Assert.Equal(HttpStatusCode.OK, weComAnswer.StatusCode);
            var dingTalkAnswer = await fixture.PostSignedAsync(fixture.Fake.TextMessage(
                $"msgPlatformError{i}", $"钉钉汇报{i}", $"session{i}", expires, conversationId: $"cidOne{i}", conversationType: "1", staffId: "user123"));
            Assert.Equal(HttpStatusCode.OK, dingTalkAnswer.StatusCode);
        }

        await Eventually.UntilAsync(
            () => weCom.Delivered("message/send").Count >= PerPlatform && fixture.Fake.Delivered(FakeDingTalkRoute.SessionWebhook).Count >= PerPlatform,
            TimeSpan.FromSeconds(60), "every reply delivered after the failures");

        // Every failure was met (the replies were delayed), then each message was answered exactly once.
        Assert.Equal(PerPlatform + 10, weCom.To("message/send").Count);
        Assert.Equal(PerPlatform + 10, fixture.Fake.Requests(FakeDingTalkRoute.SessionWebhook).Count);
        var weComReplies = weCom.Delivered("message/send").Select(r => r.Content).ToList();
        var dingTalkReplies = fixture.Fake.Delivered(FakeDingTalkRoute.SessionWebhook).Select(r => r.Query).ToList();
        for (var i = 0; i < PerPlatform; i++)
        {
            Assert.Single(weComReplies, c => c is not null && c.EndsWith($"企微汇报{i}", StringComparison.Ordinal));
            Assert.Single(dingTalkReplies, q => q.EndsWith($"session=session{i}", StringComparison.Ordinal));
        }
    }
}
