using Bot.Data.Common;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Channels;
using Bot.Host.Inbox;
using Bot.Host.Outbox;
using Bot.Skills.Conversation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Host.Channels;

/// <summary>The inbox worker and the outbox sender against a real database, a fake clock and a scripted channel.</summary>
public sealed class DeliveryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Fifty_messages_to_one_robot_send_at_most_twenty_in_any_minute_and_none_is_lost(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 1, 0, 0, TimeSpan.Zero));
        var channel = new ScriptedChannel(clock) { Limit = 20 };
        await using var db = await CreateAsync(provider, clock, channel);
        var writer = db.Get<OutboxWriter>();
        for (var i = 0; i < 50; i++)
        {
            await writer.EnqueueAsync(new OutboxMessage { Platform = "test", Channel = channel.Name, Target = "robot-1", Payload = $"提醒{i}", Source = OutboxSources.Digest });
        }

        var sender = db.Get<OutboxSender>();
        for (var second = 0; second < 200 && channel.Sent.Count < 50; second++)
        {
            await sender.SendBatchAsync(CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(50, channel.Sent.Count);
        Assert.Equal(50, channel.Sent.Select(s => s.Payload).Distinct().Count());
        for (var i = 0; i < channel.Sent.Count; i++)
        {
            var windowStart = channel.Sent[i].At;
            Assert.True(channel.Sent.Count(s => s.At >= windowStart && s.At < windowStart.AddMinutes(1)) <= 20);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Transient_failures_are_retried_with_backoff_and_delivered_once(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 1, 0, 0, TimeSpan.Zero));
        var channel = new ScriptedChannel(clock);
        channel.Failures.Enqueue(DeliveryResult.Transient("errcode 45009"));
        channel.Failures.Enqueue(DeliveryResult.Transient("HTTP 502"));
        await using var db = await CreateAsync(provider, clock, channel);
        await db.Get<OutboxWriter>().EnqueueAsync(new OutboxMessage { Platform = "test", Channel = channel.Name, Target = "t", Payload = "周报" });
        var sender = db.Get<OutboxSender>();

        await sender.SendBatchAsync(CancellationToken.None);
        Assert.Equal(0, await sender.SendBatchAsync(CancellationToken.None)); // not due yet: backoff
        for (var i = 0; i < 20 && channel.Sent.Count == 0; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await sender.SendBatchAsync(CancellationToken.None);
        }

        Assert.Equal(["周报"], channel.Sent.Select(s => s.Payload));
        Assert.Equal(3, channel.Attempts);
        Assert.Equal(1, (await db.Get<IOutboxRepository>().CountByStateAsync())[WorkStates.Sent]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_permanent_failure_marks_the_row_failed_with_its_error(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 1, 0, 0, TimeSpan.Zero));
        var channel = new ScriptedChannel(clock);
        channel.Failures.Enqueue(DeliveryResult.Permanent("errcode 93000 invalid webhook url"));
        await using var db = await CreateAsync(provider, clock, channel);
        await db.Get<OutboxWriter>().EnqueueAsync(new OutboxMessage { Platform = "test", Channel = channel.Name, Target = "t", Payload = "周报" });

        await db.Get<OutboxSender>().SendBatchAsync(CancellationToken.None);

        var row = Assert.Single(await db.Get<IOutboxRepository>().ListByTargetAsync("test", "t", 10));
        Assert.Equal((WorkStates.Failed, "errcode 93000 invalid webhook url"), (row.State, row.Error));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_router_failure_is_recorded_retried_and_the_message_is_answered_exactly_once(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 1, 0, 0, TimeSpan.Zero));
        var router = new FlakyRouter(failures: 1);
        await using var db = await CreateAsync(provider, clock, new ScriptedChannel(clock), router);
        var message = await db.Get<Bot.Host.Channels.Sandbox.SandboxService>().SubmitAsync("王强", "5月12日赴平西乡调研");
        var worker = db.Get<InboxWorker>();

        await worker.ProcessBatchAsync(CancellationToken.None);
        var failed = await db.Get<IInboxRepository>().GetAsync(message.Id);
        Assert.Equal((WorkStates.Pending, "数据库暂时不可用"), (failed!.State, failed.Error));

        clock.Advance(TimeSpan.FromMinutes(1));
        await worker.ProcessBatchAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(10));
        await worker.ProcessBatchAsync(CancellationToken.None);

        Assert.Equal(WorkStates.Done, (await db.Get<IInboxRepository>().GetAsync(message.Id))!.State);
        Assert.Equal(2, router.Calls);
        Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(message.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Processing_a_message_again_after_a_crash_does_not_answer_twice(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 22, 1, 0, 0, TimeSpan.Zero));
        await using var db = await CreateAsync(provider, clock, new ScriptedChannel(clock));
        var message = await db.Get<Bot.Host.Channels.Sandbox.SandboxService>().SubmitAsync("王强", "你好");
        var inbox = db.Get<IInboxRepository>();
        // A worker claims the message, queues its reply, then "crashes" before marking it done.
        var claimed = Assert.Single(await inbox.ClaimAsync("crashed", 10, TimeSpan.FromMinutes(2)));
        await db.Get<OutboxWriter>().EnqueueAsync(new OutboxMessage { Platform = Platforms.Sandbox, Channel = "sandbox", Target = "sandbox", Payload = "已收到：你好", InboxId = claimed.Id, DedupeKey = $"reply:{claimed.Id}:0" });

        clock.Advance(TimeSpan.FromMinutes(3));
        await db.Get<InboxWorker>().ProcessBatchAsync(CancellationToken.None);

        Assert.Equal(WorkStates.Done, (await inbox.GetAsync(message.Id))!.State);
        Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(message.Id));
    }

    private static Task<TestDatabase> CreateAsync(string provider, FakeTimeProvider clock, ScriptedChannel channel, IMessageRouter? router = null) =>
        TestDatabase.CreateAsync(provider, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddBotSkills();
            services.AddBotHost();
            services.AddSingleton<IOutboundChannel>(channel);
            if (router is not null)
            {
                services.AddSingleton(router);
            }
        });

    private sealed class ScriptedChannel(TimeProvider clock) : IOutboundChannel
    {
        public string Name => "scripted";

        public int? Limit { get; init; }

        public int? PerMinuteLimit => Limit;

        public Queue<DeliveryResult> Failures { get; } = new();

        public List<(string Payload, DateTimeOffset At)> Sent { get; } = [];

        public int Attempts { get; private set; }

        public int MaxBytes(string msgType) => 2048;

        public Task<DeliveryResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Failures.TryDequeue(out var failure))
            {
                return Task.FromResult(failure);
            }

            Sent.Add((message.Payload, clock.GetUtcNow()));
            return Task.FromResult(DeliveryResult.Ok);
        }
    }

    private sealed class FlakyRouter(int failures) : IMessageRouter
    {
        private int _failures = failures;

        public int Calls { get; private set; }

        public Task<IReadOnlyList<BotReply>> RouteAsync(InboxMessage message, CancellationToken cancellationToken)
        {
            Calls++;
            if (_failures-- > 0)
            {
                throw new InvalidOperationException("数据库暂时不可用");
            }

            return Task.FromResult<IReadOnlyList<BotReply>>([new BotReply("已记录")]);
        }
    }
}
