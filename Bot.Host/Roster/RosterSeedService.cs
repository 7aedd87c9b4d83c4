using Bot.Data.Members;
using Bot.Host.Hosting;
using Bot.Skills.Roster;
using Microsoft.Extensions.Options;

namespace Bot.Host.Roster;

/// <summary>The roster file loaded on first start (<c>Plan:Roster</c>, default the demo roster).</summary>
public sealed class RosterSeedOptions
{
    public const string SectionName = "Plan";

    public string? Roster { get; set; } = "seeds/roster.csv";
}

/// <summary>Loads the roster file on first start, when the database has no members yet.</summary>
internal sealed class RosterSeedService(
    IMemberRepository members,
    RosterImporter importer,
    StartupSeedLock seedLock,
    IOptions<RosterSeedOptions> options,
    IHostEnvironment environment,
    ILogger<RosterSeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var file = options.Value.Roster;
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        // Hosts started together take turns: the first seeds, the next finds the roster there.
        await using var turn = await seedLock.AcquireAsync(cancellationToken);
        if ((await members.ListAsync(cancellationToken)).Count > 0)
        {
            return;
        }

        var path = Path.IsPathRooted(file) ? file : Path.Combine(environment.ContentRootPath, file);
        if (!File.Exists(path))
        {
            RosterLog.FileMissing(logger, path);
            return;
        }

        var result = await importer.ImportFileAsync(path, "system", cancellationToken);
        RosterLog.Seeded(logger, path, result.Added, result.Errors.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
