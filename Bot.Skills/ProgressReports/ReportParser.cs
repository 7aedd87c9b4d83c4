using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// The rules parser: message → canonical record, deterministic and fast (no I/O, no LLM). Reads the kind of message,
/// then for reports the date(s), people, places, units, kind of work, plan action and counters, and rates its own
/// confidence. Thread-safe; one instance serves the whole bot.
/// </summary>
public sealed partial class ReportParser
{
    private static readonly WordMatcher VagueTimes = new(
    [
        "近日", "近期", "日前", "本月", "本周", "上周", "本季度", "月份", "上旬", "中旬", "下旬", "月底", "月初", "年初", "年底",
        "全年", "今年", "累计", "上半年", "下半年", "季度", "近来", "连日", "此前", "一直",
    ]);

    private static readonly WordMatcher Summaries = new(["本月", "本周", "累计", "月份", "季度", "全年", "上半年", "下半年", "汇总", "年初以来"]);
    /// <summary>Words naming firms visited (企业, 公司, 集团).</summary>
    private static readonly string[] FirmWords = ["企业", "公司", "集团"];

    /// <summary>Checks of officials' conduct when 作风 is named (明察暗访, 督查).</summary>
    private static readonly WordMatcher ConductChecks = new(["暗访", "督查", "检查", "抽查"]);

    private static readonly WordMatcher InspectionWords = new(["巡查", "巡检", "检查", "复查", "巡护", "督查", "巡了", "巡一遍", "走了一遍", "走了一趟", "走了走", "走一走", "走了一圈", "转了转", "转了一圈", "巡了巡", "看了一遍", "过了一遍"]);

    /// <summary>
    /// Words of the programmes that court returning entrepreneurs and investors (返乡创业, 吉商, 平商回巢): investment work
    /// naming one of them serves the action whose text alone names it.
    /// </summary>
    private static readonly string[] ReturneeWords = ["返乡创业", "回乡创业", "回乡投资", "返乡投资", "吉商", "平商回巢", "吉人回乡", "企业吉林行", "乡贤", "在外企业家"];
    /// <summary>Going on somewhere after a meeting (开完会又去…, 刚开完调度会，下午去…).</summary>
    private static readonly string[] GoingOn = ["去", "到", "赶往", "赴"];
    private static readonly string[] YearEndWords = ["全年工作总结", "年度工作总结", "年终总结", "全年工作"];
    private static readonly string[] YearEndNames = ["全年工作总结", "年度工作总结", "年终总结"];
    private static readonly string[] NotAMeeting = ["培训", "宣讲", "推介", "招聘", "座谈", "现场办公"];
    private static readonly WordMatcher TalkVerbs = new(["唠了唠", "聊了聊", "唠唠", "聊聊", "唠了一会", "聊了一会", "拉了拉家常", "唠了唠嗑", "座谈了一下", "座谈了一会", "聊了一下", "聊了下", "唠了一下", "聊的是", "唠的是"]);

    /// <summary>Learning from how others do it (学习人家…的经验, 看了看他们的…, 想学学…): a study visit.</summary>
    private static readonly WordMatcher LearningFromOthers = new(
        ["学习人家", "学习他们", "看了人家", "看了看人家", "看看人家", "看了他们", "看了看他们", "看看他们", "参观了他们", "学学", "学一学", "取取经", "取经"]);

    /// <summary>A led group learning from elsewhere (带队赴杭州学习…经验, 带队去梨树县学习了…): not 学习借鉴 (its outcome count).</summary>
    [GeneratedRegex("学习(?!借鉴)(?:了[^,;。!?\n]{0,24}|[^,;。!?\n]{0,24}?(?:经验|做法))", RegexOptions.CultureInvariant)]
    private static partial Regex LedLearning();

    /// <summary>
    /// A safety inspection (安全大检查, 检查校园安全, 消防检查, 森林防火), a drill (消防演练, 应急演练) or receiving
    /// petitioners (接访, 接待来访群众): other work whatever was inspected or complained of.
    /// </summary>
    [GeneratedRegex("安全(?:生产)?(?:大|专项)?检查|检查[^,;。!?\n]{0,12}安全|消防检查|隐患排查|森林防火|(?:消防|应急|防汛)演练|接访|接待(?:群众)?来访|接待信访|信访接待", RegexOptions.CultureInvariant)]
    private static partial Regex SafetyInspection();

