namespace Bot.Skills.Evidence;

/// <summary>The <c>Evidence</c> section: where photos and files are kept, what is accepted, and for how long.</summary>
public sealed class EvidenceOptions
{
    public const string SectionName = "Evidence";

    /// <summary>The local store's folder (relative to the content root).</summary>
    public string Folder { get; set; } = "data/evidence";

    /// <summary>Largest image accepted.</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest file (document) accepted.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>File name extensions accepted for files (images are recognised by their content, never by name).</summary>
    public List<string> AllowedFileExtensions { get; set; } = [".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".txt", ".zip", ".jpg", ".jpeg", ".png"];

    /// <summary>A picture or file arriving this long after a report of the same sender in the same chat attaches to it.</summary>
    public TimeSpan AttachWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Evidence older than this many days is deleted; 0 keeps it forever.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How long a signed evidence link in the ledger stays valid.</summary>
    public int LinkDays { get; set; } = 30;

    /// <summary>Download attempts before a media item is given up (each retried with back-off).</summary>
    public int MaxDownloadAttempts { get; set; } = 12;
}
