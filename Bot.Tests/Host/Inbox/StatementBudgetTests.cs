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
using Xunit.Abstractions;

namespace Bot.Tests.Host.Inbox;

/// <summary>
/// The database cost of a report on the real router (issue 18): statements sent through the bot's connections while
/// the inbox worker processes varied corpus reports, counted by the tracked connection wrapper.
/// </summary>
public sealed class StatementBudgetTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task A_report_costs_at_most_eight_statements_with_claim_completion_and_reply(string provider) =>
        MeasureAsync(provider, leaders: false);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public Task A_leaders_report_costs_at_most_eight_statements_plus_one_figure_query_for_all_periods_of_its_standing_line(string provider) =>
        MeasureAsync(provider, leaders: true); // monthly and yearly targets: 8 + 1 (both periods in one query over the daily rollup)

    private async Task MeasureAsync(string provider, bool leaders)
    {
        await using var db = await TestDatabase.CreateAsync(provider, services =>
        {
            services.AddBotSkills();
            services.AddBotHost();
            services.Configure<Bot.Host.Channels.DeliveryOptions>(o => o.BatchSize = 10);
        });
        var plan = SeedPlan.Plan();
        if (leaders)
        {
            // The confirmation's standing line: the leader's figures in the periods of these targets.
            plan.Actions[0].Targets.Add(new Target { Metric = "research_trips", Per = "month", MinValue = 3, MaxValue = 4, AppliesTo = "leader", Text = "每月开展3至4次专题调研" });
            plan.Actions[0].Targets.Add(new Target { Metric = "research_days", Per = "year", MinValue = 50, AppliesTo = "leader", Text = "全年调研天数不少于50天" });
        }

        await db.Get<IPlanRepository>().SaveAsync(plan);
        var members = db.Get<IMemberRepository>();
        var reports = Corpus.Load("dev.jsonl").Where(c => c.Expected.Kind == "report").Take(40).ToList();
        var sandbox = db.Get<SandboxService>();
        for (var i = 0; i < reports.Count; i++)
        {
            var name = $"测试员{(char)('甲' + i)}";
            await members.AddAsync(leaders
                ? new Member { Name = name, Role = Roles.Leader, Title = "副区长" }
                : new Member { Name = name, Role = Roles.Department, Title = "联络员" });
            await sandbox.SubmitAsync(name, reports[i].Message.Text);
        }

        var worker = db.Get<InboxWorker>();
        await worker.ProcessBatchAsync(CancellationToken.None); // warms the read model (plan, roster) like a running host
        var counter = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var pending = (await db.Get<IInboxRepository>().CountByStateAsync()).GetValueOrDefault(WorkStates.Pending);
        var (before, tripsBefore) = (counter.Count(), counter.RoundTrips());
        while (await worker.ProcessBatchAsync(CancellationToken.None) > 0)
        {
        }

        var perMessage = (counter.Count() - before) / (double)pending;
        var tripsPerMessage = (counter.RoundTrips() - tripsBefore) / (double)pending;
        Assert.True(pending >= 10, $"only {pending} messages left for the measured batches");
        var budget = leaders ? 8 + 1 : 8;
        output.WriteLine($"{provider}, {(leaders ? "leaders" : "department members")}: {perMessage:0.00} statements ({tripsPerMessage:0.00} round trips) per report over {pending} reports");
        Assert.True(perMessage >= 1 && perMessage <= budget, $"{perMessage:0.00} statements per report (budget {budget})");
        Assert.True(tripsPerMessage >= 1 && tripsPerMessage <= perMessage, $"{tripsPerMessage:0.00} round trips for {perMessage:0.00} statements per report");
        Assert.Equal(reports.Count, (await db.Get<IInboxRepository>().CountByStateAsync())[WorkStates.Done]);
        var stored = await db.Get<IProgressReportRepository>().RecentAsync(100);
        Assert.Equal(reports.Count, stored.Select(r => r.InboxId).Distinct().Count());
        Assert.Equal(reports.Count, (await db.Get<IOutboxRepository>().CountByStateAsync()).Values.Sum());
        if (leaders)
        {
            var replies = new List<OutboxMessage>();
            foreach (var report in stored)
            {
                replies.AddRange(await db.Get<IOutboxRepository>().ListByInboxAsync(report.InboxId!.Value));
            }

            Assert.Contains(replies, r => r.Payload.Contains("全年调研天数", StringComparison.Ordinal));
        }
    }
}
