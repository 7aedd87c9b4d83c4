using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>The kind of a message and how sure the classifier is.</summary>
public readonly record struct Classification(string Kind, double Confidence);

/// <summary>
/// Tells reports from corrections, queries, commands and chatter. Reads the normalised text (no @-mention, half-width
/// punctuation): corrections name an earlier message or start with 更正/修改/撤回; commands are short imperatives
/// (帮助, 任务清单, 导出…, 催报 @某人, 第N项销号); queries ask (谁, 几, 多少, 哪些, 如何, ?, 查询/统计…); greetings and
/// thanks are other; anything describing work is a report.
/// </summary>
public static partial class MessageClassifier
{
    private static readonly string[] CorrectionStarts = ["更正", "纠正", "订正", "撤回", "撤销", "作废", "删除上", "删掉上", "修改:", "修改为", "修改一下", "修正:", "修改,", "修改 "];
    private static readonly WordMatcher EarlierMessage = new(["刚才", "刚刚", "上条", "上一条", "前一条", "那条", "上面", "之前汇报", "前面汇报", "刚报的", "上次汇报"]);
    private static readonly WordMatcher Amendments = new(["不对", "改一下", "改下", "写错", "发错", "报错", "弄错", "搞错", "有误", "错了", "改为", "改成", "更正", "撤回", "为准", "应为", "应该是", "作废", "删除", "删掉", "不算"]);
    private static readonly string[] CommandStarts =
    [
        "帮助", "help", "/help", "菜单", "使用说明", "功能", "任务清单", "任务列表", "导出", "催报", "提醒", "销号", "办结",
        "新增任务", "添加任务", "新建任务", "订阅", "取消订阅", "设置", "绑定", "解绑", "生成", "发送周报", "发送月报",
    ];

    /// <summary>The writer informing the reader (下周二去仁兴街道调研，提前说一下): no question.</summary>
    private static readonly string[] Informing = ["说一下", "报备一下", "汇报一下", "告诉一下", "通报一下", "报告一下"];

    /// <summary>The command words of a task list (帮我列一下第6项的任务清单).</summary>
    private static readonly WordMatcher TaskLists = new(["任务清单", "任务列表"]);

    /// <summary>The earlier message named as a message (刚才那条, 上一条), not just an earlier time (刚才去…).</summary>
    private static readonly WordMatcher MessageNouns = new(["刚才汇报的", "刚汇报的", "那条", "上条", "上一条", "前一条", "刚报的", "上面那", "刚才发的", "刚发的"]);

    /// <summary>Something added to that message (补个日期, 补充一下, 漏了…): a correction of it.</summary>
    private static readonly WordMatcher Additions = new(["补个", "补一下", "补上", "补充", "漏了", "漏写", "少写", "忘了写", "忘写", "没写", "也加上", "加上"]);

    /// <summary>A supplement to one's own earlier report (…一起巡的，补充一下): a correction.</summary>
    private static readonly string[] Supplements = ["补充一下", "补充下", "补充一点", "补充说明", "补充:", "补充,"];

    /// <summary>Leader titles after 催一下 (催一下赵副区长): the person to remind is named without an @.</summary>
    private static readonly WordMatcher LeaderTitles = new(["区长", "书记", "主任", "局长", "乡长", "镇长", "部长", "主席"]);

    private static bool NamesSomeone(ReadOnlySpan<char> imperative)
    {
        var clause = imperative.IndexOfAny(ClauseEnds);
        return LeaderTitles.ContainsAny(clause >= 0 ? imperative[..clause] : imperative);
    }

    private static readonly string[] RestoreStarts = ["恢复"];
    private static readonly string[] QueryStarts = ["查询", "查一下", "查下", "查查", "查看", "统计", "看看", "看一下", "看下", "列出", "请问", "汇总一下", "问一下", "想问", "显示"];
    private static readonly WordMatcher QueryWords = new(["够不够", "够没够", "达没达到", "谁", "多少", "哪些", "哪个", "哪里", "哪几", "什么", "怎么样", "怎样", "咋样", "有没有", "是不是", "怎么查", "怎么看", "怎么弄", "怎么报", "怎么填", "怎么导", "咋查", "咋弄", "排名", "排个名", "排一下名", "排排名", "统计一下", "汇总一下", "到哪了", "到哪一步", "哪一步", "到哪儿了", "进展如何", "进度如何", "情况如何"]);

