using System.Globalization;
using Bot.Data.Evidence;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;
using Bot.Host.Dashboard.Admin;
using Bot.Skills.Evidence;
using Microsoft.Extensions.Options;

namespace Bot.Host.Evidence;

/// <summary>
/// Called by the inbox worker after a message was routed: queues a durable download for each picture or file the
/// message carries (so a platform outage loses nothing), and attaches to a report made from this message the sender's
/// evidence that arrived shortly before it in the same chat.
/// </summary>
public sealed class EvidenceCapture(IEvidenceDownloadQueue downloads, IEvidenceRepository evidence, IProgressReportRepository reports, IOptions<EvidenceOptions> options, EvidenceSignal signal)
{
    public Task CaptureAsync(InboxMessage message, CancellationToken cancellationToken) =>
        CaptureAsync(message, MediaReferences.Of(message), cancellationToken);

    /// <summary>As <see cref="CaptureAsync(InboxMessage, CancellationToken)"/>, with the media the caller already read.</summary>
    public async Task CaptureAsync(InboxMessage message, IReadOnlyList<MediaReference> media, CancellationToken cancellationToken)
    {
        if (message.Platform == Platforms.Sandbox)
        {
            return;
        }

        for (var i = 0; i < media.Count; i++)
        {
            await downloads.EnqueueAsync(new EvidenceDownload
            {
                DedupeKey = $"inbox:{message.Id.ToString(CultureInfo.InvariantCulture)}:{i.ToString(CultureInfo.InvariantCulture)}",
                Platform = message.Platform,
                Kind = media[i].Kind,
                MediaRef = media[i].MediaRef,
                FileName = media[i].FileName,
                ChatId = message.ChatId,
                SenderId = message.SenderId,
                InboxId = message.Id,
                ReceivedAt = message.ReceivedAt,
            }, cancellationToken);
        }

        if (media.Count > 0)
        {
            signal.Notify();
            InboxBatchReads.NoteEvidence(message);
        }

        // Skipped (no statement) when the batch's reads show the sender has nothing to attach.
        if (InboxBatchReads.MayHaveUnclaimedEvidence(message) && await reports.FindByInboxAsync(message.Id, cancellationToken) is { } report)
        {
            await evidence.AttachUnclaimedAsync(message.Platform, message.ChatId, message.SenderId,
                message.ReceivedAt - options.Value.AttachWindow, message.ReceivedAt, report.Id, cancellationToken);
        }
    }
}

