using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Inbox;
using Bot.Tests.Support;

namespace Bot.Tests.Data;

/// <summary>Group commit of the callbacks' inbox inserts (issue 18): rows arriving together share one statement.</summary>
public sealed class WriteCoalescerTests
{
    [Fact]
    public async Task A_lone_row_is_written_at_once_by_its_own_caller()
    {
        var flushed = new List<IReadOnlyList<int>>();
        var coalescer = new WriteCoalescer<int>(rows => { flushed.Add(rows); return Task.FromResult<IReadOnlyList<bool>>([.. rows.Select(r => r > 0)]); },
            (_, _) => throw new InvalidOperationException("only inside a unit of work"), maxBatch: 10, flushers: 1);

        Assert.True(await coalescer.WriteAsync(7, CancellationToken.None));
        Assert.False(await coalescer.WriteAsync(-1, CancellationToken.None));

        Assert.Equal([7, -1], flushed.Select(f => Assert.Single(f)));
    }

    [Fact]
    public async Task Rows_arriving_during_a_flush_share_the_next_one_and_each_caller_gets_its_own_outcome()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var flushed = new List<IReadOnlyList<int>>();
        var coalescer = new WriteCoalescer<int>(async rows =>
        {
            lock (flushed)
            {
                flushed.Add(rows);
            }

            if (rows.Contains(0))
            {
                await first.Task; // the first flush is slow: everything else queues behind it
            }

            return [.. rows.Select(r => r % 2 == 0)];
        }, (_, _) => throw new InvalidOperationException("only inside a unit of work"), maxBatch: 20, flushers: 1);

        var lead = coalescer.WriteAsync(0, CancellationToken.None);
        var others = Enumerable.Range(1, 30).Select(i => coalescer.WriteAsync(i, CancellationToken.None)).ToArray();
        first.SetResult();
        var results = await Task.WhenAll(others);

        Assert.True(await lead);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => i % 2 == 0), results);
        Assert.Equal(31, flushed.Sum(f => f.Count));
        Assert.Equal(3, flushed.Count); // [0], then 20 and 10 of the 30 that waited
        Assert.All(flushed, f => Assert.True(f.Count <= 20));
    }

    [Fact]
    public async Task A_failed_flush_fails_only_its_own_rows()
    {
        var coalescer = new WriteCoalescer<int>(rows => rows.Contains(13)
                ? throw new TimeoutException("数据库超时")
                : Task.FromResult<IReadOnlyList<bool>>([.. rows.Select(_ => true)]),
            (_, _) => throw new InvalidOperationException("only inside a unit of work"), maxBatch: 1, flushers: 1);

        await Assert.ThrowsAsync<TimeoutException>(() => coalescer.WriteAsync(13, CancellationToken.None));
        Assert.True(await coalescer.WriteAsync(14, CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Callbacks_arriving_together_are_stored_once_each_with_a_statement_per_flush(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var inbox = (InboxRepository)db.Get<IInboxRepository>();
        var statements = ((DbConnectionFactory)db.Get<IDbConnectionFactory>()).Statements;
        var before = statements.Count();

        // 150 callbacks at once; every fifth is a platform redelivery of an earlier message (same message id).
        var calls = Enumerable.Range(0, 150).Select(i => Task.Run(() => inbox.TryAddAsync(new InboxMessage
        {
            Platform = "wecom", MessageId = $"m{(i % 5 == 4 ? i - 1 : i)}", ChatId = "群1", SenderId = $"u{i % 7}", SenderName = "王强",
            Text = $"今天走访企业{i}家", Raw = "{}",
        }))).ToArray();
        var added = await Task.WhenAll(calls);
        var spent = statements.Count() - before;

        Assert.Equal(120, added.Count(a => a));
        var stored = await inbox.ClaimAsync("test", 500, TimeSpan.FromMinutes(1));
        Assert.Equal(120, stored.Count);
        Assert.Equal(120, stored.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(150, inbox.Coalescer.Rows);

        // How many flushes this took depends on how the callers met (timing). On SQLite a flush is one statement; on
        // MariaDB a flush that met a duplicate adds a read of the stored keys and the insert of the others, and one
        // that then lost a race to the other flush (both held the same redelivered message) inserts row by row.
        if (provider == "Sqlite")
        {
            Assert.Equal(inbox.Coalescer.Flushes, spent);
        }
        else
        {
            Assert.InRange(spent, inbox.Coalescer.Flushes, inbox.Coalescer.Flushes * 3 + 150);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_holding_a_message_stored_before_stores_the_others(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var inbox = (InboxRepository)db.Get<IInboxRepository>();
        static InboxMessage Message(string id) => new() { Platform = "dingtalk", MessageId = id, ChatId = "群2", SenderId = "u1", SenderName = "李明", Text = "巡河一次", Raw = "{}" };
        Assert.True(await inbox.TryAddAsync(Message("old")));

        var results = await inbox.Coalescer.WriteAsync(Message("new1"), CancellationToken.None);
        var many = await Task.WhenAll(new[] { "new2", "old", "new3", "new3" }.Select(id => Task.Run(() => inbox.TryAddAsync(Message(id)))));

        Assert.True(results);
        Assert.Equal([true, false, true], [many[0], many[1], many[2] ^ many[3]]);
        Assert.Equal(4, (await inbox.ClaimAsync("test", 10, TimeSpan.FromMinutes(1))).Count);
    }
}
