using System.Globalization;

namespace Bot.Skills.Text;

/// <summary>
/// The one numeral reader of the text kit (report parser, plan importer, classifier, queries): Arabic digits (12, 23.5,
/// 1.2万, 3000万, 1.2亿), Chinese numerals (十二, 两, 俩, 仨, 三四 = 3, 二十五, 一千五百, 两万, 三亿, 二〇二六, 三点五 = 3.5) and halves (半 = 0.5,
/// 两天半 read as 两 + 半 by <see cref="TryParseWithHalf"/>).
/// </summary>
public static class ChineseNumerals
{
    /// <summary>True for characters that can be part of a Chinese numeral.</summary>
    public static bool IsNumeralChar(char c) => Digit(c) >= 0 || Unit(c) > 0;

    /// <summary>Parses a whole span as a number (digits with an optional 万/亿 multiplier, or Chinese); false otherwise.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(s[0]))
        {
            var multiplier = 1d;
            var digits = s;
            while (digits.Length > 1 && Unit(digits[^1]) >= 10000)
            {
                multiplier *= Unit(digits[^1]);
                digits = digits[..^1];
            }

            if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            {
                return false;
            }

            value *= multiplier;
            return true;
        }

        // 三点五, 十二点二五: a Chinese decimal (its fraction written digit by digit).
        var point = s.IndexOf('点');
        if (point > 0 && point < s.Length - 1 && TryParseChinese(s[..point], out var whole))
        {
            var scale = 0.1;
            var fraction = 0d;
            foreach (var c in s[(point + 1)..])
            {
                var d = Digit(c);
                if (d < 0 || c is '两' or '俩' or '仨')
                {
                    return false;
                }

                fraction += d * scale;
                scale /= 10;
            }

            value = Math.Round(whole + fraction, 6);
            return true;
        }

        return TryParseChinese(s, out value);
    }

    /// <summary>
    /// A count followed by 半 (两天半 → 2.5 when given 两 and a trailing 半; 半天 → 0.5 when given 半 alone).
    /// </summary>
    public static bool TryParseWithHalf(ReadOnlySpan<char> number, bool halfAfter, out double value)
    {
        if (number is "半")
        {
            value = 0.5;
            return true;
        }

        if (!TryParse(number, out value))
        {
            return false;
        }

        value += halfAfter ? 0.5 : 0;
        return true;
    }

    /// <summary>Parses a Chinese numeral: 十二 = 12, 二十 = 20, 一百二十 = 120, 两千 = 2000, 一万五千 = 15000, 三亿 = 3e8.</summary>
    public static bool TryParseChinese(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        long total = 0, section = 0, digit = -1;
        var any = false;
        var run = 0;
        foreach (var c in s)
        {
            var d = Digit(c);
            if (d >= 0)
            {
                run++;

                // 三四家, 七八十人, 十二三个: two neighbouring digits are a range; the lower one counts.
                if (run == 2 && digit >= 1 && d == digit + 1)
                {
                    any = true;
                    continue;
                }

                // Consecutive digits read positionally: 二〇二六 = 2026, 一千零五 = 1005.
                digit = digit >= 0 ? (digit * 10) + d : d;

                any = true;
                continue;
            }

            var unit = Unit(c);
            if (unit <= 0)
            {
                return false;
            }

            any = true;
            run = 0;
            if (unit >= 10000)
            {
                section += digit < 0 ? 0 : digit;
                total = (total + section) * unit;
                section = 0;
            }
            else
            {
                section += (digit < 0 ? 1 : digit) * unit;
            }

            digit = -1;
        }

        if (!any)
        {
            return false;
        }

        value = total + section + (digit < 0 ? 0 : digit);
        return true;
    }

    /// <summary>The whole-number value of <paramref name="text"/> ("3", "十二", "两", "二十五"), or null when it is not one.</summary>
    public static int? Parse(string? text) =>
        !string.IsNullOrEmpty(text) && TryParse(text, out var v) && v == Math.Floor(v) && v is >= 0 and <= int.MaxValue ? (int)v : null;

    /// <summary>A number written with ASCII digits (decimals allowed) or Chinese numerals, or null.</summary>
    public static double? ParseDecimal(string? text) => !string.IsNullOrEmpty(text) && TryParse(text, out var v) ? v : null;

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' or '俩' => 2,
        '三' or '仨' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static long Unit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10000,
        '亿' => 100000000,
        _ => 0,
    };
}
