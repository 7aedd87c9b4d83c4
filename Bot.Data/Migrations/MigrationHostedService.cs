using Bot.Data.Connections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bot.Data.Migrations;

/// <summary>Migrates the database before anything else starts; a failure stops the host.</summary>
internal sealed class MigrationHostedService(Migrator migrator, IOptions<DatabaseOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
