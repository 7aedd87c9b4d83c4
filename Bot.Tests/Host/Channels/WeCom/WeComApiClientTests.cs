using System.Net;
using Bot.Host.Channels.WeCom;
using Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.Channels.WeCom;

public sealed class WeComApiClientTests
{
    [Fact]
    public async Task Concurrent_sends_rejected_for_an_expired_token_share_a_single_refresh_and_all_succeed()
    {
        await using var fake = await FakeWeComServer.StartAsync();
        await using var services = Services(fake.Settings);
        var api = services.GetRequiredService<WeComApiClient>();
        Assert.True((await api.SendAppMessageAsync(Text("user0"), CancellationToken.None)).Ok);
        fake.ExpireToken();

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => api.SendAppMessageAsync(Text($"user{i}"), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Ok));
        Assert.Equal(2, fake.To("gettoken").Count);
        Assert.Equal(9, fake.Delivered("message/send").Count);
        Assert.All(fake.To("message/send").Where(r => !r.Succeeded), r => Assert.Equal(42001, r.ErrCode));
    }

    [Fact]
    public async Task The_cached_token_is_reused_until_it_is_rejected()
    {
        await using var fake = await FakeWeComServer.StartAsync();
        await using var services = Services(fake.Settings);
        var api = services.GetRequiredService<WeComApiClient>();

        for (var i = 0; i < 5; i++)
        {
            await api.SendAppChatAsync(new { chatid = "chat1", msgtype = "text", text = new { content = "提醒" } }, CancellationToken.None);
        }

        Assert.Single(fake.To("gettoken"));
        Assert.Equal(5, fake.Delivered("appchat/send").Count);
    }

    [Fact]
    public async Task A_wrong_secret_is_a_permanent_failure_and_a_busy_gettoken_a_transient_one()
    {
        await using var fake = await FakeWeComServer.StartAsync();
        var wrong = new Dictionary<string, string?>(fake.Settings) { ["WeCom:Secret"] = "wrong-secret" };
        await using var wrongServices = Services(wrong);
        await using var services = Services(fake.Settings);
        fake.FailNext("gettoken", 1, errCode: 45009);

        var permanent = (await wrongServices.GetRequiredService<WeComApiClient>().SendAppMessageAsync(Text("u"), CancellationToken.None)).ToDelivery();
        var transient = (await services.GetRequiredService<WeComApiClient>().SendAppMessageAsync(Text("u"), CancellationToken.None)).ToDelivery();

        Assert.False(permanent.Retry);
        Assert.Contains("40001", permanent.Error, StringComparison.Ordinal);
        Assert.True(transient.Retry);
        Assert.Empty(fake.To("message/send"));
    }

    [Theory]
    [InlineData(0, 200, true, false)]
    [InlineData(45009, 200, false, true)]
    [InlineData(45033, 200, false, true)]
    [InlineData(-1, 200, false, true)]
    [InlineData(42001, 200, false, true)]
    [InlineData(0, 500, false, true)]
    [InlineData(0, 503, false, true)]
    [InlineData(0, 429, false, true)]
    [InlineData(93000, 200, false, false)]
    [InlineData(81013, 200, false, false)]
    [InlineData(40058, 200, false, false)]
    [InlineData(60020, 200, false, false)]
    [InlineData(0, 404, false, false)]
    public void Api_answers_map_to_delivered_transient_or_permanent(int errCode, int status, bool delivered, bool retry)
    {
        var result = new WeComApiResult(errCode, "msg", (HttpStatusCode)status).ToDelivery();

        Assert.Equal((delivered, retry), (result.Delivered, result.Retry));
    }

    private static object Text(string user) => new { touser = user, msgtype = "text", agentid = FakeWeComServer.AgentId, text = new { content = "你好" } };

    private static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging();
        services.AddWeCom();
        return services.BuildServiceProvider();
    }
}
