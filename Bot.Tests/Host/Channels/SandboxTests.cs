using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Tests.Support;

namespace Bot.Tests.Host.Channels;

public sealed class SandboxTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_sandbox_message_goes_through_inbox_worker_and_outbox_and_is_listed_with_its_reply(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var post = await host.Client.PostAsJsonAsync("/sandbox/messages", new { sender = "王强", text = "你好", chat = "sandbox" });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);

        var lines = await PollAsync(host, l => l.Count >= 2);
        Assert.Equal(("in", "王强", "你好"), (lines[0].GetProperty("direction").GetString(), lines[0].GetProperty("sender").GetString(), lines[0].GetProperty("text").GetString()));
        Assert.Equal("out", lines[1].GetProperty("direction").GetString());
        Assert.False(string.IsNullOrWhiteSpace(lines[1].GetProperty("text").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_accepted_while_the_host_was_down_is_processed_once_after_restart(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        // Stored (accepted) but never processed: the host "crashed" right after the acknowledgement.
        await db.Get<IInboxRepository>().TryAddAsync(new InboxMessage { Platform = Platforms.Sandbox, MessageId = "m-1", ChatId = "sandbox", SenderId = "王强", SenderName = "王强", Text = "你好" });

        await using (var host = await RunningHost.StartAsync(db.Settings))
        {
            await PollAsync(host, l => l.Count >= 2);
        }

        await using (var again = await RunningHost.StartAsync(db.Settings))
        {
            await Task.Delay(300);
            var lines = await PollAsync(again, l => l.Count >= 2);
            Assert.Equal(1, lines.Count(l => l.GetProperty("direction").GetString() == "out"));
        }

        Assert.Equal("done", (await db.Get<IInboxRepository>().FindAsync(Platforms.Sandbox, "m-1"))!.State);
    }

    [Fact]
    public async Task A_post_without_sender_or_text_gets_a_clear_Chinese_error()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var response = await host.Client.PostAsJsonAsync("/sandbox/messages", new { text = "你好" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("发送人", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonElement>> PollAsync(RunningHost host, Func<List<JsonElement>, bool> done)
    {
        List<JsonElement> lines = [];
        for (var i = 0; i < 200; i++)
        {
            lines = (await host.Client.GetFromJsonAsync<List<JsonElement>>("/sandbox/messages?chat=sandbox"))!;
            if (done(lines))
            {
                return lines;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The sandbox conversation did not complete: {lines.Count} lines.");
        return lines;
    }
}
