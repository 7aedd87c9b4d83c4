using System.Buffers;
using System.Collections.Frozen;

namespace Bot.Skills.Text;

/// <summary>
/// Finds many fixed words in a text in one pass: a vectorised jump to the next character that starts a word, then
/// the candidates starting with it (longest first). Replaces a long regex alternation or one IndexOf per word.
/// </summary>
internal sealed class WordMatcher
{
    private readonly SearchValues<char> _firstChars;
    private readonly FrozenDictionary<char, int[]> _byFirstChar;

    public WordMatcher(IEnumerable<string> words)
    {
        Words = [.. words.Where(w => w.Length > 0)];
        _byFirstChar = Enumerable.Range(0, Words.Length)
            .GroupBy(i => Words[i][0])
            .ToFrozenDictionary(g => g.Key, g => g.OrderByDescending(i => Words[i].Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    /// <summary>The words, indexed as reported by the search methods.</summary>
    public string[] Words { get; }

    /// <summary>
    /// The leftmost, then longest, word at or after <paramref name="from"/>; false when there is none.
    /// </summary>
    public bool Next(ReadOnlySpan<char> text, int from, out int start, out int word)
    {
        var i = from;
        while (i < text.Length)
        {
            var k = text[i..].IndexOfAny(_firstChars);
            if (k < 0)
            {
                break;
            }

            i += k;
            foreach (var w in _byFirstChar[text[i]])
            {
                if (text[i..].StartsWith(Words[w], StringComparison.Ordinal))
                {
                    start = i;
                    word = w;
                    return true;
                }
            }

            i++;
        }

        start = word = -1;
        return false;
    }

    /// <summary>Calls <paramref name="found"/> for every occurrence of every word (overlaps included).</summary>
    public void ForEach<TState>(ReadOnlySpan<char> text, ref TState state, FoundHandler<TState> found)
        where TState : allows ref struct
    {
        var i = 0;
        while (i < text.Length)
        {
            var k = text[i..].IndexOfAny(_firstChars);
            if (k < 0)
            {
                return;
            }

            i += k;
            foreach (var w in _byFirstChar[text[i]])
            {
                if (text[i..].StartsWith(Words[w], StringComparison.Ordinal))
                {
                    found(ref state, i, w);
                }
            }

            i++;
        }
    }

    /// <summary>True when any of the words occurs in the text.</summary>
    public bool ContainsAny(ReadOnlySpan<char> text) => Next(text, 0, out _, out _);

    /// <summary>The position of the first word in the text, or -1.</summary>
    public int IndexOfAny(ReadOnlySpan<char> text) => Next(text, 0, out var start, out _) ? start : -1;

    public delegate void FoundHandler<TState>(ref TState state, int start, int word)
        where TState : allows ref struct;
}
