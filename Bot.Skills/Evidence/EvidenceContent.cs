namespace Bot.Skills.Evidence;

/// <summary>What some bytes are, by their first bytes (magic numbers), never by their name.</summary>
public static class EvidenceContent
{
    /// <summary>image/jpeg, image/png, image/gif, image/webp or image/bmp; null when the bytes are no image of these.</summary>
    public static string? ImageType(ReadOnlySpan<byte> b) =>
        b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 8 && b[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : b.Length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8' && (b[4] == '7' || b[4] == '9') && b[5] == 'a' ? "image/gif"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : b.Length >= 2 && b[0] == 'B' && b[1] == 'M' ? "image/bmp"
        : null;

    /// <summary>The content type a file is served with: images by content, everything else as a download.</summary>
    public static string FileType(ReadOnlySpan<byte> b) =>
        ImageType(b) ?? (b.Length >= 5 && b[..5].SequenceEqual("%PDF-"u8) ? "application/pdf" : "application/octet-stream");
}
