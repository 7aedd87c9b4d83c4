using Bot.Skills.Plans;
using Microsoft.Extensions.Options;

namespace Bot.Host.Plans;

/// <summary>
/// Imports <c>Plan:Document</c> (relative to the content root) at start-up, after the migrations: the first start
/// stores the seed plan and its tasks, later starts change nothing unless the document changed (a new version).
/// A missing file or a failed import is logged and does not stop the bot.
/// </summary>
internal sealed class PlanImportHostedService(
    IPlanService plans,
    Hosting.StartupSeedLock seedLock,
    IOptions<PlanOptions> options,
    IHostEnvironment environment,
    ILogger<PlanImportHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var document = options.Value.Document;
        if (string.IsNullOrWhiteSpace(document))
        {
            PlanLog.NoDocument(logger);
            return;
        }

        var path = Path.IsPathRooted(document) ? document : Path.GetFullPath(Path.Combine(environment.ContentRootPath, document));
        if (!File.Exists(path))
        {
            PlanLog.DocumentMissing(logger, path);
            return;
        }

        try
        {
            // Hosts started together take turns: the first imports, the next finds the same document already stored.
            await using var turn = await seedLock.AcquireAsync(cancellationToken);
            var text = await PlanDocuments.ReadTextAsync(path, cancellationToken);
            await plans.ImportAsync(text, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PlanLog.ImportFailed(logger, ex, path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
