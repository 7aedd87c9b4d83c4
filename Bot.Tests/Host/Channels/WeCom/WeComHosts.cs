using Bot.Data.Members;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Host.Channels.WeCom;

/// <summary>Starts the real host against a test database and the fake WeCom API, with WeCom configured.</summary>
internal static class WeComHosts
{
    public const string Token = "TieXiToken2026";
    public const string Key = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string GroupChat = "wrkSFfCgAAgroup01";
    public const string RobotKey = "robot-key-0001";

    /// <summary>For tests that drive the fake clock: the background workers only run when woken by new rows.</summary>
    public static readonly IReadOnlyDictionary<string, string?> IdleBackgroundSender = new Dictionary<string, string?>
    {
        ["Delivery:PollInterval"] = "00:01:00",
        ["Delivery:FirstBackoff"] = "00:00:05",
    };

    public static async Task<RunningHost> StartAsync(
        TestDatabase db,
        FakeWeComServer? fake,
        TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? configure = null)
    {
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["WeCom:Token"] = Token,
            ["WeCom:EncodingAesKey"] = Key,
            ["WeCom:CorpId"] = FakeWeComServer.CorpId,
            ["WeCom:TimestampToleranceSeconds"] = "300",
            ["WeCom:AllowedChats:0"] = GroupChat,
            ["WeCom:RobotWebhooks:" + GroupChat] = RobotKey,
            ["Delivery:PollInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in fake?.Settings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await RunningHost.StartAsync(settings, services =>
        {
            // Channel tests prove transport, not conversation: the echo router makes every reply predictable.
            services.AddSingleton<Bot.Skills.Conversation.IMessageRouter, Bot.Skills.Conversation.EchoRouter>();
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            configure?.Invoke(services);
        });
    }

    public static WeComCallbackClient Caller(RunningHost host, TimeProvider? clock = null) =>
        new(host.Client, Token, Key, FakeWeComServer.CorpId, clock);

    /// <summary>Puts a roster member on the test database and binds their WeCom user id.</summary>
    public static async Task<long> AddMemberAsync(TestDatabase db, string name, string weComUserId)
    {
        var members = db.Get<IMemberRepository>();
        var id = await members.AddAsync(new Member { Name = name, Role = Roles.Leader });
        await members.BindAccountAsync(Platforms.WeCom, weComUserId, id);
        return id;
    }

    /// <summary>A fake clock at the real current time (so callback timestamps stay fresh).</summary>
    public static FakeTimeProvider Clock() => new(DateTimeOffset.UtcNow);
}
