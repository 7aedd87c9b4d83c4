using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Bot.Skills.Plans;

/// <summary>The text of an uploaded plan file, or why it cannot be read.</summary>
public sealed record PlanUpload(string? Text, string? Refusal)
{
    public bool IsReadable => Text is not null;
}

/// <summary>
/// Reads a plan document uploaded on the console or sent in a chat: <c>.txt</c> (UTF-8 or GB18030) and <c>.docx</c>
/// (the paragraphs and table rows of the body, one line each, through DocumentFormat.OpenXml). <c>.doc</c>, <c>.pdf</c>
/// and anything else are refused with a Chinese message saying what to send instead.
/// </summary>
public static class PlanUploads
{
    /// <summary>Largest plan file read (a plan of a hundred pages is well under 1 MB of .docx).</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    public const string UnsupportedFormat = "暂不支持该文件格式。请上传 .docx（Word 2007 及以上）或 .txt 文本文件；.doc 请在 Word 中“另存为 .docx”，.pdf 请复制文字另存为 .txt。";

    public static PlanUpload Read(string fileName, byte[] content)
    {
        if (content.Length == 0)
        {
            return new PlanUpload(null, "文件是空的，请重新选择方案文件。");
        }

        if (content.Length > MaxBytes)
        {
            return new PlanUpload(null, $"文件过大（{content.Length / 1024 / 1024} MB），方案文件不能超过 {MaxBytes / 1024 / 1024} MB。");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        switch (extension)
        {
            case ".txt":
                return new PlanUpload(PlanDocuments.Decode(content), null);
            case ".docx":
                return ReadDocx(content);
            case ".doc":
                return new PlanUpload(null, "不支持旧版 Word（.doc）文件。请在 Word 中打开后“另存为” .docx 格式再上传。");
            case ".pdf":
                return new PlanUpload(null, "不支持 PDF 文件：PDF 中的文字无法可靠读取。请上传方案的 .docx 原文件，或把文字复制后另存为 .txt 上传。");
            default:
                return new PlanUpload(null, UnsupportedFormat);
        }
    }

    private static PlanUpload ReadDocx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = 50_000_000 });
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return new PlanUpload(null, "这个 .docx 文件没有正文内容。");
            }

            var lines = new List<string>();
            foreach (var element in body.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        lines.AddRange(TextOf(paragraph).Split('\n'));
                        break;
                    case Table table:
                        foreach (var row in table.Elements<TableRow>())
                        {
                            lines.Add(string.Join('\t', row.Elements<TableCell>().Select(cell =>
                                string.Join(' ', cell.Elements<Paragraph>().Select(TextOf)).Replace('\n', ' ').Trim())));
                        }

                        break;
                }
            }

            return new PlanUpload(string.Join('\n', lines), null);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or FileFormatException)
        {
            return new PlanUpload(null, "无法读取这个 .docx 文件（文件可能已损坏或并非 Word 文档）。请在 Word 中重新保存后上传，或另存为 .txt。");
        }
    }

    /// <summary>A paragraph's text: runs in order, tabs as \t, line breaks as \n (deleted revisions left out).</summary>
    private static string TextOf(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var descendant in paragraph.Descendants())
        {
            switch (descendant)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t when t.Parent is not DeletedRun:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }
}
