using System.Collections.Concurrent;
using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Conversations;
using Bot.Data.ProgressReports;
using Dapper;

namespace Bot.Data.Inbox;

/// <summary>
/// What the router reads for every message of a claimed batch, read for the whole batch with one statement each: the
/// pending conversation state of each (platform, chat, sender) and the report already stored for each inbox id (so a
/// message processed again records nothing twice). While <see cref="Enter"/>'s scope is current, the state and report
/// repositories answer those keys from here and keep it up to date with their writes; other keys go to the database.
/// The worker <see cref="Forget"/>s a message whose processing rolled back.
/// </summary>
public sealed class InboxBatchReads
{
    private static readonly AsyncLocal<InboxBatchReads?> Ambient = new();

    private readonly ConcurrentDictionary<(string Platform, string ChatId, string Sender), ConversationState?> _states = new();
    private readonly ConcurrentDictionary<long, ProgressReport?> _reports = new();
    private readonly ConcurrentDictionary<(string Platform, string ChatId, string Sender), bool> _evidence = new();

    internal static InboxBatchReads? Current => Ambient.Value;

    internal InboxBatchReads(IEnumerable<InboxMessage> batch, IEnumerable<ConversationState> states, IEnumerable<ProgressReport> reports)
        : this(batch, batch, states, reports, [])
    {
    }

    /// <param name="conversations">The claimed messages whose conversations were read (none of an earlier batch in flight).</param>
    /// <param name="batch">All claimed messages: their stored reports are known (read, or none on a first claim).</param>
    /// <param name="states">The pending conversation states of <paramref name="conversations"/>.</param>
    /// <param name="reports">Reports already stored for inbox ids of <paramref name="batch"/>.</param>
    /// <param name="evidenceSenders">Conversations of the batch with unclaimed evidence or evidence downloads still to do.</param>
    internal InboxBatchReads(IEnumerable<InboxMessage> conversations, IEnumerable<InboxMessage> batch, IEnumerable<ConversationState> states,
        IEnumerable<ProgressReport> reports, IEnumerable<(string Platform, string ChatId, string Sender)> evidenceSenders)
    {
        foreach (var key in evidenceSenders)
        {
            _evidence[key] = true;
        }

        foreach (var message in conversations)
        {
            _states.TryAdd(Key(message), null);
        }

        foreach (var message in batch)
        {
            _reports.TryAdd(message.Id, null);
        }

        foreach (var state in states)
        {
            var key = (state.Platform, state.ChatId, state.Sender);
            if (_states.ContainsKey(key))
            {
                _states[key] = state;
            }
        }

        foreach (var report in reports.OrderBy(r => r.Id))
        {
            if (report.InboxId is long inboxId && _reports.TryGetValue(inboxId, out var first) && first is null)
            {
                _reports[inboxId] = report;
            }
        }
    }

