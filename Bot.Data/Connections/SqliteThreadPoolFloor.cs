using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Data.Connections;

/// <summary>
/// With SQLite, raises the thread pool's minimum worker threads to <see cref="DatabaseOptions.SqliteMinWorkerThreads"/>
/// at start-up (off by default): commands waiting for SQLite's single writer block their threads (the driver's busy
/// handler sleeps). The process's own writers queue on <see cref="SqliteWriteGate"/> instead, so this only matters when
/// another process writes to the same file a lot while the host is under load.
/// </summary>
internal sealed class SqliteThreadPoolFloor(IOptions<DatabaseOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Apply(options.Value);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Raises the floor for SQLite (never lowers it); true when the pool now keeps at least that many threads.</summary>
    internal static bool Apply(DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite || options.SqliteMinWorkerThreads <= 0)
        {
            return false;
        }

        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        return workers >= options.SqliteMinWorkerThreads || ThreadPool.SetMinThreads(options.SqliteMinWorkerThreads, completionPorts);
    }
}
