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
    IOptions<PlanOptions> options,
    IHostEnvironment environment,
    ILogger<PlanImportHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var document = options.Value.Document;
        if (string.IsNullOrWhiteSpace(document))
        {
            logger.LogInformation("Plan:Document is empty; no plan imported at start-up");
            return;
        }

        var path = Path.IsPathRooted(document) ? document : Path.GetFullPath(Path.Combine(environment.ContentRootPath, document));
        if (!File.Exists(path))
        {
            logger.LogWarning("Plan document {Path} not found; no plan imported at start-up", path);
            return;
        }

        try
        {
            var text = await PlanDocuments.ReadTextAsync(path, cancellationToken);
            await plans.ImportAsync(text, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Importing the plan document {Path} failed", path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