    /// <summary>Makes these reads current for the calling flow until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(previous);
    }

    /// <summary>Drops what is known about <paramref name="message"/>'s conversation and report (its work was rolled back).</summary>
    public void Forget(InboxMessage message)
    {
        _states.TryRemove(Key(message), out _);
        _reports.TryRemove(message.Id, out _);
    }

    internal bool TryGetState(string platform, string chatId, string sender, out ConversationState? state) =>
        _states.TryGetValue((platform, chatId, sender), out state);

    internal void SetState(ConversationState state)
    {
        var key = (state.Platform, state.ChatId, state.Sender);
        if (_states.ContainsKey(key))
        {
            _states[key] = state;
        }
    }

    internal void ClearState(string platform, string chatId, string sender)
    {
        var key = (platform, chatId, sender);
        if (_states.ContainsKey(key))
        {
            _states[key] = null;
        }
    }

    internal bool TryGetReport(long inboxId, out ProgressReport? report) => _reports.TryGetValue(inboxId, out report);

    internal void Added(ProgressReport report)
    {
        if (report.InboxId is long inboxId && _reports.TryGetValue(inboxId, out var first) && first is null)
        {
            _reports[inboxId] = report;
        }
    }

    /// <summary>
    /// False only when the current batch's reads show that <paramref name="message"/>'s sender has no unclaimed evidence
    /// and no evidence download to do in its chat (so a report need not try to attach any); true when unknown.
    /// </summary>
    public static bool MayHaveUnclaimedEvidence(InboxMessage message) =>
        Current is not { } reads || !reads._states.ContainsKey(Key(message)) || reads._evidence.ContainsKey(Key(message));

    /// <summary>Records that <paramref name="message"/> queued evidence downloads (its sender's later reports of the batch attach them).</summary>
    public static void NoteEvidence(InboxMessage message)
    {
        if (Current is { } reads)
        {
            reads._evidence[Key(message)] = true;
        }
    }

    private static (string, string, string) Key(InboxMessage message) => (message.Platform, message.ChatId ?? "", message.SenderId);

    private sealed class Scope(InboxBatchReads? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>Reads a batch's <see cref="InboxBatchReads"/> (at most three statements for the whole batch).</summary>
public interface IInboxBatchReader
{
    /// <param name="batch">The claimed messages.</param>
    /// <param name="inFlight">
    /// True for a message whose conversation has a message of an earlier batch still in flight: its conversation is
    /// read when its turn comes, not now.
    /// </param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<InboxBatchReads> ReadAsync(IReadOnlyList<InboxMessage> batch, Func<InboxMessage, bool>? inFlight = null, CancellationToken cancellationToken = default);
}

internal sealed class InboxBatchReader(ConversationStateRepository states, ProgressReportRepository reports, IDbConnectionFactory connections, TimeProvider time)
    : IInboxBatchReader
{
    public async Task<InboxBatchReads> ReadAsync(IReadOnlyList<InboxMessage> batch, Func<InboxMessage, bool>? inFlight = null, CancellationToken cancellationToken = default)
    {
        var conversations = inFlight is null ? batch : batch.Where(m => !inFlight(m)).ToList();
        IReadOnlyList<ConversationState> pending = [];
        IReadOnlyList<(string, string, string)> evidence = [];
        if (conversations.Count > 0)
        {
            pending = await states.GetManyAsync(
                conversations.Select(m => m.Platform).Distinct(StringComparer.Ordinal).ToList(),
                conversations.Select(m => m.ChatId ?? "").Distinct(StringComparer.Ordinal).ToList(),
                conversations.Select(m => m.SenderId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
            evidence = await EvidenceSendersAsync(conversations, cancellationToken);
        }

        // Only processing a message writes reports of its inbox id, and a message claimed for the first time was never
        // processed (a rolled-back attempt of this claim left nothing): only messages claimed again can have one.
        var again = batch.Where(m => m.Attempts > 1).Select(m => m.Id).ToList();
        var stored = again.Count == 0 ? [] : await reports.FindByInboxManyAsync(again, cancellationToken);
        return new InboxBatchReads(conversations, batch, pending, stored, evidence);
    }

    /// <summary>
    /// The batch's conversations with evidence a report could attach: unclaimed items (a superset of the attach window:
    /// from a day before the oldest message) or downloads not finished yet.
    /// </summary>
    private async Task<IReadOnlyList<(string Platform, string ChatId, string Sender)>> EvidenceSendersAsync(IReadOnlyList<InboxMessage> batch, CancellationToken cancellationToken)
    {
        var from = batch.Min(m => m.ReceivedAt == default ? time.GetUtcNow() : m.ReceivedAt) - TimeSpan.FromDays(1);
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(string Platform, string ChatId, string Sender)>(new CommandDefinition("""
            SELECT platform, COALESCE(chat_id, ''), sender_id FROM evidence
            WHERE report_id IS NULL AND task_id IS NULL AND sender_id IN @Senders AND created_at >= @From
            UNION
            SELECT platform, COALESCE(chat_id, ''), sender_id FROM evidence_downloads
            WHERE state NOT IN (@Done, @Failed) AND sender_id IN @Senders
            """, new
        {
            Senders = batch.Select(m => m.SenderId).Distinct(StringComparer.Ordinal).ToList(),
            From = from,
            Done = WorkStates.Done,
            Failed = WorkStates.Failed,
        }, cancellationToken: cancellationToken))).AsList();
    }
}

/// <summary>Conversation states through the current <see cref="InboxBatchReads"/> when it holds the key.</summary>
internal sealed class BatchedConversationStateRepository(ConversationStateRepository inner, TimeProvider time) : IConversationStateRepository
{
    public async Task SetAsync(ConversationState state, CancellationToken cancellationToken = default)
    {
        await inner.SetAsync(state, cancellationToken);
        InboxBatchReads.Current?.SetState(state);
    }

    public Task<ConversationState?> GetAsync(string platform, string chatId, string sender, CancellationToken cancellationToken = default) =>
        InboxBatchReads.Current is { } reads && reads.TryGetState(platform, chatId, sender, out var state)
            ? Task.FromResult(state is not null && state.ExpiresAt > time.GetUtcNow() ? state : null)
            : inner.GetAsync(platform, chatId, sender, cancellationToken);

    public async Task ClearAsync(string platform, string chatId, string sender, CancellationToken cancellationToken = default)
    {
        await inner.ClearAsync(platform, chatId, sender, cancellationToken);
        InboxBatchReads.Current?.ClearState(platform, chatId, sender);
    }

    public Task<IReadOnlyList<ConversationState>> ListByKindAsync(string kind, CancellationToken cancellationToken = default) =>
        inner.ListByKindAsync(kind, cancellationToken);
}

/// <summary>Reports through the current <see cref="InboxBatchReads"/> for <see cref="FindByInboxAsync"/>; everything else as is.</summary>
internal sealed class BatchedProgressReportRepository(ProgressReportRepository inner) : IProgressReportRepository
{
    public async Task<long> AddAsync(ProgressReport report, CancellationToken cancellationToken = default)
    {
        var id = await inner.AddAsync(report, cancellationToken);
        InboxBatchReads.Current?.Added(report);
        return id;
    }

    public Task<ProgressReport?> FindByInboxAsync(long inboxId, CancellationToken cancellationToken = default) =>
        InboxBatchReads.Current is { } reads && reads.TryGetReport(inboxId, out var report)
            ? Task.FromResult(report)
            : inner.FindByInboxAsync(inboxId, cancellationToken);

    public Task<long?> AddVersionAsync(long previousId, ProgressReport amended, CancellationToken cancellationToken = default) =>
        inner.AddVersionAsync(previousId, amended, cancellationToken);

    public Task<bool> WithdrawAsync(long id, CancellationToken cancellationToken = default) => inner.WithdrawAsync(id, cancellationToken);

    public Task<bool> RestoreAsync(long id, CancellationToken cancellationToken = default) => inner.RestoreAsync(id, cancellationToken);

    public Task<ProgressReport?> FindCurrentAsync(long id, CancellationToken cancellationToken = default) => inner.FindCurrentAsync(id, cancellationToken);

    public Task<ProgressReport?> LatestInChatAsync(string platform, string chatId, CancellationToken cancellationToken = default) =>
        inner.LatestInChatAsync(platform, chatId, cancellationToken);

    public Task<IReadOnlyList<ProgressReport>> LatestSubmittedAsync(string name, int limit, CancellationToken cancellationToken = default) =>
        inner.LatestSubmittedAsync(name, limit, cancellationToken);

    public Task<ProgressReport?> GetAsync(long id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<IReadOnlyList<ProgressReport>> GetVersionsAsync(long rootId, CancellationToken cancellationToken = default) =>
        inner.GetVersionsAsync(rootId, cancellationToken);

    public Task<ProgressReport?> FindLatestAsync(string name, CancellationToken cancellationToken = default) => inner.FindLatestAsync(name, cancellationToken);

    public Task<IReadOnlyList<ProgressReport>> ListAsync(DateOnly from, DateOnly to, long? memberId = null, int? action = null, int limit = 1000, CancellationToken cancellationToken = default) =>
        inner.ListAsync(from, to, memberId, action, limit, cancellationToken);

    public Task<IReadOnlyList<MetricTotal>> SumMetricsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        inner.SumMetricsAsync(from, to, cancellationToken);

    public Task<IReadOnlyList<string>> ReportingNamesAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        inner.ReportingNamesAsync(fromUtc, toUtc, cancellationToken);

    public Task<IReadOnlyList<ProgressReport>> RecentAsync(int limit, CancellationToken cancellationToken = default) => inner.RecentAsync(limit, cancellationToken);

    public Task<IReadOnlyList<long>> ReportingMembersAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken = default) =>
        inner.ReportingMembersAsync(fromUtc, toUtc, cancellationToken);
}