    /// <summary>Questions and spoken imperatives by form: 看看…, 列一下…, 导一下…, 发一下…, 催一下….</summary>
    private static readonly string[] AskStarts = ["看看", "列一下", "列个", "导一下", "发一下", "催一下", "说一下", "讲一下", "给我", "帮我看", "帮我查", "帮我统计", "帮我列"];
    private static readonly string[] AskEnds = ["吗", "呢", "么", "没", "几天", "几次", "几个", "几家", "几篇", "多少", "看看", "排名", "排个名", "排一下", "一下"];
    private static readonly string[] QueryEnds = ["如何", "吗", "呢", "没有", "情况", "进展", "进度", "汇总", "排名", "台账", "统计", "名单", "完成率", "次数", "天数", "人数", "篇数", "个数"];
    private static readonly string[] ReportStarts = ["汇报", "补报", "报告", "报送", "进展", "工作动态", "动态", "周报", "月报"];
    private static readonly string[] Chatter =
    [
        "谢谢", "感谢", "多谢", "收到", "好的", "好滴", "明白", "了解", "知道了", "辛苦", "你好", "您好", "早上好", "上午好", "下午好",
        "晚上好", "早安", "晚安", "大家好", "在吗", "在不在", "没问题", "稍等", "马上", "哈哈", "嗯", "ok", "OK", "Ok", "好", "是的",
    ];

    private static readonly WordMatcher WorkVerbs = new(
    [
        "开展", "完成", "召开", "组织", "举办", "检查", "巡查", "参加", "落实", "推进", "协调", "督导", "部署", "解决", "整改", "发现",
        "签订", "启动", "出台", "建成", "开工", "走访", "陪同", "带领", "带队", "接待", "到位", "新增", "累计", "起草", "制定", "发放",
        "督查", "调度", "踏查", "看望", "慰问", "视察", "考察", "对接", "参观", "观摩", "清理", "排查", "赴", "深入",
        "同比增长", "同比下降", "增长", "未发生", "值班", "写完", "做完", "弄完", "搞完", "干完", "办完", "跑了趟", "批下来",
    ]);

    private static readonly WordMatcher RelativeDays = new(["今天", "今日", "昨天", "昨日", "前天", "今儿", "昨儿", "前儿", "上午", "下午", "早上", "中午", "晚上", "傍晚", "今早", "一早", "昨晚", "今晚"]);

    [GeneratedRegex(@"第\s*[\d一二三四五六七八九十]+\s*项\s*(?:销号|办结|完成|删除)|(?:销号|办结)\s*第?\s*\d+(?![\d件个项次条处家户])", RegexOptions.CultureInvariant)]
    private static partial Regex ItemCommand();

    [GeneratedRegex("(?<![十百千好这那])几(?:次|天|个|家|项|篇|场|人|位|条|件|期|月|号|日|趟|遍|回|张)", RegexOptions.CultureInvariant)]
    private static partial Regex HowMany();

    /// <summary>
    /// Requests to send or export something (把台账导出来发我, 汇总一下发群里, 导一份给我): commands, not questions.
    /// </summary>
    private static readonly WordMatcher SendRequests = new(["发群里", "发到群里", "发群上", "发我", "发给我", "导出来", "导出", "导一份", "导一下", "导给我", "推送到群"]);

