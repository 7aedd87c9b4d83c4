using Bot.Data.Audit;
using Bot.Data.Members;
using Bot.Skills.Conversation;
using Bot.Tests.Host.Channels.WeCom;
using Bot.Tests.Host.DingTalk;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Security;

/// <summary>
/// An unknown account's <c>我是XXX</c> reaches the router through the access gate and files a numbered request; the office
/// confirms that number in chat and sees the account it binds (WeCom and DingTalk, real callbacks and the real router).
/// </summary>
public sealed class BindingFlowTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_WeCom_account_files_a_request_that_the_office_confirms_by_number(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var members = db.Get<IMemberRepository>();
        await members.AddAsync(new Member { Name = "刘波", Role = Roles.Department });
        await members.BindAccountAsync(Platforms.WeCom, "hexue", await members.AddAsync(new Member { Name = "何雪", Role = Roles.Office }));
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake, configure: s => s.AddSingleton<IMessageRouter, ConversationRouter>());
        var caller = WeComHosts.Caller(host);

        using var claim = await caller.PostAppAsync(WeComCallbackClient.AppText("liubo-wx", "我是刘波", 7101));
        var filed = await ReplyToAsync(fake, "liubo-wx", 1);
        var request = Assert.Single(await db.Get<IBindingRequestRepository>().ListPendingAsync());
        using var confirm = await caller.PostAppAsync(WeComCallbackClient.AppText("hexue", $"确认绑定 {request.Id}", 7102));
        var confirmed = await ReplyToAsync(fake, "hexue", 1);

        Assert.Contains($"确认绑定 {request.Id}", filed, StringComparison.Ordinal);
        Assert.Equal((Platforms.WeCom, "liubo-wx", "刘波"), (request.Platform, request.UserId, request.ClaimedName));
        Assert.Contains("liubo-wx → 刘波", confirmed, StringComparison.Ordinal);
        Assert.Equal("刘波", (await members.FindByAccountAsync(Platforms.WeCom, "liubo-wx"))!.Name);
        Assert.Contains(await db.Get<IAuditRepository>().ListAsync("binding_requests"), a => a.Action == "member.bind" && a.Actor == "何雪");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unknown_DingTalk_account_files_a_request_that_the_office_confirms_by_number(string provider)
    {
        await using var f = await DingTalkHostFixture.StartAsync(provider, conversation: true);
        var members = f.Db.Get<IMemberRepository>();
        await members.AddAsync(new Member { Name = "刘波", Role = Roles.Department });
        await members.BindAccountAsync(Platforms.DingTalk, "hexue-dt", await members.AddAsync(new Member { Name = "何雪", Role = Roles.Office }));
        var expires = DateTimeOffset.UtcNow.AddMinutes(90);

        using var claim = await f.PostSignedAsync(f.Fake.TextMessage("msgBind01==", " 我是刘波", "s-b1", expires, staffId: "liubo-dt", senderNick: "刘波"));
        var filed = Assert.Single(await f.RepliesAsync("msgBind01==")).Payload;
        var request = Assert.Single(await f.Db.Get<IBindingRequestRepository>().ListPendingAsync());
        using var confirm = await f.PostSignedAsync(f.Fake.TextMessage("msgBind02==", $" 确认绑定 {request.Id}", "s-b2", expires, staffId: "hexue-dt", senderNick: "何雪"));
        var confirmed = Assert.Single(await f.RepliesAsync("msgBind02==")).Payload;

        Assert.Contains($"确认绑定 {request.Id}", filed, StringComparison.Ordinal);
        Assert.Equal(("liubo-dt", "cidGroupTiexi01=="), (request.UserId, request.ChatId));
        Assert.Contains("liubo-dt → 刘波", confirmed, StringComparison.Ordinal);
        Assert.Equal("刘波", (await members.FindByAccountAsync(Platforms.DingTalk, "liubo-dt"))!.Name);
    }

    private static async Task<string> ReplyToAsync(FakeWeComServer fake, string user, int count)
    {
        var sent = await Eventually.UntilAsync(
            () => Task.FromResult(fake.Delivered("message/send").Where(r => r.Json.GetProperty("touser").GetString() == user).ToList()),
            r => r.Count >= count, what: $"the reply to {user}");
        return sent[count - 1].Content ?? "";
    }
}