    /// <summary>A meeting named only as the body that approves (已经区政府常务会议审议通过, 拟提请…常务会议审议).</summary>
    [GeneratedRegex("(?:经|提请|报请|提交)[^,;。!?\n]{0,8}?(?:常务会议|党组会议|常委会|专题会议|常务会)[^,;。!?\n]{0,4}?审议", RegexOptions.CultureInvariant)]
    private static partial Regex ApprovedByMeeting();
    private static readonly WordMatcher LookVerbs = new(["看了", "看看", "转了转", "转了一圈"]);
    private static readonly string[] InvestmentEvents = ["招商", "洽谈", "签约", "投资", "对接", "恳谈"];
    private static readonly WordMatcher VisitVerbs = new(["看了", "看看", "转了转", "转了一圈", "走了走", "走了一圈", "走一走", "走了一遍", "走了一趟", "巡了巡"]);
    private static readonly WordMatcher StudyVisits = new(["学习考察", "考察学习", "参观学习", "学习观摩", "观摩学习"]);
    private static readonly string[] SafetyChecks = ["防汛", "安全检查", "安全隐患"];
    private static readonly WordMatcher RiverChiefWords = new(["巡河", "巡湖", "河长", "湖长", "清四乱", "巡查河"]);
    private static readonly WordMatcher DealingVerbs = new(["洽谈", "签约", "签订", "考察团", "客商", "对接企业", "引进"]);

