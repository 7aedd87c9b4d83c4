using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// Reads the counters a report states, with the canonical keys: 走访企业十二家 → enterprises 12, 培训学员150余人 →
/// trainees 150, 总投资5000万元 → investment 0.5 (亿元), 发现问题4处，已整改3处 → problems 4/3, plus the implied ones
/// (one dated research visit, one river patrol). Numbers that count nothing listed (12.6公里, 312户, 70%, 第12次)
/// are not metrics.
/// </summary>
internal static partial class MetricExtractor
{
    // A number (Arabic or Chinese numerals), optionally followed by 余/多/来/几 ("150余人" = 150, "六十来号人" = 60, "十几个" = 10).
    private const string N = @"(?:\d+(?:\.\d+)?|[零〇一二两俩仨三四五六七八九十百千]+)[余多来几]?";

    // People counted: 人, 名, 人次, 号人 (六十来号人), 位, 个人 (35个人).
    private const string P = "(?:人次|名|号人|个人|人|位)";

    // A character inside one clause.
    private const string W = @"[^,;。!?\n:]";

    private const RegexOptions Options = RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant;

    // 两次去循环经济示范区调研: the visits counted before the going; 累计调研52天、38次: the visits after the days.
    [GeneratedRegex("(?:调研|蹲点)了?(?:活动)?(?:共|累计|共计)?" + N + "次|(?<!第)" + N + "次(?:专题|实地)?(?:调研|蹲点)" +
                    "|(?<![第每])" + N + "次(?:去|到|赴|前往|深入)" + W + "{1,14}?调研|调研(?:共|累计|共计)?" + N + "天[、,和及]" + N + "次", Options)]
    private static partial Regex ResearchTrips();

    [GeneratedRegex("(?:调研|蹲点|蹲|待了|住了)了?(?:共|累计|共计)?(?:[0-9零一二两俩仨三四五六七八九十]+[余多]?次了?[、,，\\s和]?(?:共|累计|共计|一共|总共)?)?" + N + "天|(?<!第)" + N + "天(?:的)?(?:专题)?(?:调研|蹲点)|调研天数(?:为|达|共|累计)?" + N +
                    // 用两天半时间到…调研: the length stated outranks the calendar days of the range.
                    "|(?:用|花)了?" + N + "天(?=半?时间)" +
                    // 蹲点调研…前后两天半, 历时3天: the length stated of the stay (rules round 15i).
                    "|(?:前后|历时)" + N + "天", Options)]
    private static partial Regex ResearchDays();

    // 调研报告初稿1篇: a draft is a report written.
    [GeneratedRegex("报告(?:初稿|草稿|稿)?" + N + "篇|(?<!第)" + N + "篇" + W + "{0,6}?报告", Options)]
    private static partial Regex Reports();

    [GeneratedRegex("写了(?:个|一个|一篇|篇|一份|份)(?:调研|考察|专题)?报告", Options)]
    private static partial Regex OneReportWritten();

    // 成果转化2项: results turned to use are results.
    [GeneratedRegex("成果(?:转化|运用|应用)?" + N + "[项个]|成果已?(?:转化|转化为|形成)" + W + "{0,10}?" + N + "[项个件份]|(?<!第)" + N + "[项个](?:调研)?成果", Options)]
    private static partial Regex Results();

    // 提出对策建议8条: countermeasures proposed are measures (rules round 15i).
    [GeneratedRegex("(?:措施|对策建议|对策)" + N + "[项条个]|(?<!第)" + N + "[项条个]" + W + "{0,6}?(?:措施|对策)", Options)]
    private static partial Regex Measures();

    [GeneratedRegex("(?:经验|做法)(?:做法|模式)?" + N + "[项条个]|(?<!第)" + N + "[项条个]" + W + "{0,6}?(?:经验|做法)", Options)]
    private static partial Regex Experiences();

    // 一共走访了4家, 又对接了两家，…, 有意投资的有6家: a bare count of 家 after a visit or dealing verb counts firms.
    // 走访个体工商户30余户、企业7家: a list separator ends the count's phrase (30户 counts shops, 7家 the firms).
    [GeneratedRegex("(?:企业|公司|厂家)" + N + "[家户个]|(?<!第)" + N + "[家户个]" + "[^,;。!?\n:、]{0,6}?(?:企业|公司)" +
                    "|(?:走访|对接|考察|拜访|洽谈|签约|跑|看)了?" + N + "家(?=[,;。!?\n]|$)|的有" + N + "家(?=[,;。!?\n]|$)" +
                    // 去了俩小贷公司, 看了仨企业: 俩 and 仨 count without a measure word.
                    "|(?<![零〇一二两三四五六七八九十百千0-9])[俩仨][^,;。!?\n:、的]{0,4}?(?:企业|公司|厂)" +
                    // 走访商场超市6家, 排查理财门店21家: stores and hotels counted by 家 are firms (商户, shopkeepers, are not).
                    "|(?:商场|超市|门店|酒店|饭店|药店|加油站|商超|诊所|餐馆|小卖部|餐饮单位|经营主体|创业主体|市场主体)" + N + "家" +
                    // 34家大型商超…检查, 38家药店、诊所开展专项检查: stores, clinics and eateries counted before their noun when they
                    // are inspected (看了4家商超的保供情况 is a look at supplies, not a count of firms; rules round 15i).
                    "|(?<!第)" + N + "家[^,;。!?\n:、]{0,3}?(?:商超|药店|诊所|餐馆|餐饮单位)(?=[^,;。!?\n]{0,16}?检查)", Options)]
    private static partial Regex Enterprises();

    // 企业6家、商贸企业3家: two or more counts of firms in one list.
    [GeneratedRegex("(?:企业|公司)" + N + "家(?:、[^,;。!?\n:、]{0,8}?(?:企业|公司)" + N + "家)+", Options)]
    private static partial Regex ListedFirms();

    [GeneratedRegex(N + "家", Options)]
    private static partial Regex FirmCount();

    // 项目开工18个, 项目签约5个: the count may follow the project's milestone.
    // "3个村的庭院经济项目" counts villages, not projects: no 的 between the count and 项目.
    [GeneratedRegex("项目(?:开工|开复工|新开工|复工|竣工|签约|落地|投产|入库|开建|建成|意向|合作意向|签约意向|投资意向)?" + N + "[个项]|(?<!第)" + N + "[个项](?!园区|村|社区|乡镇|街道|企业|部门|单位)[^,;。!?\n:的]{0,8}?项目", Options)]
    private static partial Regex Projects();

