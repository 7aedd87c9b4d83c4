using System.Text.RegularExpressions;
using Bot.Skills.ProgressReports;

namespace Bot.Skills.Text;

/// <summary>The day (or days) of the work named in a message.</summary>
/// <param name="Date">The first day, or null when no specific day is given.</param>
/// <param name="EndDate">The last day of a range or list, otherwise null.</param>
/// <param name="Days">Days covered: the span of a range (5月30日至6月1日 = 3), the count of a list (6月1日、6月15日 = 2).</param>
internal readonly record struct DateFinding(DateOnly? Date, DateOnly? EndDate, int Days)
{
    public static readonly DateFinding None = new(null, null, 0);
}

/// <summary>The work dates of report messages: one of the three readings of <see cref="ChineseDates"/>.</summary>
public sealed partial class ChineseDates
{
    /// <summary>
    /// The day (or days) of the work a report message names, relative to <paramref name="today"/> (the day it was sent
    /// in Asia/Shanghai); see <see cref="Days"/>.
    /// </summary>
    internal static DateFinding FindWorkDay(string text, DateOnly today) => Days.Find(text, today);

    /// <summary>True when the text names a day the way <see cref="FindWorkDay"/> reads one (5月12日, 昨天, 上周三, 4/20 …).</summary>
    internal static bool NamesDay(string text) => Days.NamesDay(text);

    /// <summary>
    /// Finds the work date: absolute days (5月12日, 2026年5月12日, ７月１４日, 五月十二日), days relative to the message time
    /// (今天, 昨天, 前天, 上周三, 周四), ranges (5月17日至19日, 5月30日至6月1日, 7月1日-2日) and lists (5月17日、18日,
    /// 6月1日、6月15日, 昨天和今天). Month-only or vague times (近日, 本月, 一月份, 8月下旬) give no date; deadlines
    /// (6月30日前, 截止5月31日) are not work dates; a tally closed on a day (截至4月20日) is dated that day.
    /// </summary>
    private static partial class Days
    {
        private const int MaxTokens = 8;

