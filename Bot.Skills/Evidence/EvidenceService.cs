using Bot.Data.Evidence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Skills.Evidence;

/// <summary>Where a piece of evidence came from and what it belongs to.</summary>
public sealed record EvidenceOrigin(string SourceKey, string? Platform = null, string? ChatId = null, string? SenderId = null,
    long? InboxId = null, long? ReportId = null, long? TaskId = null, string? CreatedBy = null, DateTimeOffset? At = null);

/// <summary>The outcome of keeping evidence: the stored row, or the Chinese reason it was refused (nothing stored).</summary>
public sealed record EvidenceOutcome(EvidenceItem? Item, string? Refusal);

/// <summary>
/// Checks and keeps photos and files: an image must be an image by its magic number and within
/// <see cref="EvidenceOptions.MaxImageBytes"/>; a file within <see cref="EvidenceOptions.MaxFileBytes"/> with an allowed
/// extension. Refused content is stored nowhere. Accepted bytes go to the <see cref="IEvidenceStore"/> (deduplicated by
/// SHA-256) and a row records the origin.
/// </summary>
public sealed class EvidenceService(IEvidenceStore store, IEvidenceRepository evidence, IOptions<EvidenceOptions> options, TimeProvider time, ILogger<EvidenceService> logger)
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp" };

    public EvidenceOptions Options => options.Value;

    public async Task<EvidenceOutcome> KeepAsync(string kind, byte[] content, string? fileName, EvidenceOrigin origin, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        string contentType;
        if (kind == EvidenceKinds.Image)
        {
            if (content.Length > settings.MaxImageBytes)
            {
                return Refuse($"图片过大（{Mb(content.Length)}），单张图片不能超过 {Mb(settings.MaxImageBytes)}，未保存。请压缩后重新发送。");
            }

            contentType = EvidenceContent.ImageType(content) ?? "";
            if (contentType.Length == 0)
            {
                return Refuse("收到的“图片”不是有效的图片文件（仅支持 JPG、PNG、GIF、WEBP、BMP），未保存。");
            }
        }
        else
        {
            if (content.Length > settings.MaxFileBytes)
            {
                return Refuse($"文件过大（{Mb(content.Length)}），不能超过 {Mb(settings.MaxFileBytes)}，未保存。");
            }

            var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
            if (!settings.AllowedFileExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                return Refuse($"不支持保存该类型的文件（{(extension.Length == 0 ? "无扩展名" : extension)}），未保存。支持：{string.Join(" ", settings.AllowedFileExtensions)}。");
            }

            contentType = EvidenceContent.FileType(content);
            if (ImageExtensions.Contains(extension) && !contentType.StartsWith("image/", StringComparison.Ordinal))
            {
                return Refuse("该文件名是图片，但内容不是有效的图片文件，未保存。");
            }
        }

        if (content.Length == 0)
        {
            return Refuse("收到的文件是空的，未保存。");
        }

        var sha = await store.PutAsync(content, cancellationToken);
        var item = new EvidenceItem
        {
            SourceKey = origin.SourceKey,
            Sha256 = sha,
            SizeBytes = content.Length,
            ContentType = contentType,
            Kind = kind,
            FileName = fileName is null ? null : Path.GetFileName(fileName),
            Platform = origin.Platform,
            ChatId = origin.ChatId,
            SenderId = origin.SenderId,
            InboxId = origin.InboxId,
            ReportId = origin.ReportId,
            TaskId = origin.TaskId,
            CreatedBy = origin.CreatedBy,
            CreatedAt = origin.At ?? time.GetUtcNow(),
        };
        item.Id = await evidence.AddAsync(item, cancellationToken);
        return new EvidenceOutcome(item, null);

        EvidenceOutcome Refuse(string reason)
        {
            EvidenceLog.Refused(logger, origin.SourceKey, reason);
            return new EvidenceOutcome(null, reason);
        }
    }

    /// <summary>Deletes evidence older than <see cref="EvidenceOptions.RetentionDays"/>; bytes go when no row points at them.</summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var removed = 0;
        foreach (var item in await evidence.ListOlderThanAsync(time.GetUtcNow().AddDays(-days), 1000, cancellationToken))
        {
            await evidence.DeleteAsync(item.Id, cancellationToken);
            if (await evidence.CountBySha256Async(item.Sha256, cancellationToken) == 0)
            {
                await store.DeleteAsync(item.Sha256, cancellationToken);
            }

            removed++;
        }

        return removed;
    }

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
