namespace Bot.Skills.ProgressReports;

/// <summary>Reads numbers written with Arabic digits (12, 23.5) or Chinese numerals (十二, 两, 俩, 八十, 一千五百, 两万).</summary>
public static class ChineseNumerals
{
    /// <summary>True for characters that can be part of a Chinese numeral.</summary>
    public static bool IsNumeralChar(char c) => Digit(c) >= 0 || Unit(c) > 0;

    /// <summary>Parses a whole span as a number; false when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(s[0]))
        {
            return double.TryParse(s, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        return TryParseChinese(s, out value);
    }

    /// <summary>Parses a Chinese numeral: 十二 = 12, 二十 = 20, 一百二十 = 120, 两千 = 2000, 一万五千 = 15000, 三 = 3.</summary>
    public static bool TryParseChinese(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        long total = 0, section = 0, digit = -1;
        var any = false;
        foreach (var c in s)
        {
            var d = Digit(c);
            if (d >= 0)
            {
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

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' or '俩' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    private static int Unit(char c) => c switch
    {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10000,
        _ => 0,
    };
}