    /// <summary>
    /// True when a work verb stands outside quotation marks: one inside a quoted campaign's name (“大考察大招商”行动的台账导出)
    /// names the campaign, it reports no work.
    /// </summary>
    private static bool HasWorkVerbOutsideQuotes(ReadOnlySpan<char> core)
    {
        for (var from = 0; WorkVerbs.Next(core, from, out var at, out _); from = at + 1)
        {
            var open = core[..at].LastIndexOfAny('“', '"');
            if (open < 0 || core[open..at].IndexOf('”') >= 0 || core[(open + 1)..at].IndexOf('"') >= 0 || core[at..].IndexOfAny('”', '"') < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A send or export request; 导 inside another word (指导一下, 督导一下, 引导) exports nothing.</summary>
    private static bool AsksToSend(ReadOnlySpan<char> core)
    {
        for (var from = 0; SendRequests.Next(core, from, out var at, out var word); from = at + 1)
        {
            if (!(SendRequests.Words[word][0] == '导' && at > 0 && core[at - 1] is '指' or '督' or '引' or '辅' or '领' or '倡' or '报' or '开' or '疏' or '教'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A short message asking for the bot's help or how to use it (怎么用？发个帮助, 看下使用说明).</summary>
    private static readonly string[] HelpEnds = ["帮助", "使用说明", "用法"];

    /// <summary>
    /// Notices to the readers that need no meeting (值班表已发群里，大家注意查收; 各位领导报送…，请提前准备; 系统今晚升级维护，期间暂停服务).
    /// </summary>
    private static readonly WordMatcher LaterReports = new(["补一下", "补报", "回头再报", "回头报", "晚点报", "稍后报", "回去再报", "晚些报", "明天再报", "回头补"]);
    private static readonly WordMatcher Reschedules = new(["推迟到", "推迟至", "延期到", "延期至", "顺延到", "顺延至", "提前到", "提前至", "改到明天", "改到下午", "改到上午", "改期"]);
    private static readonly WordMatcher ReaderNotices = new(["注意查收", "请查收", "请提前准备", "请大家", "大家注意", "请各位", "暂停服务", "停止服务", "升级维护", "停机维护"]);

    /// <summary>Notices to the reader (请准时参加, 请提前准备): the writer announces, nobody reports work.</summary>
    private static readonly WordMatcher NoticeRequests = new(["请准时", "请提前", "请各", "请按时", "请相关", "请参会", "准时参加", "按时参加", "届时参加", "参会人员"]);

    /// <summary>Meetings a notice announces (开会, 调度会, 推进会 …).</summary>
    private static readonly WordMatcher MeetingWords = new(["开会", "会议", "调度会", "推进会", "座谈会", "例会", "碰头会", "专题会", "视频会", "部署会", "培训会", "党组会", "常务会"]);

    private static readonly WordMatcher FutureDays = new(["明天", "明早", "明日", "后天", "下周", "今晚", "下午", "上午", "晚上"]);

    /// <summary>
    /// A meeting notice: a meeting at a coming time (明天, 下周一, a clock time such as 三点 or 8:30) with a call to the
    /// readers (通知, 请…, …参加). A report of a meeting held states it, without a clock time or a call.
    /// </summary>
    private static bool IsNotice(ReadOnlySpan<char> core)
    {
        if (!MeetingWords.ContainsAny(core))
        {
            return false;
        }

        var calls = core.StartsWith("通知", StringComparison.Ordinal) || NoticeRequests.ContainsAny(core)
                    || core.EndsWith("参加", StringComparison.Ordinal) || core.EndsWith("参会", StringComparison.Ordinal);
        var coming = FutureDays.ContainsAny(core) && (HasClockTime(core) || core.Contains("明天", StringComparison.Ordinal)
                                                     || core.Contains("下周", StringComparison.Ordinal) || core.Contains("后天", StringComparison.Ordinal));
        return calls && (coming || HasClockTime(core));
    }

    /// <summary>A clock time: 三点, 9点, 8:30, 九点半.</summary>
    private static bool HasClockTime(ReadOnlySpan<char> s)
    {
        for (var i = 1; i < s.Length; i++)
        {
            if ((s[i] == '点' && (char.IsAsciiDigit(s[i - 1]) || ChineseNumerals.IsNumeralChar(s[i - 1]))
                 && (i + 1 == s.Length || s[i + 1] is not ('位' or '个' or '多')))
                || (s[i] == ':' && char.IsAsciiDigit(s[i - 1]) && i + 2 < s.Length && char.IsAsciiDigit(s[i + 1]) && char.IsAsciiDigit(s[i + 2])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// 几 + counter asks a question, unless it is an indefinite count inside a report: another clause follows it
    /// (走访了几家企业，了解…) or its own clause ends in a completed 了 (几家银行都来了).
    /// </summary>
    private static bool AsksHowMany(ReadOnlySpan<char> core)
    {
        foreach (var m in HowMany().EnumerateMatches(core))
        {
            var rest = core[(m.Index + m.Length)..];
            var clause = rest.IndexOfAny(ClauseEnds);
            var after = clause >= 0 ? rest[(clause + 1)..].Trim(" ，,。;；!！") : [];
            var own = clause >= 0 ? rest[..clause] : rest;
            // 跟几个村书记唠了唠…: a completed verb in the count's own clause also makes it indefinite.
            var done = core[..m.Index].Contains('了') || own.Contains('了');
            // 完成了几件了: a 了 right after the count asks how far it has got; 几家银行都来了 tells.
            var endsDone = own.EndsWith("了", StringComparison.Ordinal) && !own.SequenceEqual("了");
            var indefinite = done && (!after.IsEmpty || endsDone || HasDay(core[..m.Index]));
            if (!indefinite)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> ClauseEnds = System.Buffers.SearchValues.Create("，,。;；!！");

    /// <summary>啥 asks (到啥程度了, 啥时候) unless it is negated (没啥问题, 没发现啥).</summary>
    private static bool AsksWhat(ReadOnlySpan<char> core)
    {
        for (var i = core.IndexOf('啥'); i >= 0; i = core[(i + 1)..].IndexOf('啥') is var j and >= 0 ? i + 1 + j : -1)
        {
            var before = core[Math.Max(0, i - 4)..i];
            if (!before.Contains('没') && !before.Contains('不'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A ranking request without a question word: 排一下, 排个序 (not 安排一下).</summary>
    private static bool AsksRanking(ReadOnlySpan<char> core)
    {
        var at = core.IndexOf("排一下", StringComparison.Ordinal);
        if (at < 0)
        {
            at = core.IndexOf("排个序", StringComparison.Ordinal);
        }

        return at >= 0 && (at == 0 || core[at - 1] != '安');
    }

    /// <summary>Classifies a raw message (the @-mention and full-width characters are handled here).</summary>
    public static Classification Classify(string? text) =>
        TextNormalizer.AddressesOnlyOthers(text) ? new(ReportKinds.Other, 0.8) : ClassifyNormalized(InlineCorrection.Resolve(TextNormalizer.Normalize(text)));

    /// <summary>
    /// True for a plan told for a coming day with nothing done yet (明天上午去北沟街道调研; 下周一计划到平西乡) — not a report,
    /// but worth an answer that says so.
    /// </summary>
    public static bool IsPlanForLater(string? text)
    {
        var core = TextNormalizer.Normalize(text).AsSpan().Trim(" \n,.。!！~～、");
        return !core.IsEmpty && !HasDoneMark(core) && core.IndexOfAny('?', '？') < 0 && IsPlanAhead(core);
    }

    /// <summary>Classifies text already passed through <see cref="TextNormalizer.Normalize"/>.</summary>
    public static Classification ClassifyNormalized(string t)
    {
        Span<float> scores = stackalloc float[ActivityLexicon.Count];
        Span<int> firstAt = stackalloc int[ActivityLexicon.Count];
        ActivityLexicon.Score(t, scores, firstAt);
        return ClassifyNormalized(t, ActivityLexicon.Best(scores, 1.5f) >= 0);
    }

    /// <summary>Classifies normalised text whose activity cues were already scored.</summary>
    internal static Classification ClassifyNormalized(string t, bool hasActivity)
    {
        var core = t.AsSpan().Trim(" \n,.。!！~～、");
        if (core.IsEmpty || !HasWordChars(core))
        {
            return new(ReportKinds.Other, 0.95);
        }

        var reportStart = ChineseText.StartsWithAny(core, ReportStarts);
        var afterNumber = WithoutLeadingNumber(core);

        // Corrections: they name the earlier message, or open with 更正/修改/撤回.
        if (ChineseText.StartsWithAny(core, CorrectionStarts)
            || (afterNumber.Length < core.Length && (ChineseText.StartsWithAny(afterNumber, CorrectionStarts) || ChineseText.StartsWithAny(afterNumber, RestoreStarts)))
            || (core.StartsWith("恢复", StringComparison.Ordinal) && HasReportNumber(core))
            || (core.Length <= 40 && !reportStart && (ChineseText.EndsWithAny(core, Supplements) || ChineseText.StartsWithAny(core, Supplements)))
            || (EarlierMessage.ContainsAny(core) && Amendments.ContainsAny(core))
            || (MessageNouns.ContainsAny(core) && Additions.ContainsAny(core))
            || (core.Length <= 60 && ChineseText.EndsWithAny(core, CorrectionEnds))
            || (core.Length <= 30 && !reportStart && (core.Contains("改为", StringComparison.Ordinal) || core.Contains("改成", StringComparison.Ordinal) || core.Contains("应为", StringComparison.Ordinal) || core.Contains("以这条为准", StringComparison.Ordinal) || core.Contains("以此为准", StringComparison.Ordinal))))
        {
            return new(ReportKinds.Correction, 0.9);
        }

        // 照片传不上去 咋整: a how-to question about the tool asks nothing of the records and reports nothing.
        if (core.Length <= 40 && ChineseText.EndsWithAny(core.TrimEnd("?？啊呀"), HowToEnds))
        {
            return new(ReportKinds.Other, 0.7);
        }

        // Messages that report nothing done yet: forwarded notices, plans for a coming day, notes to a colleague by
        // title, invitations and small talk (the writer announces, plans or chats; nothing is done).
        if (!reportStart && IsAnnouncement(core))
        {
            return new(ReportKinds.Other, 0.75);
        }

        // Commands: short imperatives.
        if (core.Length <= 40 && !reportStart)
        {
            var imperative = core;
            foreach (var polite in (ReadOnlySpan<string>)["请", "帮我", "麻烦", "小助手"])
            {
                if (imperative.StartsWith(polite, StringComparison.Ordinal) && imperative.Length > polite.Length)
                {
                    imperative = imperative[polite.Length..].TrimStart();
                }
            }

            if (ChineseText.StartsWithAny(imperative, CommandStarts) || ItemCommand().IsMatch(core)
                || ((imperative.StartsWith("催一下", StringComparison.Ordinal) || imperative.StartsWith("催催", StringComparison.Ordinal)) && (core.Contains('@') || NamesSomeone(imperative)))
                || (TaskLists.ContainsAny(core) && !QueryWords.ContainsAny(core) && !core.Contains('?'))
                || (AsksToSend(core) && !HasDay(core) && !HasWorkVerbOutsideQuotes(core))
                || (core.Length <= 20 && ChineseText.EndsWithAny(core, HelpEnds)))
            {
                return new(ReportKinds.Command, 0.9);
            }
        }

        // 在吗, 在不在？: a presence check asks nothing of the records.
        if (IsPresenceCheck(core))
        {
            return new(ReportKinds.Other, 0.9);
        }

        // A short promise to report later (收到 我下午补一下, 在省里开会 回去补报) reports nothing yet.
        if (!reportStart && core.Length <= 20 && LaterReports.ContainsAny(core) && core.IndexOfAnyInRange('0', '9') < 0
            && core.IndexOfAny('?', '？') < 0 && !ChineseText.StartsWithAny(core, QueryStarts) && !ChineseText.StartsWithAny(core, AskStarts))
        {
            return new(ReportKinds.Other, 0.7);
        }

        // Queries: questions and look-ups.
        if (!reportStart)
        {
            var asks = core.Contains('?') || core.Contains('？') || ChineseText.StartsWithAny(core, QueryStarts) || ChineseText.StartsWithAny(core, AskStarts)
                       || QueryWords.ContainsAny(core) || AsksHowMany(core) || AsksWhat(core) || AsksRanking(core) || (core.Length <= 40 && ChineseText.EndsWithAny(core, AskEnds) && !HasCount(core) && !core.EndsWith("了一下", StringComparison.Ordinal) && !ChineseText.EndsWithAny(core, Informing));
            var endsLikeQuery = ChineseText.EndsWithAny(core.TrimEnd("?？"), QueryEnds) && core.Length <= 16 && !HasDay(core);
            if (asks || endsLikeQuery)
            {
                // A long message that states dated work with numbers is a report even with a question in it.
                var looksLikeReport = core.Length > 45 && HasCount(core) && !core.Contains('?');
                if (!looksLikeReport)
                {
                    return new(ReportKinds.Query, asks ? 0.85 : 0.7);
                }
            }
        }

        // Notices: the writer announces a meeting or asks the readers to attend or prepare (通知：明天上午9点…开会，请准时参加);
        // a meeting moved (明天上午的调度会推迟到下午三点) is one too.
        if (!reportStart && (IsNotice(core) || (core.Length <= 40 && (ReaderNotices.ContainsAny(core) || Reschedules.ContainsAny(core)))))
        {
            return new(ReportKinds.Other, 0.7);
        }

        // 五一快乐，假期值班的同志辛苦了: a short greeting or thanks with no day and no count reports nothing.
        if (!reportStart && core.Length <= 30 && IsGreeting(core) && !HasCount(core) && !HasDay(core))
        {
            return new(ReportKinds.Other, 0.7);
        }

        // 各位领导早上好！今天最高温35度，外出注意防暑: a greeting to the readers that reminds them of something reports nothing.
        if (!reportStart && IsSalutation(core) && ReaderReminders.ContainsAny(core))
        {
            return new(ReportKinds.Other, 0.7);
        }

        // Chatter: greetings, thanks, acknowledgements, promises to report later.
        var evidence = ReportEvidence(core, reportStart, hasActivity);
        if (evidence < 2 || (core.Length <= 20 && ChineseText.StartsWithAny(core, Chatter) && evidence < 3))
        {
            return new(ReportKinds.Other, evidence == 0 ? 0.9 : 0.6);
        }

        return new(ReportKinds.Report, evidence >= 4 ? 0.9 : 0.7);
    }

    /// <summary>Markers of work done: 了, 已, 完 (完成, 写完), 过 (去过), 刚.</summary>
    private static readonly System.Buffers.SearchValues<char> DoneMarks = System.Buffers.SearchValues.Create("了已完过刚");

    /// <summary>A coming day or an intent that opens a message (明天上午…, 下周一计划…, 准备…, 后天…).</summary>
    private static readonly string[] PlanOpeners = ["明天", "明早", "明日", "明儿", "后天", "下周", "下礼拜", "下星期", "下个月", "下月"];

    /// <summary>Intent words that open a plan when a going or a day follows (计划去…, 准备下周…, 打算到…), not 计划总投资….</summary>
    private static readonly string[] IntentOpeners = ["计划", "准备", "打算", "拟"];

    /// <summary>The writer or a subject before the coming day (我明天…, 我们下周…).</summary>
    private static readonly string[] PlanSubjects = ["我们", "咱们", "俺们", "我", "俺"];

    /// <summary>A message that asks for a wrong figure to be fixed at its end (…少算了一场，麻烦更正).</summary>
    private static readonly string[] CorrectionEnds = ["麻烦更正", "请更正", "更正一下", "请予更正", "麻烦改一下"];

    /// <summary>How-to questions about the tool or a chore (传不上去 咋整, 这个怎么弄).</summary>
    private static readonly string[] HowToEnds = ["咋整", "咋办", "怎么办", "怎么弄", "咋弄", "怎么整"];

    /// <summary>Openers that address the readers as a group (各位领导：…请报送).</summary>
    private static readonly string[] ReaderHeads = ["各位领导", "各位同事", "各位同志", "各位:"];

    /// <summary>Notices by their heading: 【转发】, 【通知】, 转发:, 通知:, 公告:, 提醒: (no one @-named).</summary>
    private static readonly string[] NoticeHeads = ["转发:", "转发 ", "通知:", "公告:", "提醒:", "紧急通知:", "温馨提示:"];
    private static readonly string[] NoticeBracketWords = ["转发", "通知", "公告", "提醒", "提示"];

    /// <summary>Invitations to the readers (…比赛，欢迎参加; 想参加的报名).</summary>
    private static readonly WordMatcher Invitations = new(["欢迎参加", "欢迎报名", "欢迎大家", "踊跃报名", "踊跃参加", "想参加的", "有意者", "报名哈", "报个名"]);

    /// <summary>What a note to a colleague asks or tells after the title (王主任，…我晚点到; 李科，麻烦…).</summary>
    private static readonly WordMatcher NoteWords = new(["我", "请", "麻烦", "记得", "帮忙", "帮我"]);

    /// <summary>Titles a colleague is addressed by before a comma (王主任, 孙局, 李科).</summary>
    private static readonly string[] AddressTitles = ["主任", "局长", "区长", "书记", "科长", "乡长", "镇长", "部长", "主席", "局", "科", "总", "秘书"];

    /// <summary>
    /// A message that reports nothing done: a forwarded or headed notice, a plan for a coming day with no done marker
    /// (明天上午去平西乡调研，请乡里安排一下 — but not 今天走访了3家企业，明天继续), a note to a colleague by title, an
    /// invitation, or a short remark of what there is (今天食堂有饺子).
    /// </summary>
    private static bool IsAnnouncement(ReadOnlySpan<char> core)
    {
        if (IsHeadedNotice(core))
        {
            return true;
        }

        // Done work, or a question (…都有哪些, 明天几点出发?), is read by the rules below.
        if (HasDoneMark(core) || core.IndexOfAny('?', '？') >= 0 || QueryWords.ContainsAny(core) || AsksHowMany(core)
            || core.EndsWith("吗", StringComparison.Ordinal) || core.EndsWith("呢", StringComparison.Ordinal))
        {
            return false;
        }

        // 各位领导：11月30日前请报送…, 各位领导：周末请保持手机畅通: a request to the readers with nothing done.
        if (ChineseText.StartsWithAny(core, ReaderHeads) && core.Contains('请'))
        {
            return true;
        }

        return IsPlanAhead(core) || IsNoteToColleague(core) || Invitations.ContainsAny(core) || IsSmallTalk(core)
               || (core.Length <= 40 && Postponements.ContainsAny(core) && !HasCount(core));
    }

    /// <summary>Work put off with no new day (巡河往后推推, 改天再去, 先缓一缓): nothing done.</summary>
    private static readonly WordMatcher Postponements = new(["往后推", "往后拖", "往后延", "改天再", "改日再", "缓一缓", "先不去", "暂缓"]);

    /// <summary>
    /// True when a done marker says something was done: not one negated right before it (还没修完, 未完成, 没去过), not a
    /// 了 of a condition the plan waits for (等雨停了再去, 时间定了再通知) and not one of degree (雨太大了).
    /// </summary>
    private static bool HasDoneMark(ReadOnlySpan<char> core)
    {
        for (var at = core.IndexOfAny(DoneMarks); at >= 0;)
        {
            var negated = (at >= 1 && core[at - 1] is '没' or '未') || (at >= 2 && core[at - 2] is '没' or '未');
            var condition = core[at] == '了' && core[(at + 1)..].TrimStart().StartsWith('再');

            // 风太大了, 太冷了: an exclamation of degree, nothing done.
            var degree = core[at] == '了' && at >= 2 && core[at - 2] == '太';
            if (!negated && !condition && !degree)
            {
                return true;
            }

            var next = core[(at + 1)..].IndexOfAny(DoneMarks);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    private static bool IsHeadedNotice(ReadOnlySpan<char> core)
    {
        if (core.Contains('@'))
        {
            return false;
        }

        if (core[0] is '【' or '[')
        {
            var close = core.IndexOfAny(']', '】');

            // 【转】区政府办通知：… — the bare 转 of a forward (not 【转型升级】, a report's own heading).
            return close > 0 && close <= 8 && (ChineseText.ContainsAny(core[..close], NoticeBracketWords) || (close == 2 && core[1] == '转'));
        }

        // 转发四平日报：… — forwarded press, the source named between 转发 and the colon.
        if (core.StartsWith("转发", StringComparison.Ordinal))
        {
            var colon = core.IndexOf(':');
            if (colon is > 2 and <= 12 && IsHan(core[2..colon]))
            {
                return true;
            }
        }

        return ChineseText.StartsWithAny(core, NoticeHeads);
    }

    private static bool IsPlanAhead(ReadOnlySpan<char> core)
    {
        var lead = core;
        foreach (var subject in PlanSubjects)
        {
            if (lead.StartsWith(subject, StringComparison.Ordinal))
            {
                lead = lead[subject.Length..].TrimStart();
                break;
            }
        }

        foreach (var opener in PlanOpeners)
        {
            if (lead.StartsWith(opener, StringComparison.Ordinal))
            {
                // 下周的调研安排发一下: the coming day names a thing asked for, not a plan told.
                var rest = lead[opener.Length..];
                rest = rest.TrimStart("一二三四五六日天");
                return !rest.StartsWith("的", StringComparison.Ordinal);
            }
        }

        foreach (var intent in IntentOpeners)
        {
            if (lead.StartsWith(intent, StringComparison.Ordinal) && lead.Length > intent.Length && "去到赴于明下后本这".Contains(lead[intent.Length], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNoteToColleague(ReadOnlySpan<char> core)
    {
        // 李敏 到位资金那个数你们再核一下: a colleague by name, a space, and something asked of "you".
        var space = core.IndexOf(' ');
        if (space is 2 or 3 && IsHan(core[..space]) && core[(space + 1)..].Contains('你'))
        {
            return true;
        }

        var comma = core.IndexOf(',');
        if (comma < 2 || comma > 6)
        {
            return false;
        }

        var head = core[..comma];
        foreach (var title in AddressTitles)
        {
            if (head.EndsWith(title, StringComparison.Ordinal) && head.Length - title.Length is >= 1 and <= 3 && IsHan(head[..^title.Length]))
            {
                return NoteWords.ContainsAny(core[(comma + 1)..]);
            }
        }

        return false;
    }

    private static bool IsHan(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is < '\u4e00' or > '\u9fff')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short remark of what there is (今天食堂有饺子): no work verb, no count, an existential 有.</summary>
    private static bool IsSmallTalk(ReadOnlySpan<char> core)
    {
        var words = 0;
        foreach (var c in core)
        {
            if (char.IsLetterOrDigit(c))
            {
                words++;
            }
        }

        var has = core.IndexOf('有');
        return words <= 14 && has > 0 && core[has - 1] is not ('没' or '所' or '只' or '还') && !HasCount(core) && !WorkVerbs.ContainsAny(core);
    }

    private static readonly string[] PresenceChecks = ["在吗", "在不在", "在么", "在嘛", "在不", "小助手在吗", "你在吗"];

    private static bool IsPresenceCheck(ReadOnlySpan<char> core)
    {
        var bare = core.TrimEnd("?？ ");
        foreach (var w in PresenceChecks)
        {
            if (bare.SequenceEqual(w))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] Salutations = ["早上好", "上午好", "中午好", "下午好", "晚上好", "早安", "大家好", "你们好", "各位好", "同志们好"];

    private static readonly WordMatcher ReaderReminders = new(["注意", "提醒", "记得", "别忘", "请大家", "请各位", "务必", "多喝水", "添衣", "保重"]);

    /// <summary>The message opens with a greeting to its readers (各位领导早上好, 大家好, 早安各位) in its first dozen characters.</summary>
    private static bool IsSalutation(ReadOnlySpan<char> core)
    {
        var head = core[..Math.Min(core.Length, 12)];
        foreach (var w in Salutations)
        {
            if (head.Contains(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGreeting(ReadOnlySpan<char> core) =>
        core.Contains("快乐", StringComparison.Ordinal) || core.TrimEnd("!！ ").EndsWith("辛苦了", StringComparison.Ordinal);

    private static int ReportEvidence(ReadOnlySpan<char> core, bool reportStart, bool hasActivity)
    {
        var evidence = reportStart ? 3 : 0;
        if (WorkVerbs.ContainsAny(core))
        {
            evidence += 2;
        }

        if (HasDay(core))
        {
            evidence++;
        }

        if (hasActivity)
        {
            evidence += 2;
        }

        if (HasCount(core))
        {
            evidence++;
        }

        if (core.Length > 20)
        {
            evidence++;
        }

        if (core.Length > 40)
        {
            evidence++;
        }

        return evidence;
    }

    /// <summary>A specific day: 今天, 昨天, 上午, 5月12日, 6号.</summary>
    private static bool HasDay(ReadOnlySpan<char> s)
    {
        if (RelativeDays.ContainsAny(s))
        {
            return true;
        }

        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] is '日' or '号' && char.IsAsciiDigit(s[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A digit, or a Chinese numeral with a measure word (三个, 十二家).</summary>
    private static bool HasCount(ReadOnlySpan<char> s)
    {
        if (s.IndexOfAnyInRange('0', '9') >= 0 || s.Contains("万元", StringComparison.Ordinal) || s.Contains("亿元", StringComparison.Ordinal))
        {
            return true;
        }

        for (var i = 0; i + 1 < s.Length; i++)
        {
            if (ChineseNumerals.IsNumeralChar(s[i]) && s[i] != '万' && "个家处项次场人户篇期天".Contains(s[i + 1], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text after a leading report number (#12 更正… → 更正…); the text itself when it has none.</summary>
    private static ReadOnlySpan<char> WithoutLeadingNumber(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] is not ('#' or '＃'))
        {
            return s;
        }

        var i = 1;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == ' '))
        {
            i++;
        }

        return i > 1 ? s[i..].TrimStart(" ,:：，") : s;
    }

    private static bool HasReportNumber(ReadOnlySpan<char> s)
    {
        var hash = s.IndexOfAny('#', '＃');
        return hash >= 0 && hash + 1 < s.Length && s[(hash + 1)..].TrimStart(' ').Length > 0 && char.IsAsciiDigit(s[(hash + 1)..].TrimStart(' ')[0]);
    }

    private static bool HasWordChars(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

}
