using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Host.Channels.Sandbox;
using Bot.Host.Inbox;
using Bot.Skills.Conversation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.Inbox;

/// <summary>
/// Inbox messages waiting for one consumer are processed in one transaction (issue 18); a group in which anything
/// fails is rolled back and its messages are processed alone, so only the message at fault is retried.
/// </summary>
public sealed class InboxGroupTests
{
    private const int Reports = 10;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Messages_waiting_for_one_consumer_share_one_start_and_one_commit(string provider)
    {
        var alone = await StatementsForReportsAsync(provider, together: 1);
        var grouped = await StatementsForReportsAsync(provider, together: 16);

        // One START, one COMMIT and one INSERT of the replies for the ten instead of one of each per message; everything
        // else is the same work.
        Assert.Equal(3 * (Reports - 1), alone - grouped);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_failing_inside_a_group_is_retried_alone_and_the_others_are_stored_and_answered_once(string provider)
    {
        await using var db = await CreateAsync(provider, together: 16, failOn: "故障");
        var sandbox = db.Get<SandboxService>();
        var messages = new List<InboxMessage>();
        string[] texts = ["今天到平西乡调研", "昨天走访企业3家", "上午到双山村故障排查", "下午巡河一次", "今天召开招商推介会"];
        for (var i = 0; i < texts.Length; i++)
        {
            messages.Add(await sandbox.SubmitAsync(await MemberAsync(db, i), texts[i]));
        }

        await db.Get<InboxWorker>().ProcessBatchAsync(CancellationToken.None);

        var inbox = db.Get<IInboxRepository>();
        var outbox = db.Get<IOutboxRepository>();
        var reports = await db.Get<IProgressReportRepository>().RecentAsync(100);
        for (var i = 0; i < messages.Count; i++)
        {
            var stored = (await inbox.GetAsync(messages[i].Id))!;
            if (i == 2)
            {
                Assert.Equal((WorkStates.Pending, 1), (stored.State, stored.Attempts));
                Assert.Contains("路由故障", stored.Error, StringComparison.Ordinal);
                Assert.Empty(await outbox.ListByInboxAsync(stored.Id));
                Assert.DoesNotContain(reports, r => r.InboxId == stored.Id);
            }
            else
            {
                Assert.Equal(WorkStates.Done, stored.State);
                Assert.Single(await outbox.ListByInboxAsync(stored.Id));
                Assert.Single(reports, r => r.InboxId == stored.Id);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_processed_again_after_its_host_died_before_marking_it_done_is_stored_and_answered_once(string provider)
    {
        await using var db = await CreateAsync(provider, together: 16, failOn: null);
        var sandbox = db.Get<SandboxService>();
        var first = await sandbox.SubmitAsync(await MemberAsync(db, 0), "今天到平西乡调研，走访企业3家");
        var second = await sandbox.SubmitAsync(await MemberAsync(db, 1), "昨天巡河一次");
        var worker = db.Get<InboxWorker>();
        await worker.ProcessBatchAsync(CancellationToken.None);
        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            // The host died after the messages' units committed and before the batched "done" mark: the lease expires.
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE inbox SET state = @Processing, lease_owner = 'dead', lease_expires_at = @Past, processed_at = NULL",
                new { Processing = WorkStates.Processing, Past = DateTimeOffset.UtcNow.AddHours(-1) });
        }

        Assert.Equal(2, await worker.ProcessBatchAsync(CancellationToken.None));

        var inbox = db.Get<IInboxRepository>();
        var reports = await db.Get<IProgressReportRepository>().RecentAsync(100);
        foreach (var message in new[] { first, second })
        {
            var again = (await inbox.GetAsync(message.Id))!;
            Assert.Equal((WorkStates.Done, 2), (again.State, again.Attempts));
            Assert.Single(reports, r => r.InboxId == message.Id);
            Assert.Single(await db.Get<IOutboxRepository>().ListByInboxAsync(message.Id));
        }
    }

    [Theory]
    [InlineData(null, 16)]
    [InlineData(4, 4)]
    [InlineData(1, 1)]
    public void Groups_of_sixteen_by_default_on_both_databases_and_the_setting_wins(int? configured, int expected) =>
        Assert.Equal(expected, (configured is { } set ? new Bot.Host.Channels.DeliveryOptions { InboxTogether = set } : new Bot.Host.Channels.DeliveryOptions()).InboxTogether);

    private static async Task<long> StatementsForReportsAsync(string provider, int together)
    {
        await using var db = await CreateAsync(provider, together, failOn: null);
        var sandbox = db.Get<SandboxService>();
        var worker = db.Get<InboxWorker>();
        await sandbox.SubmitAsync(await MemberAsync(db, 99), "今天到平西乡调研");
        await worker.ProcessBatchAsync(CancellationToken.None); // warms the read model like a running host
        for (var i = 0; i < Reports; i++)
        {
            await sandbox.SubmitAsync(await MemberAsync(db, i), $"今天到平西乡调研，走访企业{i + 1}家");
        }

        var counter = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var before = counter.Count();
        Assert.Equal(Reports, await worker.ProcessBatchAsync(CancellationToken.None));
        var spent = counter.Count() - before;
        Assert.Equal(Reports + 1, (await db.Get<IProgressReportRepository>().RecentAsync(100)).Count);
        return spent;
    }

    private static async Task<string> MemberAsync(TestDatabase db, int i)
    {
        var name = $"测试员{(char)('甲' + i)}";
        await db.Get<IMemberRepository>().AddAsync(new Member { Name = name, Role = Roles.Department, Title = "联络员" });
        return name;
    }

    private static async Task<TestDatabase> CreateAsync(string provider, int together, string? failOn)
    {
        var db = await TestDatabase.CreateAsync(provider, services =>
        {
            services.AddBotSkills();
            services.AddBotHost();
            services.Configure<Bot.Host.Channels.DeliveryOptions>(o =>
            {
                o.BatchSize = 20;
                o.Concurrency = 1; // one consumer: every claimed message waits for it
                o.InboxTogether = together;
            });
            if (failOn is not null)
            {
                services.AddSingleton<IMessageRouter>(sp => new FailingRouter(ActivatorUtilities.CreateInstance<ConversationRouter>(sp), failOn));
            }
        });
        await db.Get<IPlanRepository>().SaveAsync(SeedPlan.Plan());
        return db;
    }

    /// <summary>The real router, except that a message containing <paramref name="failOn"/> makes it throw (a bug, bad data).</summary>
    private sealed class FailingRouter(IMessageRouter inner, string failOn) : IMessageRouter
    {
        public Task<IReadOnlyList<BotReply>> RouteAsync(InboxMessage message, CancellationToken cancellationToken) =>
            message.Text.Contains(failOn, StringComparison.Ordinal)
                ? throw new InvalidOperationException("路由故障")
                : inner.RouteAsync(message, cancellationToken);
    }
}
