using Bot.Data.Connections;

namespace Bot.Tests.Data;

/// <summary>
/// SQLite's driver waits for the single writer on the calling thread; before the write gate the host had to keep many
/// pool threads ready (the load driver's 300 callbacks a second stalled it). The process's writers now queue on the gate,
/// so the floor is off unless configured (for another process writing a lot to the same file).
/// </summary>
public sealed class SqliteThreadPoolFloorTests
{
    [Fact]
    public void A_sqlite_host_keeps_at_least_the_configured_worker_threads_ready()
    {
        ThreadPool.GetMinThreads(out var before, out _);
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqliteMinWorkerThreads = before + 8 };

        Assert.True(SqliteThreadPoolFloor.Apply(options));

        ThreadPool.GetMinThreads(out var after, out _);
        Assert.True(after >= before + 8, $"min worker threads {after}, wanted at least {before + 8}");
    }

    [Fact]
    public void A_mariadb_host_or_a_floor_of_zero_leaves_the_thread_pool_as_it_is()
    {
        // (Other tests' hosts may raise the process-wide floor meanwhile, so only the decision is asserted.)
        Assert.False(SqliteThreadPoolFloor.Apply(new DatabaseOptions { Provider = DatabaseProvider.MySql, ConnectionString = "Server=x", SqliteMinWorkerThreads = 1000 }));
        Assert.False(SqliteThreadPoolFloor.Apply(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqliteMinWorkerThreads = 0 }));
    }

    [Fact]
    public void The_floor_is_off_by_default_now_that_writers_queue_on_the_gate() =>
        Assert.False(SqliteThreadPoolFloor.Apply(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));
}
