using Bot.Data.Audit;
using Bot.Data.Common;
using Bot.Data.Evidence;
using Bot.Data.Imports;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Data.Tasks;
using Bot.Tests.Support;

namespace Bot.Tests.Data;

/// <summary>The console's and the evidence store's repositories against SQLite and a real MariaDB.</summary>
public sealed class ConsoleRepositoryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_search_filters_by_prefix_record_and_day_and_pages_newest_first(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var audit = db.Get<IAuditRepository>();
        var day = new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            await audit.AddAsync(new AuditEntry { At = day.AddHours(i), Actor = "高玉梅（控制台）", Action = "task.close", Entity = "tasks", EntityId = (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        await audit.AddAsync(new AuditEntry { At = day.AddDays(3), Actor = "100%_x", Action = "member.add", Entity = "members", EntityId = "9" });

        var page = await audit.SearchAsync(new AuditQuery(Action: "task.", PageSize: 2, Page: 2));
        Assert.Equal(5, page.Total);
        Assert.Equal(3, page.Pages);
        Assert.Equal(2, page.Entries.Count);
        Assert.True(page.Entries[0].Id > page.Entries[1].Id);
        Assert.Equal(3, (await audit.SearchAsync(new AuditQuery(Entity: "tasks", EntityId: "0"))).Total);
        Assert.Equal(5, (await audit.SearchAsync(new AuditQuery(From: day, To: day.AddDays(1)))).Total);
        Assert.Equal(1, (await audit.SearchAsync(new AuditQuery(Actor: "100%_"))).Total); // wildcards are literal
        Assert.Equal(0, (await audit.SearchAsync(new AuditQuery(Actor: "1_0"))).Total);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Evidence_rows_are_kept_once_per_origin_and_attach_to_the_senders_report_within_the_window(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var evidence = db.Get<IEvidenceRepository>();
        var at = new DateTimeOffset(2026, 5, 12, 2, 0, 0, TimeSpan.Zero);
        var sha = new string('a', 64);
        var first = await evidence.AddAsync(new EvidenceItem { SourceKey = "inbox:1:0", Sha256 = sha, SizeBytes = 10, ContentType = "image/png", Platform = "wecom", ChatId = "c1", SenderId = "u1", CreatedAt = at });
        var again = await evidence.AddAsync(new EvidenceItem { SourceKey = "inbox:1:0", Sha256 = sha, SizeBytes = 10, ContentType = "image/png", Platform = "wecom", ChatId = "c1", SenderId = "u1", CreatedAt = at });
        await evidence.AddAsync(new EvidenceItem { SourceKey = "inbox:2:0", Sha256 = sha, SizeBytes = 10, ContentType = "image/png", Platform = "wecom", ChatId = "c2", SenderId = "u1", CreatedAt = at });

        Assert.Equal(first, again);
        Assert.Equal(1, await evidence.AttachUnclaimedAsync("wecom", "c1", "u1", at.AddMinutes(-10), at.AddMinutes(1), 77));
        Assert.Equal(0, await evidence.AttachUnclaimedAsync("wecom", "c1", "u1", at.AddMinutes(-10), at.AddMinutes(1), 78)); // already attached
        Assert.Equal(first, Assert.Single(await evidence.ListForReportsAsync([77])).Id);
        Assert.Equal(2, await evidence.CountBySha256Async(sha));
        Assert.Equal(2, (await evidence.ListOlderThanAsync(at.AddSeconds(1), 10)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Downloads_are_queued_once_leased_and_staged_imports_and_binding_requests_are_decided_once(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var queue = db.Get<IEvidenceDownloadQueue>();
        var download = new EvidenceDownload { DedupeKey = "inbox:5:0", Platform = "wecom", MediaRef = "M1", SenderId = "u1", ReceivedAt = DateTimeOffset.UtcNow };
        Assert.True(await queue.EnqueueAsync(download));
        Assert.False(await queue.EnqueueAsync(new EvidenceDownload { DedupeKey = "inbox:5:0", Platform = "wecom", MediaRef = "M1", SenderId = "u1", ReceivedAt = DateTimeOffset.UtcNow }));
        var claimed = Assert.Single(await queue.ClaimAsync("w", 10, TimeSpan.FromMinutes(1)));
        Assert.Empty(await queue.ClaimAsync("w2", 10, TimeSpan.FromMinutes(1)));
        Assert.True(await queue.CompleteAsync(claimed.Id, claimed.LeaseOwner!));
        Assert.Equal(1, (await queue.CountByStateAsync())[WorkStates.Done]);

        var staged = db.Get<IStagedImportRepository>();
        var id = await staged.AddAsync(new StagedImport { Kind = StagedImportKinds.Plan, FileName = "方案.docx", Payload = "{}", CreatedBy = "a", Platform = "wecom", ChatId = "c" });
        Assert.Equal(id, (await staged.LatestPendingAsync(StagedImportKinds.Plan, "wecom", "c"))!.Id);
        Assert.True(await staged.DecideAsync(id, StagedImportStates.Imported, "a", "ok"));
        Assert.False(await staged.DecideAsync(id, StagedImportStates.Imported, "a", "ok"));

        var bindings = db.Get<IBindingRequestRepository>();
        var request = await bindings.AddAsync(new BindingRequest { Platform = "dingtalk", UserId = "d1", ClaimedName = "孙红" });
        Assert.Single(await bindings.ListPendingAsync());
        Assert.True(await bindings.DecideAsync(request, BindingRequestStates.Approved, "a"));
        Assert.False(await bindings.DecideAsync(request, BindingRequestStates.Rejected, "a"));
        Assert.Empty(await bindings.ListPendingAsync());

        var tasks = db.Get<ITaskRepository>();
        var task = await tasks.AddAsync(new PlanTask { Title = "推进会" });
        Assert.True(await tasks.CloseAsync(task, "a", "纪要"));
        Assert.True(await tasks.ReopenAsync(task));
        Assert.False(await tasks.ReopenAsync(task));
        Assert.Equal(TaskStatuses.Open, (await tasks.GetAsync(task))!.Status);

        var inbox = db.Get<IInboxRepository>();
        await inbox.TryAddAsync(new InboxMessage { Platform = "wecom", MessageId = "a", ChatId = "g1", SenderId = "u", Text = "一", ReceivedAt = DateTimeOffset.UtcNow, State = WorkStates.Done });
        await inbox.TryAddAsync(new InboxMessage { Platform = "wecom", MessageId = "b", ChatId = "g1", SenderId = "u", Text = "二", ReceivedAt = DateTimeOffset.UtcNow, State = WorkStates.Done });
        var last = Assert.Single(await inbox.LastMessagePerChatAsync(10));
        Assert.Equal(("二", 2), (last.Text, last.Messages));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task River_patrols_are_counted_with_and_without_a_photo_on_any_version_and_never_when_withdrawn_or_outside_the_period(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var reports = db.Get<IProgressReportRepository>();
        var evidence = db.Get<IEvidenceRepository>();
        var june = new DateOnly(2026, 6, 10);
        async Task<long> Patrol(DateOnly day) => await reports.AddAsync(new ProgressReport
        {
            MemberName = "王强", ReportedBy = "王强", RawText = "巡河", Activity = "河长", Confidence = 0.9, WorkDate = day,
        });
        async Task Photo(long report, string key) => await evidence.AddAsync(new EvidenceItem
        {
            SourceKey = key, Sha256 = key, SizeBytes = 1, ContentType = "image/jpeg", Kind = EvidenceKinds.Image, ReportId = report, CreatedAt = DateTimeOffset.UtcNow,
        });

        var corrected = await Patrol(june);
        await Photo(corrected, "p1");
        var amended = (await reports.GetAsync(corrected))!;
        amended.RawText = "巡河两次";
        Assert.NotNull(await reports.AddVersionAsync(corrected, amended)); // the photo stays with the report's first version
        await Patrol(june.AddDays(1)); // no photo
        var withdrawn = await Patrol(june.AddDays(2));
        await Photo(withdrawn, "p2");
        await reports.WithdrawAsync(withdrawn);
        await Photo(await Patrol(new DateOnly(2026, 7, 1)), "p3"); // next month

        var counted = await evidence.CountWithPhotosAsync("河长", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30));

        Assert.Equal((2, 1), counted);
    }
}
