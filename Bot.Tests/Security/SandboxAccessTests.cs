using System.Net;
using System.Net.Http.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Security;

/// <summary>Finding 3: with a platform configured the Sandbox API (which speaks as any roster name) is no open door.</summary>
public sealed class SandboxAccessTests
{
    private static readonly object Message = new { sender = "区政府办", text = "新增任务：拆除违建100处", chat = "sandbox" };

    public static TheoryData<string, string> Platforms() => new()
    {
        { "WeCom:RobotWebhooks:chat1", "0123-robot-key" },
        { "DingTalk:AppSecret", "secret-of-the-app" },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task With_a_platform_configured_an_anonymous_post_from_loopback_is_refused_and_stores_nothing(string key, string value)
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { [key] = value });

        using var post = await host.Client.PostAsJsonAsync("/sandbox/messages", Message);
        using var read = await host.Client.GetAsync("/sandbox/messages?chat=sandbox");

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Empty(await db.Get<Bot.Data.Inbox.IInboxRepository>().ListByChatAsync(Bot.Data.Members.Platforms.Sandbox, "sandbox", 10));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task With_a_platform_configured_and_the_sandbox_enabled_only_a_signed_in_admin_gets_in(string key, string value)
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { [key] = value, ["Dashboard:SandboxApi"] = "true" });
        using var admin = await host.SignInAsync(RunningHost.Admin);

        using var anonymous = await host.Client.PostAsJsonAsync("/sandbox/messages", Message);
        var token = await RunningHost.FormTokenAsync(admin, "/sandbox");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/messages") { Content = JsonContent.Create(Message) };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var signedIn = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, signedIn.StatusCode);
    }

    [Fact]
    public async Task With_a_platform_configured_even_an_admin_is_refused_unless_the_sandbox_is_enabled()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(new Dictionary<string, string?>(db.Settings) { ["DingTalk:AppSecret"] = "s" });
        using var admin = await host.SignInAsync(RunningHost.Admin);

        using var read = await admin.GetAsync("/sandbox/messages?chat=sandbox");

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains("Dashboard:SandboxApi", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_platform_a_local_tool_still_uses_the_sandbox_without_signing_in()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var post = await host.Client.PostAsJsonAsync("/sandbox/messages", new { sender = "王强", text = "你好", chat = "dev" });

        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
    }
}
