using System.Data.Common;
using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Telemetry;
using Dapper;

namespace Bot.Data.Outbox;

public interface IOutboxRepository
{
    /// <summary>Queues a message; false when its dedupe key is already queued.</summary>
    Task<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues <paramref name="messages"/> with one multi-row INSERT (the replies of a group of inbox messages); rows whose
    /// dedupe key is already queued are skipped. Returns how many rows were stored.
    /// </summary>
    Task<int> EnqueueManyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(string worker, int limit, TimeSpan leaseFor, CancellationToken cancellationToken = default);

    Task<bool> CompleteAsync(long id, string leaseOwner, CancellationToken cancellationToken = default);

    /// <summary>Marks rows leased by <paramref name="leaseOwner"/> sent with one statement; returns how many were still held.</summary>
    Task<int> CompleteManyAsync(IReadOnlyCollection<long> ids, string leaseOwner, CancellationToken cancellationToken = default);

    Task RescheduleAsync(long id, string leaseOwner, string error, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken = default);

    Task DeferAsync(long id, string leaseOwner, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a pending, unleased row sent when it was delivered outside the sender (a pull-based channel such as the
    /// WeCom robot's stream answer); false when the sender holds it or it is already sent or failed.
    /// </summary>
    Task<bool> MarkDeliveredAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="MarkDeliveredAsync(long, CancellationToken)"/> for the row with this dedupe key (its id need not be known).</summary>
    Task<bool> MarkDeliveredAsync(string dedupeKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Mark-before-send: records that the delivery of a leased row begins, in its own committed statement, before the
    /// platform is called. False when the lease was lost (the row must not be sent).
    /// </summary>
    Task<bool> BeginSendAsync(long id, string leaseOwner, CancellationToken cancellationToken = default);

    /// <summary>Clears the mark of <see cref="BeginSendAsync"/> when the platform answered that it did not take the message.</summary>
    Task EndSendAsync(long id, string leaseOwner, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, int>> CountByStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Messages for one target, oldest first (the Sandbox conversation, tests).</summary>
    Task<IReadOnlyList<OutboxMessage>> ListByTargetAsync(string platform, string target, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> ListByInboxAsync(long inboxId, CancellationToken cancellationToken = default);

    /// <summary>True when a row with this dedupe key is queued or sent (lets a job skip building what was already posted).</summary>
    Task<bool> ExistsAsync(string dedupeKey, CancellationToken cancellationToken = default);
}

internal sealed class OutboxRepository(IDbConnectionFactory connections, TimeProvider time)
    : LeasedQueue<OutboxMessage>(connections, time, "outbox", Columns, WorkStates.Sending, WorkStates.Sent), IOutboxRepository
{
    private const string Columns = """
        id AS Id, platform AS Platform, channel AS Channel, target AS Target, msg_type AS MsgType, payload AS Payload, mentions AS Mentions,
        source AS Source, inbox_id AS InboxId, dedupe_key AS DedupeKey, state AS State, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
        lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, error AS Error, created_at AS CreatedAt, sent_at AS SentAt,
        trace_parent AS TraceParent, send_started_at AS SendStartedAt
        """;

    public async Task<bool> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        message.CreatedAt = message.CreatedAt == default ? Time.GetUtcNow() : message.CreatedAt;
        message.NextAttemptAt = message.NextAttemptAt == default ? message.CreatedAt : message.NextAttemptAt;
        message.State = WorkStates.Pending;
        message.TraceParent ??= BotTelemetry.CurrentTraceParent;
        return await InsertIfAbsentAsync("""
            INSERT INTO outbox (platform, channel, target, msg_type, payload, mentions, source, inbox_id, dedupe_key,
                                           state, attempts, next_attempt_at, created_at, trace_parent)
            VALUES (@Platform, @Channel, @Target, @MsgType, @Payload, @Mentions, @Source, @InboxId, @DedupeKey,
                    @State, 0, @NextAttemptAt, @CreatedAt, @TraceParent)
            """, message, cancellationToken);
    }

    public async Task<int> EnqueueManyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count <= 1)
        {
            return messages.Count == 1 && await EnqueueAsync(messages[0], cancellationToken) ? 1 : 0;
        }

        var now = Time.GetUtcNow();
        var parameters = new DynamicParameters();
        var values = new List<string>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            m.CreatedAt = m.CreatedAt == default ? now : m.CreatedAt;
            m.NextAttemptAt = m.NextAttemptAt == default ? m.CreatedAt : m.NextAttemptAt;
            m.State = WorkStates.Pending;
            m.TraceParent ??= BotTelemetry.CurrentTraceParent;
            values.Add(MultiRowValues.Add(parameters, i, m.Platform, m.Channel, m.Target, m.MsgType, m.Payload, m.Mentions, m.Source, m.InboxId,
                m.DedupeKey, m.State, 0, m.NextAttemptAt, m.CreatedAt, m.TraceParent));
        }

        var sql = Dialect.IfAbsent($"""
            INSERT INTO outbox (platform, channel, target, msg_type, payload, mentions, source, inbox_id, dedupe_key,
                                state, attempts, next_attempt_at, created_at, trace_parent)
            VALUES {string.Join(", ", values)}
            """);
        try
        {
            return await ExecuteAsync(sql, parameters, cancellationToken);
        }
        catch (DbException ex) when (SqlDialect.IsDuplicateKey(ex))
        {
            // Some rows were queued before (a message processed again after its host died): MariaDB rejected the whole
            // statement (and only it), so each row is inserted on its own, skipping the ones already there.
            var stored = 0;
            foreach (var m in messages)
            {
                stored += await EnqueueAsync(m, cancellationToken) ? 1 : 0;
            }

            return stored;
        }
    }

    public async Task<bool> MarkDeliveredAsync(long id, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE outbox SET state = @Sent, sent_at = @Now, attempts = attempts + 1, error = NULL
            WHERE id = @Id AND state = @Pending AND lease_owner IS NULL
            """, new { Id = id, Sent = WorkStates.Sent, Pending = WorkStates.Pending, Now = Time.GetUtcNow() }, cancellationToken) == 1;

    public async Task<bool> MarkDeliveredAsync(string dedupeKey, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE outbox SET state = @Sent, sent_at = @Now, attempts = attempts + 1, error = NULL
            WHERE dedupe_key = @Key AND state = @Pending AND lease_owner IS NULL
            """, new { Key = dedupeKey, Sent = WorkStates.Sent, Pending = WorkStates.Pending, Now = Time.GetUtcNow() }, cancellationToken) == 1;

    private WriteCoalescer<(long Id, string Owner)>? _beginSends;

    /// <summary>Marks of sends beginning at the same time (several targets), written with one statement (issue 18).</summary>
    internal WriteCoalescer<(long Id, string Owner)> BeginSends =>
        LazyInitializer.EnsureInitialized(ref _beginSends, () => new WriteCoalescer<(long Id, string Owner)>(
            BeginSendManyAsync, (row, cancellationToken) => BeginSendOneAsync(row.Id, row.Owner, cancellationToken), maxBatch: 100, flushers: 1));

    public Task<bool> BeginSendAsync(long id, string leaseOwner, CancellationToken cancellationToken = default) =>
        BeginSends.WriteAsync((id, leaseOwner), cancellationToken);

    private async Task<bool> BeginSendOneAsync(long id, string leaseOwner, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE outbox SET send_started_at = @Now WHERE id = @Id AND lease_owner = @Owner",
            new { Id = id, Owner = leaseOwner, Now = Time.GetUtcNow() }, cancellationToken) == 1;

    /// <summary>
    /// One UPDATE per lease owner for the marks; when it changed fewer rows than asked (a lease lost), the rows still
    /// leased to the owner — the ones it marked — are read back with one more statement.
    /// </summary>
    private async Task<IReadOnlyList<bool>> BeginSendManyAsync(IReadOnlyList<(long Id, string Owner)> rows)
    {
        if (rows.Count == 1)
        {
            return [await BeginSendOneAsync(rows[0].Id, rows[0].Owner, CancellationToken.None)];
        }

        var marked = new HashSet<(long, string)>();
        foreach (var owner in rows.GroupBy(r => r.Owner, StringComparer.Ordinal))
        {
            var ids = owner.Select(r => r.Id).Distinct().ToArray();
            var parameters = new { Ids = ids, Owner = owner.Key, Now = Time.GetUtcNow() };
            var changed = await ExecuteAsync("UPDATE outbox SET send_started_at = @Now WHERE id IN @Ids AND lease_owner = @Owner", parameters, CancellationToken.None);
            var held = changed == ids.Length
                ? ids
                : await QueryAsync<long>("SELECT id FROM outbox WHERE id IN @Ids AND lease_owner = @Owner", parameters, CancellationToken.None);
            marked.UnionWith(held.Select(id => (id, owner.Key)));
        }

        return [.. rows.Select(r => marked.Contains((r.Id, r.Owner)))];
    }

    public async Task EndSendAsync(long id, string leaseOwner, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE outbox SET send_started_at = NULL WHERE id = @Id AND lease_owner = @Owner",
            new { Id = id, Owner = leaseOwner }, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListByTargetAsync(string platform, string target, int limit, CancellationToken cancellationToken = default) =>
        QueryAsync<OutboxMessage>($"""
            SELECT {Columns} FROM (SELECT * FROM outbox WHERE platform = @Platform AND target = @Target ORDER BY id DESC LIMIT @Limit) recent ORDER BY id
            """, new { Platform = platform, Target = target, Limit = limit }, cancellationToken);

    public async Task<bool> ExistsAsync(string dedupeKey, CancellationToken cancellationToken = default) =>
        await ScalarAsync<long?>("SELECT id FROM outbox WHERE dedupe_key = @Key LIMIT 1", new { Key = dedupeKey }, cancellationToken) is not null;

    public Task<IReadOnlyList<OutboxMessage>> ListByInboxAsync(long inboxId, CancellationToken cancellationToken = default) =>
        QueryAsync<OutboxMessage>($"SELECT {Columns} FROM outbox WHERE inbox_id = @InboxId ORDER BY id", new { InboxId = inboxId }, cancellationToken);
}
