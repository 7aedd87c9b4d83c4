using System.Buffers;

namespace Bot.Skills.ProgressReports;

/// <summary>Character classes shared by the extractors.</summary>
internal static class ChineseText
{
    /// <summary>Common single-character surnames (the ~230 most frequent, minus characters that are mostly function words).</summary>
    private static readonly SearchValues<char> Surnames = SearchValues.Create(
        "王李张于刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝燕");

    private static readonly string[] CompoundSurnames = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文", "司徒", "端木"];

    public static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    /// <summary>True when <paramref name="text"/> starts with one of <paramref name="words"/> (ordinal).</summary>
    public static bool StartsWithAny(ReadOnlySpan<char> text, ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (text.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="text"/> ends with one of <paramref name="words"/> (ordinal).</summary>
    public static bool EndsWithAny(ReadOnlySpan<char> text, ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (text.EndsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsSurname(char c) => Surnames.Contains(c);

    /// <summary>Length of the surname starting at <paramref name="i"/> (2 for 欧阳, 1 for 王), 0 when there is none.</summary>
    public static int SurnameAt(string text, int i)
    {
        if (i < 0 || i >= text.Length)
        {
            return 0;
        }

        if (i + 1 < text.Length)
        {
            foreach (var s in CompoundSurnames)
            {
                if (text[i] == s[0] && text[i + 1] == s[1])
                {
                    return 2;
                }
            }
        }

        return IsSurname(text[i]) ? 1 : 0;
    }

    /// <summary>True for characters that end a clause: , ; 。 ! ? : and line breaks.</summary>
    public static bool IsClauseBreak(char c) => c is ',' or ';' or '。' or '!' or '?' or ':' or '\n' or '，' or '；' or '：';

    /// <summary>Index of the end of the sentence that contains <paramref name="from"/> (。 ; ! ? or a line break).</summary>
    public static int SentenceEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is '。' or ';' or '!' or '?' or '\n')
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>True when the text contains any of the words.</summary>
    public static bool ContainsAny(ReadOnlySpan<char> text, ReadOnlySpan<string> words)
    {
        foreach (var w in words)
        {
            if (text.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
