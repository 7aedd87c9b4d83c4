using System.Globalization;

namespace Bot.Skills.Plans;

/// <summary>Small Chinese numerals (一 … 九十九, 两, 〇) and ASCII digits as used in plan documents.</summary>
public static class ChineseNumerals
{
    /// <summary>The value of <paramref name="text"/> (e.g. "3", "十二", "两", "二十五"), or null when it is not a number.</summary>
    public static int? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 9)
        {
            return null;
        }

        if (text.All(char.IsAsciiDigit))
        {
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        }

        var total = 0;
        var current = 0;
        var seenDigit = false;
        foreach (var c in text)
        {
            var digit = Digit(c);
            if (digit is int d)
            {
                current = d;
                seenDigit = true;
                continue;
            }

            var unit = c switch
            {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => 0,
            };
            if (unit == 0)
            {
                return null;
            }

            total += (seenDigit ? current : 1) * unit;
            current = 0;
            seenDigit = false;
        }

        return total + current;
    }

    /// <summary>A number written with ASCII digits (decimals allowed) or Chinese numerals.</summary>
    public static double? ParseDecimal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return Parse(text);
    }

    private static int? Digit(char c) => c switch
    {
        '〇' or '零' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => null,
    };
}
