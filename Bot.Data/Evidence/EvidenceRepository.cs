using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Evidence;

public interface IEvidenceRepository
{
    /// <summary>Records evidence; an origin (<see cref="EvidenceItem.SourceKey"/>) already recorded returns the existing id.</summary>
    Task<long> AddAsync(EvidenceItem item, CancellationToken cancellationToken = default);

    Task<EvidenceItem?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EvidenceItem>> ListForReportsAsync(IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EvidenceItem>> ListForTaskAsync(long taskId, CancellationToken cancellationToken = default);

    /// <summary>Attaches the sender's unattached evidence from one chat received in [from, to] to a report; returns how many.</summary>
    Task<int> AttachUnclaimedAsync(string platform, string? chatId, string senderId, DateTimeOffset from, DateTimeOffset to, long reportId, CancellationToken cancellationToken = default);

    Task SetReportAsync(long id, long reportId, CancellationToken cancellationToken = default);

    Task SetTaskAsync(long id, long taskId, CancellationToken cancellationToken = default);

    /// <summary>Rows created before <paramref name="before"/> (retention).</summary>
    Task<IReadOnlyList<EvidenceItem>> ListOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    Task DeleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>How many rows still point at the bytes <paramref name="sha256"/>.</summary>
    Task<int> CountBySha256Async(string sha256, CancellationToken cancellationToken = default);

    /// <summary>The newest current report made from a message of this sender in this chat received in [from, to].</summary>
    /// <summary>
    /// Live reports of <paramref name="activity"/> (河长巡河) whose work date is in [from, to], and how many of them have a
    /// photo in the evidence store (on any version of the report).
    /// </summary>
    Task<(int Reports, int WithPhoto)> CountWithPhotosAsync(string activity, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    Task<long?> FindReportForAsync(string platform, string? chatId, string senderId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

internal sealed class EvidenceRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IEvidenceRepository
{
    private const string Columns = """
        id AS Id, source_key AS SourceKey, sha256 AS Sha256, size_bytes AS SizeBytes, content_type AS ContentType, kind AS Kind,
        file_name AS FileName, platform AS Platform, chat_id AS ChatId, sender_id AS SenderId, inbox_id AS InboxId,
        report_id AS ReportId, task_id AS TaskId, created_by AS CreatedBy, created_at AS CreatedAt
        """;

    public async Task<long> AddAsync(EvidenceItem item, CancellationToken cancellationToken = default)
    {
        item.CreatedAt = item.CreatedAt == default ? time.GetUtcNow() : item.CreatedAt;
        await InsertIfAbsentAsync("""
            INSERT INTO evidence (source_key, sha256, size_bytes, content_type, kind, file_name, platform, chat_id, sender_id,
                                   inbox_id, report_id, task_id, created_by, created_at)
            VALUES (@SourceKey, @Sha256, @SizeBytes, @ContentType, @Kind, @FileName, @Platform, @ChatId, @SenderId,
                    @InboxId, @ReportId, @TaskId, @CreatedBy, @CreatedAt)
            """, item, cancellationToken);
        item.Id = await ScalarAsync<long>("SELECT id FROM evidence WHERE source_key = @SourceKey", new { item.SourceKey }, cancellationToken);
        return item.Id;
    }

    public Task<EvidenceItem?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<EvidenceItem>($"SELECT {Columns} FROM evidence WHERE id = @Id", new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<EvidenceItem>> ListForReportsAsync(IReadOnlyCollection<long> reportIds, CancellationToken cancellationToken = default) =>
        reportIds.Count == 0
            ? []
            : await QueryAsync<EvidenceItem>($"SELECT {Columns} FROM evidence WHERE report_id IN @Ids ORDER BY id", new { Ids = reportIds.Distinct().ToArray() }, cancellationToken);

    public Task<IReadOnlyList<EvidenceItem>> ListForTaskAsync(long taskId, CancellationToken cancellationToken = default) =>
        QueryAsync<EvidenceItem>($"SELECT {Columns} FROM evidence WHERE task_id = @TaskId ORDER BY id", new { TaskId = taskId }, cancellationToken);

    public Task<int> AttachUnclaimedAsync(string platform, string? chatId, string senderId, DateTimeOffset from, DateTimeOffset to, long reportId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE evidence SET report_id = @ReportId
            WHERE report_id IS NULL AND task_id IS NULL AND platform = @Platform AND sender_id = @SenderId
              AND ((@ChatId IS NULL AND chat_id IS NULL) OR chat_id = @ChatId) AND created_at >= @From AND created_at <= @To
            """, new { Platform = platform, ChatId = chatId, SenderId = senderId, From = from, To = to, ReportId = reportId }, cancellationToken);

    public Task SetReportAsync(long id, long reportId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE evidence SET report_id = @ReportId WHERE id = @Id", new { Id = id, ReportId = reportId }, cancellationToken);

    public Task SetTaskAsync(long id, long taskId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE evidence SET task_id = @TaskId WHERE id = @Id", new { Id = id, TaskId = taskId }, cancellationToken);

    public Task<IReadOnlyList<EvidenceItem>> ListOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync<EvidenceItem>($"SELECT {Columns} FROM evidence WHERE created_at < @Before ORDER BY id LIMIT @Limit", new { Before = before, Limit = limit }, cancellationToken);

    public Task DeleteAsync(long id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM evidence WHERE id = @Id", new { Id = id }, cancellationToken);

    public async Task<int> CountBySha256Async(string sha256, CancellationToken cancellationToken = default) =>
        await ScalarAsync<int>("SELECT COUNT(*) FROM evidence WHERE sha256 = @Sha", new { Sha = sha256 }, cancellationToken);

    /// <remarks>
    /// A photo of any version of the report's chain counts. The reports are counted on the (is_current, withdrawn,
    /// activity, work_date) index alone; those with a photo are found from the (small) evidence side — the reports
    /// sharing the root id of a version with a photo (ix_reports_root), that root itself, and the report the photo
    /// belongs to — and looked up by id. (A probe per counted report of its chain read every report row, 0.2–1 s for a
    /// quarter at 1,000,000 reports; the first join matched on <c>COALESCE(root_id, id)</c>, which no index serves, and
    /// took minutes at 100,000.)
    /// </remarks>
    public async Task<(int Reports, int WithPhoto)> CountWithPhotosAsync(string activity, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var row = await QuerySingleOrDefaultAsync<PhotoCount>("""
            SELECT
              (SELECT COUNT(*) FROM progress_reports r
               WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.activity = @Activity AND r.work_date >= @From AND r.work_date <= @To) AS Reports,
              (SELECT COUNT(*) FROM (
                 SELECT x.id FROM evidence e JOIN progress_reports v ON v.id = e.report_id JOIN progress_reports x ON x.root_id = v.root_id
                 WHERE e.kind = @Image
                 UNION SELECT v.root_id FROM evidence e JOIN progress_reports v ON v.id = e.report_id WHERE e.kind = @Image
                 UNION SELECT e.report_id FROM evidence e WHERE e.kind = @Image) AS p
               JOIN progress_reports r ON r.id = p.id
               WHERE r.is_current = 1 AND r.withdrawn = 0 AND r.activity = @Activity AND r.work_date >= @From AND r.work_date <= @To) AS WithPhoto
            """, new { Activity = activity, From = from, To = to, Image = EvidenceKinds.Image }, cancellationToken);
        return row is null ? (0, 0) : ((int)row.Reports, (int)row.WithPhoto);
    }

    private sealed class PhotoCount
    {
        public long Reports { get; set; }

        public long WithPhoto { get; set; }
    }

    public Task<long?> FindReportForAsync(string platform, string? chatId, string senderId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ScalarAsync<long?>("""
            SELECT r.id FROM progress_reports r JOIN inbox i ON r.inbox_id = i.id
            WHERE i.platform = @Platform AND i.sender_id = @SenderId AND ((@ChatId IS NULL AND i.chat_id IS NULL) OR i.chat_id = @ChatId)
              AND i.received_at >= @From AND i.received_at <= @To AND r.is_current = 1 AND r.withdrawn = 0
            ORDER BY i.received_at DESC, r.id DESC LIMIT 1
            """, new { Platform = platform, ChatId = chatId, SenderId = senderId, From = from, To = to }, cancellationToken);
}

public interface IEvidenceDownloadQueue
{
    /// <summary>Queues a download; false when its dedupe key is already queued.</summary>
    Task<bool> EnqueueAsync(EvidenceDownload download, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EvidenceDownload>> ClaimAsync(string worker, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default);

    Task<bool> CompleteAsync(long id, string leaseOwner, CancellationToken cancellationToken = default);

    Task RescheduleAsync(long id, string leaseOwner, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> CountByStateAsync(CancellationToken cancellationToken = default);
}

internal sealed class EvidenceDownloadQueue(IDbConnectionFactory connections, TimeProvider time)
    : LeasedQueue<EvidenceDownload>(connections, time, "evidence_downloads", Columns, WorkStates.Processing, WorkStates.Done), IEvidenceDownloadQueue
{
    private const string Columns = """
        id AS Id, dedupe_key AS DedupeKey, platform AS Platform, kind AS Kind, media_ref AS MediaRef, file_name AS FileName,
        chat_id AS ChatId, sender_id AS SenderId, inbox_id AS InboxId, received_at AS ReceivedAt, state AS State, attempts AS Attempts,
        next_attempt_at AS NextAttemptAt, lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, error AS Error,
        processed_at AS ProcessedAt, created_at AS CreatedAt
        """;

    public async Task<bool> EnqueueAsync(EvidenceDownload download, CancellationToken cancellationToken = default)
    {
        var now = Time.GetUtcNow();
        download.CreatedAt = now;
        download.State = WorkStates.Pending;
        download.NextAttemptAt = download.NextAttemptAt == default ? now : download.NextAttemptAt;
        return await InsertIfAbsentAsync("""
            INSERT INTO evidence_downloads (dedupe_key, platform, kind, media_ref, file_name, chat_id, sender_id, inbox_id,
                                   received_at, state, attempts, next_attempt_at, created_at)
            VALUES (@DedupeKey, @Platform, @Kind, @MediaRef, @FileName, @ChatId, @SenderId, @InboxId, @ReceivedAt, @State, 0, @NextAttemptAt, @CreatedAt)
            """, download, cancellationToken);
    }
}
