using Bot.Data.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Host.Telemetry;

/// <summary>
/// Reads the inbox/outbox backlog every <see cref="TelemetryOptions.BacklogSampleSeconds"/> for the depth and oldest-age
/// gauges, so that a scrape never waits on the database.
/// </summary>
public sealed class QueueBacklogSampler(IQueueBacklogQuery query, Bot.Host.Inbox.InboxAdmission admission, IOptions<TelemetryOptions> options, ILogger<QueueBacklogSampler> logger) : BackgroundService
{
    /// <summary>Reads the backlog once and publishes it to the gauges.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var (inbox, outbox) = await query.ReadAsync(cancellationToken);
        BotTelemetry.SetBacklog(inbox, outbox);
        admission.ObserveBacklog(inbox.Depth);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.BacklogSampleSeconds));
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                TelemetryLog.BacklogUnavailable(logger, ex.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
