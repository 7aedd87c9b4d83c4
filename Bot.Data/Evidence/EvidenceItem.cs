using Bot.Data.Common;

namespace Bot.Data.Evidence;

/// <summary>Kinds of evidence.</summary>
public static class EvidenceKinds
{
    public const string Image = "image";
    public const string File = "file";
}

/// <summary>
/// One photo or file kept as evidence: the bytes are in the evidence store under <see cref="Sha256"/> (the same bytes
/// sent twice are stored once); this row says where they came from and what they prove (a report, a task).
/// </summary>
public sealed class EvidenceItem
{
    public long Id { get; set; }

    /// <summary>Unique origin, e.g. <c>inbox:12:0</c> or <c>task:5:SHA</c>: recording the same origin twice keeps one row.</summary>
    public string SourceKey { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public long SizeBytes { get; set; }

    public string ContentType { get; set; } = "";

    public string Kind { get; set; } = EvidenceKinds.Image;

    public string? FileName { get; set; }

    public string? Platform { get; set; }

    public string? ChatId { get; set; }

    public string? SenderId { get; set; }

    public long? InboxId { get; set; }

    public long? ReportId { get; set; }

    public long? TaskId { get; set; }

    /// <summary>The console user who uploaded it (null for media from a chat).</summary>
    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A platform media item to fetch (a row of the durable download queue).</summary>
public sealed class EvidenceDownload : LeasedRow
{
    public long Id { get; set; }

    /// <summary><c>inbox:{id}:{n}</c>: the same message processed twice queues each item once.</summary>
    public string DedupeKey { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Kind { get; set; } = EvidenceKinds.Image;

    /// <summary>WeCom MediaId, WeCom robot image URL, or DingTalk downloadCode (with the robot code after a tab).</summary>
    public string MediaRef { get; set; } = "";

    public string? FileName { get; set; }

    public string? ChatId { get; set; }

    public string SenderId { get; set; } = "";

    public long? InboxId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
