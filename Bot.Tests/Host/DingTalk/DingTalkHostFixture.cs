using System.Text;
using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.DingTalk;

/// <summary>A database, a fake DingTalk and the running bot host pointed at both.</summary>
internal sealed class DingTalkHostFixture : IAsyncDisposable
{
    private DingTalkHostFixture(TestDatabase db, FakeDingTalkServer fake, RunningHost host)
    {
        Db = db;
        Fake = fake;
        Host = host;
    }

    public TestDatabase Db { get; }

    public FakeDingTalkServer Fake { get; }

    public RunningHost Host { get; }

    public IInboxRepository Inbox => Db.Get<IInboxRepository>();

    /// <summary>Settings for fast retries and a stream that reconnects quickly in tests.</summary>
    public static Dictionary<string, string?> FastSettings => new()
    {
        ["Delivery:FirstBackoff"] = "00:00:00.050",
        ["Delivery:MaxBackoff"] = "00:00:00.200",
        ["Delivery:PollInterval"] = "00:00:00.100",
        ["DingTalk:Stream:MinBackoff"] = "00:00:00.050",
        ["DingTalk:Stream:MaxBackoff"] = "00:00:00.300",
        ["DingTalk:Stream:LeaseDuration"] = "00:00:03",
        ["DingTalk:AllowedChats:0"] = "cidGroupTiexi01==",
    };

    /// <summary>Puts the staff ids the tests send as on the roster, so the access gate lets their messages through.</summary>
    public static async Task RegisterTestSendersAsync(TestDatabase db)
    {
        var members = db.Get<IMemberRepository>();
        var id = await members.AddAsync(new Member { Name = "王强", Title = "副区长", Role = Roles.Leader });
        await members.BindAccountAsync(Platforms.DingTalk, "user123", id);
        await members.BindAccountAsync(Platforms.DingTalk, "wangqiang", id);
    }

    public static async Task<DingTalkHostFixture> StartAsync(string provider, bool stream = false, IReadOnlyDictionary<string, string?>? extra = null, bool conversation = false)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await RegisterTestSendersAsync(db);
        var fake = await FakeDingTalkServer.StartAsync();
        try
        {
            // Channel tests prove transport, not conversation: the echo router makes every reply predictable
            // (conversation: true keeps the real router for end-to-end flows).
            var host = await RunningHost.StartAsync(
                Merge(db.Settings, fake.Settings(stream), FastSettings, extra ?? new Dictionary<string, string?>()),
                services =>
                {
                    if (!conversation)
                    {
                        services.AddSingleton<Bot.Skills.Conversation.IMessageRouter, Bot.Skills.Conversation.EchoRouter>();
                    }
                });
            return new DingTalkHostFixture(db, fake, host);
        }
        catch
        {
            await fake.DisposeAsync();
            await db.DisposeAsync();
            throw;
        }
    }

    public static Dictionary<string, string?> Merge(params IReadOnlyDictionary<string, string?>[] parts)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts)
        {
            foreach (var (key, value) in part)
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    /// <summary>Posts an HTTP-mode callback with the given headers.</summary>
    public async Task<HttpResponseMessage> PostCallbackAsync(string body, string? timestamp, string? sign)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/dingtalk", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("timestamp", timestamp);
        }

        if (sign is not null)
        {
            request.Headers.TryAddWithoutValidation("sign", sign);
        }

        return await Host.Client.SendAsync(request);
    }

    private static long _lastTimestamp;

    /// <summary>
    /// Posts a callback signed with the configured AppSecret at the current time, a millisecond later than the last one
    /// (as DingTalk does, each callback gets its own signature: the host refuses a signature reused for another message).
    /// </summary>
    public Task<HttpResponseMessage> PostSignedAsync(string body)
    {
        var (timestamp, sign) = FakeDingTalkServer.Sign(NextTimestamp());
        return PostCallbackAsync(body, timestamp, sign);
    }

    /// <summary>Now in epoch milliseconds, strictly increasing across calls.</summary>
    public static long NextTimestamp()
    {
        while (true)
        {
            var last = Interlocked.Read(ref _lastTimestamp);
            var next = Math.Max(last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            if (Interlocked.CompareExchange(ref _lastTimestamp, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Waits until the stored message is processed and all its replies are sent (or failed); returns them.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> RepliesAsync(string msgId)
    {
        IReadOnlyList<OutboxMessage> replies = [];
        await FakeDingTalkServer.Eventually(async () =>
        {
            var row = await Inbox.FindAsync("dingtalk", msgId);
            if (row is not { State: WorkStates.Done })
            {
                return false;
            }

            replies = await Db.Get<IOutboxRepository>().ListByInboxAsync(row.Id);
            return replies.Count > 0 && replies.All(r => r.State is WorkStates.Sent or WorkStates.Failed);
        }, $"the replies to {msgId}");
        return replies;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
        await Db.DisposeAsync();
    }
}
