using System.Net;
using System.Text;
using Bot.Data.Members;
using Bot.Tests.Host.Channels.WeCom;
using Bot.Tests.Host.DingTalk;
using Bot.Tests.Support;

namespace Bot.Tests.Security;

/// <summary>
/// Found by the fuzz tests: a JSON string holding a lone surrogate escape (<c>"\ud800"</c>) is valid JSON text, but
/// System.Text.Json refuses to turn it into a string (InvalidOperationException). Before the fix the WeCom robot
/// envelope, read before its signature is checked, answered such a request from anybody with a 500 and a stack trace
/// in the log; DingTalk bodies and Stream frames failed the same way.
/// </summary>
public sealed class LoneSurrogateTests
{
    [Fact]
    public async Task An_unsigned_WeCom_robot_envelope_with_a_lone_surrogate_escape_gets_400_not_500()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await WeComHosts.StartAsync(db, fake: null);

        using var response = await host.Client.PostAsync(
            "/webhooks/wecom/bot?msg_signature=0123&timestamp=1700000000&nonce=n",
            new StringContent("""{"encrypt":"\ud800"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_DingTalk_callback_with_a_lone_surrogate_escape_gets_400_and_stores_nothing()
    {
        await using var f = await DingTalkHostFixture.StartAsync("Sqlite");
        var body = f.Fake.TextMessage("msgSurrogate01==", "汇报", session: null, sessionExpires: DateTimeOffset.UtcNow.AddMinutes(90))
            .Replace("汇报", "\\ud800汇报", StringComparison.Ordinal);

        using var response = await f.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await f.Inbox.FindAsync(Platforms.DingTalk, "msgSurrogate01=="));
    }
}
