using System.Buffers;
using System.Text.RegularExpressions;

namespace Bot.Skills.ProgressReports;

/// <summary>
/// Finds the places visited or worked on, as written: the roster's townships, sub-districts and zones, names ending
/// in 乡/镇/街道/村/社区/园区/开发区/基地/水库, rivers and their sections (条子河铁西段), companies (…株式会社, …公司)
/// and cities travelled to (赴苏州、深圳). A place people only came from (接待金华市…考察团) is not one.
/// </summary>
internal static partial class PlaceExtractor
{
    private const int MaxPlaces = 12;

    [GeneratedRegex(
        "(?<zone>经济开发区|经济技术开发区|开发区|示范区|工业园区|产业园区|园区|产业园|工业园|物流园|科技园|高新区|保税区|景区|基地)" +
        "|(?<street>街道|社区)|(?<water>水库|湿地)|(?<home>卫生院|敬老院|养老院|福利院)" +
        "|(?<firm>有限责任公司|有限公司|株式会社|公司|集团(?!有限|股份|公司)|合作社)|(?<bank>分行|支行)|(?<plant>厂(?![房区长商家内外里子矿址]))" +
        "|(?<school>大学|学院|小学|中学|幼儿园)|(?<county>(?<![园社景辖全我本新工矿山小片市省])区|县)" +
        "|(?<town>[乡镇村])|(?<river>[河江湖])",
        RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Suffixes();

    /// <summary>Cities, provinces and countries a delegation travels to (赴苏州、深圳).</summary>
    private static readonly WordMatcher Cities = new(
    [
        "北京", "上海", "天津", "重庆", "广州", "深圳", "苏州", "杭州", "南京", "宁波", "无锡", "常州", "南通", "徐州", "温州", "金华", "义乌", "绍兴",
        "嘉兴", "台州", "合肥", "厦门", "福州", "泉州", "长春", "吉林", "四平", "辽源", "通化", "白山", "松原", "白城", "延吉", "珲春", "公主岭", "梅河口",
        "沈阳", "大连", "鞍山", "铁岭", "哈尔滨", "大庆", "齐齐哈尔", "牡丹江", "长沙", "武汉", "成都", "西安", "郑州", "济南", "青岛", "烟台", "威海",
        "潍坊", "石家庄", "太原", "呼和浩特", "包头", "南昌", "昆明", "贵阳", "南宁", "海口", "三亚", "兰州", "银川", "西宁", "乌鲁木齐", "拉萨", "东莞",
        "佛山", "珠海", "中山", "惠州", "汕头", "雄安", "江苏", "浙江", "广东", "山东", "福建", "河北", "河南", "湖北", "湖南", "安徽", "江西", "辽宁",
        "黑龙江", "内蒙古", "山西", "陕西", "四川", "云南", "贵州", "广西", "海南", "甘肃", "新疆", "香港", "澳门", "台湾", "韩国", "日本", "俄罗斯",
        "德国", "新加坡", "延边", "梨树", "伊通", "双辽", "东丰", "集安", "敦化", "德惠", "农安", "九台", "桦甸", "舒兰", "磐石",
        // Rules round 15f: more prefecture-level cities a delegation goes to (赴杭州、湖州).
        "湖州", "丽水", "衢州", "舟山", "扬州", "镇江", "泰州", "盐城", "连云港", "淮安", "宿迁", "芜湖", "蚌埠", "洛阳", "唐山",
        "秦皇岛", "保定", "廊坊", "邯郸", "锦州", "营口", "丹东", "抚顺", "本溪", "辽阳", "盘锦", "葫芦岛", "阜新", "佳木斯", "绥化",
        "深汕", "东营", "日照", "临沂", "淄博", "株洲", "宜昌", "襄阳", "赣州", "柳州", "桂林", "绵阳", "宝鸡", "鄂尔多斯", "赤峰", "通辽",
    ]);

    /// <summary>Characters that end a place name on its left: verbs, prepositions, time words, determiners.</summary>
    private static readonly SearchValues<char> LeftStops = SearchValues.Create(
        "在到赴去往对与和及同跟向从的了是为于把将由给等、我你他各全本该此这那每个多几其所至入访研查看导展进察持织合领带率陪来达抵驻月日天午晚周年户回返下巡再沿过近离接习趟遍已让除先着就交俩仨");

    /// <summary>Stop characters never taken into a name, not even once inside a short stem (学习了农村… is not a place).</summary>
    private static readonly SearchValues<char> HardStops = SearchValues.Create("了的是把被给我你他她这那每遍趟着");

    /// <summary>
    /// Facilities named after the place they serve (胜利乡卫生院, 英雄街道老年食堂, 平西乡就业服务站): the whole name is the
    /// place. A facility word ends the name; up to a few characters of its own stand between it and the place.
    /// </summary>
    private static readonly string[] Facilities =
    [
        "卫生服务中心", "卫生服务站", "服务中心", "服务站", "卫生院", "卫生室", "敬老院", "养老院", "福利院", "幸福院", "中心校",
        "小学", "中学", "学校", "幼儿园", "医院", "分院", "市场", "保健院",
        // Rules round 15k: a place's activity centre (英雄街道文化活动中心) and a college named after a city (四平市技师学院).
        "活动中心", "学院",
    ];

    /// <summary>
    /// Works and grounds run for the place (平西乡养殖场, 红嘴开发区污水处理厂, 永发村文化广场, 英雄街道科技孵化器): the whole
    /// name is the place when the noun phrase ends with them; followed by more nouns (建设村养殖场粪污问题) they only say
    /// where a problem comes from, and the place stays alone.
    /// </summary>
    private static readonly string[] Works = ["孵化器", "孵化基地", "孵化园", "养殖场", "处理厂", "处理场", "垃圾场", "粮库", "实训基地", "广场", "公园"];

    /// <summary>Characters that end a facility's own words after a place (verbs, prepositions, particles).</summary>
    private static readonly SearchValues<char> FacilityStops = SearchValues.Create(
        "在到赴去往对与和及同跟向从的了是于把将由给等、我你他各全本该此这那每个几其所至访研查看导展察持织领带率陪来达抵驻巡再沿过接习趟遍已让除先着开召举组建");

    /// <summary>True when nothing or a verb, particle or conjunction follows <paramref name="at"/> (the noun phrase ends there).</summary>
    private static bool EndsNounPhrase(string text, int at) =>
        at >= text.Length || !ChineseText.IsHan(text[at]) || FacilityStops.Contains(text[at]) || text[at] is '调' or '今' or '昨' or '均' or '检';

    /// <summary>The length of a hospital or school named right after <paramref name="end"/> (人民医院, 实验小学), or 0.</summary>
    private static int SchoolOrHospitalAfter(string text, int end)
    {
        var facility = FacilityAfter(text, end);
        var name = text.AsSpan(end, facility);
        return name.EndsWith("医院") || name.EndsWith("分院") || name.EndsWith("保健院") || name.EndsWith("小学") || name.EndsWith("中学") || name.EndsWith("学校") || name.EndsWith("幼儿园")
               || name.EndsWith("学院")
            ? facility
            : 0;
    }

    /// <summary>The length of a facility named right after a place ending at <paramref name="end"/>, or 0.</summary>
    private static int FacilityAfter(string text, int end)
    {
        var best = 0;
        for (var k = end; k < text.Length && k - end < 10; k++)
        {
            var c = text[k];
            if (!ChineseText.IsHan(c) || FacilityStops.Contains(c))
            {
                break;
            }

            foreach (var facility in Facilities)
            {
                if (k + 1 - end >= facility.Length && text.AsSpan(end, k + 1 - end).EndsWith(facility, StringComparison.Ordinal))
                {
                    best = k + 1 - end;
                    break;
                }
            }

            foreach (var works in Works)
            {
                if (k + 1 - end >= works.Length && text.AsSpan(end, k + 1 - end).EndsWith(works, StringComparison.Ordinal) && EndsNounPhrase(text, k + 1))
                {
                    best = k + 1 - end;
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Words that end a place name on its left (发现条子河, 参观红嘴园区, 举办农村…): a place starts after a whole verb,
    /// not after any of its characters, so 和平乡, 三合村, 前进村 and 向阳街道 keep their first character.
    /// </summary>
    private static readonly string[] BoundaryWords =
    [
        "发现", "参观", "举办", "检查", "察看", "查看", "督导", "调研", "走访", "参加", "研究", "前往", "深入", "看了", "看看",
        "慰问", "回访", "核实", "协调", "开展", "组织", "召开", "推进", "落户", "完成", "新建", "建设", "改造", "巡查", "踏查",
        "对接", "考察", "接待", "陪同", "带领", "带队", "一起", "以及", "还有", "我们", "村里", "乡里", "镇里", "办完",
        "今年", "去年", "明年", "全年", "当年", "今天", "昨天", "沿着", "听取", "征求", "了解", "收集", "会见", "双方",
        "通知", "责成", "督促", "要求", "交由", "告知",
        // Verbs of attending, dealing, reporting and seeking (出席…公司开工仪式, 推介…物流园项目, 纳入…基地).
        "出席", "洽谈", "推介", "汇报", "纳入", "争创", "创建", "申报", "打造", "争取", "拜访", "走进", "看望",
        // Rules round 15f: solving for a firm (研究解决四平恒瑞食品有限公司…), a report's own topic word (巡湖情况石岭水库) and
        // "within" (平西乡境内南河) end a name on their left.
        "解决", "情况", "境内",
        // Rules round 15h: handing over (交办街道), the speaker's own (俺们永发村, 咱们社区) and a weekday before a place (周二北河).
        "交办", "转办", "移交",
        "俺们", "咱们", "你们", "他们", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周天",
        // Rules round 15i: the area one serves (辖区友谊社区), signing, learning from and dispatching (签约新能源…,
        // 学习借鉴园区…, 调度汽车零部件产业园) and a holiday's aftermath (节后食品安全检查) end a name on their left.
        "辖区", "签约", "借鉴", "调度", "节后",
        // Rules round 15k: relying on (依托四平职业大学) and a title before a go-verb (几个局长上红嘴开发区).
        "依托", "依靠", "局长", "区长", "书记", "主任", "乡长", "镇长",
        // Rules round 15l: staying at a spot (蹲点沟北社区).
        "蹲点",
        // Rules round 15n: talking with, centring on, sorting out, putting out and clearing up (座谈社区干部, 围绕社区养老,
        // 梳理社区短板, 推出社区专题, 清理条子河岸边), "already" (已经喊街道的人) and a verb with its result 完 (巡完南河).
        "座谈", "围绕", "梳理", "推出", "清理", "已经",
        "巡完", "查完", "看完", "转完", "跑完", "走完", "干完", "忙完", "开完", "弄完", "搞完",
    ];

    /// <summary>Words that begin with a stop character but belong to a name (再生资源产业园, 合作社, 进出口, 向阳).</summary>
    private static readonly string[] StopLedWords = ["再生", "合作", "进出口", "向阳", "和平", "前进", "达成", "交界"];

    /// <summary>Stop characters that still end a company's name on its left (prepositions, particles, go-verbs).</summary>
    private static readonly SearchValues<char> FirmStops = SearchValues.Create("在到赴去往对与和及同跟从的了是为于把将由给等、我你他各全本该此这那每个几其至帮让着看访查陪随俩仨");

    /// <summary>Words before a place that is only intended, not visited (对方想在红嘴园区建厂, 有意在…落户, 拟在…建设).</summary>
    private static readonly string[] IntentBefore = ["想在", "有意在", "拟在", "准备在", "打算在", "计划在", "意向在", "考虑在", "希望在", "同意来", "有意来", "准备来", "打算来", "答应来"];

    /// <summary>Measure words that end a place name on its left when a number precedes them (5座小型水库, 4号条子河, 30多位老乡).</summary>
    private static readonly SearchValues<char> Counters = SearchValues.Create("座个家处名位项条件场次期批户所号圈");

    /// <summary>A counter after a number, 多/余/来/几 allowed between (5座, 30多位, 一圈), ending at <paramref name="at"/>.</summary>
    private static bool IsCountBefore(string text, int at)
    {
        if (at < 2 || !Counters.Contains(text[at - 1]))
        {
            return false;
        }

        var n = at - 2;
        if (text[n] is '多' or '余' or '来' && n > 0)
        {
            n--;
        }

        // 周四条子河: a weekday, not four of something.
        if (n > 0 && text[n - 1] is '周' or '期' or '拜')
        {
            return false;
        }

        return char.IsAsciiDigit(text[n]) || ChineseNumerals.IsNumeralChar(text[n]);
    }

    /// <summary>
    /// Words that make a place generic when they stand right before its suffix (属地街道, 辖区村, 所在社区, 沿线乡镇): the
    /// place of whatever is meant, not a named one.
    /// </summary>
    private static readonly string[] GenericModifiers = ["属地", "辖区", "所在", "相关", "沿线", "周边", "当地", "有关", "涉及", "各个"];

    /// <summary>A school's name holds its division (铁西区实验小学, 平西乡中心小学).</summary>
    private static readonly SearchValues<char> DivisionChars = SearchValues.Create("区县市乡镇");

    /// <summary>Characters that end a place name because they end another one (平西乡永发村, 我乡永发村).</summary>
    private static readonly SearchValues<char> SuffixChars = SearchValues.Create("乡镇村市县省");

    private static readonly string[] GenericNames =
    [
        "新农村", "美丽乡村", "城中村", "贫困村", "脱贫村", "生产基地", "重点村", "示范村", "行政村", "自然村", "试点村", "小城镇", "特色小镇",
        "城镇", "乡镇", "农村", "城乡", "乡村", "社区", "街道", "园区", "开发区", "示范区", "基地", "公司", "集团",
        "合作社", "新区", "景区", "工业区", "小型水库", "大型水库", "中型水库", "全乡", "全镇", "全村", "各村", "本村", "该村",
        "公办幼儿园", "民办幼儿园", "普惠幼儿园", "农村小学", "农村中学", "乡村小学",
    ];

    private static readonly string[] GoVerbs =
    [
        "赴", "前往", "到", "去", "来到", "抵达", "在", "走进", "深入", "飞赴", "远赴", "奔赴",
        "去了趟", "去了一趟", "跑了趟", "跑了一趟", "去了", "到了", "跑了",
    ];

    public static string[] Find(string text, ReportVocabulary vocabulary)
    {
        Span<(int Start, int Length)> found = stackalloc (int, int)[MaxPlaces];
        var count = 0;

        // The roster's own areas, as written.
        var areas = vocabulary.AreaMatcher;
        for (var from = 0; areas.Next(text, from, out var at, out var area); from = at + areas.Words[area].Length)
        {
            Add(found, ref count, at, areas.Words[area].Length);
        }

        // The real divisions (四平市's 乡镇/街道 and 村/社区), as whole names.
        var gazetteer = Gazetteer.Default.Matcher;
        for (var from = 0; gazetteer.Next(text, from, out var at, out var entry); from = at + gazetteer.Words[entry].Length)
        {
            if (!IsUnitWord(text, at + gazetteer.Words[entry].Length))
            {
                Add(found, ref count, at, gazetteer.Words[entry].Length);
            }
        }

        // Neighbouring counties and their townships written short (到铁东区叶赫满族镇, 铁东区那边); not the home district.
        var neighbours = Gazetteer.Default.CountyMatcher;
        for (var from = 0; neighbours.Next(text, from, out var at, out var entry); from = at + neighbours.Words[entry].Length)
        {
            var after = at + neighbours.Words[entry].Length;
            if (!IsUnitWord(text, after) && !(after < text.Length && text[after] is '政' or '人') && !vocabulary.HomeCounties.Contains(neighbours.Words[entry]))
            {
                Add(found, ref count, at, neighbours.Words[entry].Length);
            }
            else if (SchoolOrHospitalAfter(text, after) is var facility and > 0)
            {
                // 铁西区人民医院, 铁西区实验小学: a hospital or school named after a county (the home one too) is the place.
                Add(found, ref count, at, after + facility - at);
            }
            else if (AreaPartAfter(text, at, after) is var part and > 0 && text.Contains("片区", StringComparison.Ordinal))
            {
                // 铁西区北站片区: an area of the home district, named with it.
                Add(found, ref count, at, after + part - at);
            }
        }

        FindFirms(text, found, ref count);
        FindListedFirms(text, found, ref count);
        if (TradeWords.ContainsAny(text))
        {
            FindTradeNamedFirms(text, found, ref count);
        }

        foreach (var m in Suffixes().EnumerateMatches(text))
        {
            if (TryPlace(text, m.Index, m.Length, vocabulary.HomeCounties, out var start, out var length)
                && (m.Length == 1 && text[m.Index] is '河' or '江' or '湖' or '乡' or '镇' or '村' || !IsCountAfter(text, start + length)
                    || IsListedCompany(text, start, length, m.Length)))
            {
                // A river section names the village it runs through (条子河獾子洞村段): the section is the place.
                // So does a company named with its township or city (平西乡金穗农机服务有限公司, 四平市铁西城市建设投资有限公司).
                if ((m.Length == 1 && text[m.Index] is '河' or '江' or '湖') || (m.Length >= 2 && text[m.Index + m.Length - 1] is '司' or '社' && length - m.Length >= 4))
                {
                    RemoveInside(found, ref count, start, length);
                }

                Add(found, ref count, start, length);
            }
        }

        FindFirmsListedAfterFirm(text, found, ref count);

        // 东大沟三合村段, 西排干平安村段, 北沟排水沟: a ditch or drain named by its direction, with the section it names.
        if (text.AsSpan().IndexOfAny(DitchChars) >= 0 && text.AsSpan().IndexOfAny(DitchWords) is var ditchAt and > 0)
        {
            FindDitches(text, ditchAt, found, ref count);
        }

        // 胜利乡卫生院, 英雄街道老年食堂, 仁兴街道社区卫生服务中心: a facility named after a place found above is the place;
        // so is an area of a street or township (北沟街道北门外片区, 英雄街道老城区片区).
        var areaParts = text.Contains("片区", StringComparison.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var facility = FacilityAfter(text, found[i].Start + found[i].Length);
            if (facility == 0 && areaParts)
            {
                facility = AreaPartAfter(text, found[i].Start, found[i].Start + found[i].Length);
            }

            if (facility == 0)
            {
                facility = BranchOrPhaseAfter(text, found[i].Start, found[i].Start + found[i].Length);
            }

            if (facility > 0)
            {
                // The facility's own words may have been read as a place of their own (…大学生创业孵化基地 → 学生创业孵化基地).
                found[i].Length += facility;
                var whole = found[i];
                RemoveInside(found, ref count, whole.Start, whole.Length);
                i = IndexOfSpan(found[..count], whole);
            }
        }

        // 在英雄广场搞宣传, 巡查南湖公园: a square or park with a two-character name of its own is a place.
        var squares = text.Contains("广场", StringComparison.Ordinal);
        if (squares || text.Contains("公园", StringComparison.Ordinal))
        {
            FindSquares(text, found, ref count);
        }

        // 四平万达广场、铁西区中兴购物中心, 中兴商场 四平欧亚商都 站前农贸市场: shopping venues and markets named as a whole.
        if (text.AsSpan().IndexOfAny(VenueWords) is var venueAt and > 0)
        {
            FindVenues(text, venueAt, found, ref count, vocabulary.HomeCounties);
        }

        // 红红火火烧烤 老韩家熏肉大饼, 在红旗早市门口, 看了站前夜市: shops, eateries, markets and farms named as a whole.
        if (text.AsSpan().IndexOfAny(ShopChars) >= 0 && text.AsSpan().IndexOfAny(ShopWords) is var shopAt and > 0)
        {
            FindShops(text, shopAt, found, ref count);
        }

        // 和平小区 兴华小区: residential compounds with a name of their own.
        if (text.Contains("小区", StringComparison.Ordinal))
        {
            FindCompounds(text, found, ref count);
        }

        var lastCityEnd = -1;
        var lastCity = -1;
        var othersEnd = -1;
        for (var from = 0; Cities.Next(text, from, out var cityAt, out var city); from = cityAt + Cities.Words[city].Length)
        {
            var m = (Index: cityAt, Length: Cities.Words[city].Length);
            var end = m.Index + m.Length;
            // 延边州: a prefecture named with 州 (not 苏州, whose 州 is its own).
            if (end < text.Length && (text[end] is '市' or '省' or '县' || (text[end] == '州' && text[end - 1] != '州')))
            {
                end++;

                // A district or county of the city: 金华市婺城区.
                for (var k = end + 2; k <= end + 3 && k < text.Length; k++)
                {
                    if (text[k] is '区' or '县' && AllHan(text, end, k))
                    {
                        end = k + 1;
                        break;
                    }
                }
            }

            // 金华婺城区: a district or county written after the city without 市 (not 长春开发区, a zone).
            var district = false;
            if (end == m.Index + m.Length)
            {
                for (var k = end + 2; k <= end + 3 && k < text.Length; k++)
                {
                    if (text[k] is '区' or '县' && AllHan(text, end, k) && !"发园景片辖社新".Contains(text[k - 1], StringComparison.Ordinal))
                    {
                        end = k + 1;
                        district = true;
                        break;
                    }
                }
            }

            // 长春新区, 天津滨海新区: a city's new district is named with it (its own name of up to three characters between).
            for (var k = end; k <= end + 3 && k + 2 <= text.Length; k++)
            {
                if (text.AsSpan(k).StartsWith("新区", StringComparison.Ordinal) && AllHan(text, end, k + 2))
                {
                    end = k + 2;
                    break;
                }
            }

            // 四平市第十七中学, 四平市第三人民医院铁西分院: a school or hospital named after the city is the place.
            end += FacilityAfter(text, end);

            // 赴苏州、深圳 / 赴江苏苏州: listed with or right after a city already taken.
            var listed = lastCityEnd >= 0 && (m.Index == lastCityEnd || (m.Index == lastCityEnd + 1 && text[lastCityEnd] is '、' or '和' or '及'));

            // 深入吉林师范大学、四平市实验中学: a school or hospital named after the city, listed after a place found.
            // Rules round 15k: also after any item of a list (…教学楼改扩建、四平市第十七中学塑胶操场改造).
            var school = end > m.Index + m.Length + 1 && SchoolOrHospitalAfter(text, m.Index + m.Length + 1) > 0 && m.Index > 1;
            listed |= school && (text[m.Index - 1] == '、' || (text[m.Index - 1] is '和' or '及' && EndsAnyFound(found[..count], m.Index - 1)));
            if (school && listed)
            {
                // 吉林省工业技师学院四平分院: the whole name outranks a part of it read without the city.
                RemoveInside(found, ref count, m.Index, end - m.Index);
            }
            if (listed && m.Index == lastCityEnd && lastCity >= 0)
            {
                // 江苏苏州: the city stands for the province before it; a province written out with 省 (广东省深圳市南山区)
                // is part of the name as written.
                // Rules round 15l: so is a province before a city named down to its district (浙江金华婺城区).
                var provinceStart = found[lastCity].Start;
                found[lastCity] = text[m.Index - 1] == '省' || (district && IsProvince(text.AsSpan(provinceStart, m.Index - provinceStart)))
                    ? (provinceStart, end - provinceStart)
                    : (m.Index, end - m.Index);
                lastCityEnd = end;

                // 吉林省双辽市: the county-level city found alone before is inside the whole name now.
                var merged = found[lastCity];
                RemoveInside(found, ref count, merged.Start, merged.Length);
                lastCity = IndexOfSpan(found[..count], merged);
            }
            else if (m.Index < othersEnd)
            {
                // The rest of a list of cities where the people met work.
            }
            else if (IsWhereOthersWork(text, m.Index, end))
            {
                othersEnd = CityListEnd(text, end);
            }
            else if (listed || AfterGoVerb(text, m.Index) || IsCityVisited(text, m.Index, m.Length, end) || IsFacilityReported(text, m.Index, m.Length, end))
            {
                // 山东寿光, 江苏昆山: a province before a county-level city the list does not know is named with it.
                if (end == m.Index + m.Length && IsProvince(text.AsSpan(m.Index, m.Length)))
                {
                    end += CityAfterProvince(text, end);
                }

                var before = count;
                Add(found, ref count, m.Index, end - m.Index);
                lastCity = count > before ? count - 1 : -1;
                lastCityEnd = end;
            }
        }

        // Rules round 15m: a written run named whole (无锡市惠山区经济开发区, 松山湖高新区, 中关村科技园区) and the next
        // section of a river's list (条子河英雄街道段、地直街道段).
        for (var i = 0; i < count; i++)
        {
            var (start, length) = found[i];
            var end = start + length;
            var grown = (Start: start, Length: length);
            if (end < text.Length && text[end] == '段' && start > 1 && text[start - 1] == '、' && text[start - 2] == '段' && EndsAnyFound(found[..count], start - 1)
                && (end + 1 >= text.Length || !ChineseText.IsHan(text[end + 1]) || text[end + 1] == '、'))
            {
                grown.Length++;
            }
            else if (end < text.Length && "高科经" .Contains(text[end], StringComparison.Ordinal) && ZoneAfter(text, end) is var zone and > 0
                     && !(text.AsSpan(start, length).EndsWith("街道", StringComparison.Ordinal) || text.AsSpan(start, length).EndsWith("社区", StringComparison.Ordinal)
                          || text[end - 1] is '乡' or '镇' or '区' or '县' or '市' or '省'))
            {
                grown.Length += zone;
            }

            if (start > 3 && text[start - 1] == '市' && length >= 3 && (text[start + 2] == '区' || (length >= 4 && text[start + 3] == '区')) && CityBefore(text, start - 1) is var city and > 0
                && (start - 1 - city == 0 || !ChineseText.IsHan(text[start - 2 - city]) || text[start - 2 - city] == '、' || LeftStops.Contains(text[start - 2 - city])))
            {
                // 、无锡市惠山区经济开发区: the city written before its district (and the district's zone) is part of the name;
                // a zone without a district (四平市红嘴经济开发区) stays apart from the city.
                grown = (start - 1 - city, grown.Length + city + 1);
            }

            if (grown != found[i])
            {
                found[i] = grown;
                RemoveInside(found, ref count, grown.Start, grown.Length);
                i = IndexOfSpan(found[..count], grown);
            }
        }

        // 吉林师范大学附属实验学校铁西校区, 四平市第一高级中学新校区: a school's campus is named with the school; so is a
        // university's college (吉林农业大学经济管理学院).
        if (text.Contains("校区", StringComparison.Ordinal) || text.Contains("学院", StringComparison.Ordinal))
        {
            for (var i = 0; i < count; i++)
            {
                found[i].Length += CampusAfter(text, found[i].Start, found[i].Start + found[i].Length);
            }
        }

        // 到四平市中心医院、区人民医院调研, 对四平万达广场、铁西区人民医院检查: a list holding a facility goes on with facilities.
        if (text.Contains('、', StringComparison.Ordinal))
        {
            FindFacilitiesListedWithFacility(text, found, ref count);
        }

        // 红嘴那个仓储物流项目, 站前几个商场, 北沟站前两个街道: a roster area by its short name alone is the place.
        var stems = vocabulary.AreaStemMatcher;
        for (var from = 0; stems.Next(text, from, out var at, out var stem); from = at + 1)
        {
            if (IsBareStem(text, at, stems.Words[stem].Length, stems))
            {
                // 北沟片区: the area's own part, named with it.
                var length = stems.Words[stem].Length;
                Add(found, ref count, at, text.AsSpan(at + length).StartsWith("片区", StringComparison.Ordinal) ? length + 2 : length);
            }
        }

        if (count == 0)
        {
            return [];
        }

        var spans = found[..count];
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var names = new List<string>(count);
        var invitedEnd = -1;
        foreach (var (start, length) in spans)
        {
            // 邀请中国银行四平分行、吉林银行四平分行: the rest of a list of invited ones was invited too.
            if (IsInvitedFrom(text, start) || (invitedEnd > 0 && start == invitedEnd + 1 && text[invitedEnd] == '、'))
            {
                invitedEnd = start + length;
                continue;
            }

            // A post named after a place (平西乡乡级河长周涛巡查南河平西段) is a title when another place is worked on.
            if (IsIntended(text, start) || IsAffiliation(text, start + length) || (count > 1 && IsTitle(text, start + length)) || IsAdministration(text, start + length)
                || IsMediaName(text, start + length) || StartsWithTimeWord(text.AsSpan(start, length)) || IsProjectOrDesignation(text, start, length)
                || IsOthers(text, start) || IsUnnamed(text.AsSpan(start, length)))
            {
                continue;
            }

            var name = text.Substring(start, length);
            if (!names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    /// <summary>
    /// The length of an area named right after a street or township ending at <paramref name="end"/> (北门外片区,
    /// 铁路职工住宅片区), or 0: up to eight characters of its own, no verb or particle among them.
    /// </summary>
    private static int AreaPartAfter(string text, int start, int end)
    {
        var place = text.AsSpan(start, end - start);
        if (!(place.EndsWith("街道", StringComparison.Ordinal) || place.EndsWith('乡') || place.EndsWith('镇') || place.EndsWith('区')))
        {
            return 0;
        }

        for (var k = end; k < text.Length - 1 && k - end <= 8; k++)
        {
            if (k > end && text[k] == '片' && text[k + 1] == '区')
            {
                return k + 2 - end;
            }

            if (!ChineseText.IsHan(text[k]) || HardStops.Contains(text[k]) || ChineseText.IsClauseBreak(text[k]) || text[k] is '和' or '与' or '及' or '、')
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>
    /// The length of a company's branch (四平市热力集团有限公司铁西分公司: up to four characters, then 分公司) or a park's
    /// phase (…物流园二期, not …物流园二期项目: the project is named, not the place) right after a name, or 0.
    /// </summary>
    private static int BranchOrPhaseAfter(string text, int start, int end)
    {
        var name = text.AsSpan(start, end - start);
        if (name.EndsWith("公司", StringComparison.Ordinal) || name.EndsWith("集团", StringComparison.Ordinal))
        {
            for (var k = end; k + 3 <= text.Length && k - end <= 4; k++)
            {
                if (text.AsSpan(k).StartsWith("分公司", StringComparison.Ordinal))
                {
                    return k + 3 - end;
                }

                if (!ChineseText.IsHan(text[k]) || FirmStops.Contains(text[k]))
                {
                    break;
                }
            }

            return 0;
        }

        return name.EndsWith('园') && end + 1 < text.Length && ChineseNumerals.IsNumeralChar(text[end]) && text[end + 1] == '期'
               && !text.AsSpan(end + 2).StartsWith("项目", StringComparison.Ordinal)
            ? 2
            : 0;
    }

    /// <summary>The length of a campus named right after a school ending at <paramref name="end"/> (…学校铁西校区, …大学南校区), or 0.</summary>
    private static int CampusAfter(string text, int start, int end)
    {
        var name = text.AsSpan(start, end - start);
        if (!(name.EndsWith('学') || name.EndsWith('校') || name.EndsWith('院')))
        {
            return 0;
        }

        var university = name.EndsWith("大学", StringComparison.Ordinal);
        for (var k = end; k < text.Length - 1 && k - end <= 4; k++)
        {
            if ((text[k] == '校' && text[k + 1] == '区') || (university && k > end && text[k] == '学' && text[k + 1] == '院'))
            {
                return k + 2 - end;
            }

            // A college's own name may hold a stop character (博达学院); only particles end it there.
            if (!ChineseText.IsHan(text[k]) || (university ? HardStops.Contains(text[k]) : FacilityStops.Contains(text[k])))
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>
    /// The items listed right before or after a facility found (四平市中心医院、区人民医院; 四平万达广场、铁西区人民医院;
    /// 第一高级中学、铁西区体育公园): an item that itself ends with a facility or works word is a place too.
    /// </summary>
    private static void FindFacilitiesListedWithFacility(string text, Span<(int Start, int Length)> found, ref int count)
    {
        var listed = count;
        for (var i = 0; i < listed; i++)
        {
            var (start, length) = found[i];
            if (!EndsWithFacility(text.AsSpan(start, length)))
            {
                continue;
            }

            var end = start + length;
            if (end < text.Length && text[end] == '、' && FacilityAfter(text, end + 1) is var next and >= 4)
            {
                Add(found, ref count, end + 1, next);
            }

            if (start > 1 && text[start - 1] == '、')
            {
                var b = WalkLeftFirm(text, start - 1, 8);
                if (start - 1 - b >= 4 && EndsWithFacility(text.AsSpan(b, start - 1 - b)))
                {
                    Add(found, ref count, b, start - 1 - b);
                }
            }
        }
    }

    private static bool EndsWithFacility(ReadOnlySpan<char> name) => ChineseText.EndsWithAny(name, Facilities) || ChineseText.EndsWithAny(name, Works);

    /// <summary>Words that may follow an area's short name standing alone (红嘴那个…, 站前几个商场, 红嘴的标准厂房).</summary>
    private static readonly string[] StemFollowers = ["那", "这", "的", "两个", "几个", "几家", "各", "一带", "片区"];

    /// <summary>
    /// An area's short name standing alone: not inside a longer word (条子河北沟段, 站前智慧物流中心, 站前三期), so it
    /// begins after a non-Han character or a boundary word and ends at a clause break, a space, the end, another short
    /// name or a pointing word (那, 这, 的, 几个).
    /// </summary>
    private static bool IsBareStem(string text, int at, int length, WordMatcher stems)
    {
        var end = at + length;
        var startsFree = at == 0 || !ChineseText.IsHan(text[at - 1]) || EndsWithBoundaryWord(text, at) || EndsWithGoVerb(text, at)
                         || text[at - 1] is '把' or '给' or '从' or '和' or '跟' or '与' or '了' or '对'
                         || (at >= 2 && stems.Next(text.AsSpan(at - 2, 2), 0, out var prevAt, out _) && prevAt == 0);
        if (!startsFree)
        {
            return false;
        }

        if (end == text.Length || !ChineseText.IsHan(text[end]) || ChineseText.IsClauseBreak(text[end]))
        {
            return true;
        }

        var rest = text.AsSpan(end);
        return ChineseText.StartsWithAny(rest, StemFollowers) || (stems.Next(rest[..Math.Min(rest.Length, 4)], 0, out var nextAt, out _) && nextAt == 0);
    }

    private static bool EndsWithGoVerb(string text, int at)
    {
        var before = text.AsSpan(0, at);
        foreach (var verb in GoVerbs)
        {
            if (before.EndsWith(verb, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A count right after a kind of place (走访创业孵化基地2个, 合作社3家): the kind is being counted, it is no name.
    /// </summary>
    private static bool IsCountAfter(string text, int end)
    {
        var k = end;
        while (k < text.Length && (char.IsAsciiDigit(text[k]) || ChineseNumerals.IsNumeralChar(text[k])))
        {
            k++;
        }

        // 基地2个。 counts the kind; 红嘴园区3个在建项目 counts projects in the park.
        return k > end && k < text.Length && Counters.Contains(text[k])
               && (k + 1 == text.Length || !ChineseText.IsHan(text[k + 1]));
    }

    /// <summary>
    /// The last of a list of named companies before the count of the list (…有限公司、四平市绿源秸秆综合利用有限公司3家;
    /// …有限公司 四平市鼎盛机械制造有限公司三家): the count is the list's, the company is named.
    /// </summary>
    private static bool IsListedCompany(string text, int start, int length, int suffix) =>
        suffix >= 2 && text[start + length - 1] is '司' or '社' && length - suffix >= 4 && start > 0 && text[start - 1] is '、' or ' '
        && !IsKindOnly(text.AsSpan(start, length - suffix));

    /// <summary>A post named after a place (平西乡乡级河长, 向阳街道河长): a title, not a place worked on.</summary>
    private static bool IsTitle(string text, int end)
    {
        var after = text.AsSpan(end);
        if (after.StartsWith("街道级", StringComparison.Ordinal))
        {
            after = after[3..];
        }
        else if (after.Length >= 2 && after[0] is '乡' or '镇' or '村' or '区' && after[1] == '级')
        {
            after = after[2..];
        }
        else if (after.StartsWith('级'))
        {
            after = after[1..];
        }

        // 河长制 / 湖长制 is the system, not a post.
        return (after.StartsWith("河长", StringComparison.Ordinal) || after.StartsWith("湖长", StringComparison.Ordinal))
               && !(after.Length > 2 && after[2] == '制');
    }

    /// <summary>A zone's administrative committee (红嘴经济开发区管委会赴…): a unit that goes somewhere, not a place worked at.</summary>
    private static bool IsAdministration(string text, int end) => text.AsSpan(end).StartsWith("管委会", StringComparison.Ordinal);

    /// <summary>A newspaper or station named after a place (四平日报, 吉林日报, 四平广播电视台): a medium, not a place.</summary>
    private static bool IsMediaName(string text, int end)
    {
        var after = text.AsSpan(end);
        foreach (var w in MediaWords)
        {
            if (after.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A park or base that names a project dealt with or a title sought, not a place worked at: right after a dealing or
    /// reporting verb with 项目 later in its clause (洽谈冷链物流园项目, 推介…商贸物流园项目, 对接…实训基地和…项目), or right
    /// after a verb of seeking a designation (纳入省级…基地, 争创国家级示范区).
    /// </summary>
    private static bool IsProjectOrDesignation(string text, int start, int length)
    {
        var name = text.AsSpan(start, length);
        if (!(name.EndsWith('园') || name.EndsWith("园区", StringComparison.Ordinal) || name.EndsWith("基地", StringComparison.Ordinal)
              || name.EndsWith("示范区", StringComparison.Ordinal) || name.EndsWith("中心", StringComparison.Ordinal)))
        {
            return false;
        }

        var before = text.AsSpan(0, start);
        foreach (var level in DesignationLevels)
        {
            if (before.EndsWith(level, StringComparison.Ordinal))
            {
                before = before[..^level.Length];
                break;
            }
        }

        if (ChineseText.EndsWithAny(before, DesignationVerbs))
        {
            return true;
        }

        return ChineseText.EndsWithAny(before, ProjectDealingVerbs) && ClauseFrom(text, start + length).Contains("项目", StringComparison.Ordinal);
    }

    /// <summary>A kind of place described as someone else's (看了看人家的农产品加工园区, 他们的示范基地): no named place.</summary>
    private static bool IsOthers(string text, int start)
    {
        // 学习人家农产品加工园区: the name may have been read from inside 人家 / 他们.
        for (var k = start; k <= Math.Min(start + 2, text.Length); k++)
        {
            if (ChineseText.EndsWithAny(text.AsSpan(0, k), OthersOf))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A place named without its name: 香港某投资公司 (某, "a certain"), 志逐村 read from 逐村检查 (逐村, 逐户: "each village").
    /// </summary>
    private static bool IsUnnamed(ReadOnlySpan<char> name) =>
        name.Contains('某') || (name.Length >= 2 && name[^2] == '逐');

    /// <summary>邀请吉林农业大学专家授课, 请来省农科院专家: the place the invited people came from is not one worked on.</summary>
    private static bool IsInvitedFrom(string text, int start)
    {
        foreach (var w in InvitedFrom)
        {
            if (text.AsSpan(start).StartsWith(w, StringComparison.Ordinal) || text.AsSpan(0, start).EndsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] InvitedFrom = ["邀请", "特邀", "聘请", "请来", "请了"];

    private static readonly string[] OthersOf = ["人家的", "他们的", "对方的", "别人的", "人家", "他们"];

    private static readonly string[] DesignationLevels = ["国家级", "省级", "市级", "国家", "省"];
    private static readonly string[] DesignationVerbs = ["纳入", "争创", "创建", "申报", "申建", "打造"];
    private static readonly string[] ProjectDealingVerbs = ["洽谈", "推介", "汇报", "对接", "争取", "谋划", "招引"];

    private static ReadOnlySpan<char> ClauseFrom(string text, int at)
    {
        var end = at;
        while (end < text.Length && !ChineseText.IsClauseBreak(text[end]))
        {
            end++;
        }

        return text.AsSpan(at, end - at);
    }

    private static readonly string[] MediaWords = ["日报", "晚报", "广播电视台", "电视台", "广播电台", "融媒体", "新闻"];

    /// <summary>A name read across a time word (今天早上村里巡河 → 早上村): no place.</summary>
    private static bool StartsWithTimeWord(ReadOnlySpan<char> name) =>
        name.StartsWith("早上", StringComparison.Ordinal) || name.StartsWith("晚上", StringComparison.Ordinal) || name.StartsWith("上午", StringComparison.Ordinal)
        || name.StartsWith("下午", StringComparison.Ordinal) || name.StartsWith("中午", StringComparison.Ordinal) || name.StartsWith("今天", StringComparison.Ordinal)
        || name.StartsWith("昨天", StringComparison.Ordinal);

    /// <summary>People's affiliation, not a place worked on (和北沟街道的同志一起…).</summary>
    private static bool IsAffiliation(string text, int end)
    {
        var after = text.AsSpan(end);
        if (!after.StartsWith('的'))
        {
            return false;
        }

        after = after[1..];
        foreach (var w in Colleagues)
        {
            if (after.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] Colleagues = ["同志", "工作人员", "负责同志", "人员", "同事"];

    /// <summary>Talk verbs before 在 that make the place only a subject of talks (谈了谈在…建冷库的事, 聊了聊在…落户).</summary>
    private static readonly SearchValues<char> ClauseEnds = SearchValues.Create(",;。!?:，；：、 ");

    private static readonly string[] TalkVerbs = ["谈", "聊", "商量", "探讨", "讨论", "商议", "沟通"];

    private static bool IsIntended(string text, int start)
    {
        var before = text.AsSpan(0, start);
        if (before.EndsWith('在'))
        {
            var talk = before[Math.Max(0, before.Length - 6)..^1];
            var cut = talk.LastIndexOfAny(ClauseEnds);
            if (ChineseText.ContainsAny(talk[(cut + 1)..], TalkVerbs) && !talk[(cut + 1)..].Contains("座谈", StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var w in IntentBefore)
        {
            if (before.EndsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a span unless it overlaps one already found (the roster's names come first).</summary>
    internal static void Add(Span<(int Start, int Length)> found, ref int count, int start, int length)
    {
        for (var i = 0; i < count; i++)
        {
            if (found[i].Start < start + length && start < found[i].Start + found[i].Length)
            {
                return;
            }
        }

        if (count < found.Length)
        {
            found[count++] = (start, length);
        }
    }

    private static int IndexOfSpan(ReadOnlySpan<(int Start, int Length)> found, (int Start, int Length) span)
    {
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] == span)
            {
                return i;
            }
        }

        return -1;
    }

    private static void RemoveInside(Span<(int Start, int Length)> found, ref int count, int start, int length)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            if (found[i].Start >= start && found[i].Start + found[i].Length <= start + length
                && (found[i].Start, found[i].Length) != (start, length))
            {
                found[i] = found[count - 1];
                count--;
            }
        }
    }

    private static bool TryPlace(string text, int s, int len, HashSet<string> home, out int start, out int length)
    {
        start = length = 0;
        var e = s + len;
        var suffix = text.AsSpan(s, len);
        var next = e < text.Length ? text[e] : '\0';
        int minStem = 2, maxStem = 6;

        if (len == 1)
        {
            switch (suffix[0])
            {
                case '乡' or '镇' or '村' when next is '局' or '委' or '办' or '厅' or '站' or '所':
                case '乡' when next is '村' or '镇' or '亲' or '情' or '土' or '愁' or '里' or '间' or '贤' or '级' or '下' or '音' or '长':
                case '镇' when next is '压' or '定' or '静' or '守' or '级' or '村' or '长':
                case '村' when next is '民' or '级' or '委' or '干' or '镇' or '落' or '集' or '庄' or '屯' or '务' or '容' or '两' or '长' or '官':
                case '乡' when s > 0 && text[s - 1] is '老' or '同' or '家' or '故' or '他':
                case '村' when s > 0 && text[s - 1] is '通':
                    // 老乡, 家乡: people and home, not a township; 修通村路: a road to every village; 周涛乡长: a title.
                    return false;
                case '区' or '县':
                    return TryCounty(text, s, home, out start, out length);
                case '河' or '江' or '湖':
                    return TryWater(text, s, out start, out length);
                case '厂':
                    return TryPlant(text, s, out start, out length);
            }
        }
        else if (suffix is "小学" or "中学" or "幼儿园")
        {
            // 铁西区第二幼儿园, 铁西区实验小学: a school named with its division; not 中小学, 小学生, 中学部.
            if (next is '生' or '部' or '阶' || (suffix is "小学" && s > 0 && text[s - 1] == '中'))
            {
                return false;
            }

            maxStem = 8;
            var stemStart = WalkLeft(text, s, 2, maxStem);
            if (text.AsSpan(stemStart, s - stemStart).IndexOfAny(DivisionChars) < 0)
            {
                return false;
            }
        }
        else if (suffix is "大学" or "学院")
        {
            // 哈尔滨工业大学, 吉林农业科技学院; not 大学生, 大学科技园 (the park is the place), 学院路.
            if (next is '生' or '科' or '园' or '路' or '街')
            {
                return false;
            }

            maxStem = 8;
        }
        else if (suffix is "有限责任公司" or "有限公司" or "株式会社" or "公司" or "集团" or "合作社")
        {
            maxStem = 12;
        }
        else if (suffix is "分行" or "支行")
        {
            return TryBankBranch(text, s, out start, out length);
        }

        // A company's kind written before its name (区属平台公司四平铁西城市发展集团有限公司) ends it; a branch (…公司铁西分公司) does not.
        var ls = maxStem == 12 ? WalkLeftFirm(text, s, maxStem, stopAtCompany: s == 0 || text[s - 1] != '分') : WalkLeft(text, s, minStem, maxStem);

        // 铁西区电子商务产业园: a name cut by the stem limit inside the home district's name starts with the district.
        if (s - ls == maxStem && ls > 0 && ChineseText.IsHan(text[ls - 1]))
        {
            var cut = ls;
            ls = HomeStraddling(text, ls, home);

            // Rules round 15l: 参加宏达汽车零部件产业园…: a park's or base's name of seven or eight characters is taken
            // whole when a verb, a mark or a place's suffix ends it on the left (not a stop inside a clause).
            if (ls == cut && maxStem == 6 && suffix.Length >= 2)
            {
                // A brand may hold a stop character (宏达): walked like a company's name then.
                var longer = WalkLeft(text, s, minStem, 8);
                if (longer < ls && EndsNameOnLeft(text, longer))
                {
                    ls = longer;
                }
                else if (WalkLeftFirm(text, s, 8) is var firm && firm < ls && EndsNameOnLeft(text, firm))
                {
                    ls = firm;
                }
            }
        }

        // 参加宏达汽车零部件产业园: a park's brand may hold a stop character (达); walked like a company's name when a verb
        // or a mark ends that walk two characters or more further (就铁西物流园 keeps 就 out: one character, a word of its own).
        if (suffix is "产业园" or "工业园" or "物流园" or "科技园" && ls > 0 && s - ls < 8 && LeftStops.Contains(text[ls - 1]) && !HardStops.Contains(text[ls - 1])
            && WalkLeftFirm(text, s, 8) is var brand && brand <= ls - 2 && (brand == 0 || !ChineseText.IsHan(text[brand - 1]) || EndsWithBoundaryWord(text, brand)))
        {
            ls = brand;
        }

        if (s - ls < minStem || ChineseText.EndsWithAny(text.AsSpan(0, s), GenericModifiers))
        {
            return false;
        }

        // A company that came to us (会见…集团客商, 接待…公司考察团) is not a place visited.
        if (maxStem > 6 && (text.AsSpan(0, ls).EndsWith("会见") || text.AsSpan(0, ls).EndsWith("会见了") || text.AsSpan(0, ls).EndsWith("接待")
                            || text.AsSpan(0, ls).EndsWith("接待了") || text.AsSpan(0, ls).EndsWith("来自")))
        {
            return false;
        }

        start = ls;
        length = e - ls;
        return !IsGeneric(text.AsSpan(start, length))
               && !(suffix is "公司" or "有限公司" or "集团" or "合作社" or "卫生院" or "敬老院" or "养老院" or "福利院" && IsKindOnly(text.AsSpan(ls, s - ls)));
    }

    /// <summary>True when the name starting at <paramref name="at"/> is ended on its left by a mark, a boundary verb or a place's suffix.</summary>
    private static bool EndsNameOnLeft(string text, int at) =>
        at == 0 || !ChineseText.IsHan(text[at - 1]) || EndsWithBoundaryWord(text, at) || SuffixChars.Contains(text[at - 1]);

    private static int HomeStraddling(string text, int ls, HashSet<string> home)
    {
        foreach (var h in home)
        {
            for (var k = 1; k < h.Length && k <= ls; k++)
            {
                if (text.AsSpan(ls - k).StartsWith(h, StringComparison.Ordinal))
                {
                    return ls - k;
                }
            }
        }

        return ls;
    }

    /// <summary>
    /// Words that describe a kind of firm or home rather than name one: its trade (热力, 物业, 农机, 种植, 养殖), its owner
    /// or standing (公办, 民办, 区属, 平台). A name made of these alone (热力公司, 公办养老院, 农机合作社, 区属平台公司) is a
    /// kind, not a place; one with a name of its own before them (绿丰种植专业合作社) is a place.
    /// </summary>
    private static readonly string[] KindWords =
    [
        "热力", "供热", "燃气", "物业", "供电", "电力", "供水", "自来水", "平台", "投资", "城投", "区属", "市属", "县属", "国有",
        "施工", "建筑", "保洁", "环卫", "物流", "农机", "种植", "养殖", "肉牛", "生猪", "奶牛", "蔬菜", "果蔬", "粮食", "农民",
        "专业", "土地", "股份", "劳务", "家庭", "公办", "民办", "普惠", "公立", "私立", "民营", "村级", "乡镇", "社区", "农村",
        "乡村", "当地", "一家", "两家", "几家", "这家", "那家", "该", "能源",
        // 辖区小额贷款公司, 融资担保公司: kinds of lender named by trade and by where they are.
        "辖区", "小额贷款", "贷款", "融资担保", "担保", "融资", "租赁", "典当", "理财",
        "全区", "区",
        // Rules round 15n: 投资咨询公司: a consultancy named by its trade.
        "咨询",
    ];

    /// <summary>A firm named by its kind alone (小额贷款公司, 融资担保公司, 物业公司): no name of its own.</summary>
    private static bool IsKindOfFirm(ReadOnlySpan<char> name)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["有限公司", "公司", "集团", "合作社"])
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return IsKindOnly(name[..^suffix.Length]);
            }
        }

        return false;
    }

    private static bool IsKindOnly(ReadOnlySpan<char> stem)
    {
        while (!stem.IsEmpty)
        {
            var cut = false;
            foreach (var w in KindWords)
            {
                if (stem.EndsWith(w, StringComparison.Ordinal))
                {
                    stem = stem[..^w.Length];
                    cut = true;
                    break;
                }
            }

            if (!cut)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The start of the name whose suffix begins at <paramref name="s"/>: walks left over Han characters up to a
    /// boundary (non-Han, a boundary word, a counter after a number, another place, a stop character). A stop character
    /// reached after at least one character and before the stem has <paramref name="minStem"/> characters is taken into
    /// the name once (和平乡, 向阳街道); right before the suffix it is a verb (宣讲进村, 返乡), so 三合村 and 前进村 come
    /// from the gazetteer.
    /// </summary>
    private static int WalkLeft(string text, int s, int minStem, int maxStem)
    {
        var ls = s;
        var crossed = false;
        while (ls > 0 && s - ls < maxStem)
        {
            var c = text[ls - 1];
            if (!ChineseText.IsHan(c) || EndsWithPlace(text, ls) || EndsWithBoundaryWord(text, ls) || IsCountBefore(text, ls))
            {
                break;
            }

            // 下三台水库 at the start of a message or clause, or right after a whole verb (巡查下三台水库): 下 is the
            // name's own first character, not a verb.
            if (c == '下' && s - ls >= 2 && (ls == 1 || !ChineseText.IsHan(text[ls - 2]) || ChineseText.IsClauseBreak(text[ls - 2]) || EndsWithBoundaryWord(text, ls - 1)))
            {
                ls--;
                break;
            }

            // 局长上红嘴开发区: 上 right after a title word is "go to", not the name's; 开发区内…: "within" a place.
            if ((c == '上' && ChineseText.EndsWithAny(text.AsSpan(0, ls - 1), TitleWords)) || IsWithinPlace(text, ls))
            {
                break;
            }

            if ((LeftStops.Contains(c) && !StartsStopLedWord(text, ls - 1)) || SuffixChars.Contains(c))
            {
                if (crossed || s - ls == 0 || s - ls >= minStem || SuffixChars.Contains(c) || HardStops.Contains(c))
                {
                    break;
                }

                crossed = true;
            }

            ls--;
        }

        return ls;
    }

    /// <summary>
    /// The start of a company's name: companies carry characters that end other names (吉林省宏达汽车部件公司,
    /// 深圳市华锐新能源科技有限公司), so only prepositions, particles, boundary words and places end it.
    /// </summary>
    private static int WalkLeftFirm(string text, int s, int maxStem, bool stopAtCompany = false)
    {
        var ls = s;
        while (ls > 0 && s - ls < maxStem)
        {
            var c = text[ls - 1];
            // 城市建设投资有限公司: 建设 before a kind word alone (投资) belongs to the name.
            if (!ChineseText.IsHan(c) || FirmStops.Contains(c) || EndsWithPlace(text, ls) || (EndsWithBoundaryWord(text, ls) && !(s > ls && text.AsSpan(0, ls).EndsWith("建设", StringComparison.Ordinal) && IsKindOnly(text.AsSpan(ls, s - ls))))
                || IsCountBefore(text, ls) || IsWithinPlace(text, ls)
                || (stopAtCompany && c == '司' && ls >= 2 && text[ls - 2] == '公'))
            {
                break;
            }

            ls--;
        }

        return ls;
    }

    /// <summary>
    /// A bank's branch (吉林银行四平分行, 国开行吉林分行, 国家开发银行吉林省分行): a name holding 行 before its branch
    /// word, walked like a company's.
    /// </summary>
    private static bool TryBankBranch(string text, int s, out int start, out int length)
    {
        start = length = 0;
        var ls = WalkLeftFirm(text, s, 12);

        // 建设银行四平分行: the bank's own name may be a word that ends other names.
        if (text.AsSpan(ls).StartsWith("银行", StringComparison.Ordinal) && ls >= 2 && ChineseText.IsHan(text[ls - 1]) && ChineseText.IsHan(text[ls - 2]))
        {
            ls -= 2;
        }

        if (text.AsSpan(ls, s - ls).LastIndexOf('行') < 1)
        {
            return false;
        }

        start = ls;
        length = s + 2 - ls;
        return true;
    }

    /// <summary>
    /// A works named as a whole (华能四平热电厂, 四平巨元换热器厂, 华晨宝马铁西工厂): a name of its own of at least four
    /// characters before 厂, where the noun phrase ends. Not a plant to be built (建厂, 来铁西建零部件配套厂) and not a kind
    /// of works (污水处理厂, 垃圾处理厂: found with the place they serve).
    /// </summary>
    private static bool TryPlant(string text, int s, out int start, out int length)
    {
        start = length = 0;
        var e = s + 1;
        if (!EndsNounPhrase(text, e))
        {
            return false;
        }

        var ls = WalkLeftFirm(text, s, 8);

        // 返乡创业项目东兴木耳菌包厂: the project word before the works' name is not part of it.
        var from = Math.Max(0, ls - 1);
        var project = text.AsSpan(from, s - from).LastIndexOf("项目", StringComparison.Ordinal);
        if (project >= 0)
        {
            ls = from + project + 2;
        }

        var stem = text.AsSpan(ls, s - ls);
        // 有意向来铁西设厂, 准备回乡办厂: setting up a plant (设厂, 办厂, 开厂), not a works' name.
        if (stem.Length < 4 || stem.Contains('建') || stem[^1] is '设' or '办' or '开' || (ls > 0 && text[ls - 1] == '建') || ChineseText.StartsWithAny(stem, KindsOfWorks))
        {
            return false;
        }

        start = ls;
        length = e - ls;
        return true;
    }

    private static readonly string[] KindsOfWorks = ["污水", "垃圾", "自来水", "零部件", "配套", "加工", "食品", "服装", "机械"];

    /// <summary>
    /// A county or district of another place gone to (赴婺城区, 到铁东区): two or three characters right after a go-verb;
    /// the home district (铁西区) is never a place by itself.
    /// </summary>
    private static bool TryCounty(string text, int s, HashSet<string> home, out int start, out int length)
    {
        start = length = 0;
        var next = s + 1 < text.Length ? text[s + 1] : '\0';
        if ("长委政级域内外直属管".Contains(next, StringComparison.Ordinal))
        {
            return false;
        }

        for (var n = 2; n <= 3 && s - n >= 0; n++)
        {
            var ls = s - n;
            if (!AllHan(text, ls, s) || !AfterGoVerb(text, ls))
            {
                continue;
            }

            var name = text.Substring(ls, n + 1);
            if (home.Contains(name) || IsGeneric(name))
            {
                return false;
            }

            start = ls;
            length = n + 1;
            return true;
        }

        return false;
    }


    private static bool StartsStopLedWord(string text, int at)
    {
        var rest = text.AsSpan(at);
        foreach (var w in StopLedWords)
        {
            if (rest.StartsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] TitleWords = ["局长", "区长", "书记", "主任", "乡长", "镇长"];

    /// <summary>True when 内 or 里 before <paramref name="at"/> follows a place (红嘴经济开发区内吉林省天成化工…): "within" it.</summary>
    private static bool IsWithinPlace(string text, int at) => at >= 3 && text[at - 1] is '内' or '里' && EndsWithPlace(text, at - 1);

    private static bool EndsWithBoundaryWord(string text, int at)
    {
        var before = text.AsSpan(0, at);
        foreach (var w in BoundaryWords)
        {
            if (before.EndsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>条子河, 条子河铁西段, 南河铁西段; not 巡河, 河长制, 河道, 河面.</summary>
    private static bool TryWater(string text, int s, out int start, out int length)
    {
        start = length = 0;
        var e = s + 1;
        var next = e < text.Length ? text[e] : '\0';
        // 二龙湖湖长制巡查, 南河河长: the water's own chief follows its name; 河湖, 河道 are no names.
        var chief = e + 1 < text.Length && next == text[s] && text[e + 1] == '长';
        if (!chief && "长道面岸湖流水库堤渠床口网系务边畔滩沟坝塘闸源路桥街大区市县省村镇乡坡".Contains(next, StringComparison.Ordinal))
        {
            return false;
        }

        // 巡河, 清河行动, 护河, 治河: a verb on the river, not its name.
        if (s > 0 && text[s - 1] is '巡' or '清' or '护' or '治' or '管')
        {
            return false;
        }

        var ls = s;
        while (ls > 0 && s - ls < 4)
        {
            var c = text[ls - 1];
            if (!ChineseText.IsHan(c) || LeftStops.Contains(c) || SuffixChars.Contains(c) || c is '河' or '江' or '湖'
                || EndsWithBoundaryWord(text, ls) || IsCountBefore(text, ls) || ChineseText.EndsWithAny(text.AsSpan(0, ls), RiverParts))
            {
                break;
            }

            ls--;
        }

        // 那段条子河, 这段南河: 段 after a demonstrative is a measure word, not the river's first character.
        if (ls < s && text[ls] == '段' && ls > 0 && text[ls - 1] is '那' or '这' or '一' or '该' or '此' or '哪')
        {
            ls++;
        }

        // 一河一策, 两河治理: a numeral right before 河 counts rivers, it starts no name; 重点河段 describes a reach.
        if (ls == s || ChineseNumerals.IsNumeralChar(text[s - 1]) || (next == '段' && IsKindOfReach(text.AsSpan(ls, e - ls))))
        {
            return false;
        }

        // A section: 条子河铁西段, 条子河城区段.
        var end = e;

        // 条子河支流那个黑臭水体, 条子河支流开展巡查: a tributary not named after it (支流北河 is) is the place as written.
        if (text.AsSpan(e).StartsWith("支流", StringComparison.Ordinal) && !NamesRiverAt(text, e + 2))
        {
            end = e + 2;
        }
        for (var k = e; k < text.Length && k - e < 7; k++)
        {
            if (text[k] == '段' && k > e)
            {
                // 险工险段 and 重点河段 are kinds of section, not its name: the river alone.
                if (text[k - 1] != '险' && !IsKindOfReach(text.AsSpan(e, k - e)))
                {
                    end = k + 1;
                }

                break;
            }

            // 南河上游新立河段: another part of the river system starts, the section is not 南河's.
            if (!ChineseText.IsHan(text[k]) || (LeftStops.Contains(text[k]) && !StartsStopLedWord(text, k)) || ChineseText.StartsWithAny(text.AsSpan(k), RiverParts))
            {
                break;
            }
        }

        start = ls;
        length = end - ls;

        // 浙江, 湖北 … are provinces, found with the cities when travelled to; 江苏江阴: 江 starts the city after the province.
        return !IsGeneric(text.AsSpan(start, length)) && !Cities.ContainsAny(text.AsSpan(start, e - start))
               && !(start > 0 && ProvinceEnds.Contains(text[start]) && ChineseText.EndsWithAny(text.AsSpan(0, start + 1), Provinces));
    }

    /// <summary>True when a river's name starts at <paramref name="at"/> (北河, 东辽河): a few Han characters, then 河/江/湖.</summary>
    private static bool NamesRiverAt(string text, int at)
    {
        for (var k = at; k < text.Length && k - at < 4; k++)
        {
            if (!ChineseText.IsHan(text[k]) || LeftStops.Contains(text[k]))
            {
                return false;
            }

            if (k > at && text[k] is '河' or '江' or '湖')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words for a part of a river system that stand before its name (支流北河, 上游条子河): not part of the name.</summary>
    private static readonly string[] RiverParts = ["支流", "干流", "上游", "下游", "中游", "主河道"];

    /// <summary>A reach described, not named (重点河段, 主要河段, 部分河段, 城区河段 stays named by 城区).</summary>
    private static bool IsKindOfReach(ReadOnlySpan<char> beforeDuan)
    {
        if (!beforeDuan.EndsWith('河'))
        {
            return false;
        }

        var kind = beforeDuan[..^1];
        foreach (var w in ReachKinds)
        {
            if (kind.SequenceEqual(w))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ReachKinds = ["重点", "主要", "部分", "全部", "问题", "薄弱", "重要", "相关", "隐患", "易涝"];

    private static bool EndsAnyFound(ReadOnlySpan<(int Start, int Length)> found, int end)
    {
        foreach (var (start, length) in found)
        {
            if (start + length == end)
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ZoneWords = ["高新技术产业开发区", "高新技术开发区", "经济技术开发区", "经济开发区", "高新区", "科技园区"];

    /// <summary>The length of a zone word right at <paramref name="at"/> (松山湖高新区, 中关村科技园区), or 0.</summary>
    private static int ZoneAfter(string text, int at)
    {
        foreach (var zone in ZoneWords)
        {
            if (text.AsSpan(at).StartsWith(zone, StringComparison.Ordinal))
            {
                return zone.Length;
            }
        }

        return 0;
    }

    /// <summary>The length of a city's name (无锡, 苏州) ending right before <paramref name="end"/>, or 0.</summary>
    private static int CityBefore(string text, int end)
    {
        for (var n = 2; n <= 4 && n <= end; n++)
        {
            if (Cities.Next(text, end - n, out var at, out var word) && at == end - n && Cities.Words[word].Length == n)
            {
                return n;
            }
        }

        return 0;
    }

    /// <summary>True when the text before <paramref name="at"/> ends with a place (英雄街道幸福社区 → 幸福社区).</summary>
    private static bool EndsWithPlace(string text, int at)
    {
        var before = text.AsSpan(0, at);
        return before.EndsWith("街道", StringComparison.Ordinal) || before.EndsWith("社区", StringComparison.Ordinal)
               || before.EndsWith("园区", StringComparison.Ordinal) || before.EndsWith("开发区", StringComparison.Ordinal)
               || before.EndsWith("示范区", StringComparison.Ordinal);
    }

    /// <summary>True when a unit word follows (三合村委会, 平西乡政府办 are units, not the place's name alone).</summary>
    private static bool IsUnitWord(string text, int end) => end < text.Length && text[end] is '局' or '委' or '办' or '厅' or '站' or '所';

    /// <summary>
    /// Companies named without 公司 by what is done with them: 与浙江正泰签订, 到吉林华润啤酒对接, 帮中科新材料办完 —
    /// a Han span of 3–8 characters between a preposition or go-verb and a dealing verb, unless it is a unit
    /// (…局/委/办/厅/部/中心/政府), a division (…区/县/市/省/乡/镇/村) or a person's title.
    /// </summary>
    private static void FindFirms(string text, Span<(int Start, int Length)> found, ref int count)
    {
        foreach (var m in FirmContext().EnumerateMatches(text))
        {
            var span = text.AsSpan(m.Index, m.Length);
            var lead = span[0] is '与' or '和' or '同' or '跟' or '到' or '帮' or '去' or '赴' ? 1 : 0;
            var end = m.Length;
            foreach (var verb in DealVerbs)
            {
                if (span.EndsWith(verb, StringComparison.Ordinal))
                {
                    end = m.Length - verb.Length;
                    break;
                }
            }

            // 跟华腾智能又谈了一轮, 与恒通机械已签订: an adverb before the dealing verb is not part of the name.
            while (end - lead > 3 && "又再也还已都就先".Contains(span[end - 1], StringComparison.Ordinal))
            {
                end--;
            }

            var name = span[lead..end];

            // 跟网格员唠谈了, 和队员们谈了: people by their role (…员) are not a firm.
            if (name.Contains('员'))
            {
                continue;
            }

            if (name.Length is < 3 or > 8 || "局委办厅部区县市省乡镇村队站所院会".Contains(name[^1], StringComparison.Ordinal)
                || name.EndsWith("中心", StringComparison.Ordinal) || name.EndsWith("政府", StringComparison.Ordinal)
                || name.EndsWith("企业", StringComparison.Ordinal) || EndsWithPersonWord(name) || ChineseNumerals.IsNumeralChar(name[0]) || name.ContainsAny(LeftStops)
                || name.IndexOfAny(UnitChars) >= 0 || name.Contains('们'))
            {
                continue;
            }

            Add(found, ref count, m.Index + lead, name.Length);
        }
    }

    /// <summary>
    /// Companies listed before a count of firms (到天成玉米、巨元换热器两家企业看了看; 走访了华润、亚泰等3家公司): each name of
    /// the list is a company, written without 公司. A list of two or more only; a unit or a division is never one.
    /// </summary>
    private static void FindListedFirms(string text, Span<(int Start, int Length)> found, ref int count)
    {
        Span<(int Start, int Length)> items = stackalloc (int, int)[6];
        foreach (var counted in (ReadOnlySpan<string>)["家企业", "家公司"])
        {
            for (var at = text.IndexOf(counted, StringComparison.Ordinal); at > 0; at = text.IndexOf(counted, at + counted.Length, StringComparison.Ordinal))
            {
                var n = at;
                while (n > 0 && (char.IsAsciiDigit(text[n - 1]) || ChineseNumerals.IsNumeralChar(text[n - 1])))
                {
                    n--;
                }

                if (n == at)
                {
                    continue;
                }

                var end = n > 0 && text[n - 1] == '等' ? n - 1 : n;
                AddListedBefore(text, end, items, found, ref count);
            }
        }

        // 走访比亚迪、欣旺达等企业七家, 与…、…等龙头企业对接: the examples of a list of firms, the count after or none.
        if (!text.Contains('等', StringComparison.Ordinal))
        {
            return;
        }

        foreach (var counted in (ReadOnlySpan<string>)["等企业", "等龙头企业", "等重点企业", "等公司"])
        {
            for (var at = text.IndexOf(counted, StringComparison.Ordinal); at > 0; at = text.IndexOf(counted, at + counted.Length, StringComparison.Ordinal))
            {
                AddListedBefore(text, at, items, found, ref count);
            }
        }
    }

    /// <summary>Adds the names of a list of two or more firms ending at <paramref name="end"/> (天成玉米、巨元换热器).</summary>
    private static void AddListedBefore(string text, int end, Span<(int Start, int Length)> items, Span<(int Start, int Length)> found, ref int count)
    {
        var listed = 0;
        while (end > 0 && listed < items.Length)
        {
            var s = end;
            while (s > 0 && end - s < 8 && ChineseText.IsHan(text[s - 1]) && !FirmStops.Contains(text[s - 1]) && !EndsWithBoundaryWord(text, s))
            {
                s--;
            }

            // 四平巨元换热设备集团、宏达铸造等企业: a company's or group's full name runs past the eight characters of a
            // name written without 公司; it is walked like a company's (a city before it is its own).
            if (end - s == 8 && s > 0 && ChineseText.IsHan(text[s - 1]) && !FirmStops.Contains(text[s - 1])
                && (text.AsSpan(s, end - s).EndsWith("公司", StringComparison.Ordinal) || text.AsSpan(s, end - s).EndsWith("集团", StringComparison.Ordinal)))
            {
                s = WalkLeftFirm(text, end, 16);
            }

            // 中冶北方建设集团: a group's name holding a boundary word (建设) is walked to the list's mark or a stop.
            if (end - s == 2 && text.AsSpan(s, 2) is "集团" or "公司")
            {
                while (s > 0 && end - s < 12 && ChineseText.IsHan(text[s - 1]) && !FirmStops.Contains(text[s - 1]))
                {
                    s--;
                }
            }

            var name = text.AsSpan(s, end - s);
            if (name.Length < 2 || "局委办厅部区县市省乡镇村队站所院会".Contains(name[^1], StringComparison.Ordinal) || EndsWithPersonWord(name)
                || IsKindOfFirm(name))
            {
                break;
            }

            items[listed++] = (s, end - s);
            if (s > 0 && text[s - 1] is '、' or '和')
            {
                end = s - 1;
                continue;
            }

            break;
        }

        for (var k = 0; listed >= 2 && k < listed; k++)
        {
            Add(found, ref count, items[k].Start, items[k].Length);
        }
    }

    /// <summary>
    /// A name listed right after a company (到四平锦程换热设备有限公司、鸿达食品调研): the list goes on with companies, so
    /// the next item, up to a boundary word or a stop character, is one too — unless it is a unit, a division or people.
    /// </summary>
    private static void FindFirmsListedAfterFirm(string text, Span<(int Start, int Length)> found, ref int count)
    {
        var listed = count;
        for (var i = 0; i < listed; i++)
        {
            var end = found[i].Start + found[i].Length;
            var name = text.AsSpan(found[i].Start, found[i].Length);
            if (end >= text.Length || text[end] != '、' || !(name.EndsWith("公司", StringComparison.Ordinal) || name.EndsWith("集团", StringComparison.Ordinal)))
            {
                continue;
            }

            var k = end + 1;
            while (k < text.Length && k - end - 1 < 8 && ChineseText.IsHan(text[k]) && !FirmStops.Contains(text[k]) && !ChineseText.StartsWithAny(text.AsSpan(k), BoundaryWords))
            {
                k++;
            }

            var item = text.AsSpan(end + 1, k - end - 1);
            if (item.Length is >= 3 and <= 8 && !"局委办厅部区县市省乡镇村队站所院会".Contains(item[^1], StringComparison.Ordinal)
                && !EndsWithPersonWord(item) && item.IndexOfAny(UnitChars) < 0 && !item.EndsWith("中心", StringComparison.Ordinal))
            {
                Add(found, ref count, end + 1, item.Length);
            }
        }
    }

    /// <summary>Words that make a square or park a kind, not a name (文化广场, 休闲公园).</summary>
    private static readonly string[] SquareKinds =
    [
        "文化", "休闲", "人民", "市民", "中心", "体育", "健身", "城市", "主题", "口袋", "湿地", "森林", "街心", "游园", "社区", "村里", "乡里", "小区", "儿童", "老年", "商业",
    ];

    private static void FindSquares(string text, Span<(int Start, int Length)> found, ref int count)
    {
        foreach (var kind in (ReadOnlySpan<string>)["广场", "公园"])
        {
            for (var at = text.IndexOf(kind, StringComparison.Ordinal); at >= 2; at = text.IndexOf(kind, at + 2, StringComparison.Ordinal))
            {
                var ls = at - 2;
                var stem = text.AsSpan(ls, 2);
                if (!ChineseText.IsHan(stem[0]) || !ChineseText.IsHan(stem[1]) || stem.ContainsAny(LeftStops) || ChineseText.StartsWithAny(stem, SquareKinds)
                    || !(ls == 0 || !ChineseText.IsHan(text[ls - 1]) || LeftStops.Contains(text[ls - 1])))
                {
                    continue;
                }

                Add(found, ref count, ls, 4);
            }
        }
    }


    /// <summary>Characters no venue's own name holds (a division, a unit, a counter, a pointing word); numerals may (万达, 欧亚四平).</summary>
    private static readonly SearchValues<char> VenueBreaks = SearchValues.Create("县乡镇村局委办厅院所队家个们那这");

    /// <summary>Kinds of shopping venue and market whose name of its own stands before them.</summary>
    private static readonly string[] Venues = ["购物中心", "购物广场", "商业广场", "家居广场", "商场", "商都", "商厦", "农贸市场", "批发市场", "商贸城", "广场"];

    private static readonly SearchValues<string> VenueWords = SearchValues.Create(Venues, StringComparison.Ordinal);

    /// <summary>Words that describe a venue's kind or where it is, not its name (大型商场, 辖区农贸市场, 各类批发市场).</summary>
    private static readonly string[] VenueKinds = ["大型", "小型", "中型", "大中型", "综合", "生鲜", "农产品", "城区", "重点", "各类", "主要", "周边", "附近", "春节", "节日"];

    /// <summary>The first of <paramref name="words"/> that starts at <paramref name="at"/>; <paramref name="fallback"/> when none does.</summary>
    private static string WordAt(string text, int at, string[] words, string fallback)
    {
        foreach (var word in words)
        {
            if (text.AsSpan(at).StartsWith(word, StringComparison.Ordinal))
            {
                return word;
            }
        }

        return fallback;
    }

    /// <summary>
    /// Shopping venues and markets named as a whole (四平万达广场, 铁西区中兴购物中心, 欧亚四平购物中心, 中兴商场, 英雄大路农贸市场):
    /// a name of its own of two to eight characters before the venue word, walked like a company's (a list's 、, a space,
    /// a verb or particle ends it). A city's 广场 is a venue too when a brand stands between (四平万达广场; 四平人民广场 is a
    /// square of a kind). A venue in a place found (站前街道商场, 地直街道农贸市场) has no name of its own.
    /// </summary>
    private static void FindVenues(string text, int first, Span<(int Start, int Length)> found, ref int count, HashSet<string> home)
    {
        for (var at = first; at > 0;)
        {
            var venue = WordAt(text, at, Venues, "广场");
            var next = at + venue.Length;
            var more = text.AsSpan(next).IndexOfAny(VenueWords);
            FindVenue(text, at, venue, found, ref count, home);
            at = more < 0 ? -1 : next + more;
        }
    }

    private static void FindVenue(string text, int at, string venue, Span<(int Start, int Length)> found, ref int count, HashSet<string> home)
    {
        var ls = WalkLeftFirm(text, at, 10);
        var own = text.AsSpan(ls, at - ls);
        var city = Cities.Next(own, 0, out var cityAt, out var c) && cityAt == 0 ? Cities.Words[c].Length : 0;
        if (city > 0 && own.Length > city && own[city] == '市')
        {
            city++;
        }

        if (venue == "广场")
        {
            // 四平万达广场: a city, then a brand of its own; a bare 广场 is found by FindSquares.
            if (city == 0 || own.Length - city < 2 || ChineseText.StartsWithAny(own[city..], SquareKinds))
            {
                return;
            }
        }

        foreach (var h in home)
        {
            if (own.StartsWith(h, StringComparison.Ordinal))
            {
                city = h.Length;
                break;
            }
        }

        var name = own[city..];
        if (name.Length is < 2 or > 8 || ChineseText.StartsWithAny(name, VenueKinds) || ChineseText.StartsWithAny(name, GenericModifiers)
            || IsKindOnly(name) || name.IndexOfAny(VenueBreaks) >= 0 || NamesProjectAfter(text, at + venue.Length))
        {
            return;
        }

        // 站前农贸市场: the venue's whole name outranks the area's short name inside it.
        RemoveInside(found, ref count, ls, at + venue.Length - ls);
        Add(found, ref count, ls, at + venue.Length - ls);
    }

    /// <summary>Kinds of ditch and drain whose own name (a direction, or a place's short name and a direction) stands before them.</summary>
    /// <summary>Ditch and drain words (东大沟, 西排干, 北沟排水沟): places here, patrolled like rivers (<see cref="MetricExtractor.PatrolOfNamedWater"/>).</summary>
    internal static readonly string[] Ditches = ["排水沟", "大沟", "排干", "干渠", "支渠", "干沟"];

    private static readonly SearchValues<string> DitchWords = SearchValues.Create(Ditches, StringComparison.Ordinal);

    /// <summary>The last characters of the ditch words: a cheap gate before the word search.</summary>
    private static readonly SearchValues<char> DitchChars = SearchValues.Create("沟干渠");

    private static readonly SearchValues<char> Directions = SearchValues.Create("东西南北中前后");

    /// <summary>
    /// Ditches and drains named by direction (东大沟, 西排干, 北沟排水沟): one to three characters of their own that start
    /// with a direction, right before the ditch word; a section after it (东大沟三合村段, 北沟排水沟沟北社区段: up to seven
    /// characters, then 段) is named with it and outranks the village or community read inside it. Not a village named
    /// after a ditch (东大沟村) and not a kind (清理排水沟: no direction of its own).
    /// </summary>
    private static void FindDitches(string text, int first, Span<(int Start, int Length)> found, ref int count)
    {
        for (var at = first; at > 0;)
        {
            var ditch = WordAt(text, at, Ditches, Ditches[0]);
            var e = at + ditch.Length;
            var more = text.AsSpan(e).IndexOfAny(DitchWords);
            FindDitch(text, at, e, found, ref count);
            at = more < 0 ? -1 : e + more;
        }
    }

    private static void FindDitch(string text, int at, int e, Span<(int Start, int Length)> found, ref int count)
    {
        if (e < text.Length && text[e] is '村' or '屯' or '乡' or '镇' or '社' or '街' or '净' or '了')
        {
            return;
        }

        var walked = at;
        while (walked > 0 && at - walked < 3 && ChineseText.IsHan(text[walked - 1]) && !LeftStops.Contains(text[walked - 1]) && !EndsWithBoundaryWord(text, walked))
        {
            walked--;
        }

        // The longest own name that starts with a direction (北沟排水沟 → 北沟; 清理东大沟 → 东).
        var ls = -1;
        for (var k = walked; k < at; k++)
        {
            if (Directions.Contains(text[k]))
            {
                ls = k;
                break;
            }
        }

        if (ls < 0)
        {
            return;
        }

        var end = e;
        for (var k = e; k < text.Length && k - e < 8; k++)
        {
            if (text[k] == '段' && k > e)
            {
                end = k + 1;
                break;
            }

            if (!ChineseText.IsHan(text[k]) || HardStops.Contains(text[k]) || text[k] is '和' or '与' or '及' or '都' or '也' or '又')
            {
                break;
            }
        }

        RemoveInside(found, ref count, ls, end - ls);
        Add(found, ref count, ls, end - ls);
    }

    /// <summary>
    /// Shops, eateries, markets and farms known by what they sell or are (…烧烤, …火锅, …饺子馆, …超市, …早市, …夜市,
    /// …步行街, …汽修, …养殖场, …物流): a name of their own stands before the word.
    /// </summary>
    private static readonly string[] Shops =
    [
        "烧烤", "火锅", "大饼", "饺子馆", "面馆", "饭馆", "菜馆", "餐馆", "饭店", "酒楼", "超市", "早市", "夜市", "步行街", "汽修", "药店", "药房",
        "养殖场", "物流",
        // Rules round 15m: a family farm by its name (宏达家庭农场).
        "家庭农场",
    ];

    private static readonly SearchValues<string> ShopWords = SearchValues.Create(Shops, StringComparison.Ordinal);

    /// <summary>The last characters of the shop words: a cheap gate before the word search.</summary>
    private static readonly SearchValues<char> ShopChars = SearchValues.Create("烤锅饼馆店楼市街修房场流");

    /// <summary>Words that describe a shop's kind or where it is, not its name (露天烧烤, 社区超市, 大型超市, 冷链物流).</summary>
    private static readonly string[] ShopKinds =
    [
        "露天", "小型", "大型", "中型", "社区", "村里", "农村", "连锁", "沿街", "街边", "路边", "流动", "周边", "附近", "辖区", "个体", "商场",
        "生鲜", "综合", "特色", "网红", "老字号", "规模", "现代", "冷链", "快递", "城乡", "电商", "商贸", "仓储", "智慧", "生猪", "肉牛", "奶牛",
        "家庭", "专业", "标准化", "畜禽",
    ];

    /// <summary>Characters no shop's own name holds (a division, a unit, a counter, a pointing word, a particle).</summary>
    private static readonly SearchValues<char> ShopBreaks = SearchValues.Create("县乡镇村区街局委办厅院所队个们那这有是在和的了各");

    /// <summary>
    /// Shops, eateries, markets and farms named as a whole (红红火火烧烤, 老韩家熏肉大饼2家, 小肥羊火锅, 鑫源汽修等, 红旗早市门口,
    /// 看了站前夜市, 鸿达养殖场): a name of its own of two to five characters, walked like a company's, before the shop word,
    /// where the noun phrase ends (a space, a mark, the end, 等/都/也, 门口, or a count of 家). Not a kind (露天烧烤摊点, 社区超市,
    /// 两家老字号饭店), not one of a place found (平西乡养殖场 is found as the township's works) and not a topic reported or
    /// dealt with (汇报…物流和…项目).
    /// </summary>
    private static void FindShops(string text, int first, Span<(int Start, int Length)> found, ref int count)
    {
        for (var at = first; at > 0;)
        {
            var shop = WordAt(text, at, Shops, Shops[0]);
            var e = at + shop.Length;
            var more = text.AsSpan(e).IndexOfAny(ShopWords);
            if (EndsShopName(text, e))
            {
                var ls = WalkLeftFirm(text, at, 6);
                var own = text.AsSpan(ls, at - ls);
                if (own.Length is >= 2 and <= 5 && own.IndexOfAny(ShopBreaks) < 0 && !CountsShops(own) && !ChineseText.StartsWithAny(own, ShopKinds)
                    && !ChineseText.EndsWithAny(own, ShopKinds) && !ChineseText.StartsWithAny(own, TradeQualifiers) && !ChineseText.StartsWithAny(own, GenericModifiers)
                    && !IsKindOnly(own) && !EndsWithPersonWord(own) && !ChineseText.EndsWithAny(text.AsSpan(0, ls), ProjectDealingVerbs))
                {
                    RemoveInside(found, ref count, ls, e - ls);
                    Add(found, ref count, ls, e - ls);
                }
            }

            at = more < 0 ? -1 : e + more;
        }
    }

    /// <summary>True when a shop's name ends at <paramref name="e"/>: the end, a space or mark, 等/都/也, 门口, or a count of 家.</summary>
    private static bool EndsShopName(string text, int e)
    {
        if (e >= text.Length || !ChineseText.IsHan(text[e]) && !char.IsAsciiDigit(text[e]))
        {
            return true;
        }

        // 走访宏达家庭农场和丰源合作社: 和 joins the next named place (not 和平, a name's own first character).
        if (text[e] is '等' or '都' or '也' || text.AsSpan(e).StartsWith("门口", StringComparison.Ordinal)
            || (text[e] == '和' && !text.AsSpan(e).StartsWith("和平", StringComparison.Ordinal) && text.AsSpan(0, e).EndsWith("家庭农场", StringComparison.Ordinal)))
        {
            return true;
        }

        var k = e;
        while (k < text.Length && (char.IsAsciiDigit(text[k]) || ChineseNumerals.IsNumeralChar(text[k])))
        {
            k++;
        }

        return k > e && k < text.Length && text[k] == '家';
    }

    /// <summary>A count of shops before the kind (两家老字号, 几家): 家 after a numeral or a pointing word.</summary>
    private static bool CountsShops(ReadOnlySpan<char> own)
    {
        for (var i = 1; i < own.Length; i++)
        {
            if (own[i] == '家' && (char.IsAsciiDigit(own[i - 1]) || ChineseNumerals.IsNumeralChar(own[i - 1]) || own[i - 1] is '几' or '每' or '哪'))
            {
                return true;
            }
        }

        return own.Length > 0 && own[0] == '家';
    }

    /// <summary>Characters no compound's own name holds (a unit, a counter, a pointing word); a village's may (铁西新村小区).</summary>
    private static readonly SearchValues<char> CompoundBreaks = SearchValues.Create("局委办厅院所队家个们那这");

    /// <summary>Words that describe compounds rather than name one (老旧小区, 回迁小区, 供热不达标小区, 周边小区).</summary>
    private static readonly string[] CompoundKinds =
    [
        "老旧", "回迁", "安置", "棚改", "商品", "住宅", "居民", "达标", "供热", "封闭", "开放", "新建", "无物业", "物业", "弃管", "周边", "附近", "辖区", "城区",
        "重点", "部分", "小区", "改造", "整治", "试点", "示范",
    ];

    /// <summary>
    /// Residential compounds named as such (和平小区, 兴华小区, 铁西新村小区): a name of two to four characters of its own
    /// right before 小区, after a space, a list mark, a clause break or a verb; not a kind of compound (几个老旧小区).
    /// </summary>
    private static void FindCompounds(string text, Span<(int Start, int Length)> found, ref int count)
    {
        for (var at = text.IndexOf("小区", StringComparison.Ordinal); at >= 2; at = text.IndexOf("小区", at + 2, StringComparison.Ordinal))
        {
            var ls = at;
            while (ls > 0 && at - ls < 5 && ChineseText.IsHan(text[ls - 1]) && (!FirmStops.Contains(text[ls - 1]) || StartsStopLedWord(text, ls - 1))
                   && !EndsWithBoundaryWord(text, ls) && !EndsWithPlace(text, ls))
            {
                ls--;
            }

            var name = text.AsSpan(ls, at - ls);
            if (name.Length is < 2 or > 4 || !(ls == 0 || !ChineseText.IsHan(text[ls - 1]) || FirmStops.Contains(text[ls - 1]) || EndsWithBoundaryWord(text, ls))
                || ChineseText.ContainsAny(name, CompoundKinds) || name.IndexOfAny(CompoundBreaks) >= 0 || ChineseNumerals.IsNumeralChar(name[0]))
            {
                continue;
            }

            RemoveInside(found, ref count, ls, at + 2 - ls);
            Add(found, ref count, ls, at + 2 - ls);
        }
    }

    /// <summary>A project or its phase follows (铁西商贸城二期项目, …购物中心项目): the name is the project's, not a place worked at.</summary>
    private static bool NamesProjectAfter(string text, int end) =>
        text.AsSpan(end).StartsWith("项目", StringComparison.Ordinal)
        || (end + 1 < text.Length && ChineseNumerals.IsNumeralChar(text[end]) && text[end + 1] == '期');

    /// <summary>The trades a firm's name ends with when it is written without 公司 (宏宇农业, 巨元换热器, 亚联机械, 恒瑞食品).</summary>
    private static readonly WordMatcher TradeWords = new(
    [
        "农业", "新材料", "换热器", "机械", "电气", "电器", "食品", "再生资源", "药业", "制药", "化工", "电子", "建材", "饲料",
        "乳业", "纺织", "汽配", "粮油", "米业", "酒业", "塑业", "钢构", "实业", "新能源", "饮品", "饮料",
    ]);

    /// <summary>Words before a trade that describe the trade, not a firm (现代农业, 绿色食品, 发展新材料, 农业机械).</summary>
    private static readonly string[] TradeQualifiers =
    [
        "现代", "设施", "特色", "智慧", "绿色", "高效", "生态", "休闲", "观光", "冷链", "高端", "先进", "新型", "传统", "智能", "都市",
        "数字", "有机", "精品", "优质", "安全", "发展", "培育", "壮大", "做强", "推动", "打造", "重点", "相关", "规模", "龙头", "庭院",
        "订单", "品牌", "农业", "节水", "循环", "未来", "战略", "新兴", "功能", "林下", "畜牧", "设备", "装备", "医疗", "健康", "粮食",
        "农产", "预制", "肉制", "乳制", "家用", "工程", "汽车", "农用", "电力", "加工", "生产", "制造", "新能", "清洁", "可再生",
        "高新", "低碳", "光伏", "储能", "精细", "煤化", "石油", "绿色建", "装配式", "环保", "节能", "生物",
    ];

    /// <summary>Words after a trade that make it a sector (新材料产业, 食品行业, 农业园区), not a firm.</summary>
    private static readonly string[] SectorWords = ["产业", "行业", "领域", "企业", "园", "基地", "方面", "板块", "类", "局", "委", "办", "厅", "部门", "专业", "技术", "化", "项目区", "加工", "生产", "产品"];

    /// <summary>
    /// Firms written by their brand and trade without 公司 (去了宏宇农业、巨元换热器、华润雪花; 看了亚联机械和金冠电气; 华扬新材料二期):
    /// a brand of two to four characters (a province or city may stand before it) right before a trade word, left of it a
    /// stop character or the start. A list joined by 、 or 和 to such a firm goes on with firms (比亚迪、格力电器).
    /// </summary>
    private static void FindTradeNamedFirms(string text, Span<(int Start, int Length)> found, ref int count)
    {
        var firstFound = count;
        for (var from = 0; TradeWords.Next(text, from, out var at, out var word); from = at + TradeWords.Words[word].Length)
        {
            var end = at + TradeWords.Words[word].Length;
            if (ChineseText.StartsWithAny(text.AsSpan(end), SectorWords) || NamesCompanyAhead(text, end))
            {
                continue;
            }

            var ls = WalkLeftFirm(text, at, 6);
            var brand = text.AsSpan(ls, at - ls);
            var own = brand;
            if (Cities.Next(text, ls, out var cityAt, out var city) && cityAt == ls)
            {
                own = text.AsSpan(ls + Cities.Words[city].Length, at - ls - Cities.Words[city].Length);
            }

            if (own.Length is < 2 or > 4 || ChineseText.EndsWithAny(own, TradeQualifiers) || ChineseText.StartsWithAny(own, TradeQualifiers)
                || own.IndexOfAny(BrandBreaks) >= 0 || EndsWithPersonWord(own))
            {
                continue;
            }

            // 四平巨元换热器厂: the trade's works is the firm's whole name.
            if (end < text.Length && text[end] == '厂' && EndsNounPhrase(text, end + 1))
            {
                end++;
            }

            Add(found, ref count, ls, end - ls);
        }

        // The rest of a list that holds a trade-named firm: 比亚迪、格力电器; 宏宇农业、巨元换热器、华润雪花.
        for (var i = firstFound; i < count; i++)
        {
            var (start, length) = found[i];
            var next = start + length;
            if (next < text.Length && text[next] is '、' or '和')
            {
                var k = next + 1;
                while (k < text.Length && k - next - 1 < 8 && ChineseText.IsHan(text[k]) && !FirmStops.Contains(text[k]) && !ChineseText.StartsWithAny(text.AsSpan(k), BoundaryWords))
                {
                    k++;
                }

                AddListedFirm(text, found, ref count, next + 1, k - next - 1);
            }

            if (start > 1 && text[start - 1] is '、' or '和')
            {
                var e = start - 1;
                var b = WalkLeftFirm(text, e, 8);
                AddListedFirm(text, found, ref count, b, e - b);
            }
        }
    }

    private static readonly SearchValues<char> BrandBreaks = SearchValues.Create("区县乡镇村街局委办厅院所站队家个一二两三四五六七八九十百千万亿吨0123456789们那这");

    /// <summary>True when the name goes on to a company word (华扬新材料有限公司, 红嘴农业科技有限公司, 中国建材集团): the whole name is taken elsewhere.</summary>
    private static bool NamesCompanyAhead(string text, int end)
    {
        var k = end;
        while (k < text.Length && k - end < 10 && ChineseText.IsHan(text[k]))
        {
            k++;
        }

        var run = text.AsSpan(end, k - end);
        return run.Contains("公司", StringComparison.Ordinal) || run.Contains("集团", StringComparison.Ordinal) || run.Contains("会社", StringComparison.Ordinal)
               || run.Contains("银行", StringComparison.Ordinal)
               || run.Contains("合作社", StringComparison.Ordinal) || run.StartsWith("有限") || run.StartsWith("股份");
    }

    private static void AddListedFirm(string text, Span<(int Start, int Length)> found, ref int count, int start, int length)
    {
        var item = text.AsSpan(start, length);
        if (item.Length is >= 2 and <= 6 && item.IndexOfAny(BrandBreaks) < 0 && !EndsWithPersonWord(item)
            && !ChineseText.StartsWithAny(item, TradeQualifiers) && !IsGeneric(item))
        {
            Add(found, ref count, start, length);
        }
    }

    /// <summary>People, not a firm: 长春客商, 浙江老板, 温州企业家, 对方代表.</summary>
    private static bool EndsWithPersonWord(ReadOnlySpan<char> name)
    {
        foreach (var w in PersonWords)
        {
            if (name.EndsWith(w, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] PersonWords = ["客商", "老板", "企业家", "代表", "团队", "考察团", "客户", "商人", "老总", "董事长", "总经理", "乡贤", "一行"];

    /// <summary>A span holding one of these is a government unit (赴省商务厅汇报对接), not a company.</summary>
    private static readonly SearchValues<char> UnitChars = SearchValues.Create("局委办厅");

    private static readonly string[] DealVerbs = ["签订", "签约", "签署", "签了", "对接", "洽谈", "谈了", "谈谈", "办完", "办理"];

    [GeneratedRegex("[与和同跟到帮去赴][\u4E00-\u9FFF]{3,8}?(?:签订|签约|签署|签了|对接|洽谈|(?<![座会面交商])谈了|(?<![座会面交商])谈谈|办完|办理)", RegexOptions.CultureInvariant)]
    private static partial Regex FirmContext();

    /// <summary>
    /// A city visited without a go-verb before it: one come back from (刚从长春回来), an event held there that was
    /// attended (参加“企业吉林行”长春对接活动), or a district of it looked at (调研长春新区, 考察大连金普新区).
    /// </summary>
    private static bool IsCityVisited(string text, int at, int length, int end)
    {
        var after = text.AsSpan(at + length);
        if (at > 0 && text[at - 1] == '从')
        {
            return ChineseText.StartsWithAny(after, BackFrom);
        }

        if (end > at + length + 1 && ChineseText.EndsWithAny(text.AsSpan(0, at), VisitVerbs))
        {
            return true;
        }

        // 对接活动（长春）: the city of an event, written in brackets after it.
        if (at > 2 && text[at - 1] is '（' or '(' && after.Length > 0 && after[0] is '）' or ')' && ChineseText.EndsWithAny(text.AsSpan(0, at - 1), EventEnds))
        {
            return true;
        }

        // 长春对接活动, 长春洽谈会: an event of the city, attended earlier in the clause.
        if (!ChineseText.StartsWithAny(after, EventLeads))
        {
            return false;
        }

        var clause = text.AsSpan(0, at);
        var cut = clause.LastIndexOfAny(ClauseEnds);
        return ChineseText.ContainsAny(clause[(cut + 1)..], Attend);
    }

    /// <summary>
    /// A school or hospital named after the city that opens a clause (教育局民生实事：四平市第九中学操场改造项目完工): the place
    /// the report is about. Not its people (四平市中心医院专家到…义诊 names where they came from).
    /// </summary>
    private static bool IsFacilityReported(string text, int at, int length, int end)
    {
        if (!(at == 0 || !ChineseText.IsHan(text[at - 1])) || at + length >= text.Length || text[at + length] != '市'
            || SchoolOrHospitalAfter(text, at + length + 1) is not (var facility and > 0) || end != at + length + 1 + facility)
        {
            return false;
        }

        return !ChineseText.StartsWithAny(text.AsSpan(end), FacilityPeople);
    }

    private static readonly string[] FacilityPeople = ["专家", "医生", "医护", "教师", "老师", "团队", "志愿者", "派出", "的"];

    /// <summary>在上海发展的老乡, 在深圳工作的铁西人: where the people met live and work, not a place gone to.</summary>
    /// <remarks>Also a list of them (在北京、上海、深圳创业发展的…) and two such verbs (创业发展的).</remarks>
    private static bool IsWhereOthersWork(string text, int at, int end)
    {
        if (at == 0 || text[at - 1] != '在')
        {
            return false;
        }

        end = CityListEnd(text, end);
        if (ChineseText.StartsWithAny(text.AsSpan(end), WorkThere))
        {
            return true;
        }

        var de = text.AsSpan(end, Math.Min(7, text.Length - end)).IndexOf('的');
        return de >= 4 && ChineseText.EndsWithAny(text.AsSpan(end, de), WorkVerbs) && ChineseText.StartsWithAny(text.AsSpan(end), WorkVerbs);
    }

    private static readonly string[] Provinces =
    [
        "江苏", "浙江", "广东", "山东", "福建", "河北", "河南", "湖北", "湖南", "安徽", "江西", "辽宁", "黑龙江", "内蒙古", "山西", "陕西", "四川",
        "云南", "贵州", "广西", "海南", "甘肃", "新疆",
    ];

    /// <summary>The last characters of the provinces (a cheap gate before comparing them).</summary>
    private static readonly SearchValues<char> ProvinceEnds = SearchValues.Create("东北南古宁川州建徽江疆肃苏西");

    private static bool IsProvince(ReadOnlySpan<char> name)
    {
        foreach (var p in Provinces)
        {
            if (name.SequenceEqual(p))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Verbs of a visit that may follow a place travelled to (赴江苏昆山学习, 去山东寿光考察).</summary>
    private static readonly string[] VisitFollowers = ["考察", "学习", "调研", "对接", "招商", "开展", "参加", "参观", "走访", "洽谈", "拜访", "交流", "推介", "观摩"];

    /// <summary>
    /// The length of a county-level city written right after a province without 省 (山东寿光考察, 江苏昆山学习): two characters
    /// of its own (and 市 or 县) that are no known city, no verb and no stop, followed by a visit verb, a list mark or a
    /// clause break; or 0.
    /// </summary>
    private static int CityAfterProvince(string text, int end)
    {
        if (end + 2 > text.Length || !AllHan(text, end, end + 2) || ChineseText.StartsWithAny(text.AsSpan(end), VisitFollowers)
            || EndsWithBoundaryWord(text, end + 2) || (Cities.Next(text.AsSpan(end, 2), 0, out var at, out _) && at == 0))
        {
            return 0;
        }

        var k = end + 2;
        if (k < text.Length && text[k] is '市' or '县')
        {
            k++;
        }

        var rest = text.AsSpan(k);
        return rest.IsEmpty || !ChineseText.IsHan(rest[0]) || ChineseText.StartsWithAny(rest, VisitFollowers) ? k - end : 0;
    }

    /// <summary>The end of a list of cities starting with the one that ends at <paramref name="end"/> (北京、上海、深圳).</summary>
    private static int CityListEnd(string text, int end)
    {
        while (end + 1 < text.Length && text[end] == '、' && Cities.Next(text.AsSpan(end + 1, Math.Min(5, text.Length - end - 1)), 0, out var at, out var city) && at == 0)
        {
            end += 1 + Cities.Words[city].Length;
        }

        return end;
    }

    private static readonly string[] WorkVerbs = ["发展", "工作", "创业", "经商", "务工", "打拼", "生活"];

    private static readonly string[] BackFrom = ["回来", "回到", "返回", "归来", "回铁西", "回四平"];
    private static readonly string[] VisitVerbs = ["调研", "考察", "走访", "踏查", "察看", "参观"];
    private static readonly string[] EventLeads = ["对接会", "对接活动", "对接洽谈", "洽谈会", "推介会", "招商会", "签约仪式", "经贸"];
    private static readonly string[] Attend = ["参加", "出席", "参会"];
    private static readonly string[] EventEnds = ["活动", "会", "展", "仪式"];
    private static readonly string[] WorkThere = ["发展的", "工作的", "创业的", "经商的", "务工的", "打拼的", "生活的"];

    private static bool AfterGoVerb(string text, int at)
    {
        var before = text.AsSpan(0, at);
        foreach (var verb in GoVerbs)
        {
            if (before.EndsWith(verb, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllHan(string text, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (!ChineseText.IsHan(text[i]) || LeftStops.Contains(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsGeneric(ReadOnlySpan<char> name)
    {
        // 全区村（社区）书记, 各乡镇, 全市园区: the whole of a level, not a named place.
        if (name.StartsWith("全区", StringComparison.Ordinal) || name.StartsWith("全市", StringComparison.Ordinal)
            || name.StartsWith("全县", StringComparison.Ordinal) || name.StartsWith('各'))
        {
            return true;
        }

        // 红嘴村至三合村段农村公路: a name ending in 农村/乡村 is the countryside, not a village.
        if (name.EndsWith("农村", StringComparison.Ordinal) || name.EndsWith("乡村", StringComparison.Ordinal))
        {
            return true;
        }

        // Rules round 15n: 前三季度社区治理, 上半年度园区: a period before the suffix, not a name.
        if (name.Contains("季度", StringComparison.Ordinal) || name.Contains("半年", StringComparison.Ordinal))
        {
            return true;
        }

        // 东北老工业基地: a region named by its history, no place worked at.
        if (name.EndsWith("老工业基地", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var g in GenericNames)
        {
            if (name.SequenceEqual(g) || (g.Length >= 3 && name.EndsWith(g, StringComparison.Ordinal) && g[^1] == '村')
                || (g is "城镇" or "乡镇" or "城乡" && name.EndsWith(g, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
