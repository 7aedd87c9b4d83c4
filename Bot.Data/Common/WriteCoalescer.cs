using System.Collections.Concurrent;
using Bot.Data.Connections;

namespace Bot.Data.Common;

/// <summary>
/// Group commit for single-row writes that many callers make at the same time (issue 18: the callbacks' inbox rows and
/// DingTalk signatures, the sender's mark-before-send): each caller queues its row and waits; whoever finds no flush running (at most <c>flushers</c> at a time) writes
/// everything queued so far — up to <c>maxBatch</c> rows — with one multi-row statement, and goes on while rows are
/// waiting. A lone caller writes its own row at once (no timer, no added latency); under load the rows that arrived
/// during one flush share the next. No background task: the work runs on the callers' own flows, outside any
/// <see cref="UnitOfWork"/> (a caller inside one writes its row itself, in its transaction). A failed flush fails the
/// rows of that flush only (their callers see the exception, as they would have for their own insert).
/// </summary>
/// <typeparam name="T">The row (or what a write changes).</typeparam>
public sealed class WriteCoalescer<T>
{
    private readonly ConcurrentQueue<(T Row, TaskCompletionSource<bool> Done)> _queue = new();
    private readonly int _flushers;
    private readonly Func<IReadOnlyList<T>, Task<IReadOnlyList<bool>>> _writeMany;
    private readonly Func<T, CancellationToken, Task<bool>> _writeOne;
    private readonly int _maxBatch;
    private int _flushing;
    private long _flushes;
    private long _rows;

    /// <param name="writeMany">Writes the rows (one statement when it can); one result per row, true when it was written.</param>
    /// <param name="writeOne">Writes one row on the caller's own flow (inside a unit of work).</param>
    /// <param name="maxBatch">At most this many rows per flush.</param>
    /// <param name="flushers">At most this many flushes at a time.</param>
    public WriteCoalescer(Func<IReadOnlyList<T>, Task<IReadOnlyList<bool>>> writeMany, Func<T, CancellationToken, Task<bool>> writeOne, int maxBatch, int flushers)
    {
        _writeMany = writeMany;
        _writeOne = writeOne;
        _maxBatch = Math.Max(1, maxBatch);
        _flushers = Math.Max(1, flushers);
    }

    /// <summary>Flushes so far.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Rows written by flushes so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Writes <paramref name="row"/> (with rows of other callers when they wait too); true when it was written.</summary>
    public async Task<bool> WriteAsync(T row, CancellationToken cancellationToken)
    {
        if (UnitOfWork.Current is not null)
        {
            return await _writeOne(row, cancellationToken);
        }

        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue((row, done));
        await FlushWhileWaitingAsync();

        // Written by another caller's flush (or being written): its outcome is this row's. The row is not taken back
        // when the caller gives up waiting: once queued it is stored, and the platform's redelivery then finds it.
        return await done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushWhileWaitingAsync()
    {
        // Re-checked after every flush: a row queued while this caller held the last flush slot is never left behind.
        while (!_queue.IsEmpty && TryEnterFlush())
        {
            var batch = new List<(T Row, TaskCompletionSource<bool> Done)>(Math.Min(_maxBatch, 64));
            try
            {
                while (batch.Count < _maxBatch && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count > 0)
                {
                    await FlushAsync(batch);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _flushing);
            }
        }
    }

    /// <summary>Takes one of the flush slots without waiting; false when all are taken.</summary>
    private bool TryEnterFlush()
    {
        while (true)
        {
            var now = Volatile.Read(ref _flushing);
            if (now >= _flushers)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _flushing, now + 1, now) == now)
            {
                return true;
            }
        }
    }

    private async Task FlushAsync(List<(T Row, TaskCompletionSource<bool> Done)> batch)
    {
        try
        {
            // Not the caller's token: the batch holds other callers' rows.
            var results = await _writeMany([.. batch.Select(b => b.Row)]);
            Interlocked.Increment(ref _flushes);
            Interlocked.Add(ref _rows, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, done) in batch)
            {
                done.TrySetException(ex);
            }
        }
    }
}
