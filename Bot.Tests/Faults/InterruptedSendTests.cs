using Bot.Data.Common;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Channels;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Outbox;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Faults;

/// <summary>
/// Finding 7: after a kill -9 one DingTalk reply was POSTed twice (delivered, not yet marked sent). A host "dies" here
/// the way it did: it claimed the row, started the send, the platform took the message, and nothing more was
/// recorded. The next host, once the lease expired, must not show the message twice.
/// </summary>
public sealed class InterruptedSendTests
{
    private const string Group = "cidGroupTiexi01==";
    private const string OfficeChat = "cidOffice01==";
    private const string RobotToken = "robot-token-office";
    private const string RobotSecret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_send_without_an_idempotency_key_cut_off_by_a_crash_is_not_sent_again_and_is_marked_failed_as_in_doubt(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var row = await env.EnqueueAsync(DingTalkOpenApiChannel.ChannelName, Group, "✅ 已记录 #12");

        await env.CrashDuringSendAsync(row);
        env.Clock.Advance(TimeSpan.FromMinutes(3)); // the dead host's lease expires
        await env.DrainAsync();

        var after = await env.RowAsync(row);
        Assert.Single(env.Fake.Delivered(FakeDingTalkRoute.GroupSend));
        Assert.Equal(WorkStates.Failed, after.State);
        Assert.Equal(OutboxSender.InDoubtError, after.Error);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_custom_robot_send_cut_off_by_a_crash_is_sent_again_with_the_same_msgUuid(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        var row = await env.EnqueueAsync(DingTalkCustomRobotChannel.ChannelName, OfficeChat, "本周汇总");

        await env.CrashDuringSendAsync(row);
        env.Clock.Advance(TimeSpan.FromMinutes(3));
        await env.DrainAsync();

        var posts = env.Fake.CustomRobotPosts;
        Assert.Equal(2, posts.Count);
        Assert.Single(posts.Select(p => p.Request.Body["msgUuid"]!.GetValue<string>()).Distinct()); // DingTalk shows it once
        Assert.Equal(WorkStates.Sent, (await env.RowAsync(row)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_send_the_platform_answered_with_an_error_is_retried_and_delivered_once(string provider)
    {
        await using var env = await Env.CreateAsync(provider);
        env.Fake.FailNext(FakeDingTalkRoute.GroupSend, 1, 500, "upstream error");
        var row = await env.EnqueueAsync(DingTalkOpenApiChannel.ChannelName, Group, "✅ 已记录 #13");

        await env.DrainAsync();
        var afterError = await env.RowAsync(row);
        env.Clock.Advance(TimeSpan.FromMinutes(1));
        await env.DrainAsync();

        Assert.Equal((WorkStates.Pending, null), (afterError.State, afterError.SendStartedAt));
        Assert.Single(env.Fake.Delivered(FakeDingTalkRoute.GroupSend));
        Assert.Equal(WorkStates.Sent, (await env.RowAsync(row)).State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_send_whose_begin_mark_was_stored_but_whose_answer_was_lost_in_an_outage_is_sent_once_by_the_same_host(string provider)
    {
        // The database stored "send begun" and then went away before answering (MariaDB killed): the sender saw an
        // error and called nobody. When the database is back, the same host knows it sent nothing and sends it once.
        await using var env = await Env.CreateAsync(provider, loseFirstBeginAnswer: true);
        var row = await env.EnqueueAsync(DingTalkOpenApiChannel.ChannelName, Group, "✅ 已记录 #14");

        await Assert.ThrowsAsync<InvalidOperationException>(env.DrainAsync); // the worker's loop logs it and goes on
        var afterOutage = await env.RowAsync(row);
        env.Clock.Advance(TimeSpan.FromMinutes(3)); // the row's lease ends; the same host claims it again
        await env.DrainAsync();

        Assert.NotNull(afterOutage.SendStartedAt);
        Assert.Single(env.Fake.Delivered(FakeDingTalkRoute.GroupSend));
        Assert.Equal(WorkStates.Sent, (await env.RowAsync(row)).State);
    }

    [Fact]
    public async Task Only_channels_with_a_platform_idempotency_key_or_no_platform_are_resent_after_a_crash()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", services => services.AddBotSkills().AddBotHost());
        var idempotent = db.Get<IEnumerable<IOutboundChannel>>().Where(c => c.Idempotent).Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(new[] { "custom_robot", "sandbox", "wecom_aibot" }, idempotent);
    }

    private sealed class Env : IAsyncDisposable
    {
        private Env(TestDatabase db, FakeDingTalkServer fake, FakeTimeProvider clock)
        {
            Db = db;
            Fake = fake;
            Clock = clock;
        }

        public TestDatabase Db { get; }

        public FakeDingTalkServer Fake { get; }

        public FakeTimeProvider Clock { get; }

        private IOutboxRepository Outbox => Db.Get<IOutboxRepository>();

        public static async Task<Env> CreateAsync(string provider, bool loseFirstBeginAnswer = false)
        {
            var fake = await FakeDingTalkServer.StartAsync();
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 12, 1, 0, 0, TimeSpan.Zero));
            fake.Clock = clock.GetUtcNow;
            var webhook = fake.AddCustomRobot(RobotToken, RobotSecret);
            var db = await TestDatabase.CreateAsync(provider, services =>
            {
                services.AddBotSkills().AddBotHost();
                services.AddSingleton<TimeProvider>(clock);
                if (loseFirstBeginAnswer)
                {
                    LostAnswer.Decorate(services);
                }

                services.Configure<DingTalkOptions>(o =>
                {
                    o.AppKey = FakeDingTalkServer.AppKey;
                    o.AppSecret = FakeDingTalkServer.AppSecret;
                    o.ApiBaseUrl = fake.BaseUrl;
                    o.OapiBaseUrl = fake.BaseUrl;
                    o.CustomRobots["office"] = new DingTalkCustomRobot { ChatId = OfficeChat, Webhook = webhook, Secret = RobotSecret };
                });
            });
            return new Env(db, fake, clock);
        }

        public async Task<long> EnqueueAsync(string channel, string target, string payload)
        {
            await Db.Get<OutboxWriter>().EnqueueAsync(new OutboxMessage
            {
                Platform = Platforms.DingTalk,
                Channel = channel,
                Target = target,
                MsgType = "text",
                Payload = payload,
            });
            return Assert.Single(await Outbox.ListByTargetAsync(Platforms.DingTalk, target, 10)).Id;
        }

        /// <summary>
        /// What the dead host did: claimed the row, marked the send begun where its channel needs that (as the sender
        /// does), and the platform took the message. Then kill -9: no answer recorded, no "sent" mark.
        /// </summary>
        public async Task CrashDuringSendAsync(long id)
        {
            var claimed = Assert.Single(await Outbox.ClaimAsync("killed-host", 10, TimeSpan.FromMinutes(2)));
            Assert.Equal(id, claimed.Id);
            var channel = Db.Get<IEnumerable<IOutboundChannel>>().Single(c => c.Name == claimed.Channel);
            if (!channel.Idempotent)
            {
                Assert.True(await Outbox.BeginSendAsync(claimed.Id, claimed.LeaseOwner!));
            }

            Assert.True((await channel.DeliverAsync(claimed, CancellationToken.None)).Delivered);
        }

        public async Task DrainAsync()
        {
            var sender = Db.Get<OutboxSender>();
            for (var i = 0; i < 20 && await sender.SendBatchAsync(CancellationToken.None) > 0; i++)
            {
            }
        }

        public async Task<OutboxMessage> RowAsync(long id) =>
            (await Outbox.ListByTargetAsync(Platforms.DingTalk, (await AllAsync()).Single(r => r.Id == id).Target, 10)).Single(r => r.Id == id);

        private async Task<IReadOnlyList<OutboxMessage>> AllAsync() =>
            [.. await Outbox.ListByTargetAsync(Platforms.DingTalk, Group, 10), .. await Outbox.ListByTargetAsync(Platforms.DingTalk, OfficeChat, 10)];

        public async ValueTask DisposeAsync()
        {
            await Db.DisposeAsync();
            await Fake.DisposeAsync();
        }
    }

    /// <summary>
    /// The outbox repository with one outage: the first "send begun" mark is stored, then the answer is lost
    /// (the caller sees the database error a killed MariaDB gives).
    /// </summary>
    public class LostAnswer : System.Reflection.DispatchProxy
    {
        private IOutboxRepository _inner = null!;
        private int _lost;

        public static void Decorate(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IOutboxRepository));
            services.Remove(original);
            services.AddSingleton(sp =>
            {
                var inner = (IOutboxRepository)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!);
                var proxy = Create<IOutboxRepository, LostAnswer>();
                ((LostAnswer)(object)proxy)._inner = inner;
                return proxy;
            });
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            var result = targetMethod!.Invoke(_inner, args);
            if (targetMethod.Name == nameof(IOutboxRepository.BeginSendAsync) && Interlocked.Exchange(ref _lost, 1) == 0)
            {
                return LoseAnswerAsync((Task<bool>)result!);
            }

            return result;
        }

        private static async Task<bool> LoseAnswerAsync(Task<bool> stored)
        {
            await stored;
            throw new InvalidOperationException("Connection lost: the server closed the connection before answering.");
        }
    }
}
