using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Bot.Data.Evidence;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Host.Channels.WeCom;

namespace Bot.Host.Evidence;

/// <summary>One picture or file a message carries, as the platform names it.</summary>
public sealed record MediaReference(string Kind, string MediaRef, string? FileName);

/// <summary>
/// Finds the media of a stored message in its raw payload: WeCom app messages (XML) by <c>MediaId</c>, WeCom
/// intelligent-robot messages (JSON) by <c>image.url</c>/<c>file.url</c> and the images of <c>mixed</c>, DingTalk robot
/// messages (JSON) by the <c>downloadCode</c> of pictures, rich-text pictures and files (with the robot code after a tab).
/// </summary>
public static class MediaReferences
{
    private static readonly XmlReaderSettings SafeXml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };

    public static IReadOnlyList<MediaReference> Of(InboxMessage message)
    {
        if (string.IsNullOrEmpty(message.Raw))
        {
            return [];
        }

        try
        {
            return message.Platform switch
            {
                Platforms.WeCom when message.MessageId.StartsWith(WeComInbound.AppIdPrefix, StringComparison.Ordinal) => WeComApp(message.Raw),
                Platforms.WeCom => WeComRobot(message.Raw),
                Platforms.DingTalk => DingTalk(message.Raw),
                _ => [],
            };
        }
        catch (Exception ex) when (ex is JsonException or XmlException or InvalidOperationException)
        {
            return [];
        }
    }

    private static List<MediaReference> WeComApp(string raw)
    {
        using var reader = XmlReader.Create(new StringReader(raw), SafeXml);
        var xml = XDocument.Load(reader).Root;
        var type = xml?.Element("MsgType")?.Value;
        var mediaId = xml?.Element("MediaId")?.Value;
        return type switch
        {
            "image" when !string.IsNullOrEmpty(mediaId) => [new MediaReference(EvidenceKinds.Image, mediaId, null)],
            "file" when !string.IsNullOrEmpty(mediaId) => [new MediaReference(EvidenceKinds.File, mediaId, xml?.Element("Title")?.Value ?? xml?.Element("FileName")?.Value)],
            _ => [],
        };
    }

    private static List<MediaReference> WeComRobot(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        var found = new List<MediaReference>();
        void Add(JsonElement item, string kind, string property)
        {
            if (item.TryGetProperty(property, out var media) && media.ValueKind == JsonValueKind.Object &&
                media.TryGetProperty("url", out var url) && url.GetString() is { Length: > 0 } link)
            {
                found.Add(new MediaReference(kind, link, media.TryGetProperty("filename", out var name) ? name.GetString() : null));
            }
        }

        Add(root, EvidenceKinds.Image, "image");
        Add(root, EvidenceKinds.File, "file");
        if (root.TryGetProperty("mixed", out var mixed) && mixed.TryGetProperty("msg_item", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                Add(item, EvidenceKinds.Image, "image");
            }
        }

        return found;
    }

    private static List<MediaReference> DingTalk(string raw)
    {
        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        var robot = root.TryGetProperty("robotCode", out var code) ? code.GetString() : null;
        var type = root.TryGetProperty("msgtype", out var t) ? t.GetString() : null;
        var found = new List<MediaReference>();
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return found;
        }

        string Ref(string download) => robot is null ? download : $"{download}\t{robot}";
        switch (type)
        {
            case "picture" when content.TryGetProperty("downloadCode", out var d) && d.GetString() is { Length: > 0 } picture:
                found.Add(new MediaReference(EvidenceKinds.Image, Ref(picture), null));
                break;
            case "file" when content.TryGetProperty("downloadCode", out var d) && d.GetString() is { Length: > 0 } file:
                found.Add(new MediaReference(EvidenceKinds.File, Ref(file), content.TryGetProperty("fileName", out var n) ? n.GetString() : null));
                break;
            case "richText" when content.TryGetProperty("richText", out var items) && items.ValueKind == JsonValueKind.Array:
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("downloadCode", out var rd) && rd.GetString() is { Length: > 0 } inline)
                    {
                        found.Add(new MediaReference(EvidenceKinds.Image, Ref(inline), null));
                    }
                }

                break;
        }

        return found;
    }
}