    // 达成投资意向3个, 达成合作意向2个: intentions reached count projects even when 项目 is not written.
    [GeneratedRegex("(?:投资|合作|签约)意向(?:项目)?" + N + "个", Options)]
    private static partial Regex ProjectIntents();

    // 把在谈的招商项目梳理了一遍，共17个: a total stated right after the projects' clause counts them.
    // 踏查项目一共14个, 把…项目跑了一遍 一共9个: with or without a comma before the total.
    [GeneratedRegex("项目" + W + "{0,8}?[,，]?(?:共|共计|合计|一共|总共)" + N + "个(?![^,;。!?\n:]{0,3}(?:企业|村|社区|部门|单位|问题))", Options)]
    private static partial Regex ProjectsTotal();

    // 元 may be left out (协议投资3000万, 完成投资1.2亿) when no other word follows (万吨, 万美元, 万余次 are not money in 元).
    // Rules round 15l: a Chinese decimal (三点五亿元, 十二点五亿).
    [GeneratedRegex(@"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+点[零〇一二三四五六七八九]+|[零〇一二两俩仨三四五六七八九十百千]+)千?个?[多余]?[亿万](?:元|(?![\u4E00-\u9FFF])|(?=左右|上下)|(?=的[^,;。，；]{0,10}项目)|(?<=亿)(?![美吨斤立千方度人次平亩个件份只头株台辆户斤元瓦])|(?<=投资?(?:\d+(?:\.\d+)?|[零〇一二两俩仨三四五六七八九十百千]+)[亿万])(?![美吨斤立千方度人次平亩个件份只头株台辆户斤元瓦]))", Options)]
    private static partial Regex Money();

    [GeneratedRegex("培训班?" + W + "{0,3}?(?<!第)" + N + "(?:期|场|次|个班|班)|(?<!第)" + N + "(?:期|场)" + W + "{0,12}?培训|分" + N + "个?(?:期|场|批次|批|班)|(?:共|共计|一共)" + N + "期", Options)]
    private static partial Regex Trainings();

    [GeneratedRegex("(?:培训|参训|学员)" + W + "{0,16}?" + N + "万?" + P + "|(?<!第)" + N + P + W + "{0,14}?(?:参加|参训|接受)" + W + "{0,14}?培训|(?<!第)" + N + P + "(?:参训|参加|参学|听课|听讲)" +
                    "|(?<!第)" + N + "名" + W + "{1,8}?参训" +
                    // 28个部门窗口人员参训，共计146人; 31个村级河长全员参训: the total after 参训, or everyone of a count.
                    "|参训[,，]?(?:共|共计|合计|累计|一共)" + N + P + "|覆盖" + W + "{0,10}?" + N + P + "|(?<!第)" + N + "[个名位]" + W + "{0,8}?全员参训", Options)]
    private static partial Regex Trainees();

    [GeneratedRegex("(?<!第)" + N + P + "(?:参加|参训|参学|听课|听讲|到场|出席)|(?:来了|到了|到场|共有)" + N + "几?个?(?:" + P + "|" + W + "{0,4}?(?:大户|农户|干部|代表|群众|居民|党员|人员|学员|职工|教师))" +
                    "|学员[^;。!?\n]{0,6}?" + N + "(?:" + P + "|个)|(?<=[,，])" + N + "几?" + P + "(?=[,，;；。!?\n]|$)|给" + N + "几?" + P + W + "{0,12}?(?:讲|上)", Options)]
    private static partial Regex Attendance();

    // 巡河3趟: 趟 counts patrols like 次.
    [GeneratedRegex("(?:巡河|巡湖|巡查|巡检|巡护)" + W + "{0,3}?" + N + "[次趟]|(?<!第)" + N + "次" + W + "{0,4}?(?:巡河|巡湖|巡查|巡检)", Options)]
    private static partial Regex Patrols();

    // 组织文艺演出1场; …宣讲活动，…，共开展3场: performances count as events, and so does a stated total of sessions held.
    // 政策解读会2场; 搞了一次消防演练: briefings and drills held count too.
    [GeneratedRegex("(?:活动|宣讲会|宣讲|讲座|招聘会|推介会|宣传|展会|义诊|专场|交流会|对接会|恳谈会|座谈会|观摩会|演出|解读会|说明会|发布会|演练)" + W + "{0,3}?" + N + "(?:场|次|期)|(?<!第)" + N + "(?:场|期)" + W + "{0,12}?(?:活动|宣讲|讲座|招聘会|推介会|展会|义诊|演出|演练)" +
                    "|(?<!第)" + N + "次" + W + "{0,4}?演练" +
                    "|(?:共|共计|累计|一共)开展了?" + N + "场", Options)]
    private static partial Regex Events();

    [GeneratedRegex("(?:发现|过了|接报|提了|提出|排查出|排查|查找出|查找|查摆出|查摆|查改|查出|梳理出|梳理|列出|列了|收集|征集|摸排出|摸排|存在|交办|转办|反馈|接到|受理)" + W + "{0,12}?" + N + "(?:个|处|项|条|件)", Options)]
    private static partial Regex ProblemsFound();

    // Rules round 15l: spoken fixes with their own count (当场改了4处, 已清2处) say how many of those found were solved.
    [GeneratedRegex("(?:立行立改|立改|整改|解决|化解|处置|销号|办结|已处理|处理完|处理了|协调了|清理|修复|封堵|(?:当场|现场|立马|已经?)改(?:好|完)?了?|已经?清(?:走|掉|完)?了?)(?:完成|到位|完毕|了)?" + W + "{0,14}?" + N + "(?:个|处|项|条|件)", Options)]
    private static partial Regex ProblemsSolved();

    // 涉及的2件已全部办结销号: cases (件) closed are problems solved.
    // 研究解决…用地、供水等前期问题5个: the problems a meeting worked out, counted after them. 两处立行立改了: a count then its fix.
    [GeneratedRegex("(?<!第)" + N + "(?:个|处|项|条|件)" + W + "{0,8}?(?:问题|隐患)" + W + "{0,6}?(?:整改|解决|化解|销号|办结)|(?<!第)" + N + "件" + W + "{0,2}?已(?:全部)?(?:办结|销号|整改到位|化解)" +
                    "|解决" + W + "{0,30}?问题" + N + "(?:个|项|条|件)|(?<!第)" + N + "(?:个|处|项|条|件)(?:已|都|全部)?(?:立行立改|整改|修复|拆除|取缔|封堵)(?:了|完|到位|完毕)" +
                    // 发现问题4处 3处当场整改: a count fixed on the spot.
                    "|(?<!第)" + N + "(?:个|处|项|条|件)(?:已经?|都|全部)?(?:当场|现场|立即)(?:立行立改|整改|修复|拆除|取缔|封堵|处理|解决)", Options)]
    private static partial Regex ProblemsSolvedAfter();

