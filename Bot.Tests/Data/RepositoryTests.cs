using Bot.Data.Audit;
using Bot.Data.Chats;
using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Conversations;
using Bot.Data.Inbox;
using Bot.Data.Leases;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Data.Units;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Data;

/// <summary>Every repository against SQLite and a real MariaDB: one class, two providers.</summary>
public sealed class RepositoryTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Units_are_stored_with_aliases_and_merged_on_reimport(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();

        var id = await units.UpsertAsync(new Unit { Name = "区发改局", Aliases = ["发改局"], Type = UnitTypes.Department });
        var again = await units.UpsertAsync(new Unit { Name = "区发改局", Aliases = ["区发展和改革局", "发改局"] });

        Assert.Equal(id, again);
        var stored = Assert.Single(await units.ListAsync());
        Assert.Equal(["发改局", "区发展和改革局"], stored.Aliases);
        Assert.Equal(UnitTypes.Department, stored.Type);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_unit_written_in_its_long_form_is_merged_into_the_roster_unit_it_names_and_kept_as_an_alias(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();
        var id = await units.UpsertAsync(new Unit { Name = "区发改局", Aliases = ["发改局"], Type = UnitTypes.Department });

        var written = await units.UpsertAsync(new Unit { Name = "区发展和改革局", Aliases = ["区发改局", "发改局"], Type = UnitTypes.Department });
        var other = await units.UpsertAsync(new Unit { Name = "区农业农村局", Aliases = ["农业农村局"], Type = UnitTypes.Department });

        Assert.Equal(id, written);
        Assert.NotEqual(id, other);
        var stored = (await units.ListAsync()).ToDictionary(u => u.Name);
        Assert.Equal(2, stored.Count);
        Assert.Contains("区农业农村局", stored.Keys);
        Assert.Equal(["发改局", "区发展和改革局"], stored["区发改局"].Aliases);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Members_accounts_and_led_units_round_trip(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var members = db.Get<IMemberRepository>();
        var unitId = await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "平西乡", Type = UnitTypes.Township });

        var leaderId = await members.AddAsync(new Member { Name = "王强", Title = "副区长", Role = Roles.Leader, RiverChiefLevel = "区" });
        var liaisonId = await members.AddAsync(new Member { Name = "李娜", Role = Roles.Department, UnitId = unitId, LeaderId = leaderId });
        await members.SetLedUnitsAsync(leaderId, [unitId]);
        Assert.True(await members.BindAccountAsync(Platforms.WeCom, "wangqiang", leaderId));
        Assert.False(await members.BindAccountAsync(Platforms.WeCom, "wangqiang", liaisonId));

        var leader = await members.FindByAccountAsync(Platforms.WeCom, "wangqiang");
        var liaison = await members.GetAsync(liaisonId);
        Assert.NotNull(leader);
        Assert.Equal(("王强", "副区长", Roles.Leader, "区"), (leader.Name, leader.Title, leader.Role, leader.RiverChiefLevel));
        Assert.Equal(leaderId, liaison!.LeaderId);
        Assert.Equal([unitId], await members.GetLedUnitsAsync(leaderId));
        Assert.Single(await members.ListAccountsAsync(leaderId));
        Assert.Equal(2, (await members.ListAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chats_upsert_by_platform_and_chat_id(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var chats = db.Get<IChatRepository>();

        await chats.UpsertAsync(new Chat { Platform = Platforms.WeCom, ChatId = "wrkSFfCgAA", Title = "督查群", Whitelisted = false });
        await chats.UpsertAsync(new Chat { Platform = Platforms.WeCom, ChatId = "wrkSFfCgAA", Title = "区政府督查群", Purpose = ChatPurposes.Office, Whitelisted = true });

        var chat = Assert.Single(await chats.ListAsync());
        Assert.Equal(("区政府督查群", ChatPurposes.Office, true), (chat.Title, chat.Purpose, chat.Whitelisted));
        Assert.NotNull(await chats.FindAsync(Platforms.WeCom, "wrkSFfCgAA"));
        Assert.Null(await chats.FindAsync(Platforms.DingTalk, "wrkSFfCgAA"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plan_graph_is_stored_once_per_document_and_a_new_document_is_a_new_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var plans = db.Get<IPlanRepository>();

        var (firstId, created) = await plans.SaveAsync(SamplePlan("hash-1"));
        var (sameId, createdAgain) = await plans.SaveAsync(SamplePlan("hash-1"));
        var (secondId, _) = await plans.SaveAsync(SamplePlan("hash-2"));

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(firstId, sameId);
        var active = await plans.GetActiveAsync();
        Assert.NotNull(active);
        Assert.Equal((secondId, 2), (active.Id, active.Version));
        var action = Assert.Single(active.Actions);
        Assert.Equal(("“大走访大调研”行动", "全年"), (action.Title, action.Period));
        var milestone = Assert.Single(action.Milestones);
        Assert.Equal((new DateOnly(2026, 5, 21), new DateOnly(2026, 5, 31)), (milestone.StartDate!.Value, milestone.EndDate!.Value));
        var target = Assert.Single(action.Targets);
        Assert.Equal(("research_trips", "month", 3d, 4d), (target.Metric, target.Per, target.MinValue!.Value, target.MaxValue!.Value));
        Assert.True(Assert.Single(action.Duties).PhotoRequired);
        Assert.Equal(("区发改局", ResponsibilityRoles.Lead), (Assert.Single(action.Responsibilities).Name, action.Responsibilities[0].Role));
        Assert.Equal("每季度向区政府党组报告一次", Assert.Single(active.Duties).Text);
        Assert.Equal(2, (await plans.ListAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Tasks_are_listed_by_due_date_and_closed_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var tasks = db.Get<ITaskRepository>();
        var late = await tasks.AddAsync(new PlanTask { Title = "年底巩固提升", DueEnd = new DateOnly(2026, 12, 31) });
        var early = await tasks.AddAsync(new PlanTask { Title = "政策宣传", DueStart = new DateOnly(2026, 5, 21), DueEnd = new DateOnly(2026, 5, 31), CreatedBy = "何雪" });

        Assert.True(await tasks.CloseAsync(early, "何雪", "照片3张"));
        Assert.False(await tasks.CloseAsync(early, "何雪", null));

        Assert.Equal([early, late], (await tasks.ListAsync()).Select(t => t.Id));
        var closed = await tasks.GetAsync(early);
        Assert.Equal((TaskStatuses.Done, "何雪", "照片3张"), (closed!.Status, closed.ClosedBy, closed.Evidence));
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal([late], (await tasks.ListAsync(status: TaskStatuses.Open)).Select(t => t.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_duplicate_inbox_message_is_stored_exactly_once_even_with_two_concurrent_writers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var inbox = db.Get<IInboxRepository>();

        var attempts = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var results = new List<bool>();
            for (var i = 0; i < 20; i++)
            {
                results.Add(await inbox.TryAddAsync(Inbound($"msg-{i}")));
            }

            return results;
        }));
        var outcomes = (await Task.WhenAll(attempts)).SelectMany(r => r).ToList();

        Assert.Equal(20, outcomes.Count(x => x));
        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        Assert.Equal(20, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inbox"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Chinese_and_emoji_text_round_trips_exactly(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var inbox = db.Get<IInboxRepository>();
        const string text = "汇报：5月12日赴平西乡调研乡村振兴 👋🎉，走访企业3家，形成调研报告1篇（企业微信 钉钉）";

        await inbox.TryAddAsync(Inbound("emoji-1", text));

        var stored = await inbox.FindAsync(Platforms.WeCom, "emoji-1");
        Assert.Equal(text, stored!.Text);
        Assert.Equal("王强 🚀", stored.SenderName);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Dates_and_instants_round_trip_across_the_Shanghai_date_line(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var reports = db.Get<IProgressReportRepository>();
        // 00:30 on 12 May in Shanghai is still 11 May in UTC.
        var sentAt = new DateTimeOffset(2026, 5, 12, 0, 30, 15, TimeSpan.FromHours(8)).AddTicks(1234560);
        var report = SampleReport(new DateOnly(2026, 5, 12));
        report.CreatedAt = sentAt;

        var id = await reports.AddAsync(report);

        var stored = await reports.GetAsync(id);
        Assert.Equal(new DateOnly(2026, 5, 12), stored!.WorkDate);
        Assert.Equal(sentAt.UtcTicks / 10 * 10, stored.CreatedAt.UtcTicks / 10 * 10);
        Assert.Equal(TimeSpan.Zero, stored.CreatedAt.Offset);
        Assert.Equal(new DateOnly(2026, 5, 12), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(stored.CreatedAt, Shanghai).DateTime));
        Assert.Single(await reports.ListAsync(new DateOnly(2026, 5, 12), new DateOnly(2026, 5, 12)));
        Assert.Empty(await reports.ListAsync(new DateOnly(2026, 5, 11), new DateOnly(2026, 5, 11)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_report_is_its_own_root_in_the_row_its_insert_wrote(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var reports = db.Get<IProgressReportRepository>();

        var first = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 12)));
        var second = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 13)));
        var amended = await reports.AddVersionAsync(first, SampleReport(new DateOnly(2026, 5, 12)));

        await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
        var roots = (await connection.QueryAsync<(long Id, long? RootId)>("SELECT id, root_id FROM progress_reports ORDER BY id")).ToList();
        Assert.Equal([(first, first), (second, second), (amended!.Value, first)], roots);
        Assert.True(second > first && amended > second);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_report_row_written_with_an_id_of_its_own_does_not_block_the_next_report(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var reports = db.Get<IProgressReportRepository>();
        var first = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 12)));
        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            // An older host or a bulk tool writes rows without the bot's id source.
            await connection.ExecuteAsync("""
                INSERT INTO progress_reports (id, member_name, reported_by, action, activity, work_date, people, places, units, metrics, confidence, missing,
                    raw_text, source, version, root_id, is_current, withdrawn, created_at)
                VALUES (@Id, '李敏', '李敏', 1, '调研', '2026-05-12', '[]', '[]', '[]', '{}', 1, '[]', '调研', 'rules', 1, @Id, 1, 0, '2026-05-12 08:00:00')
                """, new { Id = first + 1 });
            await connection.ExecuteAsync("""
                INSERT INTO progress_reports (member_name, reported_by, action, activity, work_date, people, places, units, metrics, confidence, missing,
                    raw_text, source, version, is_current, withdrawn, created_at)
                VALUES ('赵刚', '赵刚', 1, '调研', '2026-05-12', '[]', '[]', '[]', '{}', 1, '[]', '调研', 'rules', 1, 1, 0, '2026-05-12 08:00:00')
                """);
        }

        var next = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 13)));

        Assert.True(next > first + 2, $"the next report took id {next}");
        var stored = await reports.GetVersionsAsync(next);
        Assert.Equal(next, Assert.Single(stored).RootId);
        Assert.Equal(["王强"], stored[0].People);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_reports_row_metrics_and_rollup_go_to_MariaDB_in_one_round_trip_and_are_all_stored(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var reports = db.Get<IProgressReportRepository>();
        await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 11))); // the id sequence is synced before the first report
        await using (var connection = await db.Get<IDbConnectionFactory>().OpenAsync())
        {
            // A row written without the bot's id source: the next INSERT finds its id taken and is tried again.
            var taken = await connection.ExecuteScalarAsync<long>("SELECT MAX(id) + 1 FROM progress_reports");
            await connection.ExecuteAsync("""
                INSERT INTO progress_reports (id, member_name, reported_by, action, activity, work_date, people, places, units, metrics, confidence, missing,
                    raw_text, source, version, root_id, is_current, withdrawn, created_at)
                VALUES (@Id, '李敏', '李敏', 1, '调研', '2026-04-01', '[]', '[]', '[]', '{}', 1, '[]', '调研', 'rules', 1, @Id, 1, 0, '2026-04-01 08:00:00')
                """, new { Id = taken });
        }

        var counter = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var trips = counter.RoundTrips();
        var retried = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 12)));
        var afterRetry = counter.RoundTrips() - trips;
        trips = counter.RoundTrips();
        var plain = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 13)));
        var roundTrips = counter.RoundTrips() - trips;

        // Begin, one command for the row, its two metrics and its rollup rows, commit; SQLite runs the three one by one.
        Assert.Equal(provider == nameof(DatabaseProvider.MySql) ? 3 : 5, roundTrips);
        if (provider == nameof(DatabaseProvider.MySql))
        {
            Assert.True(afterRetry > roundTrips, "the taken id was neither found nor tried again");
        }

        await using var check = await db.Get<IDbConnectionFactory>().OpenAsync();
        foreach (var id in new[] { retried, plain })
        {
            Assert.Equal(2, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM report_metrics WHERE report_id = @Id", new { Id = id }));
        }

        // Each dated report counts once in its day's rollup row (kind 0) and its metric row (kind 1), the retried one too.
        var rows = (await check.QueryAsync<(int Kind, DateTime Day, long Reports, double Value)>("""
            SELECT kind, work_date, reports, value FROM report_rollup
            WHERE (kind = 0 AND name = '') OR (kind = 1 AND name = 'research_trips') ORDER BY work_date, kind
            """)).Select(r => (r.Kind, DateOnly.FromDateTime(r.Day), r.Reports, r.Value)).ToList();
        var expected = new[] { 11, 12, 13 }.SelectMany(d => new[] { (0, new DateOnly(2026, 5, d), 1L, 0.0), (1, new DateOnly(2026, 5, d), 1L, 1.0) }).ToList();
        Assert.Equal(expected, rows);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_correction_keeps_the_old_version_and_metrics_sum_only_current_reports(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var reports = db.Get<IProgressReportRepository>();
        var first = await reports.AddAsync(SampleReport(new DateOnly(2026, 5, 12)));
        var amended = SampleReport(new DateOnly(2026, 5, 12));
        amended.Metrics["research_days"] = 2;

        var second = await reports.AddVersionAsync(first, amended);
        var stale = await reports.AddVersionAsync(first, SampleReport(new DateOnly(2026, 5, 12)));

        Assert.NotNull(second);
        Assert.Null(stale);
        var versions = await reports.GetVersionsAsync(first);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.False(versions[0].IsCurrent);
        Assert.Equal(first, versions[1].PreviousId);
        var totals = await reports.SumMetricsAsync(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));
        Assert.Equal(2d, totals.Single(t => t.Metric == "research_days").Value);
        Assert.Equal(["王强"], versions[1].People);
        Assert.Equal(["平西乡"], versions[1].Places);

        Assert.True(await reports.WithdrawAsync(second.Value));
        Assert.Empty(await reports.SumMetricsAsync(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)));
        Assert.Null(await reports.FindLatestAsync("王强"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_workers_claiming_the_outbox_get_each_row_exactly_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outbox = db.Get<IOutboxRepository>();
        for (var i = 0; i < 60; i++)
        {
            await outbox.EnqueueAsync(new OutboxMessage { Platform = Platforms.WeCom, Channel = "robot_webhook", Target = "key-1", Payload = $"第{i}条" });
        }

        var workers = new[] { "host-a", "host-b" }.Select(worker => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (true)
            {
                var batch = await outbox.ClaimAsync(worker, 7, TimeSpan.FromMinutes(1));
                if (batch.Count == 0)
                {
                    return mine;
                }

                foreach (var row in batch)
                {
                    mine.Add(row.Id);
                    Assert.True(await outbox.CompleteAsync(row.Id, row.LeaseOwner!));
                }
            }
        }));
        var claimed = (await Task.WhenAll(workers)).SelectMany(x => x).ToList();

        Assert.Equal(60, claimed.Count);
        Assert.Equal(60, claimed.Distinct().Count());
        Assert.Equal(60, (await outbox.CountByStateAsync())["sent"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_expired_inbox_lease_is_claimed_again_and_a_retry_waits_for_its_time(string provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var inbox = db.Get<IInboxRepository>();
        await inbox.TryAddAsync(Inbound("lease-1"));

        var first = Assert.Single(await inbox.ClaimAsync("crashed-host", 10, TimeSpan.FromSeconds(30)));
        Assert.Empty(await inbox.ClaimAsync("other-host", 10, TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromSeconds(31));
        var second = Assert.Single(await inbox.ClaimAsync("other-host", 10, TimeSpan.FromSeconds(30)));
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Attempts);
        Assert.False(await inbox.CompleteAsync(first.Id, first.LeaseOwner!));

        await inbox.RescheduleAsync(second.Id, second.LeaseOwner!, "数据库超时", clock.GetUtcNow().AddMinutes(1));
        Assert.Empty(await inbox.ClaimAsync("other-host", 10, TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromMinutes(2));
        var third = Assert.Single(await inbox.ClaimAsync("other-host", 10, TimeSpan.FromSeconds(30)));
        Assert.Equal("数据库超时", third.Error);
        Assert.True(await inbox.CompleteAsync(third.Id, third.LeaseOwner!));
        Assert.Equal("done", (await inbox.GetAsync(third.Id))!.State);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Outbox_dedupe_key_keeps_one_row_and_target_listing_is_in_order(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outbox = db.Get<IOutboxRepository>();
        var message = new OutboxMessage { Platform = Platforms.Sandbox, Channel = "sandbox", Target = "sandbox", Payload = "收到", DedupeKey = "reply:1:0", InboxId = 1 };

        Assert.True(await outbox.EnqueueAsync(message));
        Assert.False(await outbox.EnqueueAsync(new OutboxMessage { Platform = Platforms.Sandbox, Channel = "sandbox", Target = "sandbox", Payload = "收到", DedupeKey = "reply:1:0" }));
        await outbox.EnqueueAsync(new OutboxMessage { Platform = Platforms.Sandbox, Channel = "sandbox", Target = "sandbox", Payload = "第二条", MsgType = "markdown" });

        Assert.Equal(["收到", "第二条"], (await outbox.ListByTargetAsync(Platforms.Sandbox, "sandbox", 10)).Select(m => m.Payload));
        Assert.Single(await outbox.ListByInboxAsync(1));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sends_beginning_together_are_marked_and_a_row_whose_lease_was_lost_is_not(string provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));
        var outbox = db.Get<IOutboxRepository>();
        for (var i = 0; i < 12; i++)
        {
            await outbox.EnqueueAsync(new OutboxMessage { Platform = Platforms.DingTalk, Channel = "dingtalk", Target = $"群{i}", Payload = $"第{i}条" });
        }

        var mine = await outbox.ClaimAsync("host-a", 12, TimeSpan.FromSeconds(30));
        Assert.Equal(12, mine.Count);
        await outbox.DeferAsync(mine[3].Id, mine[3].LeaseOwner!, clock.GetUtcNow()); // given back: this claim no longer holds it

        var marked = await Task.WhenAll(mine.Select(m => Task.Run(() => outbox.BeginSendAsync(m.Id, m.LeaseOwner!))));

        Assert.Equal(mine.Select((_, i) => i != 3), marked);
        var rows = await outbox.ListByTargetAsync(Platforms.DingTalk, "群5", 1);
        Assert.Equal(clock.GetUtcNow(), Assert.Single(rows).SendStartedAt);
        Assert.Null((await outbox.ListByTargetAsync(Platforms.DingTalk, "群3", 1))[0].SendStartedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replies_of_a_group_are_queued_in_order_by_one_insert_and_rows_queued_before_are_skipped(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var outbox = db.Get<IOutboxRepository>();
        static OutboxMessage Reply(long inbox, int part, string text) => new()
        {
            Platform = Platforms.Sandbox, Channel = "sandbox", Target = "群1", Payload = text, InboxId = inbox,
            DedupeKey = $"reply:{inbox}:{part}", TraceParent = $"00-{inbox:D32}-{part + 1:D16}-01",
        };

        var statements = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var before = statements.Count();
        Assert.Equal(3, await outbox.EnqueueManyAsync([Reply(1, 0, "已记录第一条"), Reply(1, 1, "还差调研报告"), Reply(2, 0, "已记录第二条")]));
        Assert.Equal(1, statements.Count() - before);

        // Rows queued before (a message processed again after its host died) are skipped, the others stored, on
        // MariaDB's fallback path (it rejects the whole multi-row INSERT) too.
        Assert.Equal(1, await outbox.EnqueueManyAsync([Reply(1, 1, "还差调研报告"), Reply(3, 0, "收到"), Reply(2, 0, "已记录第二条")]));

        var rows = await outbox.ListByTargetAsync(Platforms.Sandbox, "群1", 10);
        Assert.Equal(["已记录第一条", "还差调研报告", "已记录第二条", "收到"], rows.Select(r => r.Payload));
        Assert.Equal(2, (await outbox.ListByInboxAsync(1)).Count);
        Assert.Equal($"00-{3:D32}-{1:D16}-01", rows[^1].TraceParent);
        Assert.All(rows, r => Assert.Equal(WorkStates.Pending, r.State));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_conversation_state_and_leases_round_trip(string provider)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero));
        await using var db = await TestDatabase.CreateAsync(provider, s => s.AddSingleton<TimeProvider>(clock));

        var audit = db.Get<IAuditRepository>();
        await audit.AddAsync(new AuditEntry { Actor = "王强", Action = "report.correct", Entity = "progress_report", EntityId = "7", OldValue = "{\"research_days\":1}", NewValue = "{\"research_days\":2}" });
        var entry = Assert.Single(await audit.ListAsync("progress_report", "7"));
        Assert.Equal(("王强", "{\"research_days\":2}"), (entry.Actor, entry.NewValue));

        var states = db.Get<IConversationStateRepository>();
        await states.SetAsync(new ConversationState { Platform = "sandbox", ChatId = "sandbox", Sender = "王强", Kind = "ask_date", Payload = "{}", ExpiresAt = clock.GetUtcNow().AddMinutes(10) });
        await states.SetAsync(new ConversationState { Platform = "sandbox", ChatId = "sandbox", Sender = "王强", Kind = "ask_action", Payload = "{}", ExpiresAt = clock.GetUtcNow().AddMinutes(10) });
        Assert.Equal("ask_action", (await states.GetAsync("sandbox", "sandbox", "王强"))!.Kind);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(await states.GetAsync("sandbox", "sandbox", "王强"));

        var leases = db.Get<ILeaseRepository>();
        Assert.True(await leases.TryAcquireAsync("dingtalk-stream", "host-a", TimeSpan.FromSeconds(30)));
        Assert.False(await leases.TryAcquireAsync("dingtalk-stream", "host-b", TimeSpan.FromSeconds(30)));
        Assert.True(await leases.TryAcquireAsync("dingtalk-stream", "host-a", TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await leases.TryAcquireAsync("dingtalk-stream", "host-b", TimeSpan.FromSeconds(30)));
    }

    private static InboxMessage Inbound(string messageId, string text = "收到") => new()
    {
        Platform = Platforms.WeCom,
        MessageId = messageId,
        ChatId = "wrkSFfCgAA",
        SenderId = "wangqiang",
        SenderName = "王强 🚀",
        Text = text,
        Raw = "{}",
    };

    private static ProgressReport SampleReport(DateOnly date) => new()
    {
        MemberName = "王强",
        ReportedBy = "王强",
        Action = 1,
        Activity = "调研",
        WorkDate = date,
        People = ["王强"],
        Places = ["平西乡"],
        Units = ["区发改局"],
        Metrics = new() { ["research_trips"] = 1, ["research_days"] = 1 },
        Confidence = 0.9,
        RawText = "汇报：5月12日赴平西乡调研",
    };

    private static Plan SamplePlan(string hash) => new()
    {
        Title = "铁西区开展“调查研究、狠抓落实、拼搏奋斗年”活动实施方案",
        SourceYear = 2018,
        Year = 2026,
        ContentHash = hash,
        Document = "…",
        Duties = [new Duty { Text = "每季度向区政府党组报告一次", Every = Recurrences.Quarterly, Level = "leader" }],
        Actions =
        [
            new PlanAction
            {
                Number = 1,
                Title = "“大走访大调研”行动",
                Period = "全年",
                StartDate = new DateOnly(2026, 1, 1),
                EndDate = new DateOnly(2026, 12, 31),
                Milestones = [new Milestone { Text = "5月下旬", StartDate = new DateOnly(2026, 5, 21), EndDate = new DateOnly(2026, 5, 31) }],
                Targets = [new Target { Metric = "research_trips", Per = "month", MinValue = 3, MaxValue = 4, Text = "每月开展3至4次专题调研" }],
                Duties = [new Duty { Text = "区级河长每半月实地检查一次", Every = Recurrences.HalfMonthly, Level = "区", PhotoRequired = true }],
                Responsibilities = [new Responsibility { Kind = "unit", Name = "区发改局", Role = ResponsibilityRoles.Lead }],
            },
        ],
    };
}
