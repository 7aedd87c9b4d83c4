using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// A report that corrects itself in the same message (…解决问题4个，刚才说错了，是解决问题5个; 培训2期…，说错了，是3期不是2期;
/// 提供岗位1.2万个？不对，是1200个) is the report with the corrected value: the count of the same measure word before the
/// marker takes the new number and the marker clause is dropped. A correction with no count before it (刚才说错了，是3家)
/// is left alone and stays a correction of an earlier message.
/// </summary>
internal static partial class InlineCorrection
{
    private static readonly System.Buffers.SearchValues<char> ClauseEnds = System.Buffers.SearchValues.Create(",.;。!?\n");

    /// <summary>Resolves an inline self-correction in normalised text; returns <paramref name="t"/> itself when there is none.</summary>
    public static string Resolve(string t)
    {
        // Cheap literal guard before any regex.
        var marker = t.IndexOf("说错", StringComparison.Ordinal);
        var markerEnd = marker >= 0 ? marker + 2 : -1;
        if (marker < 0)
        {
            marker = t.IndexOf("不对,", StringComparison.Ordinal);
            markerEnd = marker >= 0 ? marker + 3 : -1;
            if (marker < 0)
            {
                return t;
            }
        }

        // The clause of the marker starts after the last punctuation before it (…4个，刚才说错了 / …1.2万个？不对).
        var start = marker;
        while (start > 0 && ",.;。!?、 \n".IndexOf(t[start - 1], StringComparison.Ordinal) < 0)
        {
            start--;
        }

        if (marker - start > 4)
        {
            return t;
        }

        var before = t.AsSpan(0, start).TrimEnd(",.;。!?、 \n");
        var after = t.AsSpan(markerEnd);
        if (after.StartsWith("了", StringComparison.Ordinal))
        {
            after = after[1..];
        }

        after = after.TrimStart(", ");
        foreach (var lead in (ReadOnlySpan<string>)["应该是", "应是", "应为", "是"])
        {
            if (after.StartsWith(lead, StringComparison.Ordinal))
            {
                after = after[lead.Length..];
                break;
            }
        }

        // The corrected phrase runs to 不是 or the next punctuation; what follows the clause is kept.
        var phraseEnd = after.IndexOfAny(ClauseEnds);
        var clauseEnd = phraseEnd < 0 ? after.Length : phraseEnd;
        var phrase = after[..clauseEnd];
        var not = phrase.IndexOf("不是", StringComparison.Ordinal);
        if (not >= 0)
        {
            phrase = phrase[..not];
        }

        var corrected = CountWithMeasure().Match(phrase.ToString());
        if (!corrected.Success || before.IsEmpty)
        {
            return t;
        }

        var measure = corrected.Groups[2].Value;
        var beforeText = before.ToString();
        Match? last = null;
        foreach (Match m in CountWithMeasure().Matches(beforeText))
        {
            if (string.Equals(m.Groups[2].Value, measure, StringComparison.Ordinal))
            {
                last = m;
            }
        }

        if (last is null)
        {
            return t;
        }

        var rest = after[clauseEnd..];
        return string.Concat(beforeText.AsSpan(0, last.Groups[1].Index), corrected.Groups[1].Value, beforeText.AsSpan(last.Groups[2].Index), rest);
    }

    [GeneratedRegex("([0-9][0-9.]*万?|[一二两三四五六七八九十百千万]+)(场次|人次|个|期|家|场|处|人|次|件|条|户|名|项|批)", RegexOptions.CultureInvariant)]
    private static partial Regex CountWithMeasure();
}