    private static readonly string[] ProblemNouns = ["问题", "隐患", "风险", "难点", "短板", "违规", "违法", "违建", "诉求", "困难", "矛盾", "垃圾", "排污", "投诉", "信访", "火点", "焚烧", "漂浮物", "乱占", "乱堆", "乱建", "乱采", "渗漏", "裂缝", "破损", "塌陷"];
    private static readonly string[] NotDone = ["限期", "督促", "要求", "交办", "责令", "正在", "计划", "方案", "剩余", "待", "将", "未", "通知", "交由", "责成", "需", "移交", "移送", "转交", "底前"];
    private static readonly string[] DoneWords = ["整改", "解决", "处置", "清理", "劝离", "销号", "办结", "扑灭", "拆除", "取缔", "清除", "处理了", "处理完", "兑付", "修复", "封堵", "清走", "查改",
        // Rules round 15i: spoken done verbs (马上就清了, 都修好了, 劝走了); 让街道去清了 hands the work over and is not one.
        "就清了", "清完", "清掉", "修好", "劝走",
        // Rules round 15j: 发现2处垃圾已清, 隐患两处 当场改了.
        "已清", "当场改", "现场改", "立马改",
        // Rules round 15l: litter carted off on the spot (当场清运).
        "当场清运", "现场清运"];
    private static readonly string[] InvestmentWords = ["投资", "投入", "贷款", "融资", "资金", "签约", "协议", "合同", "总额", "到位", "争取", "引资", "引进", "签了", "签下", "授信", "意向金额", "意向", "项目", "专项债", "债券", "国债"];
    /// <summary>金额 is an investment only after a contract, agreement or credit line (签订销售合同6份，金额3600万元).</summary>
    private static readonly string[] ContractWords = ["合同", "协议", "签约", "签订", "授信"];
    private static readonly WordMatcher PatrolWords = new(["巡河", "巡湖", "巡查", "巡检", "检查", "复查", "督查", "巡护", "巡了", "巡一遍", "走了一遍", "走了一趟", "走了走", "走一走", "走了一圈", "转了转", "转了一圈", "巡了巡", "看了一遍", "过了一遍", "清四乱"]);
    private static readonly WordMatcher Summaries = new(["本周", "本月", "累计", "每周", "每天", "每日", "多次", "本季度", "月份", "上半年", "全年"]);

    private const int TripsKey = 0, DaysKey = 1, ReportsKey = 2, ResultsKey = 3, MeasuresKey = 4, FoundKey = 5, SolvedKey = 6,
        EnterprisesKey = 7, ProjectsKey = 8, InvestmentKey = 9, TrainingsKey = 10, TraineesKey = 11, PatrolsKey = 12, EventsKey = 13, ExperiencesKey = 14;

    public static ReportMetrics Extract(string text, int activity, in DateFinding date)
    {
        var b = default(ReportMetrics.Builder);
        text = SpokenCounts(text);
        var t = text.AsSpan();

        // Each pattern runs only when its key words are in the text (most messages state two or three counts).
        // 待了两天半 / 住了三天 count research days only in a research report.
        var research = t.Contains("调研", StringComparison.Ordinal) || t.Contains('蹲')
                       || (activity == ActivityLexicon.Research && (t.Contains("待了", StringComparison.Ordinal) || t.Contains("住了", StringComparison.Ordinal)));
        if (research && t.Contains('次'))
        {
            Count(ResearchTrips(), text, TripsKey, ref b);
        }

        if (research && t.Contains('天'))
        {
            Count(ResearchDays(), text, DaysKey, ref b);
        }

        if (t.Contains('篇') && t.Contains("报告", StringComparison.Ordinal))
        {
            Count(Reports(), text, ReportsKey, ref b);
        }

        // 回来写了个报告, 写了一篇调研报告: one report written, its count left out in speech.
        if (t.Contains("写了", StringComparison.Ordinal) && !b.Has(ReportsKey) && OneReportWritten().IsMatch(text))
        {
            b.Set(ReportsKey, 1);
        }

        if (t.Contains("成果", StringComparison.Ordinal))
        {
            Count(Results(), text, ResultsKey, ref b);
        }

        if (t.Contains("措施", StringComparison.Ordinal) || t.Contains("对策", StringComparison.Ordinal))
        {
            Count(Measures(), text, MeasuresKey, ref b);
        }

        Problems(text, ref b);
        if (EnterpriseWords.ContainsAny(t))
        {
            // 走访规上工业企业6家、商贸企业3家: firms listed by kind add up.
            if (t.Contains("家、", StringComparison.Ordinal) && ListedFirms().Match(text) is { Success: true } listed)
            {
                double sum = 0;
                foreach (var m in FirmCount().EnumerateMatches(listed.ValueSpan))
                {
                    if (NumberIn(listed.ValueSpan.Slice(m.Index, m.Length), out var v))
                    {
                        sum += v;
                    }
                }

                b.Set(EnterprisesKey, sum);
            }

            Count(Enterprises(), text, EnterprisesKey, ref b);
        }

        if (t.Contains("项目", StringComparison.Ordinal))
        {
            Count(Projects(), text, ProjectsKey, ref b);
            Count(ProjectsTotal(), text, ProjectsKey, ref b);
        }

        if (t.Contains("意向", StringComparison.Ordinal))
        {
            Count(ProjectIntents(), text, ProjectsKey, ref b);
        }

        if (t.Contains('元') || t.Contains('亿') || t.Contains('万'))
        {
            Investment(text, ref b);
        }

        if (t.Contains("培训", StringComparison.Ordinal) || activity == ActivityLexicon.Training)
        {
            Count(Trainings(), text, TrainingsKey, ref b);
        }

        if (TraineeWords.ContainsAny(t))
        {
            Count(Trainees(), text, TraineesKey, ref b);
        }

        // In a class given (讲了一堂反诈课，居民60多人参加; 来了70多人) the people who came are its trainees.
        if (activity == ActivityLexicon.Training && !b.Has(TraineesKey))
        {
            Count(Attendance(), text, TraineesKey, ref b);
        }

        // 区级河长巡河8次，乡级巡河20次，合计28次: in a river-chief report a stated total outranks the first count.
        if (activity == ActivityLexicon.RiverChief && t.Contains('次') && (t.Contains('合') || t.Contains('总')))
        {
            Count(StatedGrandTotal(), text, PatrolsKey, ref b);
        }

        if (t.Contains('巡') && (t.Contains('次') || t.Contains('趟')))
        {
            // 乡级河长巡河4次，村级河长巡河120余次: counts given level by level add up to the patrols.
            if (t.Contains('级'))
            {
                SumByLevel(text, ref b);
            }

            Count(Patrols(), text, PatrolsKey, ref b);
        }

        // 10月份巡河：4号条子河、15号南河…，共3次: a stated total in a river-chief report counts the patrols.
        if (activity == ActivityLexicon.RiverChief && t.Contains('次'))
        {
            Count(StatedTotal(), text, PatrolsKey, ref b);
        }

        if (t.IndexOfAny('场', '次', '期') >= 0 && EventWords.ContainsAny(t))
        {
            // ①在站前街道宣讲3场；②在平西乡宣讲2场: the sessions of a numbered list's items add up.
            if (t.IndexOfAny(ListMarks) >= 0)
            {
                SumListItems(Events(), text, EventsKey, ref b);
            }

            // 调研…召开座谈会2次: talks held on a research visit are part of the visit, not public events.
            Count(Events(), text, EventsKey, ref b, talksAreResearch: activity == ActivityLexicon.Research);
        }

        if (t.Contains("经验", StringComparison.Ordinal) || t.Contains("做法", StringComparison.Ordinal))
        {
            Count(Experiences(), text, ExperiencesKey, ref b);
        }

        Implied(text, activity, date, ref b);
        return b.Build();
    }

