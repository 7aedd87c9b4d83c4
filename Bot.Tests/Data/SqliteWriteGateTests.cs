using Bot.Data.Connections;
using Bot.Data.Members;
using Bot.Data.Units;
using Bot.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Data;

/// <summary>
/// SQLite's writers of this process queue on an async gate (one per database file) instead of busy-waiting inside
/// SQLite; whatever way a write ends (commit, rollback, exception, cancellation), the next writer gets its turn. MariaDB
/// has no gate and the same behaviour.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_exception_inside_a_unit_rolls_it_back_leaves_no_transaction_open_and_lets_the_next_writer_in(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var unit = UnitOfWork.Begin(db.Get<IDbConnectionFactory>());
            await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
            Assert.True(GateHeld(db) ?? true);
            throw new InvalidOperationException("the router failed");
        });

        await AssertRolledBackAndTheNextWriterGetsInAsync(db, units);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_cancelled_commit_rolls_the_unit_back_leaves_no_transaction_open_and_lets_the_next_writer_in(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();

        await using (var unit = UnitOfWork.Begin(db.Get<IDbConnectionFactory>()))
        {
            await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
            using var stopping = new CancellationTokenSource();
            await stopping.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => unit.CommitAsync(stopping.Token));
        }

        await AssertRolledBackAndTheNextWriterGetsInAsync(db, units);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_cancelled_while_it_queues_for_the_gate_takes_no_turn(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();

        await using (var holder = UnitOfWork.Begin(db.Get<IDbConnectionFactory>()))
        {
            await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
            if (provider == nameof(DatabaseProvider.Sqlite))
            {
                // Another flow (no unit of its own) queues behind the holder, then gives up.
                using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                var queued = OutsideTheUnit(() => units.UpsertAsync(new Unit { Name = "区财政局", Type = UnitTypes.Department }, giveUp.Token));
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Patience));
            }

            await holder.CommitAsync();
        }

        Assert.False(GateHeld(db) ?? false);
        await units.UpsertAsync(new Unit { Name = "区农业农村局", Type = UnitTypes.Department }).WaitAsync(Patience);
        Assert.Equal(["区发改局", "区农业农村局"], (await units.ListAsync()).Select(u => u.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_repository_transaction_inside_a_unit_joins_it_without_waiting_for_itself(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();
        var members = db.Get<IMemberRepository>();
        var unitId = await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
        var memberId = await members.AddAsync(new Member { Name = "张三", Role = Roles.Department, UnitId = unitId });

        await using (var unit = UnitOfWork.Begin(db.Get<IDbConnectionFactory>()))
        {
            var second = await units.UpsertAsync(new Unit { Name = "区农业农村局", Type = UnitTypes.Department });
            // SetLedUnitsAsync begins its own transaction: inside the unit it joins the unit's, which holds the gate.
            await members.SetLedUnitsAsync(memberId, [unitId, second]).WaitAsync(Patience);
            await unit.CommitAsync();
        }

        Assert.False(GateHeld(db) ?? false);
        Assert.Equal(2, (await members.GetLedUnitsAsync(memberId)).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_repository_transaction_disposed_without_commit_lets_the_next_writer_in(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var connections = db.Get<IDbConnectionFactory>();

        await using (var connection = await connections.OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(
                "INSERT INTO units (name, aliases, type, created_at) VALUES (@Name, '[]', @Type, @CreatedAt)",
                new { Name = "区发改局", Type = UnitTypes.Department, CreatedAt = DateTimeOffset.UtcNow }, transaction);
            Assert.True(GateHeld(db) ?? true);
        }

        Assert.False(GateHeld(db) ?? false);
        await db.Get<IUnitRepository>().UpsertAsync(new Unit { Name = "区农业农村局", Type = UnitTypes.Department }).WaitAsync(Patience);
        Assert.Equal(["区农业农村局"], (await db.Get<IUnitRepository>().ListAsync()).Select(u => u.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_write_read_as_rows_holds_the_gate_until_its_reader_is_done(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var connections = db.Get<IDbConnectionFactory>();

        await using (var connection = await connections.OpenAsync())
        {
            var ids = (await connection.QueryAsync<long>(
                "INSERT INTO units (name, aliases, type, created_at) VALUES (@Name, '[]', @Type, @CreatedAt) RETURNING id",
                new { Name = "区发改局", Type = UnitTypes.Department, CreatedAt = DateTimeOffset.UtcNow })).AsList();
            Assert.Single(ids);
        }

        Assert.False(GateHeld(db) ?? false);
        Assert.Equal(["区发改局"], (await db.Get<IUnitRepository>().ListAsync()).Select(u => u.Name));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Many_concurrent_writers_all_succeed_and_every_row_is_stored(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var connections = db.Get<IDbConnectionFactory>();
        var units = db.Get<IUnitRepository>();
        await using var secondHost = db.CreateServices();
        var otherUnits = secondHost.GetRequiredService<IUnitRepository>();
        const int Writers = 48;

        // Units of work, auto-commit writes, repository transactions and a second host's writes, all at once.
        var work = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            switch (i % 4)
            {
                case 0:
                    await using (var unit = UnitOfWork.Begin(connections))
                    {
                        await units.UpsertAsync(new Unit { Name = $"单位{i}", Type = UnitTypes.Department });
                        await units.UpsertAsync(new Unit { Name = $"单位{i}乙", Type = UnitTypes.Department });
                        await unit.CommitAsync();
                    }

                    break;
                case 1:
                    await units.UpsertAsync(new Unit { Name = $"单位{i}", Type = UnitTypes.Department });
                    await units.UpsertAsync(new Unit { Name = $"单位{i}乙", Type = UnitTypes.Department });
                    break;
                case 2:
                    await using (var connection = await connections.OpenAsync())
                    {
                        await using var transaction = await connection.BeginTransactionAsync();
                        foreach (var name in new[] { $"单位{i}", $"单位{i}乙" })
                        {
                            await connection.ExecuteAsync(
                                "INSERT INTO units (name, aliases, type, created_at) VALUES (@Name, '[]', @Type, @CreatedAt)",
                                new { Name = name, Type = UnitTypes.Department, CreatedAt = DateTimeOffset.UtcNow }, transaction);
                        }

                        await transaction.CommitAsync();
                    }

                    break;
                default:
                    await otherUnits.UpsertAsync(new Unit { Name = $"单位{i}", Type = UnitTypes.Department });
                    await otherUnits.UpsertAsync(new Unit { Name = $"单位{i}乙", Type = UnitTypes.Department });
                    break;
            }
        })).ToList();
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.False(GateHeld(db) ?? false);
        var names = (await units.ListAsync()).Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(Writers * 2, names.Count);
        Assert.All(Enumerable.Range(0, Writers), i => Assert.Contains($"单位{i}乙", names));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_writer_queues_on_the_gate_until_the_unit_holding_it_commits(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var units = db.Get<IUnitRepository>();
        Task<long> queued;

        await using (var holder = UnitOfWork.Begin(db.Get<IDbConnectionFactory>()))
        {
            await units.UpsertAsync(new Unit { Name = "区发改局", Type = UnitTypes.Department });
            queued = OutsideTheUnit(() => units.UpsertAsync(new Unit { Name = "区农业农村局", Type = UnitTypes.Department }));
            if (db.Get<IDbConnectionFactory>() is DbConnectionFactory { WriteGate: { } gate })
            {
                // It waits on the gate (no thread held, no busy wait inside SQLite), not inside SQLite.
                var deadline = DateTime.UtcNow + Patience;
                while (gate.Waiting == 0 && !queued.IsCompleted && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(20);
                }

                Assert.False(queued.IsCompleted, "the second writer went ahead of the unit holding the gate");
                Assert.Equal(1, gate.Waiting);
            }

            await holder.CommitAsync();
        }

        await queued.WaitAsync(Patience);
        Assert.Equal(["区发改局", "区农业农村局"], (await units.ListAsync()).Select(u => u.Name));
    }

    [Fact]
    public void Factories_over_the_same_file_share_one_gate_and_other_files_have_their_own()
    {
        var folder = Directory.CreateTempSubdirectory("tiexibot-gate-").FullName;
        try
        {
            var one = SqliteWriteGate.For($"Data Source={Path.Combine(folder, "a.db")}");
            var same = SqliteWriteGate.For($"Data Source={Path.Combine(folder, ".", "a.db")};Cache=Shared");
            var other = SqliteWriteGate.For($"Data Source={Path.Combine(folder, "b.db")}");

            Assert.Same(one, same);
            Assert.NotSame(one, other);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_writer_that_waits_longer_than_the_command_timeout_fails_as_sqlite_busy()
    {
        var gate = SqliteWriteGate.For($"Data Source={Path.Combine(Path.GetTempPath(), $"tiexibot-gate-{Guid.NewGuid():N}.db")};Default Timeout=1");
        using var first = await gate.EnterAsync(CancellationToken.None);

        var busy = await Assert.ThrowsAsync<SqliteException>(async () => await gate.EnterAsync(CancellationToken.None));

        Assert.Equal(5, busy.SqliteErrorCode);
        first.Dispose();
        gate.Enter().Dispose();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task An_acknowledgement_writer_goes_before_the_writers_already_waiting_and_they_keep_their_order()
    {
        var gate = SqliteWriteGate.For($"Data Source={Path.Combine(Path.GetTempPath(), $"tiexibot-gate-{Guid.NewGuid():N}.db")}");
        var order = new List<string>();
        var holder = await gate.EnterAsync(CancellationToken.None);
        async Task WriteAsync(string name, bool urgent)
        {
            using var lease = await gate.EnterAsync(urgent, CancellationToken.None);
            lock (order)
            {
                order.Add(name);
            }
        }

        var unitA = WriteAsync("unit A", urgent: false);
        var unitB = WriteAsync("unit B", urgent: false);
        var ack1 = WriteAsync("ack 1", urgent: true);
        var ack2 = WriteAsync("ack 2", urgent: true);
        Assert.Equal(4, gate.Waiting);
        holder.Dispose();
        await Task.WhenAll(unitA, unitB, ack1, ack2);

        Assert.Equal(["ack 1", "ack 2", "unit A", "unit B"], order);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task An_acknowledgement_writer_that_gives_up_waiting_passes_its_turn_on()
    {
        var gate = SqliteWriteGate.For($"Data Source={Path.Combine(Path.GetTempPath(), $"tiexibot-gate-{Guid.NewGuid():N}.db")}");
        var holder = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var ack = gate.EnterAsync(true, cancel.Token).AsTask();
        var unit = gate.EnterAsync(CancellationToken.None).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ack);
        Assert.Equal(1, gate.Waiting);
        holder.Dispose();
        (await unit).Dispose();

        Assert.False(gate.IsHeld);
        Assert.Equal(0, gate.Waiting);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", true)]
    [InlineData("  update t SET a = 1", true)]
    [InlineData("SELECT 1; DELETE FROM t", true)]
    [InlineData("CREATE TABLE IF NOT EXISTS t (a)", true)]
    [InlineData("SELECT a FROM t WHERE b = 'UPDATE'", false)]
    [InlineData("SELECT COUNT(*) FROM t", false)]
    [InlineData(null, false)]
    public void Statements_that_can_change_data_take_the_gate(string? sql, bool write) =>
        Assert.Equal(write, SqliteWriteGate.IsWrite(sql));

    /// <summary>
    /// After a unit that wrote 区发改局 and did not commit: the gate is free, no transaction is left open (an idle pooled
    /// MariaDB connection must not keep one and its locks), the next write goes through and the unit's write is gone.
    /// </summary>
    private static async Task AssertRolledBackAndTheNextWriterGetsInAsync(TestDatabase db, IUnitRepository units)
    {
        Assert.False(GateHeld(db) ?? false);
        Assert.Equal(0, await OpenTransactionsAsync(db));
        await units.UpsertAsync(new Unit { Name = "区农业农村局", Type = UnitTypes.Department }).WaitAsync(Patience);
        Assert.Equal(["区农业农村局"], (await units.ListAsync()).Select(u => u.Name));
    }

    /// <summary>
    /// Transactions open on the test database, seen from outside the bot's pools (MariaDB: InnoDB's transactions of the
    /// connections on this database; SQLite: a write lock taken at once or not at all).
    /// </summary>
    private static async Task<int> OpenTransactionsAsync(TestDatabase db)
    {
        if (db.Provider == DatabaseProvider.MySql)
        {
            var outside = new MySqlConnector.MySqlConnectionStringBuilder(db.ConnectionString) { Pooling = false }.ConnectionString;
            await using var connection = new MySqlConnector.MySqlConnection(outside);
            await connection.OpenAsync();
            return await connection.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id " +
                "WHERE p.db = DATABASE() AND p.id <> CONNECTION_ID()");
        }

        var file = new SqliteConnectionStringBuilder(db.ConnectionString) { Pooling = false, DefaultTimeout = 1 }.ConnectionString;
        await using var sqlite = new SqliteConnection(file);
        await sqlite.OpenAsync();
        try
        {
            await sqlite.ExecuteAsync("BEGIN IMMEDIATE; ROLLBACK;");
            return 0;
        }
        catch (SqliteException)
        {
            return 1;
        }
    }

    /// <summary>Runs <paramref name="work"/> in a flow of its own (the unit's async-local scope does not flow into it), as another worker would.</summary>
    private static Task<T> OutsideTheUnit<T>(Func<Task<T>> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work);
        }
    }

    /// <summary>Whether the SQLite file's gate is held; null on MariaDB (no gate).</summary>
    private static bool? GateHeld(TestDatabase db) =>
        db.Get<IDbConnectionFactory>() is DbConnectionFactory { WriteGate: { } gate } ? gate.IsHeld : null;
}
