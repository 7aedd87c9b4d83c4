using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Bot.Host.Dashboard.Html;

/// <summary>Markup that is already safe: built by <see cref="HtmlContent.Format"/>, whose holes are HTML-encoded.</summary>
public readonly record struct HtmlContent(string Value)
{
    public static readonly HtmlContent Empty = new("");

    /// <summary>Chinese stays readable; &lt; &gt; &amp; " ' are encoded.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Builds markup from an interpolated string: literal parts are markup, every hole is encoded unless it is
    /// itself <see cref="HtmlContent"/>. <c>HtmlContent.Format($"&lt;td&gt;{name}&lt;/td&gt;")</c>.
    /// </summary>
    public static HtmlContent Format(ref HtmlInterpolation html) => html.ToContent();

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    public static HtmlContent Join(IEnumerable<HtmlContent> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Text with its line breaks kept as &lt;br&gt;.</summary>
    public static HtmlContent Lines(string? text) =>
        new(string.Join("<br>", (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(Encode)));

    public override string ToString() => Value;
}

/// <summary>The interpolated-string handler behind <see cref="HtmlContent.Format"/>.</summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolation
{
    private readonly StringBuilder _builder;

    public HtmlInterpolation(int literalLength, int formattedCount)
    {
        _builder = new StringBuilder(literalLength + formattedCount * 16);
    }

    public readonly void AppendLiteral(string value) => _builder.Append(value);

    public readonly void AppendFormatted(HtmlContent value) => _builder.Append(value.Value);

    /// <summary>Encodes the value, except sequences of <see cref="HtmlContent"/>, which are markup already.</summary>
    public readonly void AppendFormatted<T>(T value)
    {
        if (value is IEnumerable<HtmlContent> parts)
        {
            foreach (var part in parts)
            {
                _builder.Append(part.Value);
            }

            return;
        }

        _builder.Append(HtmlContent.Encode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString()));
    }

    public readonly void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
        _builder.Append(HtmlContent.Encode(value.ToString(format, CultureInfo.InvariantCulture)));

    public readonly HtmlContent ToContent() => new(_builder.ToString());
}