    private static readonly System.Buffers.SearchValues<char> ListMarks = System.Buffers.SearchValues.Create("①②③④⑤⑥⑦⑧⑨⑩");

    /// <summary>
    /// Sets <paramref name="key"/> to the sum of the counts found in two or more items of a ①②③ list, one count per
    /// item; nothing when an item holds two counts or fewer than two items count.
    /// </summary>
    private static void SumListItems(Regex regex, string text, int key, ref ReportMetrics.Builder b)
    {
        double sum = 0;
        var items = 0;
        var lastItem = -1;
        foreach (var m in regex.EnumerateMatches(text))
        {
            var item = text.AsSpan(0, m.Index).LastIndexOfAny(ListMarks);
            if (item < 0 || item == lastItem || !NumberIn(text.AsSpan(m.Index, m.Length), out var value))
            {
                return;
            }

            sum += value;
            items++;
            lastItem = item;
        }

        if (items >= 2)
        {
            b.Set(key, sum);
        }
    }

    /// <summary>
    /// Voice-to-text counts after their verb or noun with no measure word (解决问题仨, 堵了俩): 仨 → 3个, 俩 → 2个, so the
    /// counting patterns read them; 俩企业 and 仨村 (a noun follows) are left as written, but not 俩问题 / 仨隐患 (rules
    /// round 15k: problems are counted by the problem patterns, which need the measure word).
    /// </summary>
    internal static string SpokenCounts(string text)
    {
        var at = text.AsSpan().IndexOfAny('俩', '仨');
        if (at < 0)
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '俩' or '仨' && i > 0 && ChineseText.IsHan(text[i - 1]) && !IsNumeral(text[i - 1])
                && (i + 1 == text.Length || ChineseText.IsClauseBreak(text[i + 1]) || text[i + 1] is ' ' or '了' or '都' or '全' or '已' or '，'
                    || text.AsSpan(i + 1).StartsWith("问题", StringComparison.Ordinal) || text.AsSpan(i + 1).StartsWith("隐患", StringComparison.Ordinal)))
            {
                sb.Append(c == '俩' ? '2' : '3').Append('个');
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Sets the patrols to the sum of the counts of separate clauses that each name their own level (乡级…4次，村级…120余次);
    /// nothing when fewer than two such clauses count patrols or a clause without a level counts some too.
    /// </summary>
    private static readonly System.Buffers.SearchValues<char> ClauseBreaks = System.Buffers.SearchValues.Create("，,；;。\n ");

    private static void SumByLevel(string text, ref ReportMetrics.Builder b)
    {
        if (b.Has(PatrolsKey))
        {
            return;
        }

        double sum = 0;
        var clauses = 0;
        var lastClause = -1;
        foreach (var m in Patrols().EnumerateMatches(text))
        {
            var clause = text.AsSpan(0, m.Index).LastIndexOfAny(ClauseBreaks) + 1;
            if (clause == lastClause || !text.AsSpan(clause, m.Index - clause).Contains('级') || !NumberIn(text.AsSpan(m.Index, m.Length), out var value))
            {
                return;
            }

            sum += value;
            clauses++;
            lastClause = clause;
        }

        if (clauses >= 2)
        {
            b.Set(PatrolsKey, sum);
        }
    }

    [GeneratedRegex("(?:共|共计|累计|总共|一共|合计|总计)" + N + "次", Options)]
    private static partial Regex StatedTotal();

    [GeneratedRegex("(?<=[,，;；、\\s])(?:合计|总计)(?:巡河|巡湖|巡查)?" + N + "次", Options)]
    private static partial Regex StatedGrandTotal();

    private static readonly WordMatcher EnterpriseWords = new(["企业", "公司", "厂家", "商场", "超市", "门店", "酒店", "饭店", "药店", "加油站", "商超", "诊所", "餐馆", "小卖部", "餐饮单位", "主体"]);
    private static readonly WordMatcher TraineeWords = new(["培训", "参训", "学员", "听课", "听讲"]);
    private static readonly WordMatcher EventWords = new(["活动", "宣讲", "讲座", "招聘会", "推介会", "宣传", "展会", "义诊", "专场", "交流会", "对接会", "恳谈会", "座谈会", "观摩会", "演出", "解读会", "说明会", "发布会", "演练"]);
    private static readonly WordMatcher FoundWords = new(["发现", "过了", "接报", "提了", "提出", "排查", "查找", "查摆", "查改", "查出", "梳理", "列出", "列了", "收集", "征集", "摸排", "存在", "交办", "转办", "反馈", "接到", "受理"]);
    private static readonly WordMatcher SolvedWords = new(["整改", "解决", "化解", "处置", "销号", "办结", "处理", "协调了", "清理", "立改", "修复", "封堵", "改了", "已清", "已经清"]);

    private static void Count(Regex regex, string text, int key, ref ReportMetrics.Builder b, bool talksAreResearch = false)
    {
        if (b.Has(key))
        {
            return;
        }

        foreach (var m in regex.EnumerateMatches(text))
        {
            if (talksAreResearch && text.AsSpan(m.Index).StartsWith("座谈会", StringComparison.Ordinal))
            {
                continue;
            }

            if (NumberIn(text.AsSpan(m.Index, m.Length), out var value))
            {
                // 跟浙江一家包装企业签了: 一家 is "a firm", not a count.
                if (key == EnterprisesKey && IsArticle(text, m.Index, m.Length))
                {
                    continue;
                }

                // 两天半, 3天半: a half day after the count of days.
                var end = m.Index + m.Length;
                if (key == DaysKey && text[end - 1] == '天' && end < text.Length && text[end] == '半')
                {
                    value += 0.5;
                }

                // 培训1.2万人次: ten thousands of people.
                if (key == TraineesKey && text.AsSpan(m.Index, m.Length).Contains("万", StringComparison.Ordinal))
                {
                    value *= 10000;
                }

                b.Set(key, value);
                return;
            }
        }
    }

    /// <summary>True when the span's count is a lone 一 before its counter (一家, 一个): an indefinite article.</summary>
    private static bool IsArticle(string text, int at, int length)
    {
        var one = text.AsSpan(at, length).IndexOf('一');
        return one >= 0 && one + 1 < length && text[at + one + 1] is '家' or '个' or '户'
               && (at + one == 0 || !IsNumeral(text[at + one - 1]));
    }

    /// <summary>
    /// The count in a matched span: the first number when the span starts with it (3个项目), else the last one
    /// before the unit (走访企业十二家, 调研3次、5天 → 5).
    /// </summary>
    internal static bool NumberIn(ReadOnlySpan<char> span, out double value)
    {
        value = 0;
        if (span.IsEmpty)
        {
            return false;
        }

        int start, end;
        if (IsNumeral(span[0]))
        {
            start = 0;
            end = 1;
            var arabic = char.IsAsciiDigit(span[0]);
            while (end < span.Length && (arabic ? char.IsAsciiDigit(span[end]) || span[end] == '.' : IsChineseNumeral(span[end])))
            {
                end++;
            }
        }
        else
        {
            end = span.Length;
            while (end > 0 && !IsNumeral(span[end - 1]))
            {
                end--;
            }

            if (end == 0)
            {
                return false;
            }

            start = end - 1;
            var arabic = char.IsAsciiDigit(span[start]);
            while (start > 0 && (arabic ? char.IsAsciiDigit(span[start - 1]) || span[start - 1] == '.' : IsChineseNumeral(span[start - 1])))
            {
                start--;
            }
        }

        var number = span[start..end].Trim('.');
        return ChineseNumerals.TryParse(number, out value) && value >= 0;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || IsChineseNumeral(c);

    private static bool IsChineseNumeral(char c) => c is '零' or '〇' or '一' or '二' or '两' or '俩' or '仨' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十' or '百' or '千';

    // 两亿五千万元, 1亿5000万: 亿 and 万 in one amount.
    [GeneratedRegex(@"(?<yi>\d+(?:\.\d+)?|[零〇一二两俩仨三四五六七八九十百千]+)亿(?<wan>\d+|[零〇一二两俩仨三四五六七八九十百千]+)万元?", RegexOptions.CultureInvariant)]
    private static partial Regex CompoundMoney();

    private static void Investment(string text, ref ReportMetrics.Builder b)
    {
        if (text.Contains('亿', StringComparison.Ordinal) && text.Contains('万', StringComparison.Ordinal))
        {
            var compound = CompoundMoney().Match(text);
            if (compound.Success && IsInvested(text, compound.Index)
                && ChineseNumerals.TryParse(compound.Groups["yi"].ValueSpan, out var yi) && ChineseNumerals.TryParse(compound.Groups["wan"].ValueSpan, out var wan))
            {
                b.Set(InvestmentKey, Math.Round(yi + (wan / 10000), 6));
                return;
            }
        }

        foreach (var m in Money().EnumerateMatches(text))
        {
            var after = text.AsSpan(m.Index + m.Length);
            if (after.StartsWith("以上") || after.StartsWith("以下") || after.StartsWith("级"))
            {
                continue;
            }

            // The amount must be an investment, a loan or funds (not an output value or a subsidy paid out).
            var from = m.Index;
            while (from > 0 && m.Index - from < 14 && !ChineseText.IsClauseBreak(text[from - 1]))
            {
                from--;
            }

            // 投3000万建…: the verb 投 right before the amount invests it.
            var window = text.AsSpan(from, m.Index - from);
            if (!ChineseText.ContainsAny(window, InvestmentWords) && !(m.Index > 0 && text[m.Index - 1] == '投')
                && !(window.Contains("金额", StringComparison.Ordinal) && ChineseText.ContainsAny(text.AsSpan(SentenceStart(text, m.Index), m.Index - SentenceStart(text, m.Index)), ContractWords)))
            {
                continue;
            }

            // "5000万元", "1.2亿元", "两亿元", "三千万元", "3千万元".
            var span = text.AsSpan(m.Index, m.Length);
            span = span[^1] == '元' ? span[..^1] : span;
            var yi = span[^1] == '亿';
            span = span[..^1];
            span = span[^1] is '多' or '余' ? span[..^1] : span;
            span = span[^1] == '个' ? span[..^1] : span;
            var thousand = span.Length > 1 && span[^1] == '千' && char.IsAsciiDigit(span[^2]);
            if (thousand)
            {
                span = span[..^1];
            }

            if (!ChineseNumerals.TryParse(span, out var n))
            {
                continue;
            }

            n *= thousand ? 1000 : 1;
            b.Set(InvestmentKey, Math.Round(yi ? n : n / 10000, 6));
            return;
        }
    }

    /// <summary>An amount at <paramref name="at"/> is invested when an investment word stands before it in its clause (or 投 right before).</summary>
    private static bool IsInvested(string text, int at)
    {
        var from = at;
        while (from > 0 && at - from < 14 && !ChineseText.IsClauseBreak(text[from - 1]))
        {
            from--;
        }

        return ChineseText.ContainsAny(text.AsSpan(from, at - from), InvestmentWords) || (at > 0 && text[at - 1] == '投');
    }

    private static void Problems(string text, ref ReportMetrics.Builder b)
    {
        double? found = null, solved = null, joinedDone = null;
        var foundEnd = -1;

        // 我区涉及的5件已办结4件, 21项整改任务已完成19项: of N problems, M were closed.
        if (text.Contains('已', StringComparison.Ordinal) || text.Contains('完', StringComparison.Ordinal))
        {
            foreach (var m in OfWhichDone().EnumerateMatches(text))
            {
                var sentence = SentenceStart(text, m.Index);
                var before = text.AsSpan(sentence, m.Index + m.Length - sentence);
                var span = text.AsSpan(m.Index, m.Length);
                var done = span.IndexOf('已') is var already and >= 0 ? already : DoneVerbAt(span);
                if ((ChineseText.ContainsAny(before, ProblemNouns) || before.Contains("整改", StringComparison.Ordinal))
                    && NumberIn(span[..done], out var total) && NumberIn(span[done..^1], out var closed) && closed <= total)
                {
                    b.Set(FoundKey, total);
                    b.Set(SolvedKey, closed);
                    return;
                }
            }
        }

        if (FoundWords.ContainsAny(text))
        {
            foreach (var m in ProblemsFound().EnumerateMatches(text))
            {
                var end = m.Index + m.Length;
                var tail = end;
                // 梳理滞后指标5项、难点问题7个: a noun after a list separator belongs to the next item.
                while (tail < text.Length && tail - end < 4 && !ChineseText.IsClauseBreak(text[tail]) && text[tail] != '、')
                {
                    tail++;
                }

                // 排查排污口23个，发现不达标排放问题2个: what was gone through is the scope when a finding follows.
                var found0 = text.AsSpan(m.Index, m.Length);
                if (((found0.StartsWith("排查") && !found0.StartsWith("排查出")) || (found0.StartsWith("摸排") && !found0.StartsWith("摸排出")))
                    && text.IndexOf("发现", end, StringComparison.Ordinal) >= 0)
                {
                    continue;
                }

                // 发现河道采砂痕迹1处: spots found on an inspection are problems whatever they are called.
                // 隐患查出来4处: the problem may be named right before the verb.
                // 发现推进滞后事项5项: things found lagging are problems (梳理滞后项目7个 only sorts the projects).
                // 发现跑冒滴漏点5个: points found are spots too (rules round 15i).
                var spots = text.AsSpan(m.Index).StartsWith("发现", StringComparison.Ordinal)
                            && (text[end - 1] == '处' || found0.Contains("滞后", StringComparison.Ordinal) || (found0.Length > 3 && found0[^3] == '点') || found0.Contains("点位", StringComparison.Ordinal));
                if ((spots || ChineseText.ContainsAny(text.AsSpan(m.Index, tail - m.Index), ProblemNouns) || ProblemRightBefore(text, m.Index))
                    && NumberIn(text.AsSpan(m.Index, m.Length - 1), out var v))
                {
                    // 发现沿岸堆放建筑垃圾1处、违规排污口1处: the items of a list add up.
                    end = AddListedCounts(text, end, ref v);
                    found = v;
                    foundEnd = end;

                    // 发现并清理垃圾堆放问题7处, 排查整改隐患5处: found and dealt with in one go.
                    var joined = text.AsSpan(m.Index, m.Length);
                    if (ChineseText.ContainsAny(joined, DoneWords) && !HasNotDone(joined))
                    {
                        joinedDone = v;
                    }

                    break;
                }
            }
        }

        if (SolvedWords.ContainsAny(text))
        {
            foreach (var m in ProblemsSolved().EnumerateMatches(text))
            {
                var span = text.AsSpan(m.Index, m.Length);
                if (!NotDoneBefore(text, m.Index) && !HasNotDone(span) && !CountsOtherThings(text, m.Index + m.Length) && NumberIn(span[..^1], out var v)
                    && !span.Contains("措施", StringComparison.Ordinal) && !IsRectificationNoun(span)
                    && (!span.StartsWith("清理") || ChineseText.ContainsAny(NounsAround(text, m.Index, m.Length), CleanedThings))
                    && (!span.StartsWith("协调") || ChineseText.ContainsAny(NounsAround(text, m.Index, m.Length), ProblemNouns))
                    && (!(span.StartsWith("办结") || span.StartsWith("销号") || IsHandled(span)) || ProblemInClause(text, m.Index, m.Length) || (IsHandled(span) && found is not null)))
                {
                    solved = v;
                    break;
                }
            }

            if (solved is null)
            {
                foreach (var m in ProblemsSolvedAfter().EnumerateMatches(text))
                {
                    var span = text.AsSpan(m.Index, m.Length);
                    // 梳理需协调解决问题4个: problems still to be solved; 4个问题整改进度: 整改 names the progress, not a result.
                    if (!HasNotDone(span) && !(span.StartsWith("解决") && NotDoneBefore(text, m.Index))
                        && !ChineseText.StartsWithAny(text.AsSpan(m.Index + m.Length), ProgressNouns) && NumberIn(span, out var v))
                    {
                        solved = v;
                        break;
                    }
                }
            }
        }

        // 欠薪问题线索9条，已化解7条; 有两处垃圾堆: a count next to a problem noun is what was found, even without a finding verb.
        if (found is null)
        {
            foreach (var m in ProblemsStated().EnumerateMatches(text))
            {
                if ((!SolvedBefore(text, m.Index) || NotDoneBefore(text, m.Index)) && NumberIn(text.AsSpan(m.Index, m.Length), out var v) && v >= (solved ?? 0))
                {
                    found = v;
                    foundEnd = m.Index + m.Length;
                    break;
                }
            }
        }

        // 溢洪道有一处裂缝, 有1家在线监测设备没正常运行: a count of things found faulty.
        if (found is null && (text.Contains('有', StringComparison.Ordinal) || text.Contains('就', StringComparison.Ordinal)))
        {
            foreach (var m in FaultStated().EnumerateMatches(text))
            {
                if (NumberIn(text.AsSpan(m.Index + 1, m.Length - 1), out var v) && v >= (solved ?? 0))
                {
                    found = v;
                    foundEnd = m.Index + m.Length;
                    break;
                }
            }
        }

        // 发现问题3处已全部整改, 发现违规垂钓点2处，以当场劝离整改: all found problems were solved.
        if (found is not null && solved is null)
        {
            var tail = text.AsSpan(foundEnd, ChineseText.SentenceEnd(text, foundEnd) - foundEnd);
            // (研究整改措施6项 plans measures: nothing is solved yet.)
            if (ChineseText.ContainsAny(tail, DoneWords) && !HasNotDone(tail) && !tail.Contains("措施", StringComparison.Ordinal))
            {
                solved = found;
            }
        }

        solved ??= joinedDone;
        found ??= solved;
        if (found is double f)
        {
            b.Set(FoundKey, f);
        }

        if (solved is double s)
        {
            b.Set(SolvedKey, s);
        }
    }

    /// <summary>Items listed after problems that are no problems (问题清单14项、责任清单11项; 问题5个、整改措施8条).</summary>
    private static readonly string[] NotProblemItems = ["责任", "任务", "措施", "目标", "制度", "台账", "举措", "办法"];

    /// <summary>
    /// Further items of a list of found things after <paramref name="end"/> (、违规排污口1处、…), each a few words and a
    /// count with the same counter; an item saying what was done (、整改3处, 、已处理2处) ends the list. Returns the list's end.
    /// </summary>
    private static int AddListedCounts(string text, int end, ref double value)
    {
        var counter = text[end - 1];
        while (end < text.Length && text[end] == '、')
        {
            var k = end + 1;
            while (k < text.Length && k - end <= 12 && ChineseText.IsHan(text[k]) && !IsNumeral(text[k]))
            {
                k++;
            }

            var n = k;
            while (n < text.Length && IsNumeral(text[n]))
            {
                n++;
            }

            var item = text.AsSpan(end + 1, k - end - 1);
            if (n == k || n >= text.Length || text[n] != counter || ChineseText.ContainsAny(item, DoneWords) || item.Contains('已')
                || ChineseText.ContainsAny(item, SolvedVerbs) || ChineseText.ContainsAny(item, NotProblemItems) || !NumberIn(text.AsSpan(k, n - k), out var more))
            {
                break;
            }

            value += more;
            end = n + 1;
        }

        return end;
    }

    // 全区19个问题完成18个: 已 may be left out.
    [GeneratedRegex("(?<!第)" + N + "(?<c>[个处项条件])" + W + "{0,8}?已?(?:全部)?(?:办结|完成|整改|解决|销号|化解|处置)" + N + "\\k<c>", Options)]
    private static partial Regex OfWhichDone();

    /// <summary>A problem noun in the three characters before <paramref name="at"/>, within its clause (隐患查出来4处).</summary>
    private static bool ProblemRightBefore(string text, int at)
    {
        var from = at;
        while (from > 0 && at - from < 3 && !ChineseText.IsClauseBreak(text[from - 1]))
        {
            from--;
        }

        return ChineseText.ContainsAny(text.AsSpan(from, at - from), ProblemNouns);
    }

    private static readonly string[] OfWhichVerbs = ["办结", "完成", "整改", "解决", "销号", "化解", "处置"];

    /// <summary>Where the closing verb of an of-which count (19个问题完成18个) starts, after the first counter.</summary>
    private static int DoneVerbAt(ReadOnlySpan<char> span)
    {
        var from = span.IndexOfAny("个处项条件") + 1;
        var best = span.Length - 1;
        foreach (var verb in OfWhichVerbs)
        {
            var at = span[from..].IndexOf(verb, StringComparison.Ordinal);
            if (at >= 0 && from + at < best)
            {
                best = from + at;
            }
        }

        return best;
    }

    private static int SentenceStart(string text, int at)
    {
        var from = at;
        while (from > 0 && text[from - 1] is not ('。' or '!' or '?' or '\n'))
        {
            from--;
        }

        return from;
    }

    // 有一栋楼温度不达标, 有两家没装净化器, 有三家疑似问题: faults of buildings and firms too.
    [GeneratedRegex("(?:有|就)" + N + "(?:处|家|个|条|栋)" + W + "{0,12}?(?:坏了|裂缝|破损|损坏|塌陷|渗漏|没正常|未正常|不正常|没有正常|不达标|超标|故障|倾倒|垃圾|焚烧|违建|没装|未装|没有安装|未安装|疑似)", Options)]
    private static partial Regex FaultStated();

    // 3个整改点位，全部销号: the points of a rectification are its problems (solved when the sentence says they are done).
    [GeneratedRegex("(?:问题|隐患|信访|诉求)(?:线索|件)?" + N + "(?:个|处|项|条|件)|(?<!第)" + N + "处(?:垃圾|隐患|问题|违建|排污)|(?<!第)" + N + "[个处]整改点位?|有" + N + "个问题" +
                    // 通报了平西乡垃圾处理场等4个问题: a list closed by a count of problems.
                    "|等" + N + "(?:个|处|项)(?:问题|隐患)", Options)]
    private static partial Regex ProblemsStated();

    /// <summary>清理 counts problems solved only for litter and dumping cleared (not 清理欠薪问题线索, which sorts them).</summary>
    private static readonly string[] CleanedThings = ["垃圾", "漂浮物", "杂物", "乱堆", "乱占", "秸秆", "焚烧", "网箱", "障碍物", "违建"];

    /// <summary>The match and up to six characters after it within its clause (协调了2个用工问题).</summary>
    private static ReadOnlySpan<char> NounsAround(string text, int at, int length)
    {
        var end = at + length;
        while (end < text.Length && end - at - length < 6 && !ChineseText.IsClauseBreak(text[end]))
        {
            end++;
        }

        return text.AsSpan(at, end - at);
    }

    /// <summary>办结/销号 close problems only when the clause names one (信访件已办结13件; not 办结施工许可等手续4项).</summary>
    private static bool ProblemInClause(string text, int at, int length)
    {
        var from = at;
        while (from > 0 && !ChineseText.IsClauseBreak(text[from - 1]))
        {
            from--;
        }

        return ChineseText.ContainsAny(text.AsSpan(from, at + length - from), ProblemNouns);
    }

    /// <summary>已处理21件 closes problems only when the clause names one or problems were found before it.</summary>
    private static bool IsHandled(ReadOnlySpan<char> span) => span.Contains("处理", StringComparison.Ordinal) && !span.StartsWith("整改") && !span.StartsWith("解决");

    /// <summary>解决8个续建项目…的问题: the count is of projects (or firms, villages), not of problems.</summary>
    private static bool CountsOtherThings(string text, int end)
    {
        var after = text.AsSpan(end, Math.Min(6, text.Length - end));
        var stop = after.IndexOfAny(ClauseStops);
        after = stop >= 0 ? after[..stop] : after;
        return ChineseText.ContainsAny(after, CountedThings) && !ChineseText.ContainsAny(after, ProblemNouns);
    }

    private static readonly System.Buffers.SearchValues<char> ClauseStops = System.Buffers.SearchValues.Create(",;。!?，；");

    private static readonly string[] CountedThings = ["项目", "企业", "村", "社区", "街道", "部门", "单位"];

    private static bool SolvedBefore(string text, int at)
    {
        var from = Math.Max(0, at - 4);
        return ChineseText.ContainsAny(text.AsSpan(from, at - from), SolvedVerbs);
    }

    private static readonly string[] ProgressNouns = ["进度", "情况", "进展", "方案", "任务", "工作"];

    private static readonly string[] SolvedVerbs = ["整改", "解决", "化解", "处置", "销号", "办结", "修复"];

    /// <summary>整改点位3处, 整改清单: 整改 naming what is to be rectified (a noun's modifier), not rectification done.</summary>
    private static bool IsRectificationNoun(ReadOnlySpan<char> span) =>
        span.StartsWith("整改", StringComparison.Ordinal)
        && (span[2..].StartsWith("点位", StringComparison.Ordinal) || span[2..].StartsWith("清单", StringComparison.Ordinal)
            || span[2..].StartsWith("方案", StringComparison.Ordinal) || span[2..].StartsWith("台账", StringComparison.Ordinal));

    /// <summary>
    /// A word saying the work is not done yet (限期, 通知, 督促 …). 已督促 (已督促整改5处, 已督促当场兑付) reports the urging
    /// carried out with its result, so it does not count.
    /// </summary>
    private static bool HasNotDone(ReadOnlySpan<char> span)
    {
        foreach (var w in NotDone)
        {
            var at = span.IndexOf(w, StringComparison.Ordinal);
            if (at >= 0 && !(w == "督促" && at > 0 && span[at - 1] == '已'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NotDoneBefore(string text, int at)
    {
        var from = Math.Max(0, at - 4);
        return HasNotDone(text.AsSpan(from, at - from));
    }

    /// <summary>
    /// Half a day set aside for the work (抽了半天到…, 花半天, 用了半天时间); 座谈了半天 / 聊了半天 only say "for a long while".
    /// </summary>
    private static bool IsHalfDay(string text)
    {
        var at = text.IndexOf("半天", StringComparison.Ordinal);
        if (at < 0)
        {
            // …，回来给平西乡参考，一上午: a bare morning or afternoon between commas is half a day (跑了一上午 is not said of the length).
            foreach (var part in (ReadOnlySpan<string>)["一上午", "一下午"])
            {
                var p = text.IndexOf(part, StringComparison.Ordinal);
                if (p > 0 && text[p - 1] is ',' or '，' && (p + 3 == text.Length || ChineseText.IsClauseBreak(text[p + 3]) || text[p + 3] is '。' or '!'))
                {
                    return true;
                }
            }

            return false;
        }

        // 待了半天 / 时间半天 / 用时半天 state the stay; a bare 半天 between commas (调研春播，半天，走访了…) too.
        var after = text.AsSpan(at + 2);
        var before = text.AsSpan(0, at).TrimEnd('了');
        // 去了半天, 大概半天, 约半天: the length of the stay stated.
        return before.EndsWith('抽') || before.EndsWith('花') || before.EndsWith('用') || before.EndsWith('挤') || before.EndsWith('待') || before.EndsWith('去')
               || before.EndsWith("大概", StringComparison.Ordinal) || before.EndsWith('约') || before.EndsWith("差不多", StringComparison.Ordinal)
               || before.EndsWith("时间", StringComparison.Ordinal) || before.EndsWith("用时", StringComparison.Ordinal)
               || after.StartsWith("时间", StringComparison.Ordinal)
               || (at > 0 && text[at - 1] is ',' or '，' && (after.IsEmpty || ChineseText.IsClauseBreak(after[0])));
    }

    /// <summary>巡南河, 巡了条子河: 巡 with a river or lake named right after it is a patrol.</summary>
    internal static bool PatrolOfNamedWater(string text)
    {
        var at = text.IndexOf('巡', StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var end = Math.Min(text.Length, at + 6);
        for (var i = at + 1; i < end && !ChineseText.IsClauseBreak(text[i]); i++)
        {
            // Rules round 15l: a ditch or drain named by direction (巡西排干…段, 巡北沟排水沟) is patrolled like a river.
            if (text[i] is '河' or '湖' || (text[i] is '排' or '大' or '干' or '支' && ChineseText.StartsWithAny(text.AsSpan(i), PlaceExtractor.Ditches)))
            {
                return true;
            }
        }

        // 把南河仁兴段巡完了, 条子河北沟段巡了一遍: the river named right before a finished 巡.
        if (at + 1 < text.Length && text[at + 1] is '完' or '了' or '过' or '一')
        {
            for (var i = at - 1; i >= 0 && at - i <= 8 && !ChineseText.IsClauseBreak(text[i]) && text[i] != ' '; i--)
            {
                if (text[i] is '河' or '湖' or '段')
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Implied(string text, int activity, in DateFinding date, ref ReportMetrics.Builder b)
    {
        if (activity == ActivityLexicon.Research && date.Date is not null)
        {
            // One research visit on the given days, unless the text states its own counts (本月已调研4次, 累计18天).
            if (!b.Has(TripsKey) && !b.Has(DaysKey))
            {
                b.Set(TripsKey, 1);
                // 抽了半天到…调研: half a day of research (not 两天半, 大半天).
                b.Set(DaysKey, date.Days <= 1 && IsHalfDay(text) ? 0.5 : Math.Max(1, date.Days));
            }
            else if (!b.Has(TripsKey) && !Summaries.ContainsAny(text))
            {
                b.Set(TripsKey, 1);
            }
            else if (!b.Has(DaysKey) && date.Days > 1 && date.EndDate is not null && (!Summaries.ContainsAny(text) || b.Get(TripsKey) == date.Days))
            {
                // 5月6日、13日、20日先后…调研3次: the days listed are the research days (本月3号和17号两次去…调研: also in a
                // month's summary when the visits stated match the days listed).
                b.Set(DaysKey, date.Days);
            }
        }

        if (activity == ActivityLexicon.RiverChief && !b.Has(PatrolsKey)
            && (PatrolWords.ContainsAny(text) || PatrolOfNamedWater(text)) && !Summaries.ContainsAny(text))
        {
            b.Set(PatrolsKey, 1);
        }
    }
}
