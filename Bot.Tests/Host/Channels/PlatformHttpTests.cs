using Bot.Host.Channels;
using Bot.Host.Channels.WeCom;
using Bot.Tests.Host.Channels.WeCom;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Host.Channels;

/// <summary>The one HTTP stack of the platform clients: the shared token cache and the resilience pipeline.</summary>
public sealed class PlatformHttpTests
{
    [Fact]
    public async Task Concurrent_callers_share_one_token_fetch_and_a_rejected_token_is_replaced_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cache = new AccessTokenCache(clock);
        var fetches = 0;
        async Task<AccessTokenCache.Fetched> Fetch(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref fetches);
            await Task.Delay(50, ct);
            return new AccessTokenCache.Fetched("t" + n, TimeSpan.FromMinutes(10));
        }

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync(Fetch, null, CancellationToken.None)));
        var replaced = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => cache.GetAsync(Fetch, "t1", CancellationToken.None)));
        clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await cache.GetAsync(Fetch, null, CancellationToken.None);

        Assert.All(first, t => Assert.Equal("t1", t));
        Assert.All(replaced, t => Assert.Equal("t2", t));
        Assert.Equal("t3", expired);
        Assert.Equal(3, fetches);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_cached_and_the_next_call_tries_again()
    {
        using var cache = new AccessTokenCache(TimeProvider.System);
        var calls = 0;

        var failed = await cache.GetAsync(_ => Task.FromResult(++calls == 1 ? default : new AccessTokenCache.Fetched("ok", TimeSpan.FromMinutes(5))), null, CancellationToken.None);
        var next = await cache.GetAsync(_ => Task.FromResult(++calls == 1 ? default : new AccessTokenCache.Fetched("ok", TimeSpan.FromMinutes(5))), null, CancellationToken.None);

        Assert.Null(failed);
        Assert.Equal("ok", next);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_media_download_rides_out_a_brief_outage_in_the_http_stack_while_a_send_is_never_repeated_there(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var fake = await FakeWeComServer.StartAsync();
        await using var host = await WeComHosts.StartAsync(db, fake);
        var api = host.Services.GetRequiredService<WeComApiClient>();
        fake.Media["M-OUTAGE"] = [0xFF, 0xD8, 0xFF, 0xD9];
        fake.MediaOutages = 2;

        fake.FailNext("message/send", 1, status: 503);

        var (content, result) = await api.DownloadMediaAsync("M-OUTAGE", CancellationToken.None);
        var send = await api.SendAppMessageAsync(new { touser = "u1", msgtype = "text", agentid = FakeWeComServer.AgentId, text = new { content = "你好" } }, CancellationToken.None);

        Assert.True(result.Ok, result.ErrMsg);
        Assert.Equal(4, content!.Length);
        Assert.True(fake.MediaOutages < 0); // both 503s were answered and retried by the pipeline (GET is idempotent)
        Assert.Equal(503, (int)send.Status); // the outbox, not the HTTP stack, retries a send
        Assert.Single(fake.To("message/send"));
    }
}