        [GeneratedRegex(
            @"(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]?" +
            @"|\d{4}[-/]\d{1,2}[-/]\d{1,2}" +
            @"|(?<![\d.])(?:1[0-2]|[1-9])\.(?:3[01]|[12]\d|[1-9])(?![\d.])" +
            @"|(?<![\d./])(?:1[0-2]|[1-9])/(?:3[01]|[12]\d|[1-9])(?![\d./%])" +
            @"|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}[日号]" +
            @"|大前天|前天|前日|昨天|昨日|昨晚|今天|今日|今晨|今早|今晚|明天|明日|刚刚|刚才|昨儿个?|今儿个?|前儿个?" +
            @"|(?:上上|上|本|这|下)?(?:周|星期|礼拜)[一二三四五六日天]" +
            @"|\d{1,2}[日号]" +
            @"|[一二三四五六七八九十]{1,3}[日号]",
            RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
        private static partial Regex Tokens();

        private enum TokenKind : byte
        {
            Absolute,
            Relative,
            Weekday,
            DayOnly,
        }

        private struct Token
        {
            public int Start;
            public int End;
            public DateOnly Day;
            public TokenKind Kind;
            public int WeekOffset;
            public bool Deadline;
        }

        public static bool NamesDay(string text) => Tokens().IsMatch(text);

        public static DateFinding Find(string text, DateOnly today)
        {
            Span<Token> tokens = stackalloc Token[MaxTokens];
            var count = 0;
            foreach (var match in Tokens().EnumerateMatches(text))
            {
                if (count >= MaxTokens)
                {
                    break;
                }

                if (TryRead(text, match.Index, match.Length, today, tokens[..count], out var token))
                {
                    token.Deadline = IsDeadline(text, token.Start, token.End);
                    tokens[count++] = token;

                    // 这礼拜二三两天, 周四五两天: a second weekday written as its numeral alone, then the count of days.
                    if (token.Kind == TokenKind.Weekday && count < MaxTokens && SecondWeekday(text, token, out var second))
                    {
                        tokens[count++] = second;
                    }
                }
            }

            var i = 0;
            while (i < count)
            {
                // A group: tokens joined by 、 和 及 至 到 - ~ .
                var j = i;
                var span = false;
                while (j + 1 < count && IsJoiner(text.AsSpan(tokens[j].End, tokens[j + 1].Start - tokens[j].End), out var isRange))
                {
                    span |= isRange;
                    j++;
                }

                var deadline = false;
                for (var k = i; k <= j; k++)
                {
                    deadline |= tokens[k].Deadline;
                }

                if (!deadline)
                {
                    // 今天结束，共3天 / 为期三天，今天结业: the days up to the one named.
                    if (i == j && tokens[i].Kind == TokenKind.Relative && EndsHere(text, tokens[i].End) && StatedDays(text) is int n and > 1)
                    {
                        return new DateFinding(tokens[i].Day.AddDays(1 - n), tokens[i].Day, n);
                    }

                    // ①4月20日赴长春…；②4月22日接待…: days that each open an item of a list are the list's days.
                    // A week's round-up (本周小结：周一至周三…；周四…) lists its days as groups too, and there a weekday after a
                    // comma opens an item (周二周三…，周四开展…; rules round 15i).
                    var roundUp = tokens[i].Kind == TokenKind.Weekday && IsRoundUp(text);
                    if ((i == j || roundUp) && tokens[i].Kind is TokenKind.Absolute or TokenKind.Weekday or TokenKind.DayOnly && OpensItem(text, tokens[i].Start, tokens[i].Kind != TokenKind.Absolute, roundUp))
                    {
                        Span<Token> listed = stackalloc Token[MaxTokens];
                        var listedCount = 0;
                        for (var k = i; k <= j; k++)
                        {
                            listed[listedCount++] = tokens[k];
                        }

                        var groupCount = listedCount;
                        for (var k = j + 1; k < count; k++)
                        {
                            if (tokens[k].Kind == tokens[i].Kind && !tokens[k].Deadline && OpensItem(text, tokens[k].Start, tokens[k].Kind != TokenKind.Absolute, roundUp))
                            {
                                listed[listedCount++] = tokens[k];
                            }
                        }

                        if (listedCount >= 2 && listedCount > groupCount)
                        {
                            return Build(listed[..listedCount], span: false);
                        }
                    }

                    return Build(tokens[i..(j + 1)], span);
                }

                i = j + 1;
            }

            // 上午参加了…, 下午到…: a part of today opening the message.
            var opening = text.AsSpan();
            foreach (var prefix in (ReadOnlySpan<string>)["汇报", "补报", "报告", ":", " "])
            {
                if (opening.StartsWith(prefix, StringComparison.Ordinal))
                {
                    opening = opening[prefix.Length..].TrimStart(" :");
                }
            }

            if (opening.StartsWith("上午") || opening.StartsWith("下午") || opening.StartsWith("中午") || opening.StartsWith("晚上") || opening.StartsWith("今晚")
                || opening.StartsWith("早上") || opening.StartsWith("今早") || opening.StartsWith("一早") || opening.StartsWith("傍晚")
                || opening.StartsWith("刚才") || opening.StartsWith("刚刚") || opening.StartsWith("刚从") || opening.StartsWith("刚回来")
                || opening.StartsWith("刚把") || opening.StartsWith("刚去") || opening.StartsWith("刚到"))
            {
                return new DateFinding(today, null, 1);
            }

            // Chat about the day that is ending (开完会了，下午…; 搞了一上午; 忙了一整天): today, unless a vaguer time is named.
            if ((opening.StartsWith("开完") || ChineseText.ContainsAny(text, SpentTheDay) || ClauseOpensWithPartOfDay(text))
                && !ChineseText.ContainsAny(text, NotToday))
            {
                return new DateFinding(today, null, 1);
            }

            return DateFinding.None;
        }

        /// <summary>
        /// True when the day at <paramref name="start"/> opens a list item: after ①…⑩, a 1. / 2) number, a semicolon, a
        /// line break or a colon (spaces allowed between), or at the very start; a weekday or a bare day (13号) also after a space.
        /// </summary>
        private static bool OpensItem(string text, int start, bool spaceSeparates = false, bool commaSeparates = false)
        {
            if (commaSeparates && start > 0 && text[start - 1] is ',' or '，')
            {
                return true;
            }

            // 巡河两次 周二北河 周四条子河, 5号条子河 13号南河: in chat, weekdays and days after a space open the items of a list.
            if (spaceSeparates && start > 0 && text[start - 1] == ' ')
            {
                return true;
            }

            var k = start - 1;
            while (k >= 0 && text[k] == ' ')
            {
                k--;
            }

            if (k < 0)
            {
                return true;
            }

            var c = text[k];
            return c is >= '①' and <= '⑩' or ';' or '；' or '\n' or ':' or '：'
                   || (c is '.' or '、' or ')' && k > 0 && char.IsAsciiDigit(text[k - 1]));
        }

        /// <summary>A week's round-up of a department (本周工作小结, 这周小结, 本周小结).</summary>
        private static bool IsRoundUp(string text) =>
            text.Contains("小结", StringComparison.Ordinal) || text.Contains("周工作", StringComparison.Ordinal);

        /// <summary>An event ending on the day named (今天结束, 今天结业, 昨天闭幕).</summary>
        private static bool EndsHere(string text, int end)
        {
            var after = text.AsSpan(end).TrimStart("上午下午晚上刚已经");
            return after.StartsWith("结束") || after.StartsWith("结业") || after.StartsWith("闭幕") || after.StartsWith("圆满结束");
        }

        /// <summary>The length stated for the event (共3天, 为期三天, 历时两天), or null.</summary>
        private static int? StatedDays(string text)
        {
            foreach (var lead in (ReadOnlySpan<string>)["共", "为期", "历时", "一共"])
            {
                var at = text.IndexOf(lead, StringComparison.Ordinal);
                if (at < 0)
                {
                    continue;
                }

                var from = at + lead.Length;
                var k = from;
                while (k < text.Length && (char.IsAsciiDigit(text[k]) || ChineseNumerals.IsNumeralChar(text[k])))
                {
                    k++;
                }

                if (k > from && k < text.Length && text[k] == '天' && ChineseNumerals.TryParse(text.AsSpan(from, k - from), out var n) && n is >= 2 and <= 31)
                {
                    return (int)n;
                }
            }

            return null;
        }

        private static readonly string[] SpentTheDay = ["一上午", "一下午", "一整天", "一晚上", "大半天", "一早上"];

        private static readonly string[] PartsOfDay = ["上午", "下午", "中午", "晚上", "早上", "傍晚"];

        private static readonly string[] NotToday =
        [
            "近日", "近期", "日前", "本月", "本周", "这周", "上周", "这个月", "上个月", "季度", "月份", "上旬", "中旬", "下旬", "月底", "月初",
            "累计", "全年", "今年", "连日", "此前", "每天", "每周", "明天", "下周",
        ];

        /// <summary>True when a clause after the first opens with 上午/下午/中午/晚上 (开完会了，下午区政府…).</summary>
        private static bool ClauseOpensWithPartOfDay(string text)
        {
            for (var i = text.IndexOfAny(ClauseBreaks); i >= 0 && i + 1 < text.Length; i = text.IndexOfAny(ClauseBreaks, i + 1))
            {
                var rest = text.AsSpan(i + 1);
                foreach (var p in PartsOfDay)
                {
                    if (rest.StartsWith(p, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static readonly char[] ClauseBreaks = [',', ';', '，', '；', '。'];

        private static DateFinding Build(ReadOnlySpan<Token> group, bool span)
        {
            var min = group[0].Day;
            var max = min;
            var distinct = 0;
            for (var k = 0; k < group.Length; k++)
            {
                var d = group[k].Day;
                var seen = false;
                for (var m = 0; m < k; m++)
                {
                    seen |= group[m].Day == d;
                }

                if (!seen)
                {
                    distinct++;
                }

                if (d < min)
                {
                    min = d;
                }

                if (d > max)
                {
                    max = d;
                }
            }

            var days = span ? max.DayNumber - min.DayNumber + 1 : distinct;
            return new DateFinding(min, max == min ? null : max, days);
        }

        private static bool TryRead(string text, int index, int length, DateOnly today, ReadOnlySpan<Token> previous, out Token token)
        {
            token = new Token { Start = index, End = index + length };
            var t = text.AsSpan(index, length);
            var first = t[0];
            var last = t[^1];

            if (char.IsAsciiDigit(first))
            {
                var i = 0;
                var n1 = Digits(t, ref i);
                if (i < t.Length && t[i] is '-' or '/')
                {
                    // 2026-05-12, 2026/5/12; 4/20 (month/day, chat style)
                    i++;
                    var m = Digits(t, ref i);
                    if (i >= t.Length && n1 <= 12)
                    {
                        token.Kind = TokenKind.Absolute;
                        return TryDay(null, n1, m, today, out token.Day);
                    }

                    i++;
                    token.Kind = TokenKind.Absolute;
                    return TryExact(n1, m, Digits(t, ref i), out token.Day);
                }

                if (i < t.Length && t[i] is '日' or '号')
                {
                    return DayOnly(text, n1, today, previous, ref token);
                }

                if (i < t.Length && t[i] == '.')
                {
                    // 5.20: a chat-style month.day, only standing alone (not 增长5.2%, 1.2亿元, 达3.5).
                    i++;
                    var d = Digits(t, ref i);
                    var after = token.End < text.Length ? text[token.End] : ' ';
                    var before = index > 0 ? text[index - 1] : ' ';
                    if (ChineseText.IsHan(before) || char.IsAsciiLetterOrDigit(before) || "万亿元公吨千米个家处项次人户倍级分岁斤亩度份座条件名期场篇天%‰".Contains(after, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    token.Kind = TokenKind.Absolute;
                    return TryDay(null, n1, d, today, out token.Day);
                }

                int? year = null;
                if (t[i] == '年')
                {
                    year = n1;
                    i++;
                    n1 = Digits(t, ref i);
                }

                // t[i] is 月
                i++;
                var day = Digits(t, ref i);

                // 5月17 without 日 counts only when a range or list follows (5月17至19日, 5月17、18日).
                if (last is not ('日' or '号') && !FollowedByJoiner(text, token.End))
                {
                    return false;
                }

                token.Kind = TokenKind.Absolute;
                return TryDay(year, n1, day, today, out token.Day);
            }

            if (first is '大' or '前' or '昨' or '今' or '明' or '刚')
            {
                token.Kind = TokenKind.Relative;

                // 写完了 明天交办公室: after work stated as done, 明天 is the next step, not the day of the work.
                if (first == '明' && text.AsSpan(0, index).IndexOfAny('了', '已', '完') >= 0)
                {
                    return false;
                }

                if (first == '前' && index > 0 && "目之此提以日月年天节会赛战".Contains(text[index - 1], StringComparison.Ordinal))
                {
                    // 目前天气, 节前日程: not a relative day.
                    return false;
                }

                var offset = first switch
                {
                    '大' => -3,
                    '前' => -2,
                    '昨' => -1,
                    '明' => 1,
                    _ => 0,
                };
                token.Day = today.AddDays(offset);
                return true;
            }

            var monthMark = t.IndexOf('月');
            if (monthMark > 0 && ChineseNumerals.IsNumeralChar(first))
            {
                // 五月十二日
                token.Kind = TokenKind.Absolute;
                return ChineseNumerals.TryParseChinese(t[..monthMark], out var cm)
                       & ChineseNumerals.TryParseChinese(t[(monthMark + 1)..^1], out var cd)
                       && TryDay(null, (int)cm, (int)cd, today, out token.Day);
            }

            if (last is '日' or '号' && ChineseNumerals.IsNumeralChar(first))
            {
                // 十四日: only as the end of a range or list (十月十二日至十四日).
                return ChineseNumerals.TryParseChinese(t[..^1], out var cday) && DayOnly(text, (int)cday, today, previous, ref token, chinese: true);
            }

            // Weekdays: 上周三, 本周一, 周四, 星期天.
            token.Kind = TokenKind.Weekday;
            var prefix = first switch
            {
                '上' => t.Length > 1 && t[1] == '上' ? "上上" : "上",
                '本' => "本",
                '这' => "这",
                '下' => "下",
                _ => "",
            };
            // (周一周二两天: a weekday right after another is the next day named, not a frequency.)
            var afterWeekday = previous.Length > 0 && previous[^1].Kind == TokenKind.Weekday && previous[^1].End == index;
            if (prefix.Length == 0 && index > 0 && !afterWeekday && (char.IsAsciiDigit(text[index - 1]) || "每一两二三四五六几数半个各整".Contains(text[index - 1], StringComparison.Ordinal)))
            {
                // 每周三次, 一周三天: a frequency, not a day.
                return false;
            }

            var weekday = last switch
            {
                '一' => 1,
                '二' => 2,
                '三' => 3,
                '四' => 4,
                '五' => 5,
                '六' => 6,
                _ => 7,
            };
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            int week;
            if (prefix.Length > 0)
            {
                week = prefix is "上上" ? -2 : prefix is "上" ? -1 : prefix is "下" ? 1 : 0;
            }
            else if (previous.Length > 0 && previous[^1].Kind == TokenKind.Weekday
                     && IsJoiner(text.AsSpan(previous[^1].End, token.Start - previous[^1].End), out _))
            {
                // 上周三、周四: the second day belongs to the same week.
                week = previous[^1].WeekOffset;
            }
            else
            {
                // A bare 周四 is the latest Thursday not after the message day.
                week = monday.AddDays(weekday - 1) > today ? -1 : 0;
            }

            token.WeekOffset = week;
            token.Day = monday.AddDays((week * 7) + weekday - 1);
            return true;
        }

        /// <summary>The weekday numeral right after <paramref name="first"/> when a count of days follows (周二三两天 → 周三).</summary>
        private static bool SecondWeekday(string text, in Token first, out Token second)
        {
            second = first;
            var at = first.End;
            if (at + 2 >= text.Length || text[at + 1] is not ('两' or '三' or '四' or '五') || text[at + 2] != '天')
            {
                return false;
            }

            var weekday = text[at] switch
            {
                '二' => 2,
                '三' => 3,
                '四' => 4,
                '五' => 5,
                '六' => 6,
                _ => 0,
            };
            var firstWeekday = ((int)first.Day.DayOfWeek + 6) % 7 + 1;
            if (weekday <= firstWeekday)
            {
                return false;
            }

            second.Start = at;
            second.End = at + 1;
            second.Day = first.Day.AddDays(weekday - firstWeekday);
            second.Deadline = false;
            return true;
        }

        /// <summary>
        /// A bare day: 18日 continuing a previous date (5月17日、18日; 5月17日至19日; 十月十二日至十四日), or a day of the
        /// current month (6日上午…).
        /// </summary>
        private static bool DayOnly(string text, int day, DateOnly today, ReadOnlySpan<Token> previous, ref Token token, bool chinese = false)
        {
            token.Kind = TokenKind.DayOnly;
            if (previous.Length > 0 && IsJoiner(text.AsSpan(previous[^1].End, token.Start - previous[^1].End), out _))
            {
                var before = previous[^1].Day;
                var month = new DateOnly(before.Year, before.Month, 1);
                if (day < before.Day)
                {
                    month = month.AddMonths(1);
                }

                return TryExact(month.Year, month.Month, day, out token.Day);
            }

            // 本月12号, 这个月3日, 上月28号: a day of the month named before it.
            var lead = text.AsSpan(0, token.Start);
            var monthsBack = lead.EndsWith("本月", StringComparison.Ordinal) || lead.EndsWith("这个月", StringComparison.Ordinal) || lead.EndsWith("当月", StringComparison.Ordinal) ? 0
                : lead.EndsWith("上月", StringComparison.Ordinal) || lead.EndsWith("上个月", StringComparison.Ordinal) ? 1 : -1;
            if (monthsBack >= 0)
            {
                var named = new DateOnly(today.Year, today.Month, 1).AddMonths(-monthsBack);
                return TryExact(named.Year, named.Month, day, out token.Day);
            }

            if (chinese || (token.Start > 0 && IsWordChar(text[token.Start - 1])))
            {
                return false;
            }

            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            if (day > today.Day)
            {
                thisMonth = thisMonth.AddMonths(-1);
            }

            return TryExact(thisMonth.Year, thisMonth.Month, day, out token.Day);
        }

        private static int Digits(ReadOnlySpan<char> t, ref int i)
        {
            var n = 0;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                n = (n * 10) + (t[i++] - '0');
            }

            return n;
        }

        private static bool IsWordChar(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetter(c) || c is >= '\u4E00' and <= '\u9FFF';

        private static bool TryDay(int? year, int month, int day, DateOnly today, out DateOnly result)
        {
            if (year is int y)
            {
                return TryExact(y, month, day, out result);
            }

            if (!TryExact(today.Year, month, day, out result))
            {
                // 2月29日 in a year without it: try the neighbours.
                return TryExact(today.Year - 1, month, day, out result);
            }

            // Same year as the message unless that is more than half a year away (a December day in a January message).
            var diff = result.DayNumber - today.DayNumber;
            if (diff > 183 && TryExact(today.Year - 1, month, day, out var earlier))
            {
                result = earlier;
            }
            else if (diff < -183 && TryExact(today.Year + 1, month, day, out var later))
            {
                result = later;
            }

            return true;
        }

        private static bool TryExact(int year, int month, int day, out DateOnly result)
        {
            result = default;
            if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            result = new DateOnly(year, month, day);
            return true;
        }

        private static bool FollowedByJoiner(string text, int end)
        {
            var i = end;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            return i < text.Length && IsJoinerChar(text[i]);
        }

        private static bool IsJoinerChar(char c) => c is '、' or '和' or '及' or '与' or '至' or '到' or '-' or '—' or '–' or '~' or '～' or '－';

        /// <summary>True when the gap between two date tokens joins them; <paramref name="range"/> for 至/到/-/~.</summary>
        private static bool IsJoiner(ReadOnlySpan<char> gap, out bool range)
        {
            gap = gap.Trim(' ');
            range = false;

            // 前天昨天都在…, 昨天今天: two days named back to back.
            if (gap.IsEmpty)
            {
                return true;
            }

            if (gap.Length == 1 && IsJoinerChar(gap[0]))
            {
                range = gap[0] is not ('、' or '和' or '及' or '与');
                return true;
            }

            // 7月3日平西乡、7月10日英雄街道: a list of days, each with the place gone to.
            if (gap.Length is >= 3 and <= 11 && gap[^1] == '、' && AllHanNoBreak(gap[..^1]))
            {
                return true;
            }

            // 昨天上午和今天: a part of the day between the tokens.
            if (gap.Length == 3 && (gap.StartsWith("上午") || gap.StartsWith("下午") || gap.StartsWith("晚上")) && IsJoinerChar(gap[2]))
            {
                range = gap[2] is not ('、' or '和' or '及' or '与');
                return true;
            }

            return false;
        }

        private static bool AllHanNoBreak(ReadOnlySpan<char> s)
        {
            foreach (var c in s)
            {
                if (c is < '\u4E00' or > '\u9FFF' || c is '至' or '到' or '前' or '后' or '起')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>6月30日前, 6月30日之前, 截止5月31日: a deadline, not the day of the work.</summary>
        private static bool IsDeadline(string text, int start, int end)
        {
            var after = text.AsSpan(end);
            if (after.StartsWith("前") || after.StartsWith("之前") || after.StartsWith("以前") || after.StartsWith("止") || after.StartsWith("截止"))
            {
                return true;
            }

            // 截至4月20日 / 截至今天 closes a count on that day: the day of the report (截至5月底 names no day at all);
            // a running total (截至5月31日，累计走访企业20家) sums a period, not that day.
            var before = text.AsSpan(0, start);
            return before.EndsWith("截止") || before.EndsWith("截止到")
                   || ((before.EndsWith("截至") || before.EndsWith("截至到")) && text.Contains("累计", StringComparison.Ordinal));
        }
    }
}
