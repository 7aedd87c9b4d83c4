using System.Collections.Concurrent;
using System.Threading.Channels;
using Bot.Host.Channels;

namespace Bot.Host.Queues;

/// <summary>What became of one claimed row.</summary>
public enum QueueOutcome
{
    /// <summary>Done: marked finished with the next batched completion.</summary>
    Completed,

    /// <summary>Settled by the handler (failed for good): counts as handled; later rows of its key go on.</summary>
    Settled,

    /// <summary>Rescheduled for a retry: later rows of its key wait behind it.</summary>
    Rescheduled,

    /// <summary>Given back untouched (rate limit): not counted; later rows of its key wait behind it.</summary>
    Deferred,
}

/// <summary>One claimed batch: its rows, lease owner and what the worker read for it.</summary>
public sealed class ClaimedBatch<T>(IReadOnlyList<T> items, string leaseOwner, object? context)
{
    public IReadOnlyList<T> Items { get; } = items;

    public string LeaseOwner { get; } = leaseOwner;

    /// <summary>What <see cref="LeasedQueueWorker{T}.PrepareAsync"/> read for the batch (the inbox's batch reads).</summary>
    public object? Context { get; } = context;
}

/// <summary>
/// The claim/poll loop shared by the inbox worker and the outbox sender. A claimer leases batches (one ahead of the
/// consumers), hands each row to one of <see cref="Consumers"/> consumers chosen by its order key — so rows of one key
/// (a conversation, a chat target) are handled one after another in id order while different keys run in parallel —
/// and a completer marks finished rows with one statement per lease owner and flush. When a row is rescheduled or
/// deferred, the rows of its key behind it are deferred to the same time, so nothing overtakes it.
/// </summary>
public abstract class LeasedQueueWorker<T>(WorkSignal signal, TimeProvider time, ILogger logger) : BackgroundService
    where T : class
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blocked = new(StringComparer.Ordinal);
    private int _pending;

    protected TimeProvider Time { get; } = time;

    /// <summary>Parallel consumers of the running loop.</summary>
    protected abstract int Consumers { get; }

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan PollInterval { get; }

    protected abstract TimeSpan Linger { get; }

    protected abstract Task<IReadOnlyList<T>> ClaimAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Rows with the same key are handled in order, one at a time.</summary>
    protected abstract string OrderKey(T item);

    protected abstract long Id(T item);

    protected abstract string LeaseOwnerOf(T item);

    /// <summary>Reads what the batch's rows need (null: nothing); <paramref name="busyKeys"/> have rows of earlier batches in flight.</summary>
    protected virtual Task<object?> PrepareAsync(IReadOnlyList<T> batch, IReadOnlySet<string> busyKeys, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(null);

    protected abstract Task<QueueOutcome> HandleAsync(T item, ClaimedBatch<T> batch, CancellationToken cancellationToken);

    /// <summary>At most this many rows of one consumer are offered to <see cref="TryHandleTogetherAsync"/> at once (1: never).</summary>
    protected virtual int MaxTogether => 1;

    /// <summary>
    /// Handles rows that are waiting for one consumer together (e.g. in one transaction), in order. True: every row was
    /// completed. False: none of them took effect, and each is then handled alone by <see cref="HandleAsync"/> (which
    /// retries, reschedules or fails it as usual).
    /// </summary>
    protected virtual Task<bool> TryHandleTogetherAsync(IReadOnlyList<(T Item, ClaimedBatch<T> Batch)> rows, CancellationToken cancellationToken) =>
        Task.FromResult(false);

    protected abstract Task CompleteManyAsync(IReadOnlyCollection<long> ids, string leaseOwner, CancellationToken cancellationToken);

    /// <summary>Gives a row back untouched until <paramref name="until"/> (it waits behind an earlier row of its key).</summary>
    protected abstract Task DeferAsync(T item, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>After a rescheduled or deferred row: the time the rows of its key behind it wait for.</summary>
    protected abstract DateTimeOffset BlockedUntil(T item);

    /// <summary>
    /// Claims one batch and handles all of it before returning (tests, benchmarks, one-shot runs); rows of one key in
    /// order, up to <see cref="Consumers"/> keys at a time. Returns (claimed, handled: not deferred).
    /// </summary>
    protected async Task<(int Claimed, int Handled)> RunOneBatchAsync(int concurrency, CancellationToken cancellationToken)
    {
        var items = await ClaimAsync(BatchSize, cancellationToken);
        if (items.Count == 0)
        {
            return (0, 0);
        }

        var batch = new ClaimedBatch<T>(items, LeaseOwnerOf(items[0]), await PrepareAsync(items, new HashSet<string>(), cancellationToken));
        var completed = new ConcurrentBag<long>();
        var handled = 0;
        // Like the running loop: each key belongs to one lane (a consumer), a lane's rows are taken in order, several
        // at a time when the worker handles rows together.
        var lanes = items.GroupBy(i => (int)((uint)StringComparer.Ordinal.GetHashCode(OrderKey(i)) % (uint)Math.Max(1, concurrency)));
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (lane, token) =>
            {
                var blocked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
                foreach (var chunk in lane.Chunk(Math.Max(1, MaxTogether)))
                {
                    if (chunk.Length > 1 && await TryTogetherAsync([.. chunk.Select(i => (i, batch))], token))
                    {
                        foreach (var item in chunk)
                        {
                            completed.Add(Id(item));
                            Interlocked.Increment(ref handled);
                        }

                        continue;
                    }

                    foreach (var item in chunk)
                    {
                        if (blocked.TryGetValue(OrderKey(item), out var until))
                        {
                            await DeferAsync(item, until, token);
                            continue;
                        }

                        var outcome = await HandleAsync(item, batch, token);
                        if (outcome == QueueOutcome.Completed)
                        {
                            completed.Add(Id(item));
                        }

                        if (outcome != QueueOutcome.Deferred)
                        {
                            Interlocked.Increment(ref handled);
                        }

                        if (outcome is QueueOutcome.Rescheduled or QueueOutcome.Deferred)
                        {
                            blocked[OrderKey(item)] = BlockedUntil(item);
                        }
                    }
                }
            });

        // One statement for the batch: a crash before it only means the batch is handled again, which the handlers'
        // idempotency (dedupe keys, reports per inbox id) makes harmless.
        await CompleteManyAsync(completed.ToArray(), batch.LeaseOwner, cancellationToken);
        return (items.Count, handled);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consumers = Math.Max(1, Consumers);
        var queues = Enumerable.Range(0, consumers)
            .Select(_ => Channel.CreateUnbounded<(T Item, ClaimedBatch<T> Batch)>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();
        var completions = Channel.CreateUnbounded<(long Id, string Owner)>(new UnboundedChannelOptions { SingleReader = true });
        var workers = queues.Select(q => Task.Run(() => ConsumeAsync(q.Reader, completions.Writer, stoppingToken), CancellationToken.None)).ToList();
        var completer = Task.Run(() => CompleteAsync(completions.Reader, stoppingToken), CancellationToken.None);
        try
        {
            await ClaimLoopAsync(queues, stoppingToken);
        }
        finally
        {
            foreach (var queue in queues)
            {
                queue.Writer.TryComplete();
            }

            await Task.WhenAll(workers).ContinueWith(_ => { }, TaskScheduler.Default);
            completions.Writer.TryComplete();
            await completer.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ClaimLoopAsync(Channel<(T Item, ClaimedBatch<T> Batch)>[] queues, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                // Keep about one batch ahead of the consumers: enough to never starve them, little to lose to a crash.
                if (Volatile.Read(ref _pending) < BatchSize)
                {
                    var items = await ClaimAsync(BatchSize, stoppingToken);
                    claimed = items.Count;
                    if (claimed > 0)
                    {
                        var busy = _inFlight.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
                        var batch = new ClaimedBatch<T>(items, LeaseOwnerOf(items[0]), await PrepareAsync(items, busy, stoppingToken));
                        foreach (var item in items)
                        {
                            var key = OrderKey(item);
                            _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
                            Interlocked.Increment(ref _pending);
                            await queues[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)queues.Length)].Writer.WriteAsync((item, batch), stoppingToken);
                        }
                    }
                }
                else
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(2), stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                QueueLog.ClaimFailed(logger, ex, GetType().Name);
            }

            try
            {
                if (claimed >= BatchSize)
                {
                    continue;
                }

                if (claimed > 0)
                {
                    // A partial batch: let a few more rows arrive, so that claims are not paid per row under load.
                    if (Linger > TimeSpan.Zero)
                    {
                        await Task.Delay(Linger, stoppingToken);
                    }

                    continue;
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ConsumeAsync(ChannelReader<(T Item, ClaimedBatch<T> Batch)> reader, ChannelWriter<(long, string)> completions, CancellationToken stoppingToken)
    {
        var rows = new List<(T Item, ClaimedBatch<T> Batch)>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // What is waiting for this consumer now (never waiting for more): handled together when the worker can.
                rows.Clear();
                while (rows.Count < Math.Max(1, MaxTogether) && reader.TryRead(out var row))
                {
                    rows.Add(row);
                }

                if (rows.Count > 1 && !rows.Any(r => _blocked.ContainsKey(OrderKey(r.Item))) && await TryTogetherAsync(rows, stoppingToken))
                {
                    foreach (var (item, batch) in rows)
                    {
                        completions.TryWrite((Id(item), batch.LeaseOwner));
                        Release(OrderKey(item));
                    }

                    continue;
                }

                foreach (var (item, batch) in rows)
                {
                    if (!await HandleOneAsync(item, batch, completions, stoppingToken))
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary><see cref="TryHandleTogetherAsync"/>, false when it threw (logged; the rows are then handled one by one).</summary>
    private async Task<bool> TryTogetherAsync(List<(T Item, ClaimedBatch<T> Batch)> rows, CancellationToken cancellationToken)
    {
        try
        {
            return await TryHandleTogetherAsync(rows, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            QueueLog.HandleFailed(logger, ex, GetType().Name, Id(rows[0].Item));
            return false;
        }
    }

    /// <summary>Handles one row; false when stopping.</summary>
    private async Task<bool> HandleOneAsync(T item, ClaimedBatch<T> batch, ChannelWriter<(long, string)> completions, CancellationToken stoppingToken)
    {
        var key = OrderKey(item);
        try
        {
            if (_blocked.TryGetValue(key, out var until))
            {
                await DeferAsync(item, until, stoppingToken);
                return true;
            }

            var outcome = await HandleAsync(item, batch, stoppingToken);
            if (outcome == QueueOutcome.Completed)
            {
                completions.TryWrite((Id(item), batch.LeaseOwner));
            }
            else if (outcome is QueueOutcome.Rescheduled or QueueOutcome.Deferred)
            {
                _blocked[key] = BlockedUntil(item);
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            // The row stays leased and comes back when its lease expires; later rows of its key wait for it.
            QueueLog.HandleFailed(logger, ex, GetType().Name, Id(item));
            _blocked[key] = Time.GetUtcNow() + TimeSpan.FromSeconds(5);
            return true;
        }
        finally
        {
            Release(key);
        }
    }

    /// <summary>A row of <paramref name="key"/> left the consumer: the key is free when it was its last one.</summary>
    private void Release(string key)
    {
        Interlocked.Decrement(ref _pending);
        if (_inFlight.AddOrUpdate(key, 0, (_, n) => n - 1) <= 0)
        {
            _inFlight.TryRemove(new KeyValuePair<string, int>(key, 0));
            _blocked.TryRemove(key, out _);
        }
    }

    private async Task CompleteAsync(ChannelReader<(long Id, string Owner)> completions, CancellationToken stoppingToken)
    {
        var pending = new List<(long Id, string Owner)>();
        while (await completions.WaitToReadAsync(CancellationToken.None))
        {
            // Gather what arrives within a few milliseconds: one UPDATE per lease owner for all of it.
            await Task.Delay(TimeSpan.FromMilliseconds(5), CancellationToken.None);
            while (completions.TryRead(out var done))
            {
                pending.Add(done);
            }

            foreach (var group in pending.GroupBy(p => p.Owner, StringComparer.Ordinal))
            {
                try
                {
                    await CompleteManyAsync(group.Select(p => p.Id).ToArray(), group.Key, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // Not marked: the rows come back after their lease and are handled again, harmlessly (idempotent).
                    QueueLog.CompleteFailed(logger, ex, GetType().Name, group.Count());
                }
            }

            pending.Clear();
            if (stoppingToken.IsCancellationRequested && completions.Completion.IsCompleted)
            {
                return;
            }
        }
    }
}
