using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Host.Channels.Sandbox;
using Bot.Host.Inbox;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.Inbox;

/// <summary>
/// The database cost of a report on the real router (issue 18): statements sent through the bot's connections while
/// the inbox worker processes varied corpus reports, counted by the tracked connection wrapper.
/// </summary>
public sealed class StatementBudgetTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_costs_at_most_eight_statements_with_claim_completion_and_reply(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, services =>
        {
            services.AddBotSkills();
            services.AddBotHost();
            services.Configure<Bot.Host.Channels.DeliveryOptions>(o => o.BatchSize = 10);
        });
        await db.Get<IPlanRepository>().SaveAsync(SeedPlan.Plan());
        var members = db.Get<IMemberRepository>();
        var reports = Corpus.Load("dev.jsonl").Where(c => c.Expected.Kind == "report").Take(40).ToList();
        var sandbox = db.Get<SandboxService>();
        for (var i = 0; i < reports.Count; i++)
        {
            var name = $"测试员{(char)('甲' + i)}";
            await members.AddAsync(new Member { Name = name, Role = Roles.Department, Title = "联络员" });
            await sandbox.SubmitAsync(name, reports[i].Message.Text);
        }

        var worker = db.Get<InboxWorker>();
        await worker.ProcessBatchAsync(CancellationToken.None); // warms the read model (plan, roster) like a running host
        var counter = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var pending = (await db.Get<IInboxRepository>().CountByStateAsync()).GetValueOrDefault(WorkStates.Pending);
        var before = counter.Count();
        while (await worker.ProcessBatchAsync(CancellationToken.None) > 0)
        {
        }

        var perMessage = (counter.Count() - before) / (double)pending;
        Assert.True(pending >= 10, $"only {pending} messages left for the measured batches");
        Assert.InRange(perMessage, 1, 8);
        Assert.Equal(reports.Count, (await db.Get<IInboxRepository>().CountByStateAsync())[WorkStates.Done]);
        var stored = await db.Get<IProgressReportRepository>().RecentAsync(100);
        Assert.Equal(reports.Count, stored.Select(r => r.InboxId).Distinct().Count());
        Assert.Equal(reports.Count, (await db.Get<IOutboxRepository>().CountByStateAsync()).Values.Sum());
    }
}
