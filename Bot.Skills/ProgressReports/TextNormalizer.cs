namespace Bot.Skills.ProgressReports;

/// <summary>
/// Brings a chat message to the form the rules read: full-width ASCII (digits, letters, ，：；（）？！) folded to
/// half-width, every kind of space to ' ', zero-width characters and CR dropped, and leading @-mentions removed.
/// </summary>
public static class TextNormalizer
{
    private const int MaxMentionLength = 24;

    /// <summary>Normalises <paramref name="text"/>; allocates one string at most.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var span = text.AsSpan();
        var start = SkipMentions(span);
        var end = span.Length;
        while (end > start && IsSpaceLike(span[end - 1]))
        {
            end--;
        }

        if (start >= end)
        {
            return "";
        }

        var slice = span[start..end];
        if (!NeedsFolding(slice))
        {
            return start == 0 && end == span.Length ? text : slice.ToString();
        }

        return string.Create(CountKept(slice), (text, start, end), static (dest, state) =>
        {
            var source = state.text.AsSpan(state.start, state.end - state.start);
            var j = 0;
            foreach (var c in source)
            {
                if (IsDropped(c))
                {
                    continue;
                }

                dest[j++] = Fold(c);
            }
        });
    }

    /// <summary>Folds one character: full-width ASCII to ASCII, spaces to ' ' (newlines kept).</summary>
    public static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return (char)(c - 0xFEE0);
        }

        if (c == '\n')
        {
            return c;
        }

        return char.IsWhiteSpace(c) ? ' ' : c;
    }

    private static bool IsDropped(char c) => c is '\r' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    private static bool IsSpaceLike(char c) => char.IsWhiteSpace(c) || IsDropped(c);

    private static bool NeedsFolding(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is >= '\uFF01' and <= '\uFF5E' || IsDropped(c) || (c != ' ' && c != '\n' && char.IsWhiteSpace(c)))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountKept(ReadOnlySpan<char> s)
    {
        var n = 0;
        foreach (var c in s)
        {
            if (!IsDropped(c))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Skips leading whitespace and @-mentions ("@铁西小助手 ", "＠小助手\u2005"); returns the first kept index.</summary>
    private static int SkipMentions(ReadOnlySpan<char> s)
    {
        var i = 0;
        while (true)
        {
            while (i < s.Length && IsSpaceLike(s[i]))
            {
                i++;
            }

            if (i >= s.Length || (s[i] != '@' && s[i] != '＠'))
            {
                return i;
            }

            // A mention runs to the next space; without one (\"@铁西小助手汇报：…\") it ends after 助手/机器人/bot.
            var j = i + 1;
            while (j < s.Length && j - i <= MaxMentionLength && !IsSpaceLike(s[j]) && s[j] != '@' && s[j] != '＠')
            {
                j++;
            }

            if (j < s.Length && j - i <= MaxMentionLength)
            {
                i = j;
                continue;
            }

            var mention = s[(i + 1)..Math.Min(s.Length, i + 1 + MaxMentionLength)];
            var cut = EndOfBotName(mention);
            if (cut <= 0)
            {
                // An address we cannot delimit: keep the text as it is (minus the '@').
                return i + 1;
            }

            i += 1 + cut;
        }
    }

    /// <summary>
    /// True when the message opens with @-mentions of people and none of the bot (“@马晓东 马局 明天的照片发群里”): talk
    /// between colleagues that the bot overhears. A mention of the bot anywhere in the opening (“@铁西小助手 @高玉梅 …”), or
    /// an opening mention that cannot be delimited, makes it false.
    /// </summary>
    public static bool AddressesOnlyOthers(ReadOnlySpan<char> s)
    {
        var i = 0;
        var people = 0;
        while (true)
        {
            while (i < s.Length && IsSpaceLike(s[i]))
            {
                i++;
            }

            if (i >= s.Length || (s[i] != '@' && s[i] != '＠'))
            {
                return people > 0;
            }

            var j = i + 1;
            while (j < s.Length && j - i <= MaxMentionLength && !IsSpaceLike(s[j]) && s[j] != '@' && s[j] != '＠')
            {
                j++;
            }

            if (j >= s.Length || j - i > MaxMentionLength || j == i + 1 || EndOfBotName(s[(i + 1)..j]) > 0)
            {
                return false;
            }

            people++;
            i = j;
        }
    }

    private static int EndOfBotName(ReadOnlySpan<char> mention)
    {
        ReadOnlySpan<string> suffixes = ["小助手", "助手", "机器人", "Bot", "bot", "BOT"];
        foreach (var suffix in suffixes)
        {
            var k = mention.IndexOf(suffix, StringComparison.Ordinal);
            if (k >= 0)
            {
                return k + suffix.Length;
            }
        }

        return -1;
    }
}
