using System.Text;

namespace Bot.Host.Channels;

/// <summary>Splits long text into parts of at most N UTF-8 bytes, preferring line boundaries, never cutting a character.</summary>
public static class TextSplitter
{
    public static IReadOnlyList<string> Split(string text, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 4);
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return [text];
        }

        var parts = new List<string>();
        var current = new StringBuilder();
        var currentBytes = 0;
        foreach (var line in text.Split('\n'))
        {
            var piece = current.Length == 0 ? line : "\n" + line;
            var pieceBytes = Encoding.UTF8.GetByteCount(piece);
            if (currentBytes + pieceBytes <= maxBytes)
            {
                current.Append(piece);
                currentBytes += pieceBytes;
                continue;
            }

            if (current.Length > 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                currentBytes = 0;
            }

            // A single line longer than the limit is cut by characters (text elements are not split).
            var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(line);
            while (enumerator.MoveNext())
            {
                var element = enumerator.GetTextElement();
                var bytes = Encoding.UTF8.GetByteCount(element);
                if (currentBytes + bytes > maxBytes)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                    currentBytes = 0;
                }

                current.Append(element);
                currentBytes += bytes;
            }
        }

        if (current.Length > 0)
        {
            parts.Add(current.ToString());
        }

        return parts;
    }
}
