using Bot.Data.Evidence;
using Bot.Host.Dashboard.Html;

namespace Bot.Host.Dashboard.Pages;

/// <summary>Evidence on a page: thumbnails of photos (each links to the full picture) and links to files.</summary>
public static class EvidenceHtml
{
    public static HtmlContent Gallery(IReadOnlyList<EvidenceItem> items) =>
        items.Count == 0
            ? new HtmlContent("<p class=\"muted\">暂无佐证材料。</p>")
            : HtmlContent.Format($"""<div class="evidence">{items.Select(e => e.Kind == EvidenceKinds.Image
                ? HtmlContent.Format($"""<a href="/evidence/{e.Id}" class="thumb" data-evidence="{e.Id}"><img src="/evidence/{e.Id}" alt="照片 {e.FileName ?? e.Sha256[..8]}" loading="lazy"></a>""")
                : HtmlContent.Format($"""<a href="/evidence/{e.Id}" class="file" data-evidence="{e.Id}" download>📎 {e.FileName ?? "文件"}（{e.SizeBytes / 1024} KB）</a>"""))}</div>""");
}
