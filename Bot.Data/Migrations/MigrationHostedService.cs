using Bot.Data.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Data.Migrations;

/// <summary>
/// Migrates the database before anything else starts; a failure stops the host. With <c>Database:MigrateOnStart</c>
/// off it still refuses a schema newer than this binary and warns about pending scripts.
/// </summary>
internal sealed class MigrationHostedService(Migrator migrator, IOptions<DatabaseOptions> options, ILogger<MigrationHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
            return;
        }

        var status = await migrator.StatusAsync(cancellationToken);
        if (status.TooNew)
        {
            throw new SchemaTooNewException(status.DatabaseVersion, status.BinaryVersion);
        }

        if (status.Pending.Count > 0)
        {
            MigrationLog.Pending(logger, status.Pending.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
