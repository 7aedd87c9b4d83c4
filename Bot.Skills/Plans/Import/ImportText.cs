using System.Text.RegularExpressions;

namespace Bot.Skills.Plans.Import;

/// <summary>Small text helpers the import stages share: caps, the share of Chinese text, prose and heading shapes.</summary>
internal static partial class ImportText
{
    /// <summary>The longest text stored for a milestone, target, duty or requirement.</summary>
    public const int MaxText = 4000;

    public static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>The share of visible characters that are Chinese characters or full-width punctuation.</summary>
    public static double CjkShare(string text)
    {
        var visible = 0;
        var cjk = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            visible++;
            if (c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef' or '“' or '”' or '、')
            {
                cjk++;
            }
        }

        return visible == 0 ? 0 : (double)cjk / visible;
    }

    /// <summary>A short Chinese title without a full stop (三、保障措施 → 保障措施).</summary>
    public static bool IsHeadingTitle(string body) =>
        body.Length is > 0 and <= 40 && !body.Contains('。', StringComparison.Ordinal) && CjkShare(body) >= 0.6;

    /// <summary>A Chinese sentence of some length that ends like a sentence.</summary>
    public static bool IsProse(string text) =>
        text.Length >= 12 && CjkShare(text) >= 0.6 && SentenceEnd().IsMatch(text);

    /// <summary>The first clause of a task's text, at most 100 characters.</summary>
    public static string TitleOf(string text)
    {
        var stop = text.IndexOfAny(['。', '；', ';']);
        var title = (stop > 0 ? text[..stop] : text).Trim().TrimEnd('，', ',', '：', ':');
        return title.Length > 100 ? title[..100] + "…" : title;
    }

    [GeneratedRegex("[。！？；!?;…：:]$")]
    private static partial Regex SentenceEnd();
}