/// <summary>Wakes the download worker when something was queued.</summary>
public sealed class EvidenceSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>
/// Works off the download queue: fetches each media item from its platform (WeCom <c>media/get</c>, the robot's
/// encrypted URL decrypted with its EncodingAESKey, DingTalk <c>messageFiles/download</c>), keeps it through
/// <see cref="EvidenceService"/> and attaches it to the report of the same message, else to the sender's latest report
/// in the chat within <see cref="EvidenceOptions.AttachWindow"/>. A refused item (too large, not an image) is stored
/// nowhere and the sender is told why; a failed download is retried with back-off; a crash leaves the row leased, and
/// it is claimed again when the lease ends.
/// </summary>
public sealed class EvidenceDownloadWorker(
    IEvidenceDownloadQueue queue,
    EvidenceService evidence,
    IEvidenceRepository items,
    IServiceProvider services,
    ChatNotifier notifier,
    EvidenceSignal signal,
    IOptions<WeComOptions> wecom,
    TimeProvider time,
    ILogger<EvidenceDownloadWorker> logger) : BackgroundService
{
    private readonly string _worker = $"{Environment.MachineName}-{Environment.ProcessId}-evidence";
    private DateTimeOffset _nextRetentionSweep;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepRetentionWhenDueAsync(stoppingToken);
                if (await ProcessBatchAsync(stoppingToken) == 0)
                {
                    await signal.WaitAsync(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                EvidenceLog.BatchFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>Applies <see cref="EvidenceOptions.RetentionDays"/> once an hour (a no-op while it is 0).</summary>
    private async Task SweepRetentionWhenDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now < _nextRetentionSweep)
        {
            return;
        }

        _nextRetentionSweep = now + TimeSpan.FromHours(1);
        var removed = await evidence.ApplyRetentionAsync(cancellationToken);
        if (removed > 0)
        {
            EvidenceLog.RetentionApplied(logger, removed, evidence.Options.RetentionDays);
        }
    }

    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await queue.ClaimAsync(_worker, 8, TimeSpan.FromMinutes(2), cancellationToken);
        foreach (var download in batch)
        {
            try
            {
                await ProcessAsync(download, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad item never holds up the others: it is retried later like a failed download.
                EvidenceLog.DownloadCrashed(logger, ex, download.DedupeKey);
                await queue.RescheduleAsync(download.Id, download.LeaseOwner!, ex.GetType().Name + ": " + ex.Message, NextAttempt(download, retry: true), cancellationToken);
            }
        }

        return batch.Count;
    }

    /// <summary>When to try a failed download again (1, 2, 4 … s, at most 10 min apart), or null to give up.</summary>
    private DateTimeOffset? NextAttempt(EvidenceDownload download, bool retry) =>
        !retry || download.Attempts >= evidence.Options.MaxDownloadAttempts
            ? null
            : time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, download.Attempts)));

    private async Task ProcessAsync(EvidenceDownload download, CancellationToken cancellationToken)
    {
        var (content, error, retry) = await FetchAsync(download, cancellationToken);
        if (content is null)
        {
            var next = NextAttempt(download, retry);
            EvidenceLog.DownloadFailed(logger, download.DedupeKey, download.Platform, download.Attempts, error);
            await queue.RescheduleAsync(download.Id, download.LeaseOwner!, error ?? "download failed", next, cancellationToken);
            return;
        }

        if (await services.GetRequiredService<Plans.ChatPlanFiles>().TryStageAsync(download, content, cancellationToken))
        {
            await queue.CompleteAsync(download.Id, download.LeaseOwner!, cancellationToken);
            return;
        }

        var outcome = await evidence.KeepAsync(download.Kind, content, download.FileName, new EvidenceOrigin(
            download.DedupeKey, download.Platform, download.ChatId, download.SenderId, download.InboxId, At: download.ReceivedAt), cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            await notifier.ReplyAsync(download.InboxId, refusal, $"evidence-refused:{download.DedupeKey}", cancellationToken);
        }
        else if (outcome.Item is { ReportId: null } item)
        {
            var reports = services.GetRequiredService<IProgressReportRepository>();
            var report = download.InboxId is long inboxId ? (await reports.FindByInboxAsync(inboxId, cancellationToken))?.Id : null;
            report ??= await items.FindReportForAsync(download.Platform, download.ChatId, download.SenderId,
                download.ReceivedAt - evidence.Options.AttachWindow, download.ReceivedAt, cancellationToken);
            if (report is long id)
            {
                await items.SetReportAsync(item.Id, id, cancellationToken);
            }
        }

        await queue.CompleteAsync(download.Id, download.LeaseOwner!, cancellationToken);
    }

    private async Task<(byte[]? Content, string? Error, bool Retry)> FetchAsync(EvidenceDownload download, CancellationToken cancellationToken)
    {
        try
        {
            switch (download.Platform)
            {
                case Platforms.WeCom when Uri.TryCreate(download.MediaRef, UriKind.Absolute, out var url):
                {
                    var (cipher, result) = await services.GetRequiredService<WeComApiClient>().DownloadRobotMediaAsync(url, cancellationToken);
                    if (cipher is null)
                    {
                        return (null, result.ErrMsg, (int)result.Status is >= 500 or 429 or 408);
                    }

                    var key = wecom.Value.EffectiveAiBotEncodingAesKey;
                    return (new WeComCrypto("", key, "").DecryptMedia(cipher), null, false);
                }

                case Platforms.WeCom:
                {
                    var (content, result) = await services.GetRequiredService<WeComApiClient>().DownloadMediaAsync(download.MediaRef, cancellationToken);
                    return (content, content is null ? $"errcode {result.ErrCode} {result.ErrMsg}" : null, result.ErrCode is not (40007 or -2));
                }

                case Platforms.DingTalk:
                {
                    var parts = download.MediaRef.Split('\t', 2);
                    var (content, result) = await services.GetRequiredService<DingTalkApiClient>().DownloadMessageFileAsync(parts[0], parts.Length > 1 ? parts[1] : null, cancellationToken);
                    return (content, result.Error, result.Retry);
                }

                default:
                    return (null, $"no downloader for {download.Platform}", false);
            }
        }
        catch (WeComCryptoException ex)
        {
            return (null, "robot media could not be decrypted: " + ex.Message, false);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message, true);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout: " + ex.Message, true);
        }
    }
}
