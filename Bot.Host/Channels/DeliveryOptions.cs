using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Channels;

/// <summary>The <c>Delivery</c> section: how the inbox worker and the outbox sender poll, retry and give up.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    /// <summary>Attempts before an inbox message is marked failed.</summary>
    [Range(1, 100)]
    public int InboxMaxAttempts { get; set; } = 8;

    /// <summary>Attempts before an outbox message is marked failed.</summary>
    [Range(1, 100)]
    public int OutboxMaxAttempts { get; set; } = 10;

    /// <summary>How often the workers look for due rows when nothing woke them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First retry delay; doubled per attempt up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed row stays leased before another worker may take it over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Inbox messages waiting for one consumer that are processed in one transaction (issue 18: one START and COMMIT for
    /// all of them); a group that fails is rolled back and its messages processed one by one. 1 turns grouping off.
    /// 16 on both databases. On SQLite a group holds the file's single write lock for the routing of all its messages; the
    /// webhooks' inbox inserts go before every other waiting writer (<c>SqliteWriteGate</c>'s urgent lane), so they wait
    /// for at most the group that is running (measured at 500 msg/s: ack p99 0.2 s, 350 processed/s against 261 with 1;
    /// before the urgent lane the inserts queued behind all waiting groups: ack p99 5 s).
    /// </summary>
    [Range(1, 100)]
    public int InboxTogether { get; set; } = 16;

    /// <summary>
    /// How many conversations (inbox) or targets (outbox) a worker serves at once; one conversation's messages and one
    /// target's sends stay in order.
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;

    /// <summary>
    /// Parallel inbox consumers of a running host (0: one per processor core). One sender's messages in one chat are
    /// always handled by the same consumer, in order.
    /// </summary>
    [Range(0, 64)]
    public int InboxConsumers { get; set; }

    public int EffectiveInboxConsumers => InboxConsumers > 0 ? InboxConsumers : Environment.ProcessorCount;

    /// <summary>After a partial batch, how long a worker waits for more rows before claiming again (0: at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Callback inserts into the inbox running at once (the acknowledgement path; its own connection pool).</summary>
    [Range(1, 256)]
    public int AckConcurrency { get; set; } = 64;

    /// <summary>
    /// How long a callback may wait for an acknowledgement slot before it is shed with 503 and <c>Retry-After</c>: well
    /// below what the platforms allow (WeCom waits 5 s for the answer).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:04")]
    public TimeSpan AckWaitBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Callbacks are shed (503, <c>Retry-After</c>) while the sampled inbox backlog is at least this (0: never).</summary>
    [Range(0, int.MaxValue)]
    public int MaxInboxBacklog { get; set; } = 100_000;

    /// <summary>Exponential backoff with up to 20 % jitter for the given (1-based) attempt.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * (1L << exponent)));
#pragma warning disable CA5394 // Jitter spreads retries; it is not security-sensitive.
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
    }
}