    private static bool ClauseBreakBetween(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (ChineseText.IsClauseBreak(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] LeadingGroup = ["带队", "带领", "率队", "率领", "带区", "带着"];
    private static readonly string[] Delegations = ["专家组", "考察组", "调研组", "督导组", "检查组", "工作组", "调研团"];
    private static readonly string[] UpstairsVerbs = ["对接", "争取", "汇报", "衔接", "沟通", "跑"];

    /// <summary>
    /// Holding a meeting: 召开/主持/出席/参加/开完 … 会议, or a named meeting that does something (党组会议传达, 常务会议专题研究).
    /// </summary>
    [GeneratedRegex("(?:召开|主持|出席|参加|开完|开了)[^,;。!?\n]{0,24}?(?:会议|调度会|推进会|部署会|专题会|联席会|常务会|党组会|办公会|动员会|现场会|总结会|协调会|大会|党委会|党工委会|碰头会|议事会|恳谈会|分析会|讲评会|论证会|评审会|听证会|对账会|座谈会|会商会|研判会|交流会|汇报会|例会|务虚会|通气会|启动会|观摩会|点评会|复盘会|工作会|见面会|评议会|述职会|对接会)" +
                    "|开了个会|开了会|开个会|(?<![召展公离])开(?:了个|了|个)?(?:常务会|党组会|调度会|推进会|专题会|办公会|碰头会|党委会|党工委会|联席会|协调会)|开完会(?![又再就后]|接着|然后|,又|,再|,就)|(?:到|在|去)[^,;。!?\n]{1,10}?开会" +
                    "|(?:召集|召开)[^;。!?\n]{0,24}?听取|听取[^,;。!?\n]{0,24}?工作汇报|听了一遍" +
                    "|(?:常务会议|党组会议|党组扩大会议|专题会议|调度会|推进会)(?=[^,;。!?\n]{0,3}(?:研究|传达|听取|部署|审议|专题|通报))" +
                    // 区政府第28次常务会议11月3日召开: the meeting named first, then held.
                    "|(?:常务会议|党组会议|专题会议|调度会|推进会|部署会|协调会|办公会|联席会议)[^,;。!?\n]{0,12}?(?:召开|开完)" +

                    // 在…动员部署会上通报了…: speaking at a work meeting reports the meeting.
                    "|在[^,;。!?\n]{0,24}?(?:部署会|推进会|调度会|常务会议|工作会议|动员会|动员大会|总结会|务虚会)上(?:通报|讲话|部署|强调|作了|传达|总结|点评)", RegexOptions.CultureInvariant)]
    private static partial Regex Meeting();

    /// <summary>
    /// 今天的调度会 脱贫攻坚年度任务逐项对了账: the day's meeting named as what is reported (read only when no other meeting
    /// is, and only when a 的 + meeting word is in the text, so that the main pattern keeps its cheap first characters).
    /// </summary>
    [GeneratedRegex("(?:今天|昨天|今早|上午|下午|晚上)的(?:调度会|推进会|部署会|协调会|专题会|常务会|党组会|碰头会|办公会|例会)", RegexOptions.CultureInvariant)]
    private static partial Regex DaysMeeting();

    /// <summary>
    /// Rules round 15l: a governing body's meeting named right after its day, doing something (12月3日乡党委会对账, 14日下午区政府
    /// 党组会议，各副区长交流…); not one that passed a policy (今天常务会过了, …常务会议通过了). Read only when no other meeting is
    /// and a body's meeting word is in the text: its leading digits would slow the main pattern's search.
    /// </summary>
    [GeneratedRegex("(?:[0-9]日|[0-9]号|上午|下午|今天|昨天)[^,;。!?\n]{0,8}?(?:党组会议|党组会|常务会议|常务会|党委会|党工委会)(?=[,: ]|对账|对了账|定了|逐项|交流|总结)", RegexOptions.CultureInvariant)]
    private static partial Regex BodysMeeting();

    private static readonly WordMatcher BodysMeetingWords = new(["党组会", "常务会", "党委会", "党工委会"]);

    private static readonly WordMatcher DaysMeetingWords = new(["的调度会", "的推进会", "的部署会", "的协调会", "的专题会", "的常务会", "的党组会", "的碰头会", "的办公会", "的例会"]);

    [GeneratedRegex("(?:跑了|走了|转了|串了|走访了)(?:[0-9]+|[一二两三四五六七八九十几]+)(?:多|余)?(?:[家户]|个(?:村|社区|小区|企业|乡镇|街道))", RegexOptions.CultureInvariant)]
    private static partial Regex RoundOfVisits();

    /// <summary>One shared instance (the parser holds no state).</summary>
    public static ReportParser Instance { get; } = new();

    /// <summary>Parses one message against the plan and roster in <paramref name="vocabulary"/>.</summary>
    public ParsedReport Parse(in ReportMessage message, ReportVocabulary vocabulary)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var parsed = ParseRules(message, vocabulary);
        Bot.Data.Telemetry.BotTelemetry.ParseDuration.Record(Bot.Data.Telemetry.BotTelemetry.Seconds(start), new KeyValuePair<string, object?>("kind", parsed.Kind));
        return parsed;
    }

    /// <summary>
    /// The end of the first item of a week's round-up (本周工作小结：…；… / 这周小结：周二…，周四…), or -1 when the
    /// message is no round-up: items end at a semicolon, a line break, a "2." number or a comma before a weekday.
    /// </summary>
    private static int FirstItemOfRoundUp(string t)
    {
        var head = t.IndexOf("小结", StringComparison.Ordinal);
        if (head < 0 || head > 16)
        {
            return -1;
        }

        var from = head + 2;
        for (var k = from; k < t.Length; k++)
        {
            var c = t[k];
            if (c is ';' or '；' or '\n'
                || (c == '2' && k + 1 < t.Length && t[k + 1] is '.' or '、')
                || (c == ',' && k + 1 < t.Length && t[k + 1] == '周' && k + 2 < t.Length && "一二三四五六日".Contains(t[k + 2], StringComparison.Ordinal)))
            {
                return k;
            }
        }

        return -1;
    }

    private ParsedReport ParseRules(in ReportMessage message, ReportVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);

        // @马晓东 马局 明天巡河的照片记得发群里: colleagues talking to each other, not to the bot.
        if (TextNormalizer.AddressesOnlyOthers(message.Text))
        {
            return ParsedReport.NonReport(ReportKinds.Other, 0.8);
        }

        var t = InlineCorrection.Resolve(TextNormalizer.Normalize(message.Text));
        Span<float> scores = stackalloc float[ActivityLexicon.Count];
        Span<int> firstAt = stackalloc int[ActivityLexicon.Count];
        ActivityLexicon.Score(t, scores, firstAt);

        // 本周工作小结：1.招聘会…；2.培训班…: a department's round-up of several kinds of work is named by its first item.
        if (FirstItemOfRoundUp(t) is > 0 and var firstItem && firstItem < t.Length)
        {
            scores.Clear();
            firstAt.Clear();
            ActivityLexicon.Score(t[..firstItem], scores, firstAt);
        }

        var meeting = Meeting().Match(t);
        if (!meeting.Success && DaysMeetingWords.ContainsAny(t))
        {
            meeting = DaysMeeting().Match(t);
        }

        if (!meeting.Success && BodysMeetingWords.ContainsAny(t))
        {
            meeting = BodysMeeting().Match(t);
        }

        var cued = ActivityLexicon.Best(scores, 1.5f);

        // 参加…大会 is a meeting only when nothing else is named (参加全球吉商大会，签约项目1个 is 招商).
        // Attending an event of an investment programme or of dealings (参加吉人回乡恳谈会; 参加…项目申报对接会) is
        // investment work; holding one (开了个项目融资对接会) is a meeting.
        // A returnee programme's event (平商回巢恳谈会, 企业家座谈会 on 回乡投资) is investment work whether held or attended.
        // A 座谈会 held on the work itself (全年工作总结座谈会) is a meeting; one with firms or residents is a visit.
        var isMeeting = meeting.Success && (!ContainsEventWord(meeting.ValueSpan) || IsWorkForum(meeting.ValueSpan))
                        && (cued < 0 || !meeting.ValueSpan.EndsWith("大会", StringComparison.Ordinal) || IsHolding(meeting.ValueSpan))
                        // 已经区政府常务会议审议通过: the meeting only approved what is reported, nobody here held it.
                        && (IsHolding(meeting.ValueSpan) || IsAttending(meeting.ValueSpan) || !ApprovedByMeeting().IsMatch(t))
                        && !ChineseText.ContainsAny(meeting.ValueSpan, ReturneeWords)
                        && !(IsAttending(meeting.ValueSpan) && ChineseText.ContainsAny(meeting.ValueSpan, InvestmentEvents))
                        // 刚开完调度会，下午去站前街道调研: a meeting finished is the time of the work named after it.
                        && !(meeting.ValueSpan.StartsWith("开完", StringComparison.Ordinal) && cued >= 0 && firstAt[cued] > meeting.Index + meeting.Length
                             && ChineseText.ContainsAny(t.AsSpan(meeting.Index + meeting.Length, firstAt[cued] - meeting.Index - meeting.Length), GoingOn));
        // A colloquial look or walk at a named place (早上去平西乡看了看, 到南河地直街道段走了一圈) is work even without a
        // cue word; the places are read first only then.
        string[]? places = null;
        if (cued < 0 && !isMeeting && VisitVerbs.ContainsAny(t))
        {
            places = PlaceExtractor.Find(t, vocabulary);
        }

        var classification = MessageClassifier.ClassifyNormalized(t, cued >= 0 || isMeeting || places is { Length: > 0 });
        if (!string.Equals(classification.Kind, ReportKinds.Report, StringComparison.Ordinal))
        {
            return ParsedReport.NonReport(classification.Kind, classification.Confidence);
        }

        var date = ChineseDates.FindWorkDay(t, Shanghai.Today(message.SentAt));
        places ??= PlaceExtractor.Find(t, vocabulary);
        var units = UnitExtractor.Find(t, vocabulary);
        var named = PeopleExtractor.Find(t);
        var people = named.Length > 0 ? named : string.IsNullOrWhiteSpace(message.Sender) ? [] : [message.Sender.Trim()];

        // A township or village official met with (跟周涛乡长碰了下, 和李主任一起去…) is the counterpart: the sender leads.
        if (named.Length > 0 && !string.IsNullOrWhiteSpace(message.Sender) && IsCounterpart(t, named[0]) && Array.IndexOf(named, message.Sender.Trim()) < 0)
        {
            people = [message.Sender.Trim(), .. named];
        }

        // A patrol of a named river or reservoir is river-chief work even without 巡河 or 河长制.
        // (A safety check of a reservoir, 水库安全检查, is not.)
        if (HasWaterBody(places) && InspectionWords.IndexOfAny(t) is var inspection and >= 0
            && !t.AsSpan(0, inspection).EndsWith("安全", StringComparison.Ordinal))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.RiverChief, 6, inspection);
        }

        // 巡南河, 巡条子河: 巡 with the river's name right after it is a patrol of that river.
        if (HasWaterBody(places) && scores[ActivityLexicon.RiverChief] < 6 && MetricExtractor.PatrolOfNamedWater(t))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.RiverChief, 6, t.IndexOf('巡', StringComparison.Ordinal));
        }

        // Looking at a named place (到仁兴街道看了两个养老服务中心, 在新立村看了高标准农田) is a visit: research unless a
        // word of the work itself says otherwise (the topic seen, 养老, does not).
        // What was looked at can name the work instead (看了看社区食堂 → 民生, 看了3个在建项目 → 项目) when its topic cue is
        // strong, unless a delegation was shown round (陪专家组看了两个养老服务中心 stays a visit).
        // A look at a named project (看了看光伏支架项目，厂房钢结构已经起来了) is project work.
        if (places.Length > 0 && LookVerbs.IndexOfAny(t) is var look and >= 0
            && ((StrongestSeenTopic(t, look) < 3 && !ClauseFrom(t, look).Contains("项目", StringComparison.Ordinal))
                || ChineseText.ContainsAny(t.AsSpan(0, look), Delegations)))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, 3.5f, look);
        }
        else if (places.Length > 0 && LookVerbs.IndexOfAny(t) is var seen and >= 0 && ClauseFrom(t, seen).Contains("项目", StringComparison.Ordinal))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Project, 3, seen);
        }

        // Talking things over at a named place (去站前街道唠了唠老旧小区物业的事) is a visit whatever the topic, unless the
        // talk is about investment or dealings are named (跟客商聊了聊, 去长春对接了两家央企，聊了聊合作).
        if (places.Length > 0 && TalkVerbs.IndexOfAny(t) is var talk and >= 0 && scores[ActivityLexicon.Investment] < 1.5f)
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, 4.5f, talk);
        }

        // Going round firms or households by count (跑了5家企业, 走了十几户) is a visit.
        foreach (var round in RoundOfVisits().EnumerateMatches(t))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, 3, round.Index);
            break;
        }

        // A study tour led to learn from elsewhere (带领区卫健局赴沈阳学习考察…经验) is research, whatever it studied.
        // (A lone 考察学习…经验 stays as the lexicon reads it: the earlier annotation counts it as investment work.)
        if (StudyVisits.IndexOfAny(t) is var study and > 0 && ChineseText.ContainsAny(t.AsSpan(0, study), LeadingGroup))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, ActivityLexicon.Verb, study);
        }

        // Going to provincial or national departments to win projects, funds or policy (跑部跑厅) is 招商.
        if (HasUpperLevelUnit(units) && IndexOfAny(t, UpstairsVerbs, from: ReportPrefixLength(t)) is var upstairs and >= 0)
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Investment, 8, upstairs);
        }

        // Flood-season and safety checks of rivers and reservoirs (检查水库的防汛准备, 防汛隐患排查) are other work, not
        // river-chief patrols, unless a patrol or the river-chief system is named.
        if (ChineseText.ContainsAny(t, SafetyChecks) && !RiverChiefWords.ContainsAny(t))
        {
            scores[ActivityLexicon.RiverChief] = 0;
        }

        // 调研招商引资项目落地情况: the work named right after 调研 in its clause is what was researched, not the work done.
        if (t.IndexOf("调研", StringComparison.Ordinal) is var researched and >= 0 && firstAt[ActivityLexicon.Investment] > researched
            && scores[ActivityLexicon.Investment] >= scores[ActivityLexicon.Research] && !ClauseBreakBetween(t, researched, firstAt[ActivityLexicon.Investment])
            && !DealingVerbs.ContainsAny(t))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, scores[ActivityLexicon.Investment] + 1, researched);
        }

        // Going elsewhere to learn how others do it (学习人家农村公路建设的经验, 看了看他们的…, 带队赴杭州学习…经验) is a study
        // visit, research whatever it studied (学学招商服务 is what was learnt), unless dealings are named.
        if ((LearningFromOthers.IndexOfAny(t) is var learnt and >= 0
             || (LedLearning().Match(t) is { Success: true } led && ChineseText.ContainsAny(t.AsSpan(0, led.Index), LeadingGroup) && (learnt = led.Index) >= 0))
            && !DealingVerbs.ContainsAny(t))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, Math.Max(ActivityLexicon.Verb, Max(scores) + 1), learnt);
        }

        // A safety inspection (国庆节前安全大检查, 检查校园安全, 检查了燃气安全) is other work: what was inspected (schools,
        // gas, building sites) names no kind of work; only a word of the work itself (调研, 巡河) does.
        if (SafetyInspection().IsMatch(t) && !RiverChiefWords.ContainsAny(t))
        {
            for (var a = 0; a < ActivityLexicon.Count; a++)
            {
                if (scores[a] < ActivityLexicon.Verb)
                {
                    scores[a] = 0;
                }
            }
        }

        // An unannounced check of officials' conduct (对12个部门开展作风建设明察暗访, 作风纪律督查) inspects the offices, not the
        // ground: other work, not research (暗访 of heating or water at the households stays a visit).
        if (t.Contains("作风", StringComparison.Ordinal) && ConductChecks.ContainsAny(t) && scores[ActivityLexicon.Research] < ActivityLexicon.Verb)
        {
            scores[ActivityLexicon.Research] = 0;
        }

        // Visiting firms to learn how they are doing (走访…公司、…集团等企业，了解复工达产、融资情况) is research: what the
        // firms raise is their situation, not project work, unless a project or works is named.
        if (scores[ActivityLexicon.Project] > scores[ActivityLexicon.Research] && scores[ActivityLexicon.Project] < ActivityLexicon.Verb
            && t.IndexOf("走访", StringComparison.Ordinal) is var firmVisit and >= 0 && !t.Contains("项目", StringComparison.Ordinal) && !t.Contains("工程", StringComparison.Ordinal)
            && ChineseText.ContainsAny(ClauseFrom(t, firmVisit), FirmWords))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Research, scores[ActivityLexicon.Project] + 0.5f, firmVisit);
        }

        // A trip that ends in a contract signed with an amount (又去了趟深圳…合同签了 投资2亿) is investment work.
        if (scores[ActivityLexicon.Research] < ActivityLexicon.Verb && scores[ActivityLexicon.Research] >= scores[ActivityLexicon.Investment]
            && scores[ActivityLexicon.Investment] > 0 && t.Contains("合同", StringComparison.Ordinal) && t.Contains('签', StringComparison.Ordinal) && t.Contains("投资", StringComparison.Ordinal))
        {
            ActivityLexicon.Raise(scores, firstAt, ActivityLexicon.Investment, scores[ActivityLexicon.Research] + 0.5f, t.IndexOf("合同", StringComparison.Ordinal));
        }

        // A class for river chiefs (村级河长业务培训，讲了巡河规范): when a class and a patrol are both named, the class is the work.
        if (scores[ActivityLexicon.Training] >= ActivityLexicon.Verb && scores[ActivityLexicon.RiverChief] >= ActivityLexicon.Verb)
        {
            scores[ActivityLexicon.RiverChief] = Math.Min(scores[ActivityLexicon.RiverChief], scores[ActivityLexicon.Training] - 0.1f);
        }

        var activity = ActivityLexicon.Best(scores, 1.5f);

        // Two kinds of work both named by their own verbs (调研3次3天，…，巡河2次): the one named first is the main work.
        if (activity >= 0 && scores[activity] >= ActivityLexicon.Verb)
        {
            for (var a = 0; a < ActivityLexicon.Count; a++)
            {
                if (a != activity && a is not (ActivityLexicon.Meeting or ActivityLexicon.Other) && scores[a] >= ActivityLexicon.Verb
                    && Math.Abs(scores[a] - scores[activity]) < 0.01f && firstAt[a] < firstAt[activity])
                {
                    activity = a;
                }
            }
        }

        // Publicity of a returnee programme's policy (返乡创业政策宣讲, 返乡创业政策解读会) is that programme's work: 招商.
        if (activity == ActivityLexicon.Publicity && ChineseText.ContainsAny(t, ReturneeWords))
        {
            activity = ActivityLexicon.Investment;
        }

        // Hearing reports at the units visited and researching on site (到区人社局…听取全年工作汇报并现场调研) is the visit:
        // a meeting read only from 听取…汇报, with no meeting named, yields to a word of the work itself.
        if (isMeeting && !meeting.ValueSpan.Contains('会') && activity >= 0 && scores[activity] >= ActivityLexicon.Verb)
        {
            isMeeting = false;
        }

        // A named meeting held (区河长办召开…推进会, 开了第一次调度会) is the report whatever topic its holder or name carries.
        if (isMeeting && (activity < 0 || scores[activity] < 5 || meeting.Index < firstAt[activity] || IsHeldNamedMeeting(meeting.ValueSpan)))
        {
            activity = ActivityLexicon.Meeting;
        }

        // The action: a title term wins (百日攻坚, 年底巩固提升), then a programme only one action names (吉商大会),
        // then the action serving the kind of work; a meeting serves what it is about.
        var title = vocabulary.FindTitleTerm(t);
        var action = title ?? vocabulary.FindProgramme(t);

        // A quoted review word the plan uses for one programme (“回头看” of 踏查项目) is a general term: when the
        // message's own work is of another kind (环保督察整改“回头看”, 户厕“回头看”), that work names the action.
        if (title is null && action is int programme && activity is >= 0 and < ActivityLexicon.Meeting && HasQuote(t)
            && vocabulary.DefaultActivityOf(programme) is string programmeActivity
            && !string.Equals(programmeActivity, Activities.All[activity], StringComparison.Ordinal)
            && vocabulary.ActionFor(Activities.All[activity]) is int own && ActivityLexicon.Best(scores, 3f) == activity)
        {
            action = own;
        }

        // A campaign title that contains 攻坚 (百日攻坚) names the campaign, not the kind of work: the work is what
        // else the text names (调度全区在建项目 → 项目), 攻坚 only when nothing else is.
        if (title is int campaign && activity == ActivityLexicon.Battle && vocabulary.ActionFor(Activities.All[ActivityLexicon.Battle]) != campaign)
        {
            var battle = scores[ActivityLexicon.Battle];
            scores[ActivityLexicon.Battle] = 0;
            var work = ActivityLexicon.Best(scores, 1.5f);
            if (work >= 0)
            {
                activity = work;
            }
            else
            {
                scores[ActivityLexicon.Battle] = battle;
            }
        }

        // Investment work for returning entrepreneurs (返乡创业项目, 吉商代表团) serves the action that alone names them.
        // A returnee word the plan does not use itself (乡贤, 返乡投资) still names the plan's returnee programme.
        if (action is null && (activity == ActivityLexicon.Investment || (activity == ActivityLexicon.Meeting && scores[ActivityLexicon.Investment] >= 1.5f))
            && (vocabulary.FindDistinctive(t, ReturneeWords) ?? (ChineseText.ContainsAny(t, ReturneeWords) ? vocabulary.ProgrammeAction(ReturneeWords) : null)) is int returnees)
        {
            action = returnees;
        }

        // A summary of the whole year's work (全年工作总结座谈会) serves the action whose plan text alone names it (年底巩固提升).
        // 全年工作总结 by its explicit name serves that action whatever work is done (已完成全年工作总结和明年项目谋划).
        if (action is null && (activity is ActivityLexicon.Meeting or ActivityLexicon.Other or < 0 || ChineseText.ContainsAny(t, YearEndNames)) && ChineseText.ContainsAny(t, YearEndWords)
            && vocabulary.FindDistinctive(t, YearEndWords) is int yearEnd)
        {
            action = yearEnd;
        }

        // A class given or attended serves the training action, whatever its subject (上了一堂乡村振兴政策课); only a
        // campaign title (百日攻坚) outranks it.
        if (title is null && activity == ActivityLexicon.Training && vocabulary.ActionFor(Activities.All[ActivityLexicon.Training]) is int training)
        {
            action = training;
        }

        if (action is null && activity >= 0)
        {
            var about = activity;
            if (activity == ActivityLexicon.Meeting)
            {
                scores[ActivityLexicon.Meeting] = 0;
                about = ActivityLexicon.Best(scores, 2);
            }

            if (about >= 0)
            {
                action = vocabulary.ActionFor(Activities.All[about]);
            }
        }

        // A meeting on nothing the lexicon knows serves the action whose plan text alone names its subject
        // (二季度经济运行分析会议 → the action whose text holds 研究分析经济运行).
        if (action is null && activity == ActivityLexicon.Meeting && meeting.Success)
        {
            action = vocabulary.FindDistinctiveTerm(meeting.ValueSpan);
        }

        string activityName;
        if (activity >= 0)
        {
            activityName = Activities.All[activity];
        }
        else if (action is int a && vocabulary.DefaultActivityOf(a) is string implied)
        {
            // 返乡创业政策已完成初稿: the action's own kind of work.
            activityName = implied;
            activity = IndexOf(implied);
        }
        else
        {
            activityName = Activities.Other;
        }

        // 这两天在北沟街道转了转 / 这两天一直在开发区蹲点: a stay of research over yesterday and today.
        if (date.Date is null && activity == ActivityLexicon.Research && t.Contains("这两天", StringComparison.Ordinal))
        {
            var today = Shanghai.Today(message.SentAt);
            date = new DateFinding(today.AddDays(-1), today, 2);
        }

        var metrics = MetricExtractor.Extract(t, activity, date);
        var vague = VagueTimes.ContainsAny(t);
        var confidence = 0.35;
        if (activity >= 0 && activity != ActivityLexicon.Other)
        {
            confidence += activity == ActivityLexicon.Meeting ? 0.2 : scores[activity] >= 4 ? 0.25 : 0.15;
        }

        confidence += action is null ? 0 : 0.15;
        confidence += date.Date is null ? (vague ? 0.1 : 0) : 0.15;
        confidence += named.Length > 0 || places.Length > 0 || units.Length > 0 ? 0.05 : 0;
        confidence += metrics.Count > 0 ? 0.05 : 0;

        return new ParsedReport
        {
            Kind = ReportKinds.Report,
            Action = action,
            Activity = activityName,
            Date = date.Date,
            EndDate = date.EndDate,
            People = people,
            Places = places,
            Units = units,
            Metrics = metrics,
            Photos = Math.Max(0, message.Images),
            Confidence = Math.Round(Math.Min(confidence, 0.95), 2),
            Missing = MissingOf(action, date.Date, activityName, message.Images, t),
            Source = ReportSources.Rules,
        };
    }

    /// <summary>The fields worth asking the sender about for a report.</summary>
    internal static string[] MissingOf(int? action, DateOnly? date, string? activity, int photos, string text)
    {
        var askDate = date is null && !Summaries.ContainsAny(text);
        var askPhotos = string.Equals(activity, Activities.RiverChief, StringComparison.Ordinal) && photos <= 0;
        var n = (askDate ? 1 : 0) + (action is null ? 1 : 0) + (askPhotos ? 1 : 0);
        if (n == 0)
        {
            return [];
        }

        var missing = new string[n];
        var i = 0;
        if (askDate)
        {
            missing[i++] = ReportFields.Date;
        }

        if (action is null)
        {
            missing[i++] = ReportFields.Action;
        }

        if (askPhotos)
        {
            missing[i] = ReportFields.Photos;
        }

        return missing;
    }

    private static int IndexOf(string activity)
    {
        for (var i = 0; i < Activities.All.Count; i++)
        {
            if (string.Equals(Activities.All[i], activity, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The length of a leading 汇报： / 补报: (whose 汇报 is not the work itself).</summary>
    private static int ReportPrefixLength(string text)
    {
        if (!(text.StartsWith("汇报", StringComparison.Ordinal) || text.StartsWith("补报", StringComparison.Ordinal) || text.StartsWith("报告", StringComparison.Ordinal)))
        {
            return 0;
        }

        return text.Length > 2 && text[2] is ':' or ' ' or ',' ? 3 : 2;
    }

    /// <summary>People a 座谈会 is held with that make it a grassroots talk (调研) or a courting of investors, not a meeting.</summary>
    private static readonly string[] ForumGuests = ["企业", "群众", "居民", "村民", "农户", "代表", "网格员", "干部", "老乡", "商会", "客商", "专家", "老人", "党员"];

    /// <summary>召开…工作总结座谈会: a forum held on the work itself, with none of <see cref="ForumGuests"/>.</summary>
    private static bool IsWorkForum(ReadOnlySpan<char> meeting) =>
        meeting.EndsWith("座谈会", StringComparison.Ordinal) && (meeting.StartsWith("召开", StringComparison.Ordinal) || meeting.StartsWith("主持", StringComparison.Ordinal))
        && !ChineseText.ContainsAny(meeting, ForumGuests) && !ChineseText.ContainsAny(meeting, ["培训", "宣讲", "推介", "招聘", "现场办公"]);

    /// <summary>
    /// True when the meeting span names an event that is no meeting (培训, 宣讲, 推介会 …); named as the subject of the
    /// work discussed (技能培训工作调度会, 宣传工作会议) it is the meeting's topic.
    /// </summary>
    private static bool ContainsEventWord(ReadOnlySpan<char> meeting)
    {
        foreach (var w in NotAMeeting)
        {
            var at = meeting.IndexOf(w, StringComparison.Ordinal);
            if (at >= 0 && !meeting[(at + w.Length)..].StartsWith("工作", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>召开/主持/开 … a meeting: held by the reporter (召开…动员大会 is a meeting whatever it deploys).</summary>
    private static bool HasQuote(string t) => t.AsSpan().IndexOfAny("“”\"「『") >= 0;

    private static bool IsHolding(ReadOnlySpan<char> meeting) =>
        meeting.StartsWith("召开", StringComparison.Ordinal) || meeting.StartsWith("主持", StringComparison.Ordinal) || meeting.StartsWith('开');

    private static bool IsHeldNamedMeeting(ReadOnlySpan<char> meeting) =>
        (meeting.StartsWith("召开", StringComparison.Ordinal) || meeting.StartsWith("开了", StringComparison.Ordinal))
        && ChineseText.EndsWithAny(meeting, WorkMeetings);

    /// <summary>Meetings that run the work itself (not forums with firms or residents: 座谈会, 交流会, 恳谈会, 对接会).</summary>
    private static readonly string[] WorkMeetings = ["推进会", "调度会", "部署会", "常务会议", "常务会", "党组会议", "党组会", "专题会议", "工作会议", "协调会", "办公会", "联席会议", "动员会"];

    private static bool IsAttending(ReadOnlySpan<char> meeting) =>
        meeting.StartsWith("参加", StringComparison.Ordinal) || meeting.StartsWith("出席", StringComparison.Ordinal);

    /// <summary>
    /// The weight of the strongest topic cue in the clauses that a look verb opens (转了转，看了看在建工程进度: 3), from
    /// <paramref name="look"/> on; 0 when none.
    /// </summary>
    private static float StrongestSeenTopic(string text, int look)
    {
        var strongest = 0f;
        for (var at = look; at >= 0; at = LookVerbs.Next(text, at + 2, out var next, out _) ? next : -1)
        {
            if (ActivityLexicon.TopicIn(ClauseFrom(text, at), out var weight) >= 0 && weight > strongest)
            {
                strongest = weight;
            }

            if (at + 2 >= text.Length)
            {
                break;
            }
        }

        return strongest;
    }

    /// <summary>The text from <paramref name="at"/> to the end of its clause.</summary>
    private static ReadOnlySpan<char> ClauseFrom(string text, int at)
    {
        var end = at;
        while (end < text.Length && !ChineseText.IsClauseBreak(text[end]))
        {
            end++;
        }

        return text.AsSpan(at, end - at);
    }

    private static int IndexOfAny(string text, string[] words, int from = 0)
    {
        var first = -1;
        foreach (var w in words)
        {
            var at = text.IndexOf(w, from, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        return first;
    }

    private static bool HasUpperLevelUnit(string[] units)
    {
        foreach (var u in units)
        {
            if (u.StartsWith('省') || u.StartsWith("国家", StringComparison.Ordinal) || u.StartsWith("中央", StringComparison.Ordinal)
                || (u.StartsWith('市') && !u.StartsWith("市场", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Titles of the officials one works with below the district (乡长, 村主任, 站长), not the district's leaders.</summary>
    private static readonly string[] CounterpartTitles = ["副乡长", "乡长", "副镇长", "镇长", "村长", "主任", "站长", "所长", "校长", "院长", "经理", "总经理", "董事长"];

    /// <summary>
    /// True when <paramref name="name"/> carries a counterpart's title and is introduced by 跟/和/同/与 within a few
    /// characters (跟平西乡周涛乡长); 跟着 (following a leader) introduces the lead, not a counterpart.
    /// </summary>
    private static bool IsCounterpart(string text, string name)
    {
        var at = text.IndexOf(name, StringComparison.Ordinal);
        if (at < 0 || !ChineseText.StartsWithAny(text.AsSpan(at + name.Length), CounterpartTitles))
        {
            return false;
        }

        for (var k = at - 1; k >= 0 && at - k <= 8 && !ChineseText.IsClauseBreak(text[k]); k--)
        {
            if (text[k] is '跟' or '和' or '同' or '与')
            {
                return text[k + 1] != '着';
            }
        }

        return false;
    }

    private static float Max(ReadOnlySpan<float> scores)
    {
        var max = 0f;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        return max;
    }

    private static bool HasWaterBody(string[] places)
    {
        foreach (var p in places)
        {
            if (p.Contains('河', StringComparison.Ordinal) || p.Contains('江', StringComparison.Ordinal) || p.Contains('湖', StringComparison.Ordinal)
                || p.Contains("水库", StringComparison.Ordinal) || ChineseText.ContainsAny(p, PlaceExtractor.Ditches))
            {
                return true;
            }
        }

        return false;
    }
}
