using Bot.Skills.ProgressReports;
using Bot.Tests.Support;

namespace Bot.Tests.ProgressReports;

/// <summary>
/// The general rules added after fresh batch 12-07d, each checked on other phrasings of the same thing that no corpus
/// holds: what a look names, colloquial patrols and lessons, meeting names, attended investment events, amounts,
/// counts, problems, stays, trainees, places that are only affiliations or talk, prefectures and the chat morning.
/// </summary>
public sealed class UnseenPhrasingRulesTests
{
    private static readonly DateTimeOffset Thursday = new(2026, 10, 15, 18, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Today = new(2026, 10, 15);

    private static ParsedReport Parse(string text) =>
        ReportParser.Instance.Parse(new ReportMessage(text, "张志刚", Thursday, 0), SeedPlan.Vocabulary);

    private static double? Metric(ParsedReport report, string key) => report.Metrics.TryGetValue(key, out var v) ? v : null;

    [Theory]
    [InlineData("今天到北沟街道英雄社区看了看新开的社区食堂", "民生", 9)]
    [InlineData("下午去站前街道看了两个老旧小区改造现场", "民生", 9)]
    [InlineData("昨天在平西乡新立村看了看供暖锅炉房", "民生", 9)]
    [InlineData("上午到红嘴高新技术开发区看了5个在建项目，进度正常", "项目", 5)]
    [InlineData("到英雄街道转了转，看了看在建工程进度", "项目", 5)]
    public void What_was_looked_at_names_the_work_when_its_topic_is_strong(string text, string activity, int action)
    {
        var report = Parse(text);

        Assert.Equal(activity, report.Activity);
        Assert.Equal(action, report.Action);
        Assert.Null(Metric(report, "research_trips"));
    }

    [Theory]
    [InlineData("今天陪省卫健委专家组到仁兴街道看了两个养老服务中心")]
    [InlineData("上午去新立村看了看肉牛养殖场，跟村干部聊了聊")]
    [InlineData("下午到站前街道转了转，看了三家商超的保供情况")]
    public void A_look_at_a_weak_topic_or_with_a_delegation_stays_a_visit(string text)
    {
        Assert.Equal("调研", Parse(text).Activity);
    }

    [Theory]
    [InlineData("早上顺着南河红嘴段走了走，河面干净")]
    [InlineData("今天下午沿着条子河城区段转了一圈，没发现问题")]
    [InlineData("今天把东辽河铁西段走了走，岸边垃圾已清理")]
    [InlineData("今天又去条子河泉沟村段巡了巡")]
    [InlineData("今天到南河地直街道段走了一圈")]
    public void A_colloquial_walk_along_a_named_river_is_one_patrol(string text)
    {
        var report = Parse(text);

        Assert.Equal("河长", report.Activity);
        Assert.Equal(6, report.Action);
        Assert.Equal(1, Metric(report, "patrols"));
        Assert.Equal(Today, report.Date);
    }

    [Theory]
    [InlineData("今天给北沟街道网格员讲了一课，40多人听课", 40)]
    [InlineData("下午到平西乡给党员上了堂课，60人听课", 60)]
    [InlineData("上午给村干部上了一节课，讲的是乡村振兴政策", null)]
    [InlineData("在区委党校给新录用公务员讲了一次课", null)]
    [InlineData("今天给社区干部讲了堂课，主题是矛盾调解", null)]
    public void A_lesson_given_is_training(string text, int? trainees)
    {
        var report = Parse(text);

        Assert.Equal("培训", report.Activity);
        Assert.Equal(4, report.Action);
        Assert.Equal(trainees, Metric(report, "trainees"));
    }

    [Theory]
    [InlineData("今天召开对账会，逐项核对全年任务")]
    [InlineData("上午主持召开防汛研判会")]
    [InlineData("下午开了个通气会，通报全区重点工作进展")]
    [InlineData("今天召开季度工作例会")]
    [InlineData("下午在发改局开了个银企对接会，几家银行都来了")]
    public void A_meeting_by_any_usual_name_is_a_meeting(string text)
    {
        Assert.Equal("会议", Parse(text).Activity);
    }

    [Theory]
    [InlineData("参加乡贤恳谈会，与在外企业家交流返乡投资", 3)]
    [InlineData("晚上参加平商回巢恳谈会，对接返乡项目2个", 3)]
    [InlineData("今天到长春参加项目对接会，对接项目2个", 2)]
    [InlineData("出席招商项目签约会，签约项目3个", 2)]
    public void Attending_an_investment_event_is_investment_work(string text, int action)
    {
        var report = Parse(text);

        Assert.Equal("招商", report.Activity);
        Assert.Equal(action, report.Action);
    }

    [Theory]
    [InlineData("今天跟上海一家企业签约，总投资1.5个亿", 1.5)]
    [InlineData("今天签了个物流项目，投资两个亿", 2)]
    [InlineData("谈了个冷链项目，协议投资3000万左右", 0.3)]
    [InlineData("今天签约食品加工项目，总投资5000万上下", 0.5)]
    [InlineData("对方意向投资2.3个亿左右", 2.3)]
    public void Amounts_in_chat_style_are_investment(string text, double investment)
    {
        Assert.Equal(investment, Metric(Parse(text), "investment"));
    }

    [Theory]
    [InlineData("截至9月底，全区项目开工12个")]
    [InlineData("今年重点项目签约12个，总投资8亿元")]
    [InlineData("全区续建项目开复工12个，开复工率90%")]
    [InlineData("截至目前项目竣工12个")]
    [InlineData("本月新增项目入库12个")]
    public void A_project_count_may_follow_the_projects_milestone(string text)
    {
        Assert.Equal(12, Metric(Parse(text), "projects"));
    }

    [Theory]
    [InlineData("本月累计巡河8次，督促整改问题6个")]
    [InlineData("今天巡查条子河，限期整改隐患6处")]
    [InlineData("检查企业12家，责令整改问题6个")]
    public void Problems_with_a_correction_not_yet_done_are_found_not_solved(string text)
    {
        var report = Parse(text);

        Assert.Equal(6, Metric(report, "problems_found"));
        Assert.Null(Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("供暖季以来接到投诉15件，已处理12件")]
    [InlineData("开展入户走访，收集群众诉求15件，已处理12件")]
    [InlineData("今天巡河发现问题15个，已处理12个")]
    public void Handled_problems_are_solved(string text)
    {
        var report = Parse(text);

        Assert.Equal(15, Metric(report, "problems_found"));
        Assert.Equal(12, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("今天跟上海一家医药企业谈了合作，对方意向投资1亿", null)]
    [InlineData("上午接待了深圳一家新能源公司，洽谈储能项目", null)]
    [InlineData("今天走访了十一家企业", 11)]
    [InlineData("对接了3家企业，其中一家初步同意来考察", 3)]
    public void A_lone_one_firm_is_an_article_not_a_count(string text, int? enterprises)
    {
        Assert.Equal(enterprises, Metric(Parse(text), "enterprises"));
    }

    [Theory]
    [InlineData("上周在平西乡待了三天，挨家走访了农户", 3)]
    [InlineData("这周在红嘴园区待了两天半，走访了9家企业", 2.5)]
    [InlineData("上周在北沟街道住了两天，调研老旧小区改造", 2)]
    public void A_stay_counts_research_days(string text, double days)
    {
        Assert.Equal(days, Metric(Parse(text), "research_days"));
    }

    [Theory]
    [InlineData("11月16日至20日，全区45名村党组织书记赴延边州参加乡村振兴专题培训班", 45)]
    [InlineData("组织60名社区工作者到区委党校参加业务培训", 60)]
    [InlineData("本周32名新任村干部集中到长春参加为期三天的培训", 32)]
    public void Trainees_are_counted_with_words_between_the_count_and_the_class(string text, double trainees)
    {
        Assert.Equal(trainees, Metric(Parse(text), "trainees"));
    }

    [Theory]
    [InlineData("今天到仁兴街道北体社区调研，听取社区意见建议", "北体社区", "听取社区")]
    [InlineData("今天和北沟街道的同志一起把条子河北沟街道段巡了一遍", "条子河北沟街道段", "北沟街道")]
    [InlineData("晚上跟沈阳来的客商谈了谈在红嘴园区建冷库的事", null, "红嘴园区")]
    [InlineData("下午跟长春客商聊了聊在平西乡建烘干塔的想法", null, "平西乡")]
    [InlineData("今天和站前街道的工作人员一起到东煤社区检查燃气安全", "东煤社区", "站前街道")]
    public void Places_that_are_only_affiliations_or_talk_are_not_places(string text, string? place, string notPlace)
    {
        var places = Parse(text).Places;

        Assert.DoesNotContain(notPlace, places);
        if (place is not null)
        {
            Assert.Contains(place, places);
        }
    }

    [Fact]
    public void A_prefecture_keeps_its_zhou()
    {
        Assert.Contains("延边州", Parse("今天带队赴延边州考察乡村旅游").Places);
        Assert.Contains("苏州", Parse("今天带队赴苏州考察").Places);
    }

    [Theory]
    [InlineData("早上去平西乡看了看秋收情况")]
    [InlineData("今早到条子河泉沟村段巡河")]
    [InlineData("一早赶到北沟街道协调供暖问题")]
    [InlineData("刚刚在站前街道开完现场会")]
    public void A_chat_opening_with_the_morning_is_today(string text)
    {
        Assert.Equal(Today, Parse(text).Date);
    }

    [Theory]
    [InlineData("英雄路改造工程房屋征收工作完成，共签约42户")]
    [InlineData("今天完成征收签约36户")]
    [InlineData("红嘴园区道路项目征收补偿协议签了28户")]
    public void Expropriation_agreements_are_project_work_not_investment(string text)
    {
        var report = Parse(text);

        Assert.Equal("项目", report.Activity);
        Assert.Equal(5, report.Action);
    }

    [Theory]
    [InlineData("中央生态环境保护督察组交办的信访件，我区已全部办结")]
    [InlineData("省生态环境保护督察组反馈的问题已全部整改到位")]
    public void Environmental_inspection_by_its_full_name_is_the_battle(string text)
    {
        var report = Parse(text);

        Assert.Equal(ReportKinds.Report, report.Kind);
        Assert.Equal("攻坚", report.Activity);
        Assert.Equal(6, report.Action);
    }

    [Theory]
    [InlineData("今天跟长春客商签约，总投资2个多亿", 2)]
    [InlineData("签了个冷链项目，投资3000多万元", 0.3)]
    [InlineData("今天签约，协议投资5000余万元", 0.5)]
    public void Amounts_with_more_than_are_the_stated_amount(string text, double investment)
    {
        Assert.Equal(investment, Metric(Parse(text), "investment"));
    }

    [Theory]
    [InlineData("今天跟长春客商签约，总投资2亿元")]
    [InlineData("今天和温州老板洽谈了物流项目")]
    [InlineData("上午与宁波企业家对接了智能制造项目")]
    public void People_one_deals_with_are_not_a_company(string text)
    {
        Assert.Empty(Parse(text).Places);
    }

    [Theory]
    [InlineData("今天去红嘴高新技术开发区跑了5家企业，了解用工情况")]
    [InlineData("昨天在平西乡走了十几户低保户")]
    [InlineData("今天在北沟街道转了3个社区")]
    public void Going_round_firms_or_households_by_count_is_a_visit(string text)
    {
        Assert.Equal("调研", Parse(text).Activity);
    }

    [Fact]
    public void Going_round_projects_is_not_a_visit()
    {
        Assert.Equal("项目", Parse("跑了两个项目的环评批复，都拿下来了").Activity);
    }

    [Theory]
    [InlineData("上午组织开展河湖“清四乱”行动，清理垃圾5吨")]
    [InlineData("今天在条子河开展清四乱，清理河道垃圾3吨")]
    public void A_clean_up_of_the_four_disorders_is_one_patrol(string text)
    {
        var report = Parse(text);

        Assert.Equal("河长", report.Activity);
        Assert.Equal(1, Metric(report, "patrols"));
    }

    [Fact]
    public void Investment_completed_is_project_work_but_a_growth_figure_is_not()
    {
        Assert.Equal("项目", Parse("截至11月底，全区累计完成固定资产投资46.2亿元").Activity);
        Assert.NotEqual("项目", Parse("1-10月全区固定资产投资同比增长6.1%").Activity);
    }

    [Theory]
    [InlineData("上午跟区财政局对了一下民生实事的资金账", "区财政局")]
    [InlineData("今天跟区发改局一起到红嘴园区踏查项目", "区发改局")]
    public void A_unit_after_a_colloquial_preposition_keeps_its_name(string text, string unit)
    {
        Assert.Equal([unit], Parse(text).Units);
    }

    [Theory]
    [InlineData("晚上跟平西乡的几个村书记唠了唠防返贫的事")]
    [InlineData("下午和几家企业负责人谈了谈用工问题")]
    public void An_indefinite_count_before_a_completed_verb_is_no_question(string text)
    {
        Assert.Equal(ReportKinds.Report, Parse(text).Kind);
    }

    [Theory]
    [InlineData("今天组织全区村（社区）书记培训，讲了讲基层治理")]
    [InlineData("组织各乡镇街道分管领导召开调度会")]
    public void The_whole_of_a_level_is_no_place(string text)
    {
        Assert.Empty(Parse(text).Places);
    }

    [Theory]
    [InlineData("今天在北沟街道北铁社区讲了一堂反诈课，居民60多人参加", 60)]
    [InlineData("今天组织村书记培训，讲了讲基层治理，来了70多人", 70)]
    [InlineData("下午给网格员上了一节课，共有45人到场", 45)]
    public void In_a_class_given_the_people_who_came_are_trainees(string text, double trainees)
    {
        Assert.Equal(trainees, Metric(Parse(text), "trainees"));
    }

    [Theory]
    [InlineData("晚上跟北京来的投资商吃饭，聊了聊在循环经济示范区建厂的事")]
    [InlineData("今天接待了两位外商，介绍了红嘴园区的政策")]
    public void Investors_by_their_other_names_make_investment_work(string text)
    {
        Assert.Equal("招商", Parse(text).Activity);
    }

    // Rules added after fresh batches 07e and 07f: each checked on phrasings no corpus holds, and on neighbours that must not change.

    [Theory]
    [InlineData("上午会同区住房和城乡建设局查看老旧小区改造进度", "区住建局")]
    [InlineData("区人力资源和社会保障局组织召开就业工作推进会", "区人社局")]
    [InlineData("下午和区发展和改革局一起研究项目储备", "区发改局")]
    [InlineData("到区交通运输局对接农村公路项目", "区交通运输局")]
    public void A_full_department_name_with_he_is_one_unit_in_its_roster_form(string text, string unit)
    {
        Assert.Contains(unit, Parse(text).Units);
    }

    [Theory]
    [InlineData("今天刘波区长召集财政局、审计局研究化债工作", "区财政局")]
    [InlineData("今天跟着市应急局检查了3家企业", "市应急局")]
    public void A_title_or_a_particle_ends_a_unit_name_on_its_left(string text, string unit)
    {
        var units = Parse(text).Units;

        Assert.Contains(unit, units);
        Assert.DoesNotContain(units, u => u.Contains("召集", StringComparison.Ordinal) || u.Contains('着', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("今天调研日间照料服务中心运营情况")]
    [InlineData("参观了3家民办幼儿园和2家公办幼儿园")]
    public void Care_centres_and_private_schools_are_not_units(string text)
    {
        Assert.Empty(Parse(text).Units);
    }

    [Theory]
    [InlineData("副区长张志刚以河长身份巡查南河红嘴段", "张志刚")]
    [InlineData("区长刘波沿条子河巡查一遍", "刘波")]
    [InlineData("刚才赵区长主持召开了调度会", "赵区长")]
    [InlineData("今天跟着周书记到平西乡调研", "周书记")]
    [InlineData("副区长王强带队到平西乡调研", "王强")]
    public void A_name_ends_before_yi_or_yan_and_starts_after_gangcai_or_zhe(string text, string lead)
    {
        Assert.Equal(lead, Parse(text).People[0]);
    }

    [Theory]
    [InlineData("今天巡查南河，河边垃圾已交属地社区清理", "南河")]
    [InlineData("到条子河检查，已通知辖区街道整改", "条子河")]
    [InlineData("上午到英雄街道调研，发现问题已责成所在社区处理", "英雄街道")]
    public void A_place_only_described_by_its_relation_is_no_place(string text, string place)
    {
        Assert.Equal([place], Parse(text).Places);
    }

    [Theory]
    [InlineData("本月3号条子河、18号南河各巡了一次", new[] { "条子河", "南河" })]
    [InlineData("今天巡查南河，落实一河一策方案", new[] { "南河" })]
    [InlineData("今天在石岭水库巡了两圈湖", new[] { "石岭水库" })]
    [InlineData("今天在北京请了20多位老乡吃饭，聊了聊回乡投资", new[] { "北京" })]
    [InlineData("今天督导平西乡打通村组道路5公里", new[] { "平西乡" })]
    [InlineData("今天检查平西乡至新立村段农村道路改造", new[] { "平西乡", "新立村" })]
    public void Counts_days_and_common_words_do_not_start_a_place(string text, string[] places)
    {
        Assert.Equal(places, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到仁兴街道社区卫生服务站看了看", "仁兴街道社区卫生服务站")]
    [InlineData("在北沟街道便民服务中心调研一站式办理", "北沟街道便民服务中心")]
    [InlineData("上午到平西乡农贸市场检查食品安全", "平西乡农贸市场")]
    [InlineData("走访了铁西区第五小学", "铁西区第五小学")]
    public void A_facility_named_after_a_place_is_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天在英雄街道调研老年食堂运营", "英雄街道")]
    [InlineData("仁兴街道新建幼儿园主体完工", "仁兴街道")]
    public void A_facility_after_a_verb_leaves_the_place_alone(string text, string place)
    {
        Assert.Equal([place], Parse(text).Places);
    }

    [Theory]
    [InlineData("全区中小学今天开学，检查了校园安全")]
    [InlineData("给小学生讲了一堂防溺水课")]
    [InlineData("今天到铁西区调研营商环境")]
    [InlineData("走访科技孵化基地3个")]
    public void Generic_schools_counted_kinds_and_the_home_district_are_no_places(string text)
    {
        Assert.Empty(Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到铁东区平东街道调研社区治理", new[] { "铁东区", "平东街道" })]
    [InlineData("带队赴南关区考察数字经济", new[] { "南关区" })]
    [InlineData("梨树县那边请我们去介绍河长制经验", new[] { "梨树县" })]
    public void Neighbouring_counties_and_their_townships_are_places(string text, string[] places)
    {
        Assert.Equal(places, Parse(text).Places);
    }

    [Fact]
    public void A_township_in_a_river_chiefs_title_is_no_place_when_another_place_is_worked_on()
    {
        Assert.Equal(["条子河泉沟村段"], Parse("平西乡乡级河长巡查条子河泉沟村段，未发现问题").Places);
        Assert.Contains("平西乡", Parse("平西乡村级河长本月巡河18次").Places);
    }

    [Theory]
    [InlineData("到红嘴园区5个在建项目看了看", "红嘴园区")]
    [InlineData("与吉林省长城集团有限公司签订合作协议", "吉林省长城集团有限公司")]
    [InlineData("跟宁波华腾签了合作协议", "宁波华腾")]
    public void Named_places_before_a_count_and_companies_are_kept_whole(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("赵副区长本月下乡跑了几趟", ReportKinds.Query)]
    [InlineData("乡村振兴这块完成了几项了", ReportKinds.Query)]
    [InlineData("看下王副区长这季度的调研次数", ReportKinds.Query)]
    [InlineData("孙丽副区长10月调研天数", ReportKinds.Query)]
    [InlineData("项目手续办到哪一步了", ReportKinds.Query)]
    [InlineData("帮我列一下本季度的任务清单", ReportKinds.Command)]
    [InlineData("催一下刘副区长，10月的还没报", ReportKinds.Command)]
    [InlineData("昨天那次是和英雄街道一起去的，补充一下", ReportKinds.Correction)]
    [InlineData("今天到北沟街道调研，跟居民唠了一下", ReportKinds.Report)]
    [InlineData("上午走访了园区几家企业，了解用工缺口", ReportKinds.Report)]
    public void Questions_commands_and_supplements_without_the_usual_words_are_read_by_form(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("平西乡农户厕所改造今天全部验收", "民生", 9)]
    [InlineData("今天研究隐性债务化解，年内化解2000万元", "攻坚", 6)]
    [InlineData("本月淘汰燃煤小锅炉9台", "攻坚", 6)]
    [InlineData("在政务大厅设了政策咨询台，接待群众300多人次", "宣传", 7)]
    [InlineData("先后去了英雄街道、北沟街道看春耕备耕", "调研", 1)]
    [InlineData("一家物流企业有意向在园区建分拨中心", "招商", 2)]
    [InlineData("组织秸秆禁烧政策宣传，发放明白纸2000份", "宣传", 7)]
    [InlineData("到平西乡新立村看了看秸秆打包离田", "调研", 1)]
    public void Topics_by_their_everyday_names_find_the_work(string text, string activity, int action)
    {
        var report = Parse(text);

        Assert.Equal(activity, report.Activity);
        Assert.Equal(action, report.Action);
    }

    [Theory]
    [InlineData("今天召开季度工作总结座谈会", "会议")]
    [InlineData("召集各部门听取重点工作推进情况汇报", "会议")]
    [InlineData("召开企业家座谈会，听取企业意见", "调研")]
    [InlineData("在杭州开了个乡贤恳谈会，来了20多位老乡", "招商")]
    [InlineData("开完会又去平西乡看了看大棚", "调研")]
    public void Who_a_meeting_is_with_and_what_follows_it_decide_the_work(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Fact]
    public void A_meeting_about_returnee_policy_serves_the_returnee_action()
    {
        var report = Parse("今天常务会议研究返乡创业补贴政策");

        Assert.Equal("会议", report.Activity);
        Assert.Equal(3, report.Action);
    }

    [Theory]
    [InlineData("到红嘴园区看了看新能源电池项目，设备正在安装", "项目")]
    [InlineData("去北沟街道聊了聊老旧小区改造的事", "调研")]
    [InlineData("在红嘴园区跟客商聊了聊落户的事", "招商")]
    public void A_look_at_a_project_is_project_work_and_a_talk_at_a_place_is_a_visit(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("到园区跟企业座谈，一共走访了6家", "enterprises", 6)]
    [InlineData("考察了深圳的几家企业，有合作意向的有5家", "enterprises", 5)]
    [InlineData("今天办了个电商培训班，来了八十来号人", "trainees", 80)]
    [InlineData("培训全区网格员和志愿者150人", "trainees", 150)]
    [InlineData("全区重点企业的48名安全员参训", "trainees", 48)]
    [InlineData("今天组织消防培训，分4批进行", "trainings", 4)]
    [InlineData("在仁兴街道搞了一场防诈骗宣传活动", "events", 1)]
    [InlineData("召开银企对接会2场，签约项目3个", "events", 2)]
    [InlineData("今天园区落了个新项目，一家企业投5000万建厂", "investment", 0.5)]
    [InlineData("今天督办信访工作，12件信访件已办结10件", "problems_found", 12)]
    [InlineData("今天督办信访工作，12件信访件已办结10件", "problems_solved", 10)]
    [InlineData("18项整改任务已完成15项", "problems_found", 18)]
    [InlineData("9月份巡河：条子河、南河各两趟，共4次", "patrols", 4)]
    [InlineData("上午抽了半天去仁兴街道调研养老服务", "research_days", 0.5)]
    [InlineData("今天到北沟街道调研，跟居民座谈了半天", "research_days", 1)]
    [InlineData("3月2日、9日先后到平西乡调研2次", "research_days", 2)]
    [InlineData("三个园区踏查在建项目9个", "projects", 9)]
    [InlineData("今天复查南河红嘴段，上次的问题已整改", "patrols", 1)]
    public void Counts_in_other_phrasings_are_read(string text, string key, double value)
    {
        Assert.Equal(value, Metric(Parse(text), key));
    }

    [Theory]
    [InlineData("排查风险点6个，涉及金额800万元", "investment")]
    [InlineData("研究解决5个在建项目的用工问题", "problems_solved")]
    [InlineData("分两批走访企业", "trainings")]
    public void Numbers_that_count_something_else_are_not_read_as_these_keys(string text, string key)
    {
        Assert.Null(Metric(Parse(text), key));
    }

    [Theory]
    [InlineData("参加省里的业务培训班，今天结业，为期三天，参训18人", -2)]
    [InlineData("全区河长轮训今天结束，共4天", -3)]
    public void An_event_ending_today_with_its_length_stated_covers_the_days_before(string text, int firstDay)
    {
        var report = Parse(text);

        Assert.Equal(Today.AddDays(firstDay), report.Date);
        Assert.Equal(Today, report.EndDate);
    }

    [Fact]
    public void An_event_ending_today_without_a_length_is_today()
    {
        var report = Parse("今天结束了条子河全线巡查，共发现问题5处");

        Assert.Equal(Today, report.Date);
        Assert.Null(report.EndDate);
    }

    [Theory]
    [InlineData("本月调研：10月2日平西乡、10月9日北沟街道、10月13日红嘴园区", 2, 13)]
    [InlineData("巡河情况：5号南河、12号条子河", 5, 12)]
    public void Days_listed_each_with_a_place_are_one_list(string text, int first, int last)
    {
        var report = Parse(text);

        Assert.Equal(new DateOnly(2026, 10, first), report.Date);
        Assert.Equal(new DateOnly(2026, 10, last), report.EndDate);
    }

    [Theory]
    [InlineData("上午到华锐科技、宏达汽配等3家企业调研", new[] { "华锐科技", "宏达汽配" })]
    [InlineData("陪客商看了金鼎食品和北方农机两家企业", new[] { "金鼎食品", "北方农机" })]
    public void Names_listed_before_a_count_of_firms_are_companies(string text, string[] firms)
    {
        var places = Parse(text).Places;

        foreach (var firm in firms)
        {
            Assert.Contains(firm, places);
        }
    }

    [Fact]
    public void A_count_of_firms_without_a_list_names_no_company()
    {
        Assert.Empty(Parse("今天走访了园区两家企业，了解用工情况").Places);
    }

    [Theory]
    [InlineData("今天召开分管部门全年工作总结会，逐一点评")]
    [InlineData("下午主持召开年终总结座谈会，各部门交流全年工作")]
    public void A_meeting_summing_up_the_year_serves_the_year_end_action(string text)
    {
        var report = Parse(text);

        Assert.Equal("会议", report.Activity);
        Assert.Equal(10, report.Action);
    }

    [Theory]
    [InlineData("今天巡查南河，护岸有两处破损，已通知修复", 2)]
    [InlineData("今天检查了园区4家企业，有1家污水处理设施不正常运行，已责令整改", 1)]
    public void A_count_of_things_found_faulty_is_problems_found(string text, double found)
    {
        Assert.Equal(found, Metric(Parse(text), "problems_found"));
    }

    [Fact]
    public void Things_that_are_only_there_are_no_problems()
    {
        Assert.Null(Metric(Parse("今天到平西乡调研，全乡有3处冷库，运行良好"), "problems_found"));
    }

    [Theory]
    [InlineData("今天到平西乡政府开会，研究秋粮收购", "会议")]
    [InlineData("下午在区政府开会，研究供暖保障", "会议")]
    [InlineData("刚开完调度会，下午去站前街道调研", "调研")]
    [InlineData("开完推进会又去红嘴园区踏查了两个项目", "项目")]
    [InlineData("上午开完调度会了，大家都挺忙", "会议")]
    [InlineData("开完常务会了，主要研究了供暖保障", "会议")]
    public void Going_to_a_meeting_is_a_meeting_and_a_finished_one_only_times_the_next_work(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Fact]
    public void A_meeting_notice_stays_a_notice()
    {
        Assert.Equal(ReportKinds.Other, Parse("明天下午三点到区政府三楼开会，请准时参加").Kind);
    }

    [Fact]
    public void Projects_that_landed_are_investment_work()
    {
        var report = Parse("红嘴园区新落地项目2个，总投资1.5个亿");

        Assert.Equal("招商", report.Activity);
        Assert.Equal(2, Metric(report, "projects"));
        Assert.Equal(1.5, Metric(report, "investment"));
    }

    [Fact]
    public void A_name_before_yi_and_a_title_is_not_taken_with_yi()
    {
        Assert.DoesNotContain("王强以", Parse("今天王强以区长身份接待客商一行").People);
    }

    [Theory]
    [InlineData("刚从平西乡回来，看了三个村的秋收")]
    [InlineData("刚回来，下午在红嘴园区跑了4家企业")]
    public void Just_back_from_somewhere_is_today(string text)
    {
        Assert.Equal(Today, Parse(text).Date);
    }

    [Theory]
    [InlineData("帮我把上个月的调研台账导一下", ReportKinds.Command)]
    [InlineData("把本季度的巡河记录导给我", ReportKinds.Command)]
    [InlineData("今天下午到北沟街道调研，给网格员指导一下台账填报", ReportKinds.Report)]
    public void Asking_for_an_export_in_chat_words_is_a_command(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void Guiding_someone_is_no_export_request()
    {
        Assert.NotEqual(ReportKinds.Command, MessageClassifier.Classify("请业务科室给网格员指导一下台账填报").Kind);
    }

    [Fact]
    public void A_company_met_at_home_is_no_place_and_its_name_never_takes_the_verb()
    {
        var places = Parse("9月18日，区长刘波会见吉林省交通投资集团有限公司董事长一行，双方就铁西物流园二期项目合作进行洽谈").Places;

        Assert.DoesNotContain(places, p => p.Contains("会见", StringComparison.Ordinal) || p.Contains("双方", StringComparison.Ordinal));
        Assert.Contains("铁西物流园", places);
    }

    [Fact]
    public void A_leaders_title_and_the_verbs_after_it_are_no_unit()
    {
        Assert.Empty(Parse("11月4日，区委书记赵明主持召开区委常委会会议，研究部署重点工作").Units);
    }

    [Fact]
    public void A_service_centre_named_after_a_street_is_a_place_not_a_unit()
    {
        var report = Parse("上午在英雄街道为民服务中心调研政务服务下沉情况");

        Assert.Empty(report.Units);
        Assert.Contains("英雄街道为民服务中心", report.Places);
    }

    [Fact]
    public void Good_practices_counted_after_the_word_are_experiences()
    {
        Assert.Equal(3, Metric(Parse("今天去双辽市学习了河长制工作经验，学到好做法3条"), "experiences"));
    }

    [Theory]
    [InlineData("孙副区长今天带队去长春对接了两家央企，聊了聊合作的事", "招商")]
    [InlineData("今天去北沟街道走访了3家小微企业，了解融资难的问题", "调研")]
    public void Dealings_outweigh_a_chat_and_a_round_of_firms_is_a_visit(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("今天巡查南河红嘴段，河道里有两处垃圾，已经通知街道清理", "南河红嘴段")]
    [InlineData("今天到条子河检查，已经要求社区限期整改", "条子河")]
    public void A_street_told_to_act_is_no_place(string text, string place)
    {
        Assert.Equal([place], Parse(text).Places);
    }

    [Theory]
    // A plan told in advance asks nothing; with nothing done yet it is no report either (round 15h, the guide's kind).
    [InlineData("下周二要去仁兴街道调研，提前说一下", ReportKinds.Other)]
    [InlineData("帮我查一下", ReportKinds.Query)]
    public void Informing_the_reader_asks_nothing(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void The_river_chief_system_names_nobody()
    {
        Assert.Equal(["张志刚"], Parse("昨天去长春参加了全省河湖长制工作会议").People);
        Assert.Equal("王强", Parse("副区长王强以区级河长身份巡查南河").People[0]);
    }

    [Fact]
    public void Leaks_and_cracks_found_are_problems()
    {
        Assert.Equal(1, Metric(Parse("今天带农林水利局去石岭水库检查，发现渗漏点1处"), "problems_found"));
    }

    // Rules round after 07g/07h.

    [Theory]
    [InlineData("10月12日至14日，副区长王强带领区农业农村局赴延边学习考察庭院经济发展经验，学习借鉴经验3条", 3)]
    [InlineData("今天带队到梨树县考察学习乡村振兴经验", 1)]
    [InlineData("10月13日至14日，孙副区长率队赴长春新区参观学习营商环境改革做法", 2)]
    public void A_led_study_tour_is_research_with_its_days(string text, int days)
    {
        var report = Parse(text);

        Assert.Equal("调研", report.Activity);
        Assert.Equal(1, report.Action);
        Assert.Equal(1, Metric(report, "research_trips"));
        Assert.Equal(days, Metric(report, "research_days"));
    }

    [Theory]
    [InlineData("今天赴长春考察学习招商引资经验，对接企业两家")]
    [InlineData("今天接待深圳考察团，洽谈储能项目")]
    public void A_study_word_without_a_led_group_or_a_delegation_stays_investment_work(string text)
    {
        Assert.Equal("招商", Parse(text).Activity);
    }

    [Theory]
    [InlineData("今天到北沟街道英雄社区调研物业管理，待了半天", 0.5)]
    [InlineData("上午到站前街道调研老旧小区改造，用时半天", 0.5)]
    [InlineData("今天在仁兴街道调研居家养老，半天，走访了3户老人", 0.5)]
    [InlineData("今天到平西乡调研秋收，时间半天", 0.5)]
    [InlineData("今天到平西乡调研秋收，待了大半天", 1)]
    [InlineData("今天在北沟街道调研了两天半", 2.5)]
    public void A_stated_half_day_of_research_is_half_a_day(string text, double days)
    {
        Assert.Equal(days, Metric(Parse(text), "research_days"));
    }

    [Theory]
    [InlineData("这两天在站前街道蹲点，走访企业8家", "2026-10-14", "2026-10-15")]
    [InlineData("昨天今天都在平西乡调研秋收", "2026-10-14", "2026-10-15")]
    [InlineData("前天昨天都在红嘴开发区蹲点，跑了5家企业", "2026-10-13", "2026-10-14")]
    public void Two_days_named_together_are_a_two_day_stay_of_research(string text, string from, string to)
    {
        var report = Parse(text);

        Assert.Equal(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), report.Date);
        Assert.Equal(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture), report.EndDate);
    }

    [Fact]
    public void These_two_days_outside_research_name_no_day()
    {
        Assert.Null(Parse("这两天在区委党校参加培训，学习全会精神").Date);
    }

    [Theory]
    [InlineData("截至今天，全区已开工项目18个", "2026-10-15")]
    [InlineData("截至10月12日，平西乡完成改厕230户", "2026-10-12")]
    [InlineData("截至9月底，全区项目开工12个", null)]
    [InlineData("截至10月12日，累计走访企业26家", null)]
    [InlineData("截止10月12日前完成全部改厕任务", null)]
    public void A_tally_closed_on_a_day_is_dated_that_day(string text, string? date)
    {
        Assert.Equal(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Parse(text).Date);
    }

    [Theory]
    [InlineData("今天在北沟街道开班的是育婴员培训，来了二十几个人", 20)]
    [InlineData("今天到平西乡参加了农机操作培训班，农业农村局办的，来了50多个合作社代表", 50)]
    [InlineData("上午参加区人社局的技能培训班，给80多名学员讲了一课", 80)]
    [InlineData("10月12日，区司法局举办普法骨干培训班，全区40余名社区干部参训", 40)]
    [InlineData("10月12日至14日，区人社局选派15名业务骨干赴沈阳参加全省“就业服务提质”专题业务培训", 15)]
    public void Trainees_counted_in_other_words_are_trainees(string text, int trainees)
    {
        Assert.Equal(trainees, Metric(Parse(text), "trainees"));
    }

    [Theory]
    [InlineData("今天到站前街道走访，帮着协调了3个供暖问题", 3, 3)]
    [InlineData("今天到平西乡巡河，发现并清理河道垃圾4处", 4, 4)]
    [InlineData("本周三次巡查条子河，累计清理岸边垃圾和漂浮物6处", 6, 6)]
    [InlineData("今天到红嘴开发区督导，发现秸秆焚烧点3处", 3, null)]
    [InlineData("上午巡河，有一处河滩倾倒建筑垃圾，已通知街道", 1, null)]
    [InlineData("今天调研养老服务，梳理需协调解决问题5个", 5, null)]
    [InlineData("今天解决企业用地审批、道路配套问题3个", 3, 3)]
    public void Problems_found_and_dealt_with_in_other_words(string text, int found, int? solved)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Equal(solved, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("今天召开安全生产专题会，排查隐患4个，研究整改措施6项", 4, null, 6)]
    [InlineData("本周集中清理欠薪问题线索12条，已化解10条", 12, 10, null)]
    public void Measures_and_sorted_leads_are_not_problems_solved(string text, int found, int? solved, int? measures)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Equal(solved, Metric(report, "problems_solved"));
        Assert.Equal(measures, Metric(report, "measures"));
    }

    [Theory]
    [InlineData("国庆假期值班安排已发群里，请大家注意查收", ReportKinds.Other)]
    [InlineData("月底前各单位报送三季度指标完成情况，请提前准备", ReportKinds.Other)]
    [InlineData("平台今晚23点停机维护，期间暂停服务", ReportKinds.Other)]
    [InlineData("这个怎么弄？看下使用说明", ReportKinds.Command)]
    [InlineData("本月各位领导调研天数够不够三天", ReportKinds.Query)]
    [InlineData("今天到北沟街道走访企业5家，帮助解决用工问题2个", ReportKinds.Report)]
    public void Notices_help_requests_and_is_it_enough_questions_are_no_reports(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("今天带应急局检查了红嘴开发区2座塘坝的防汛准备，发现隐患1处，已整改", "其他")]
    [InlineData("今天到南河平西段开展汛前安全检查，查看堤防3处", "其他")]
    [InlineData("今天以河长身份巡查南河平西段防汛情况，发现问题1处", "河长")]
    public void Flood_and_safety_checks_of_waters_are_no_river_patrols(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("10月12日，副区长王强到红嘴开发区调研招商引资项目推进情况，走访企业5家", "调研")]
    [InlineData("今天到北沟街道调研招商项目落地，走访企业3家", "调研")]
    [InlineData("今天到红嘴开发区调研，和深圳客商洽谈储能项目", "招商")]
    public void Investment_named_as_what_was_researched_leaves_it_research(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("10月12日，区委宣传部在吉林日报刊发铁西区营商环境稿件2篇", new string[0])]
    [InlineData("今天在四平广播电视台做了一期政策解读节目", new string[0])]
    [InlineData("晚上村里又巡了一次河，新立河下游有人倒垃圾，已清走", new[] { "新立河" })]
    [InlineData("今天到四平市红嘴经济开发区调研", new[] { "四平市", "红嘴经济开发区" })]
    public void Media_named_after_a_place_and_time_words_are_no_places(string text, string[] places)
    {
        Assert.Equal(places, Parse(text).Places);
    }

    // Rules round 15d (after 07i/07j).

    [Theory]
    [InlineData("今天到北沟街道看了三家物业公司的服务情况", "北沟街道")]
    [InlineData("下午去新立村走访了两家农机合作社和种植合作社", "新立村")]
    [InlineData("昨天到站前街道检查了民办养老院的消防设施", "站前街道")]
    [InlineData("今天让燃气公司到仁兴街道排查管线", "仁兴街道")]
    public void A_firm_or_home_named_only_by_its_trade_or_owner_is_a_kind_not_a_place(string text, string place)
    {
        Assert.Equal([place], Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到绿丰种植专业合作社调研", "绿丰种植专业合作社")]
    [InlineData("上午到金源热力有限公司对接供热合作", "金源热力有限公司")]
    public void A_firm_with_a_name_of_its_own_before_its_trade_stays_a_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到新立村文化广场看了秧歌队排练", "新立村文化广场")]
    [InlineData("上午到北沟街道创业孵化园调研入驻企业经营情况", "北沟街道创业孵化园")]
    [InlineData("检查了红嘴开发区污水处理厂和永发村养殖场，运行正常", "红嘴开发区污水处理厂")]
    [InlineData("检查了红嘴开发区污水处理厂和永发村养殖场，运行正常", "永发村养殖场")]
    public void Works_and_grounds_named_after_a_place_are_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Fact]
    public void Works_that_only_say_where_a_problem_comes_from_leave_the_place_alone()
    {
        Assert.Equal(["东升村"], Parse("东升村养殖场异味问题已整改到位").Places);
    }

    [Theory]
    [InlineData("今天巡查东辽河及其支流新开河，未发现问题", new[] { "东辽河", "新开河" })]
    [InlineData("今天巡查南河上游新立河段和条子河主要河段", new[] { "南河", "条子河" })]
    public void River_parts_and_described_reaches_are_not_part_of_a_river_name(string text, string[] places)
    {
        var found = Parse(text).Places;

        foreach (var place in places)
        {
            Assert.Contains(place, found);
        }

        Assert.DoesNotContain(found, p => p.Contains("支流", StringComparison.Ordinal) || p.Contains("主要", StringComparison.Ordinal) || p.StartsWith("上游", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("今天到英雄街道出席华信电子有限公司投产仪式", "华信电子有限公司")]
    [InlineData("上午拜访了吉林省通达物流集团，谈了合作", "吉林省通达物流集团")]
    public void An_attending_or_visiting_verb_is_not_part_of_a_company_name(string text, string company)
    {
        Assert.Contains(company, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到省发改委汇报铁西区食品产业园项目，争取中央预算内资金")]
    [InlineData("在沈阳推介红嘴新能源装备园项目，对接企业4家")]
    [InlineData("今天去省商务厅，争取纳入国家级外贸转型升级基地")]
    [InlineData("到省工信厅汇报东北老工业基地调整改造事宜")]
    public void A_park_named_as_a_project_pitched_or_a_title_sought_is_no_place(string text)
    {
        Assert.DoesNotContain(Parse(text).Places, p => p.EndsWith('园') || p.EndsWith("基地", StringComparison.Ordinal));
    }

    [Fact]
    public void A_park_where_project_work_is_done_stays_a_place()
    {
        Assert.Contains("铁西食品产业园", Parse("铁西食品产业园二期项目今天开工").Places);
    }

    [Fact]
    public void A_township_heads_title_is_no_township()
    {
        Assert.DoesNotContain(Parse("今天去新立村跟李明镇长碰了一下秋收的事").Places, p => p.EndsWith('镇'));
    }

    [Theory]
    [InlineData("今天去了趟伊通县，学习人家庭院经济的做法，回来跟乡里商量")]
    [InlineData("上午到梨树县看了看他们的养老服务中心，挺有启发")]
    [InlineData("下午去双辽看了看人家的开发区，想学学项目服务那一套")]
    [InlineData("10月12日至13日，孙副区长带队赴大连学习老旧小区改造经验")]
    [InlineData("今天带领区住建局去长春学习了城市更新的做法")]
    public void Going_elsewhere_to_learn_how_others_do_it_is_research(string text)
    {
        var report = Parse(text);

        Assert.Equal("调研", report.Activity);
        Assert.Equal(1, report.Action);
    }

    [Fact]
    public void A_study_visit_with_dealings_stays_investment_work()
    {
        Assert.Equal("招商", Parse("今天带队赴宁波学习园区招商经验，与两家企业签约").Activity);
    }

    [Theory]
    [InlineData("今天带教育局检查全区幼儿园食品安全，检查幼儿园9所")]
    [InlineData("元旦前安全大检查：到北沟街道检查供热站和燃气站5处，发现隐患3处")]
    [InlineData("今天检查了在建项目工地的施工安全，发现隐患2处")]
    [InlineData("上午到英雄街道老旧小区开展消防检查")]
    public void A_safety_inspection_is_other_work_whatever_was_inspected(string text)
    {
        var report = Parse(text);

        Assert.Equal("其他", report.Activity);
        Assert.Null(report.Action);
    }

    [Fact]
    public void A_safety_topic_researched_stays_research()
    {
        Assert.Equal("调研", Parse("今天到红嘴开发区调研企业安全生产检查工作").Activity);
    }

    [Theory]
    [InlineData("今天开党组会，研究明年重点工作", "会议")]
    [InlineData("上午开了个调度会，过了一遍供暖准备", "会议")]
    [InlineData("今天召开2027年“项目建设年”活动动员大会，部署全年项目建设和招商引资工作", "会议")]
    [InlineData("上午区政府召开三季度“稳增长、促发展、惠民生”重点工作推进会", "会议")]
    public void Meetings_held_by_their_short_names_or_with_long_titles_are_meetings(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Fact]
    public void Attending_an_investment_convention_stays_investment_work()
    {
        Assert.Equal("招商", Parse("今天参加全省民营企业招商大会，签约项目2个").Activity);
    }

    [Theory]
    [InlineData("回乡创业扶持办法已经区政府常务会议审议通过，下周印发")]
    [InlineData("乡贤回乡投资奖励政策起草完成，拟提请区政府常务会议审议")]
    public void A_policy_approved_by_a_meeting_is_the_policys_work_not_a_meeting(string text)
    {
        var report = Parse(text);

        Assert.Equal("招商", report.Activity);
        Assert.Equal(3, report.Action);
    }

    [Theory]
    [InlineData("今天在英雄街道举办返乡创业政策宣讲会，返乡人员50多人参加")]
    [InlineData("区人社局到平西乡开展乡贤回乡创业政策解读，发放明白纸300份")]
    public void Publicity_of_a_returnee_programmes_policy_is_investment_work(string text)
    {
        var report = Parse(text);

        Assert.Equal("招商", report.Activity);
        Assert.Equal(3, report.Action);
    }

    [Fact]
    public void Publicity_of_other_policy_stays_publicity()
    {
        Assert.Equal("宣传", Parse("今天在英雄街道举办医保政策宣讲会，群众80多人参加").Activity);
    }

    [Theory]
    [InlineData("今天组织全区乡级河长培训，讲了巡河发现问题的处置流程")]
    [InlineData("下午给村级河长上了一堂课，讲巡河日志怎么记，参训40人")]
    public void A_class_for_river_chiefs_is_training(string text)
    {
        var report = Parse(text);

        Assert.Equal("培训", report.Activity);
        Assert.Equal(4, report.Action);
    }

    [Theory]
    [InlineData("下午到北沟街道跟居民代表座谈了一下，聊的是加装电梯的事")]
    [InlineData("今天去站前街道跟网格员聊了一下，聊的是供暖收费的事儿")]
    public void A_colloquial_talk_at_a_place_is_a_visit_whatever_its_topic(string text)
    {
        Assert.Equal("调研", Parse(text).Activity);
    }

    [Theory]
    [InlineData("今天到平西乡中心校查看新建教学楼施工进度", "民生", 9)]
    [InlineData("上午检查秋季开学准备，查看校舍维修情况", "民生", 9)]
    [InlineData("召开棚户区改造征收工作推进会，梳理难点问题5个", "会议", 9)]
    public void School_buildings_and_shantytown_renewal_are_livelihood_work(string text, string activity, int action)
    {
        var report = Parse(text);

        Assert.Equal(activity, report.Activity);
        Assert.Equal(action, report.Action);
    }

    [Theory]
    [InlineData("今天巡查条子河，发现岸边乱堆柴草2处、河道内倾倒渣土1处、私设排水管1处", 4)]
    [InlineData("今天巡查南河平西段，发现网箱养鱼痕迹1处", 1)]
    public void Spots_found_on_an_inspection_are_problems_and_a_list_adds_up(string text, double found)
    {
        Assert.Equal(found, Metric(Parse(text), "problems_found"));
    }

    [Fact]
    public void A_solved_count_after_a_list_separator_is_no_further_item()
    {
        var report = Parse("今天巡查条子河，发现乱堆乱放5处、整改3处");

        Assert.Equal(5, Metric(report, "problems_found"));
        Assert.Equal(3, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("今天陪省里检查了红嘴开发区4个整改点位，已全部销号", 4, 4)]
    [InlineData("今天到北沟街道走访，有2个问题已经让供水公司当天处理完", 2, 2)]
    [InlineData("今天检查建筑工地，发现隐患4处，已督促整改3处", 4, 3)]
    [InlineData("抽查企业5家，发现拖欠工资问题2个，已督促企业当场兑付", 2, 2)]
    public void Problems_stated_as_dealt_with_in_other_words_are_solved(string text, double found, double solved)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Equal(solved, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("今天巡河，发现问题3个，已督促属地限期整改")]
    [InlineData("今天到站前街道检查整改点位3处")]
    public void Urging_without_a_result_and_points_only_looked_at_are_not_solved(string text)
    {
        Assert.Null(Metric(Parse(text), "problems_solved"));
    }

    [Theory]
    [InlineData("今天到伊通县看了看他们的庭院经济，回来给村里讲讲，一下午", 0.5)]
    [InlineData("今天到北沟街道调研物业管理，去了半天", 0.5)]
    [InlineData("今天到站前街道调研营商环境，大概半天", 0.5)]
    [InlineData("跑了一上午，在英雄街道调研了三个小区的物业管理", 1)]
    public void A_stated_morning_or_half_day_is_half_a_day_of_research(string text, double days)
    {
        Assert.Equal(days, Metric(Parse(text), "research_days"));
    }

    [Theory]
    [InlineData("今天区人社局组织家政服务培训，全区12个社区的家政从业人员参训，共计86人", "trainees", 86)]
    [InlineData("组织全区网格员培训，全区45名网格员全员参训", "trainees", 45)]
    [InlineData("今天在英雄街道开展防诈骗宣讲活动，发放资料300份，共开展4场", "events", 4)]
    [InlineData("今天在新立村文化广场组织惠民文艺演出2场", "events", 2)]
    [InlineData("今天跟经合局把储备的招商项目过了一遍，共23个", "projects", 23)]
    [InlineData("今天走访个体工商户20余户、企业6家", "enterprises", 6)]
    public void Counts_stated_after_the_clause_or_in_a_list_are_read(string text, string key, double value)
    {
        Assert.Equal(value, Metric(Parse(text), key));
    }

    [Theory]
    [InlineData("今天主持召开三季度经济运行调度会议，分析主要指标完成情况", 6)]
    [InlineData("上午召开前三季度经济运行形势分析会", 6)]
    public void A_meeting_on_a_subject_the_plan_plans_meetings_on_serves_that_action(string text, int action)
    {
        var report = Parse(text);

        Assert.Equal("会议", report.Activity);
        Assert.Equal(action, report.Action);
    }

    [Fact]
    public void A_meeting_on_a_subject_the_plan_only_lists_serves_no_action()
    {
        Assert.Null(Parse("今天召开乡村振兴战略实施推进会议，部署秋季工作").Action);
    }

    [Theory]
    [InlineData("上一条是10月12日的，补个日期")]
    [InlineData("刚才那条漏了：区应急局也去了")]
    [InlineData("刚发的那条补充一下，共走访企业6家")]
    public void Adding_to_the_earlier_message_is_a_correction(string text)
    {
        Assert.Equal(ReportKinds.Correction, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void An_earlier_time_with_a_supplement_is_still_a_report()
    {
        Assert.Equal(ReportKinds.Report, MessageClassifier.Classify("刚才到北沟街道调研，给社区补上了3台取暖设备").Kind);
    }

    [Fact]
    public void A_kind_of_place_described_as_someone_elses_is_no_place()
    {
        Assert.Equal(["伊通县"], Parse("今天去伊通县看了看人家的现代农业产业园，挺受启发").Places);
    }

    [Theory]
    [InlineData("今天去英雄街道跟李明主任碰了一下老旧小区改造的事", new[] { "张志刚", "李明" })]
    [InlineData("上午和新立村王海村长一起看了看村里的路灯", new[] { "张志刚", "王海" })]
    public void An_official_met_with_below_the_district_follows_the_sender(string text, string[] people)
    {
        Assert.Equal(people, Parse(text).People);
    }

    [Fact]
    public void A_district_leader_followed_stays_the_lead()
    {
        Assert.Equal("刘区长", Parse("今天跟着刘区长去平西乡看了秋收").People[0]);
    }

    [Theory]
    [InlineData("10月12日、14日，副区长王强两次到北沟街道调研供暖", "王强")]
    [InlineData("今天组织全区网格员培训，全区45名网格员全员参训", "张志刚")]
    public void A_count_or_everyone_after_a_name_or_title_is_no_name(string text, string lead)
    {
        Assert.Equal(lead, Parse(text).People[0]);
    }

    [Theory]
    [InlineData("今天主持召开全区职业技能培训工作推进会，人社局、教育局汇报进展")]
    [InlineData("下午召开政策宣讲工作调度会，各街道汇报宣讲场次")]
    public void A_meeting_on_training_or_publicity_work_is_a_meeting(string text)
    {
        Assert.Equal("会议", Parse(text).Activity);
    }

    [Fact]
    public void A_training_meeting_by_its_own_name_stays_training()
    {
        Assert.Equal("培训", Parse("今天召开全区网格员业务培训会，参训120人").Activity);
    }

    [Theory]
    [InlineData("10月12日，到区民政局、区医保局听取工作汇报并现场调研养老服务，梳理问题4个")]
    [InlineData("今天到北沟街道听取工作汇报，随后实地调研老旧小区改造")]
    public void Hearing_reports_at_the_units_visited_with_research_on_site_is_research(string text)
    {
        Assert.Equal("调研", Parse(text).Activity);
    }

    [Theory]
    [InlineData("9月份：调研4次5天，巡河3次", "调研")]
    [InlineData("本月巡河5次，调研2次2天", "河长")]
    public void When_two_kinds_of_work_are_named_by_their_verbs_the_first_is_the_main_one(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Fact]
    public void The_years_work_summary_by_name_serves_the_year_end_action_whatever_the_work()
    {
        Assert.Equal(10, Parse("区住建局已完成全年工作总结，谋划明年重点项目12个").Action);
    }

    [Theory]
    [InlineData("今天到平西乡调研庭院经济，形成调研报告草稿1篇", "reports", 1)]
    [InlineData("今年调研12次，成果转化3项", "results", 3)]
    [InlineData("赴宁波开展对口合作，达成项目签约意向4个", "projects", 4)]
    [InlineData("信访交办件办理：北沟街道涉及的3件已全部办结", "problems_solved", 3)]
    [InlineData("今天调度环保督察整改，逐项过了9个问题，已整改6个", "problems_found", 9)]
    [InlineData("今天调度环保督察整改，逐项过了9个问题，已整改6个", "problems_solved", 6)]
    [InlineData("与深圳一家企业签约，项目总投资三亿二千万元", "investment", 3.2)]
    [InlineData("今天签了个物流项目，协议投资1亿5000万", "investment", 1.5)]
    public void Counts_and_amounts_in_other_forms_are_read(string text, string key, double value)
    {
        Assert.Equal(value, Metric(Parse(text), key));
    }

    [Theory]
    [InlineData("今天到吉林宏远包装有限公司、金达农机调研订单情况", "金达农机")]
    [InlineData("走访了四平华星化工有限公司、红旗粮油和北方建材，了解用工情况", "红旗粮油")]
    public void A_name_listed_right_after_a_company_is_a_company(string text, string firm)
    {
        Assert.Contains(firm, Parse(text).Places);
    }

    [Fact]
    public void A_unit_listed_after_a_company_is_no_company()
    {
        Assert.DoesNotContain(Parse("今天陪吉林宏远包装有限公司、区发改局到平西乡看地块").Places, p => p.EndsWith('局'));
    }

    [Theory]
    [InlineData("今天到北沟街道暗访老旧小区供暖情况，走访居民8户")]
    [InlineData("上午对站前街道开展明察暗访，了解养老服务中心运行情况")]
    public void An_unannounced_visit_is_research(string text)
    {
        Assert.Equal("调研", Parse(text).Activity);
    }

    // Rules round 15e (after 07k/07l).

    [Theory]
    [InlineData("今天在站前街道给社区网格员培训，来了五十多个网格人员", 50)]
    [InlineData("下午去农广校的果树修剪培训班讲了一课，学员三十来个", 30)]
    [InlineData("今天一上午都在给新任村干部培训班讲课，八十来人", 80)]
    [InlineData("上半年区卫健局组织乡村医生业务培训4期，覆盖全区村医320余人次", 320)]
    public void Trainees_counted_loosely_or_as_coverage_are_read(string text, double trainees)
    {
        Assert.Equal(trainees, Metric(Parse(text), "trainees"));
    }

    [Fact]
    public void A_count_of_sessions_before_a_list_of_trades_counts_trainings()
    {
        Assert.Equal(3, Metric(Parse("区农林水利局在平西乡办了三期果树、食用菌种植免费培训"), "trainings"));
    }

    [Theory]
    [InlineData("昨天在红嘴经济开发区走访调研企业用工情况，看了4家，订单都还行", "enterprises", 4)]
    [InlineData("这周把平西乡二十几个在建项目都过了一遍，卡住的有三个", "projects", 20)]
    [InlineData("今天到北沟街道调研物业管理，居民提了3个问题，带回来研究", "problems_found", 3)]
    [InlineData("昨天暴雨，区应急局接报险情问题8个，已处理6个", "problems_solved", 6)]
    [InlineData("到站前街道检查燃气安全，发现问题4个，立行立改4个", "problems_solved", 4)]
    [InlineData("去年的调研成果已转化为区委文件2项", "results", 2)]
    [InlineData("赴大连参加投资洽谈会，签约项目3个，意向金额2.6亿元", "investment", 2.6)]
    public void Counts_in_other_colloquial_forms_are_read(string text, string key, double value)
    {
        Assert.Equal(value, Metric(Parse(text), key));
    }

    [Theory]
    [InlineData("今天对全区加油站逐一排查，发现安全隐患3个，已移交应急局处置")]
    [InlineData("巡查中发现违法占地问题2处，已移送区自然资源局处理")]
    public void Problems_handed_over_to_another_body_are_not_solved(string text)
    {
        Assert.Null(Metric(Parse(text), "problems_solved"));
    }

    [Fact]
    public void Talks_held_on_a_research_visit_are_not_events()
    {
        var report = Parse("10月12日至13日，副区长王强到站前街道、英雄街道调研养老服务，走访养老机构，召开座谈会3次。");

        Assert.Equal("调研", report.Activity);
        Assert.Null(Metric(report, "events"));
    }

    [Fact]
    public void Publicity_sessions_still_count_as_events()
    {
        Assert.Equal(2, Metric(Parse("今天在英雄街道开展反诈宣讲活动2场，发放资料500份"), "events"));
    }

    [Theory]
    [InlineData("5月6日，北沟街道老旧小区改造项目开工，副区长王强宣布开工", "王强")]
    [InlineData("10月9日，区长刘波围绕冬季供暖到站前街道调研", "刘波")]
    [InlineData("区政府召开半年工作会议，区长刘波总结上半年工作", "刘波")]
    [InlineData("6月18日，铁西区投资环境推介会在长春举行，区长刘波致辞并推介重点项目", "刘波")]
    [InlineData("6月18日，铁西区投资环境推介会在长春举行，副区长张志刚致辞并推介重点项目", "张志刚")]
    public void A_verb_after_a_two_character_name_is_not_its_third_character(string text, string lead)
    {
        Assert.Equal(lead, Parse(text).People[0]);
    }

    [Fact]
    public void A_weekday_before_a_leading_marker_is_no_name()
    {
        Assert.DoesNotContain(Parse("上周三带队去了趟梨树县，看了人家的农机合作社").People, p => p.StartsWith('周'));
    }

    [Fact]
    public void A_party_secretary_named_by_surname_after_the_party_committee_leads()
    {
        Assert.Equal("李书记", Parse("9月3日，区委李书记和副区长王强一同到平西乡调研秋粮收购").People[0]);
    }

    [Theory]
    [InlineData("河道清障问题已全部整改，材料已报省水利厅", "省水利厅")]
    [InlineData("信访积案3件已全部化解，情况今天报市信访局", "市信访局")]
    [InlineData("9月20日，副区长王强赴沈阳拜会省商务厅，对接招商项目", "省商务厅")]
    public void A_reporting_or_calling_verb_ends_a_unit_name_on_its_left(string text, string unit)
    {
        Assert.Contains(unit, Parse(text).Units);
    }

    [Theory]
    [InlineData("今天在新立村跟村两委班子座谈，研究庭院经济")]
    [InlineData("区发改局把北沟街道养老中心的立项手续办下来了")]
    [InlineData("棚改征收进入收尾阶段，街道派人盯办")]
    public void Village_committees_and_getting_things_done_are_no_units(string text)
    {
        Assert.DoesNotContain(Parse(text).Units, u => u.Contains("两委", StringComparison.Ordinal) || u.EndsWith("手续办", StringComparison.Ordinal) || u.EndsWith("盯办", StringComparison.Ordinal));
    }

    [Fact]
    public void The_governments_inspection_office_is_a_unit()
    {
        Assert.Contains("区政府督查室", Parse("9月8日，区政府督查室对各乡街秋季防火工作开展专项督查，发现问题5个").Units);
    }

    [Theory]
    [InlineData("上周带队去了趟梨树，学习人家现代农业示范园区的管理经验", "梨树")]
    [InlineData("9月5日，区人社局在站前街道举办电工培训班，邀请四平职业大学老师授课", "站前街道")]
    [InlineData("副区长王强与区应急局负责同志逐村检查防汛准备，走访了新立村", "新立村")]
    public void Others_places_invited_peoples_homes_and_each_village_are_no_places(string text, string place)
    {
        Assert.Equal([place], Parse(text).Places);
    }

    [Theory]
    [InlineData("红嘴经济开发区与上海某科技公司签订合作协议", "红嘴经济开发区")]
    [InlineData("今天在循环经济示范区签了个项目，对方是山东的一家能源公司", "循环经济示范区")]
    [InlineData("消防大队今天到北沟街道给全区物业公司搞了消防培训", "北沟街道")]
    public void A_firm_named_without_a_name_of_its_own_is_no_place(string text, string place)
    {
        Assert.Equal([place], Parse(text).Places);
    }

    [Theory]
    [InlineData("今天去四平市中心医院看了发热门诊改造进度", "四平市中心医院")]
    [InlineData("副区长赵立新到四平市第二实验小学调研课后服务", "四平市第二实验小学")]
    [InlineData("9月3日带队到沈阳新区学习审批改革经验", "沈阳新区")]
    public void A_school_hospital_or_new_district_named_after_a_city_is_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("5月8日，区招商办召开全区招商引资工作推进会，通报一季度签约项目情况")]
    [InlineData("棚户区改造集中攻坚：今天上午开了第二次调度会，逐个小区过进度")]
    [InlineData("区政府第15次常务会议6月2日召开，专题研究城市供热和老旧小区改造")]
    public void A_work_meeting_held_is_a_meeting_whatever_topic_its_holder_or_name_carries(string text)
    {
        Assert.Equal("会议", Parse(text).Activity);
    }

    [Theory]
    [InlineData("9月2日至3日，副区长王强到平西乡新立村、东升村调研秋粮收购，走访种粮大户，召开座谈会听取意见", "调研")]
    [InlineData("10月15日，宁波市海曙区代表团来我区考察，双方在红嘴经济开发区召开招商合作交流会，签约项目2个", "招商")]
    public void A_forum_held_on_a_visit_or_with_a_delegation_stays_that_work(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("终于签完了！循环经济示范区的再生塑料项目，投资8000万元", "招商")]
    [InlineData("昨天在红嘴开发区签下了一个汽配项目，对方是天津的企业", "招商")]
    [InlineData("今天陪沈阳一家医药企业来考察，看了循环经济示范区的标准厂房", "招商")]
    [InlineData("今天跟农发行四平分行谈了谈，北沟街道老旧管网项目贷款6000万基本谈妥", "项目")]
    public void Deals_signed_investors_received_and_project_loans_name_their_work(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("这周一周二两天在北沟街道调研老旧小区供暖", 12, 13)]
    [InlineData("这礼拜三四两天都在红嘴开发区调研了5家企业", 14, 15)]
    [InlineData("本周二三两天到平西乡各村调研秋收", 13, 14)]
    public void Two_weekdays_named_back_to_back_before_a_count_of_days_are_a_range(string text, int first, int last)
    {
        var report = Parse(text);

        Assert.Equal(new DateOnly(2026, 10, first), report.Date);
        Assert.Equal(new DateOnly(2026, 10, last), report.EndDate);
        Assert.Equal(2, Metric(report, "research_days"));
    }

    [Fact]
    public void A_weekday_before_a_clock_time_is_one_day()
    {
        var report = Parse("这周二三点到站前街道调研养老服务");

        Assert.Equal(new DateOnly(2026, 10, 13), report.Date);
        Assert.Null(report.EndDate);
    }

    [Fact]
    public void Scheduling_work_on_site_leans_to_project_work()
    {
        Assert.Equal("项目", Parse("今天到红嘴经济开发区调度今年新开工的5个项目，逐个明确节点").Activity);
    }

    [Fact]
    public void Scheduling_a_livelihood_item_stays_livelihood_work()
    {
        Assert.Equal("民生", Parse("今天上午调度了一下北沟街道老旧小区改造进度").Activity);
    }

    [Theory]
    [InlineData("@铁西小助手 在不在？")]
    [InlineData("小助手在吗")]
    [InlineData("国庆快乐，节日期间坚守岗位的同志们辛苦了")]
    [InlineData("春节值班的各位辛苦了！")]
    public void Presence_checks_and_holiday_greetings_are_other(string text)
    {
        Assert.Equal(ReportKinds.Other, Parse(text).Kind);
    }

    [Theory]
    [InlineData("在吗？平西乡这个月调研了几次")]
    [InlineData("国庆假期值班：10月3日到站前街道检查商超安全，发现隐患2处")]
    public void A_question_or_dated_work_after_such_words_is_still_read(string text)
    {
        Assert.NotEqual(ReportKinds.Other, Parse(text).Kind);
    }

    [Theory]
    [InlineData("副区长王强在9月5日的全区项目建设推进会上通报了前8个月项目开工情况")]
    [InlineData("区长刘波在全区经济工作会议上讲话，部署明年重点任务")]
    public void Speaking_at_a_work_meeting_reports_the_meeting(string text)
    {
        Assert.Equal("会议", Parse(text).Activity);
    }

    [Fact]
    public void Pitching_projects_at_a_promotion_event_stays_investment_work()
    {
        Assert.Equal("招商", Parse("7月8日，在沈阳举办的东北投资推介会上，我区推介项目5个，与2家企业达成合作意向").Activity);
    }

    // Rules round 15f (after 07m/07n).

    [Theory]
    [InlineData("区中医院新门诊楼今天主体封顶")]
    [InlineData("教育局这周在搞寒假校园维修，两所小学在施工")]
    [InlineData("今天去看了实验小学的校园改造，工人正在铺塑胶跑道")]
    [InlineData("区卫健局今天在北沟街道启动“送医下乡”义诊活动，发放宣传资料500份")]
    public void Building_work_on_hospitals_and_schools_and_free_clinics_are_livelihood_work(string text)
    {
        var report = Parse(text);

        Assert.Equal("民生", report.Activity);
        Assert.Equal(9, report.Action);
    }

    [Theory]
    [InlineData("昨天到平西乡永发村看了下脱贫户的危房改造，走了6户")]
    [InlineData("今天去新立村看看脱贫户的春耕准备，都挺好")]
    public void A_look_at_households_lifted_out_of_poverty_is_battle_work(string text)
    {
        var report = Parse(text);

        Assert.Equal("攻坚", report.Activity);
        Assert.Null(Metric(report, "research_trips"));
    }

    [Theory]
    [InlineData("上午主持召开政策落地推进会，逐个部门过了一遍")]
    [InlineData("今天下午开了个政策落地督导调度会")]
    public void A_meeting_on_policies_put_into_effect_serves_the_publicity_action(string text)
    {
        var report = Parse(text);

        Assert.Equal("会议", report.Activity);
        Assert.Equal(7, report.Action);
    }

    [Theory]
    [InlineData("区自然资源分局本月对闲置土地开展清查，已盘活3宗", "项目")]
    [InlineData("今天和发改局研究了北沟街道低效土地再利用的方案", "项目")]
    [InlineData("省电视台今天来平西乡拍了我们的冷水鱼养殖", "宣传")]
    [InlineData("市电视台来采访了站前街道的社区食堂，下周播出", "宣传")]
    public void Idle_land_and_filming_name_their_work(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Fact]
    public void A_financing_meeting_for_projects_serves_the_project_action()
    {
        var report = Parse("10月9日，区财政局召开城市更新项目融资对接会，为3个项目争取专项资金8000万元");

        Assert.Equal(5, report.Action);
    }

    [Theory]
    [InlineData("今天陪省林草局检查组看了森林防火，英雄街道那边都到位")]
    [InlineData("昨天在站前街道组织了一次应急演练，三个小区两百多人参加")]
    [InlineData("今天在区信访局接访，接待群众12批，大部分是供暖的事")]
    [InlineData("上午接待来访群众9人，主要反映拆迁补偿问题")]
    public void Forest_fire_checks_drills_and_petitions_are_other_work_with_no_action(string text)
    {
        var report = Parse(text);

        Assert.Equal("其他", report.Activity);
        Assert.Null(report.Action);
        Assert.Null(Metric(report, "research_trips"));
    }

    [Theory]
    [InlineData("秋冬季攻坚推进会今天上午开完了，列了12个难点")]
    [InlineData("今天的调度会 棚户区改造任务逐项对了账 还差3户")]
    public void A_meeting_named_then_finished_or_named_as_the_days_meeting_is_a_meeting(string text)
    {
        Assert.Equal("会议", Parse(text).Activity);
    }

    [Theory]
    [InlineData("@铁西小助手 好的 我晚点报")]
    [InlineData("我在市里培训 明天再报")]
    [InlineData("@铁西小助手 周五的推进会推迟到下周一上午")]
    [InlineData("明天的党组会改期了")]
    public void Promises_to_report_later_and_moved_meetings_are_other(string text)
    {
        Assert.Equal(ReportKinds.Other, Parse(text).Kind);
    }

    [Fact]
    public void A_question_about_reporting_later_is_still_a_question()
    {
        Assert.Equal(ReportKinds.Query, Parse("怎么补报上个月的巡河？").Kind);
    }

    [Theory]
    [InlineData("10月12日，副区长王强用一天半时间到北沟街道、站前街道调研棚户区改造", "王强")]
    [InlineData("10月12日，区长刘波用三天时间到平西乡各村调研秋收", "刘波")]
    public void A_name_before_用_is_two_characters(string text, string lead)
    {
        Assert.Equal(lead, Parse(text).People[0]);
    }

    [Fact]
    public void The_length_stated_outranks_the_days_of_the_range()
    {
        var report = Parse("10月12日至14日，副区长王强用一天半时间到北沟街道调研老旧小区改造");

        Assert.Equal(1.5, Metric(report, "research_days"));
    }

    [Fact]
    public void Whole_years_work_after_a_title_is_no_name()
    {
        Assert.Equal("张志刚", Parse("10月14日，区政府召开专题会议，听取各位局长全年工作情况汇报").People[0]);
    }

    [Fact]
    public void Hearing_a_report_ends_a_unit_name_on_its_left()
    {
        Assert.Equal(["区人社局"], Parse("10月13日，副区长陈立新主持召开就业工作调度会，听取区人社局工作汇报").Units);
    }

    [Theory]
    [InlineData("9月份河长制工作：区级河长巡河6次，乡级巡河15次，合计21次，发现问题4处", "patrols", 21)]
    [InlineData("王区长今早巡条子河 发现一处垃圾 已经清走了", "patrols", 1)]
    [InlineData("今天巡东辽河 发现两处排污口 已经封堵一处", "problems_solved", 1)]
    [InlineData("区经合局赴宁波开展招商，现场达成投资意向4个，涉及资金2亿元", "projects", 4)]
    [InlineData("今年我分管的踏查项目一共11个 总投资20亿", "projects", 11)]
    [InlineData("把年内要竣工的项目过了一遍 一共6个", "projects", 6)]
    [InlineData("近期在跑融资 平西乡污水管网项目需要6000万", "investment", 0.6)]
    [InlineData("去长春看了一家做饲料的 有意向在铁西建厂 大概两个亿", "investment", 2)]
    [InlineData("参加农博会，现场签订购销合同9份，金额1200万元", "investment", 0.12)]
    public void Totals_intentions_and_amounts_in_other_forms_are_read(string text, string key, double value)
    {
        Assert.Equal(value, Metric(Parse(text), key));
    }

    [Fact]
    public void An_amount_only_sold_or_involved_is_no_investment()
    {
        Assert.Null(Metric(Parse("区商务局组织年货大集，销售农产品金额30万元"), "investment"));
    }

    [Theory]
    [InlineData("区人社局组织全区社区工作者业务培训，分4个批次，培训300人", "trainings", 4)]
    [InlineData("区委党校举办中青年干部培训班，共3期，参训干部120人", "trainings", 3)]
    [InlineData("上周在平西乡办了一期养牛技术培训 42个人", "trainees", 42)]
    [InlineData("区农业农村局举办高素质农民培训班，培训种养大户及家庭农场经营者80余人", "trainees", 80)]
    [InlineData("区税务局在站前街道举办个税政策解读会3场，覆盖企业40家", "events", 3)]
    [InlineData("昨天在北沟街道搞了一次防震演练 两个学校参加", "events", 1)]
    public void Sessions_drills_and_trainees_in_other_forms_are_read(string text, string key, double value)
    {
        Assert.Equal(value, Metric(Parse(text), key));
    }

    [Theory]
    [InlineData("10月10日，区应急局对辖区加油站开展检查，查改安全隐患9处。", 9, 9)]
    [InlineData("巡河发现倾倒点位4处，已修复2处", 4, 2)]
    [InlineData("10月9日，区政府召开重点项目联席会议，研究解决北沟街道安置房项目供暖、供电等问题6个。", 6, 6)]
    [InlineData("消防检查 跑了站前街道五家商场 隐患查出来6处 三处立行立改了 剩下的限期", 6, 3)]
    [InlineData("老旧小区改造收尾了 全区12个问题完成11个 剩1个月底完", 12, 11)]
    [InlineData("今天陪供热办看了北沟街道两个小区 有一栋楼温度不达标 现场整改了", 1, 1)]
    [InlineData("企业座谈 企业诉求9个 当场解决4个", 9, 4)]
    public void Problems_found_and_solved_in_other_forms_are_read(string text, double found, double solved)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Equal(solved, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("今天跟市场监管局查了站前街道几家烧烤店 有三家没装油烟净化器 责令限期整改", 3)]
    [InlineData("今天在南河沿线巡查两次 就一处护栏坏了 已报农林水利局修", 1)]
    [InlineData("区政府督查室开展专项督查，发现推进滞后事项4项，已下发督办单", 4)]
    [InlineData("百日攻坚推进会今天开完了 列了9个难点 每个都有责任人", 9)]
    [InlineData("7月8日，区环保分局对条子河沿岸排污口开展排查，排查排污口31个，发现超标排放问题3个，已责令整改。", 3)]
    [InlineData("10月12日，中央环保督察整改调度会召开，通报了平西乡砂场等3个问题整改进度，明确10月底前全部完成整改。", 3)]
    public void Problems_found_but_not_yet_solved_are_read(string text, double found)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Null(Metric(report, "problems_solved"));
    }

    [Fact]
    public void Things_sorted_as_lagging_are_no_problems()
    {
        Assert.Null(Metric(Parse("10月12日召开项目建设推进会，梳理滞后项目5个，逐个明确包保领导"), "problems_found"));
    }

    [Fact]
    public void Problems_still_to_be_solved_are_not_solved()
    {
        Assert.Null(Metric(Parse("到区政务服务中心调研，梳理需协调解决问题3个"), "problems_solved"));
    }

    [Theory]
    [InlineData("今天去平西乡粮库检查了秋粮入库", "平西乡粮库")]
    [InlineData("9月8日召开环保督察整改推进会，通报了英雄街道垃圾处理场等2个问题", "英雄街道垃圾处理场")]
    [InlineData("区人社局在吉林师范大学实训基地举办电商培训班", "吉林师范大学实训基地")]
    [InlineData("今天到铁西区第一人民医院调研急诊改造", "铁西区第一人民医院")]
    [InlineData("副区长赵立新深入吉林师范大学、四平市第一中学调研人才引进", "四平市第一中学")]
    [InlineData("南河支流那段黑臭水体今天验收了", "南河支流")]
    [InlineData("下洼子水库今天巡了 水位正常", "下洼子水库")]
    public void Works_schools_hospitals_and_tributaries_are_named_whole(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Fact]
    public void A_tributary_named_after_its_own_name_is_that_river()
    {
        var places = Parse("今天巡查条子河铁西段及支流北河，没发现问题").Places;

        Assert.Contains("北河", places);
        Assert.DoesNotContain("条子河支流", places);
    }

    [Theory]
    [InlineData("区发改局召开联席会议，研究解决四平金丰粮油有限公司仓储项目用地问题", "四平金丰粮油有限公司")]
    [InlineData("报一下今天巡库情况石门水库水位正常", "石门水库")]
    [InlineData("乡级河长对平西乡境内条子河开展巡查", "条子河")]
    public void Solving_report_topics_and_within_end_a_name_on_their_left(string text, string place)
    {
        var places = Parse(text).Places;

        Assert.Contains(place, places);
        Assert.DoesNotContain(places, p => p.Length > place.Length && p.EndsWith(place, StringComparison.Ordinal));
    }

    [Fact]
    public void Lenders_named_by_their_trade_are_no_places()
    {
        Assert.Empty(Parse("区金融办对辖区小额贷款公司、融资担保公司开展检查，检查企业4家").Places);
    }

    [Theory]
    [InlineData("10月8日至10日，副区长王强带队赴扬州、湖州学习考察营商环境建设", "湖州")]
    [InlineData("区长刘波率队赴上海浦东新区、天津考察新能源装备企业", "上海浦东新区")]
    public void More_cities_and_new_districts_with_their_own_name_are_places(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("@铁西小助手 新立村的通屯路今天铺完了，1.8公里", "民生", 9)]
    [InlineData("区发改局10月9日组织申报超长期特别国债项目3个，申请资金8000万元", "项目", 5)]
    public void Hamlet_roads_and_treasury_bond_projects_name_their_work(string text, string activity, int action)
    {
        var report = Parse(text);

        Assert.Equal(activity, report.Activity);
        Assert.Equal(action, report.Action);
    }

    // Rules round 15g (after 07o/07p).

    [Theory]
    [InlineData("@王建国 王主任 周五的汇报材料今天下班前给我")]
    [InlineData("@李秀英 李科长，明天上午去平西乡调研，车安排一下")]
    [InlineData("@赵刚 @钱伟 两位局长 下午三点的调度会别忘了")]
    [InlineData("＠孙晓红 孙乡长 巡河台账整理好了吗？")]
    public void A_message_addressed_only_to_colleagues_is_talk_between_people(string text)
    {
        Assert.Equal(ReportKinds.Other, Parse(text).Kind);
        Assert.Equal(ReportKinds.Other, MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("@铁西小助手 @王建国 今天到平西乡永发村调研肉牛养殖，走访养殖户6户", ReportKinds.Report)]
    [InlineData("@王建国 @铁西小助手 今天到平西乡永发村调研肉牛养殖，走访养殖户6户", ReportKinds.Report)]
    [InlineData("今天和@王建国 一起到北沟街道调研老旧小区改造", ReportKinds.Report)]
    public void A_message_that_also_addresses_the_bot_or_names_a_colleague_inside_is_read_as_usual(string text, string kind)
    {
        Assert.Equal(kind, Parse(text).Kind);
    }

    [Theory]
    [InlineData("各位同事早上好！明天降温到零下15度，出门调研注意保暖")]
    [InlineData("大家下午好，今天风大，去工地检查的同志注意安全")]
    [InlineData("各位领导晚上好，明天有雨，下乡的记得带伞")]
    public void A_greeting_to_the_readers_with_a_reminder_reports_nothing(string text)
    {
        Assert.Equal(ReportKinds.Other, Parse(text).Kind);
    }

    [Fact]
    public void A_greeting_before_a_report_keeps_the_report()
    {
        Assert.Equal(ReportKinds.Report, Parse("各位领导早上好，昨天到平西乡新立村调研冷水鱼养殖，走访养殖户5户").Kind);
    }

    [Theory]
    [InlineData("5月6日随市委主要领导赴沈阳考察装备制造企业")]
    [InlineData("下周随区委主要领导到红嘴经济开发区调研")]
    public void Going_along_with_a_party_committee_names_no_unit(string text)
    {
        Assert.Empty(Parse(text).Units);
    }

    [Theory]
    [InlineData("春节前区应急局对全区烟花爆竹经营点开展安全检查，检查网点46个", "区应急局")]
    [InlineData("汛期前区住建局对在建工地开展防汛检查，检查工地12个", "区住建局")]
    [InlineData("村里反映路灯坏了 已经安排住建局维修", "区住建局")]
    [InlineData("发现违建两处，已移交城管局处理", "区城管局")]
    public void A_time_word_or_a_handing_verb_ends_a_unit_name_on_its_left(string text, string unit)
    {
        Assert.Contains(unit, Parse(text).Units);
        Assert.DoesNotContain(Parse(text).Units, u => u.Length > unit.Length && u.EndsWith(unit[1..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("教育局在英雄街道新办的托育班开课了，收了30个孩子")]
    [InlineData("人社局在站前街道刚办的家政培训结业了 一期 40人")]
    public void A_class_newly_run_somewhere_is_no_office(string text)
    {
        Assert.DoesNotContain(Parse(text).Units, u => u.EndsWith('办'));
    }

    [Theory]
    [InlineData("昨天巡查南河北沟街道段，发现垃圾两处，已交街道清理")]
    [InlineData("今天跟市场监管局去了俩超市 查了下食品安全 都挺好")]
    [InlineData("下午跟金融办看了仨担保公司 风险可控")]
    public void A_handing_verb_or_a_colloquial_count_is_no_part_of_a_place(string text)
    {
        var places = Parse(text).Places;
        Assert.DoesNotContain(places, p => p.StartsWith('交') || p.StartsWith("已交", StringComparison.Ordinal) || p.StartsWith('俩') || p.StartsWith('仨'));
    }

    [Theory]
    [InlineData("昨天去北沟街道走访企业五六家，收集诉求4条", 5)]
    [InlineData("上午去红嘴开发区看了七八家企业 订单都还行", 7)]
    [InlineData("今天去循环经济示范区仨企业 看了看生产情况", 3)]
    [InlineData("下午跟金融办去了俩担保公司 看了下代偿情况", 2)]
    public void A_range_counts_its_lower_number_and_colloquial_counts_count_firms(string text, double firms)
    {
        Assert.Equal(firms, Metric(Parse(text), "enterprises"));
    }

    [Theory]
    [InlineData("7月份新立村河长制：乡级河长巡河6次，村级河长巡河30余次，清理垃圾2吨", 36)]
    [InlineData("本月区级河长巡河3次；乡级河长巡河15次；发现问题4处", 18)]
    public void Patrols_counted_level_by_level_add_up(string text, double patrols)
    {
        Assert.Equal(patrols, Metric(Parse(text), "patrols"));
    }

    [Fact]
    public void Patrols_of_one_level_with_a_breakdown_are_not_added_twice()
    {
        Assert.Equal(5, Metric(Parse("本月乡级河长巡河5次，其中南河3次、条子河2次，发现问题1处"), "patrols"));
    }

    [Theory]
    [InlineData("下午去了金达机械、鸿运食品 看看订单", "金达机械")]
    [InlineData("下午去了金达机械、鸿运食品 看看订单", "鸿运食品")]
    [InlineData("瑞丰新材料三期 环评今天批了", "瑞丰新材料")]
    [InlineData("今天看了天宇电气和华泰汽配 用工都紧", "华泰汽配")]
    [InlineData("今天看了天宇电气和华泰汽配 用工都紧", "天宇电气")]
    [InlineData("浙江恒达新能源那个储能项目今天开工了，投资2亿元", "浙江恒达新能源")]
    [InlineData("走访了娃哈哈、伊利乳业等龙头企业3家", "娃哈哈")]
    public void A_firm_named_by_brand_and_trade_without_company_is_a_place(string text, string firm)
    {
        Assert.Contains(firm, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到平西乡调研现代农业和绿色食品产业发展")]
    [InlineData("区发改局组织新材料企业座谈，研究发展新材料产业")]
    [InlineData("区农业农村局今天在新立村推广农业机械化")]
    [InlineData("长春来的客商想在红嘴园区投资2亿搞食品加工")]
    public void A_trade_named_as_a_sector_is_no_firm(string text)
    {
        var places = Parse(text).Places;
        Assert.DoesNotContain(places, p => p.EndsWith("农业", StringComparison.Ordinal) || p.EndsWith("食品", StringComparison.Ordinal)
                                           || p.EndsWith("新材料", StringComparison.Ordinal) || p.EndsWith("机械", StringComparison.Ordinal));
    }

    [Fact]
    public void A_firm_written_in_full_keeps_its_whole_name()
    {
        Assert.Contains("吉林金泰食品有限公司", Parse("今天到吉林金泰食品有限公司调研，企业订单饱满").Places);
    }

    [Theory]
    [InlineData("上周六北沟街道在胜利广场搞了一场防诈骗宣传 发了300份材料", "胜利广场")]
    [InlineData("今天巡查西湖公园 湖面干净 没发现问题", "西湖公园")]
    [InlineData("下午去看了站前街道老旧小区和铁路广场周边的改造", "铁路广场")]
    public void A_square_or_park_with_a_name_of_its_own_is_a_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("区文体局今天在文化广场开展惠民政策宣传，发放资料800份")]
    [InlineData("今天在休闲公园搞了一场健康义诊，来了60多人")]
    public void A_square_named_by_its_kind_is_no_place(string text)
    {
        Assert.DoesNotContain(Parse(text).Places, p => p.EndsWith("广场", StringComparison.Ordinal) || p.EndsWith("公园", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("今晚带城管局查了夜市 发现占道经营6处 4处当场整改", 6, 4)]
    [InlineData("上午检查燃气管线，发现隐患5个，2个现场处理", 5, 2)]
    public void A_count_fixed_on_the_spot_is_the_problems_solved(string text, double found, double solved)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Equal(solved, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("5月6日，副区长王强带领区住建局对全区拟开工的8个项目进行实地踏查，梳理问题清单9项、任务清单12项。", 9)]
    [InlineData("今天调度供热准备，查找问题6个、整改措施10条", 6)]
    public void Task_and_measure_lists_after_the_problems_are_not_added_to_them(string text, double found)
    {
        Assert.Equal(found, Metric(Parse(text), "problems_found"));
    }

    [Theory]
    [InlineData("今天带卫健局到四平市第一医院、铁西区妇幼保健院检查院感防控", "铁西区妇幼保健院")]
    [InlineData("上午去平西乡妇幼保健院看了看新生儿筛查", "平西乡妇幼保健院")]
    public void A_maternal_and_child_health_centre_named_after_a_place_is_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("半年总结我这块写完了 明天交政府办")]
    [InlineData("今天把调研报告初稿改完了，明天上会")]
    public void A_coming_day_after_done_work_is_not_its_day(string text)
    {
        var report = Parse(text);
        Assert.Equal("report", report.Kind);
        Assert.NotEqual(Today.AddDays(1), report.Date);
    }

    [Theory]
    [InlineData("6月2日，区生态环境分局对环保督察反馈问题整改情况开展“回头看”，现场核查点位9个", 6)]
    [InlineData("本月脱贫攻坚成果巩固“回头看”：全乡排查监测户23户，消除返贫风险20户", 6)]
    [InlineData("8月3日对上半年踏查的重点项目开展“回头看”，查看项目6个", 5)]
    public void A_quoted_review_serves_the_work_it_reviews(string text, int action)
    {
        Assert.Equal(action, Parse(text).Action);
    }

    [Theory]
    [InlineData("今天到英雄街道走访商户，帮着处理了问题俩", 2.0)]
    [InlineData("上午去平西乡调研，走访企业3家，现场解决问题仨", 3.0)]
    public void A_spoken_count_after_its_noun_counts_problems(string text, double problems)
    {
        var report = Parse(text);
        Assert.Equal(problems, Metric(report, "problems_solved"));
        Assert.Equal(problems, Metric(report, "problems_found"));
    }

    [Theory]
    [InlineData("三合村今天村级巡河4趟 上下午各两趟", 4.0)]
    [InlineData("今天乡级巡湖两趟，湖面干净", 2.0)]
    public void Tang_counts_patrols(string text, double patrols)
    {
        Assert.Equal(patrols, Metric(Parse(text), "patrols"));
    }

    [Theory]
    [InlineData("本月8号和22号两次到站前街道调研商贸消费，走访商户9家", 2.0, 2.0)]
    [InlineData("截至9月底，今年累计调研41天、33次", 33.0, 41.0)]
    public void Visits_counted_before_the_going_or_after_the_days_are_trips(string text, double trips, double days)
    {
        var report = Parse(text);
        Assert.Equal(trips, Metric(report, "research_trips"));
        Assert.Equal(days, Metric(report, "research_days"));
    }

    [Fact]
    public void The_sessions_of_a_numbered_list_add_up()
    {
        var report = Parse("宣传月小结：①在英雄街道开展反诈宣讲4场；②在北沟街道开展医保政策宣讲2场；③发放宣传单1500份");
        Assert.Equal(6, Metric(report, "events"));
    }

    [Fact]
    public void Trainees_in_ten_thousands_are_counted_in_people()
    {
        Assert.Equal(25000, Metric(Parse("今年以来区人社局累计开展职业技能培训31期，培训2.5万人次"), "trainees"));
    }

    [Theory]
    [InlineData("咱们红光村今天巡河一趟 河面干净", "红光村")]
    [InlineData("俺们新立村大棚这礼拜又建成8个", "新立村")]
    [InlineData("本周村级巡河三次 周一南河 周五东辽河 都正常", "南河")]
    [InlineData("这周巡河两次 周三北河 周六条子河北沟段 没发现问题", "条子河北沟段")]
    public void A_speakers_own_or_a_weekday_before_a_place_is_not_part_of_it(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天巡查南河城区段，发现垃圾堆放3处已交办社区", "南河城区段")]
    [InlineData("上午巡河，发现问题1处已转办街道限期清理", null)]
    public void A_level_a_problem_is_handed_to_is_no_place(string text, string? place)
    {
        var places = Parse(text).Places;
        Assert.Equal(place is null ? [] : [place], places);
    }

    [Theory]
    [InlineData("循环经济示范区标准化厂房二期争取农发行贷款9000万元获批", "项目", 5)]
    [InlineData("昨天在英雄街道光明社区开了个群众座谈会，听取对物业服务的意见", "调研", 1)]
    [InlineData("今天在红光村召开村民座谈会，听了听大家对道路硬化的想法", "调研", 1)]
    [InlineData("和平乡卫生院新建住院楼今天封顶", "民生", 9)]
    [InlineData("区人民医院新门诊楼今天投入使用", "民生", 9)]
    [InlineData("新立村今天用大喇叭广播了医保缴费政策", "宣传", 7)]
    [InlineData("今天带金融办摸排烂尾楼交付风险，约谈开发企业2家", "攻坚", 6)]
    [InlineData("今天督导秸秆禁烧，到东升村、新立村各转了一圈", "攻坚", 6)]
    [InlineData("新立村今天开展秸秆禁烧政策宣传，发放明白纸500份", "宣传", 7)]
    public void Topic_cues_of_round_15h_name_the_work(string text, string activity, int action)
    {
        var report = Parse(text);
        Assert.Equal((activity, (int?)action), (report.Activity, report.Action));
    }

    [Theory]
    [InlineData("刚把条子河北沟段巡完了 没发现问题")]
    [InlineData("刚把东辽河平西段巡了一遍 河面干净📷")]
    public void A_named_river_just_patrolled_is_todays_patrol(string text)
    {
        var report = Parse(text);
        Assert.Equal(("河长", (double?)1, (DateOnly?)Today), (report.Activity, Metric(report, "patrols"), report.Date));
    }

    [Theory]
    [InlineData("今天去仁兴那边看了两个养老服务站", "仁兴")]
    [InlineData("下午把英雄几个商场的消防通道查了一遍 发现问题2处", "英雄")]
    [InlineData("今天陪客商看了地直的两块闲置地块", "地直")]
    [InlineData("政策宣传周今天启动 仁兴英雄两个街道同时摆摊", "英雄")]
    public void A_township_by_its_short_name_alone_is_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天巡查条子河北沟段，河面干净", "北沟")]
    [InlineData("和开发商签署站前智慧商圈合作协议", "站前")]
    [InlineData("今天启动英雄三期棚户区改造征收工作", "英雄")]
    public void A_short_name_inside_a_longer_name_is_not_a_place_of_its_own(string text, string notPlace)
    {
        Assert.DoesNotContain(notPlace, Parse(text).Places);
    }

    [Theory]
    [InlineData("北沟街道雨污分流改造拿到专项债3000万，月底开工", 0.3)]
    [InlineData("今天和财政局研究地下管廊项目融资，确定申请专项债券1.6亿元", 1.6)]
    public void Special_bonds_for_projects_are_investment(string text, double investment)
    {
        Assert.Equal(investment, Metric(Parse(text), "investment"));
    }

    [Fact]
    public void Hidden_debt_defused_is_no_investment()
    {
        Assert.Null(Metric(Parse("平西乡今年化解隐性债务8000万元，年度任务全部完成"), "investment"));
    }

    [Theory]
    [InlineData("今天到英雄街道调研消费市场，走访商场超市8家", 8.0)]
    [InlineData("金融办今天排查理财门店十二家，未发现问题", 12.0)]
    [InlineData("国庆前检查了站前街道的酒店5家，消防通道都畅通", 5.0)]
    public void Stores_counted_by_jia_are_firms(string text, double enterprises)
    {
        Assert.Equal(enterprises, Metric(Parse(text), "enterprises"));
    }

    [Theory]
    [InlineData("百日攻坚第二周：梳理分管领域滞后指标6项、难点问题9个，逐项制定攻坚措施", 9.0)]
    [InlineData("今天梳理了全乡落后指标4项、突出问题3个", 3.0)]
    public void A_count_before_a_list_separator_is_not_of_the_next_items_problems(string text, double problems)
    {
        Assert.Equal(problems, Metric(Parse(text), "problems_found"));
    }

    [Theory]
    [InlineData("今天到红嘴经济开发区调研，走访工业企业4家、物流企业2家", 6.0)]
    [InlineData("本周走访规上企业5家、科技型企业3家、外贸企业1家", 9.0)]
    public void Firms_listed_by_kind_add_up(string text, double enterprises)
    {
        Assert.Equal(enterprises, Metric(Parse(text), "enterprises"));
    }

    [Theory]
    [InlineData("今天到仁兴街道调研，现场解决问题3个，刚才说错了，是解决问题4个", "problems_solved", 4.0)]
    [InlineData("汇报：今天在北沟街道举办电商直播培训1期，学员四十人参加，说错了，是2期不是1期", "trainings", 2.0)]
    [InlineData("今天到红嘴经济开发区走访企业1.5万家？不对，是15家，收集问题6个", "enterprises", 15.0)]
    public void A_report_that_corrects_itself_keeps_the_corrected_count(string text, string key, double value)
    {
        var report = Parse(text);

        Assert.Equal("report", report.Kind);
        Assert.Equal(value, Metric(report, key));
    }

    [Theory]
    [InlineData("仁兴街道汇报：今天在辖区北体社区开展反诈宣传，发放资料300份", "北体社区", "辖区北体社区")]
    [InlineData("今天带队到长春洽谈，签约农产品加工项目1个，协议投资2亿元", null, "签约农产品加工")]
    [InlineData("今天到平西乡调度光伏发电产业园项目，现场解决问题2个", "光伏发电产业园", "度光伏发电产业园")]
    [InlineData("今天赴沈阳学习借鉴园区招商经验3项", null, "借鉴园区")]
    [InlineData("今天市场监管局开展节后肉品安全检查，检查摊位20个", null, "节后肉品")]
    public void Serving_signing_dispatching_learning_and_holiday_words_end_a_place_on_its_left(string text, string? place, string notPlace)
    {
        var places = Parse(text).Places;

        Assert.DoesNotContain(notPlace, places);
        if (place is not null)
        {
            Assert.Contains(place, places);
        }
    }

    [Theory]
    [InlineData("10月12日到14日在英雄街道蹲点调研社区治理，前后两天半，走访居民40户", 2.5)]
    [InlineData("王副区长在平西乡蹲点调研秸秆利用，历时4天", 4.0)]
    public void The_length_stated_of_a_stay_is_its_research_days(string text, double days)
    {
        Assert.Equal(days, Metric(Parse(text), "research_days"));
    }

    [Theory]
    [InlineData("今天到区科技局调研，形成调研报告1篇，提出对策建议5条", 5.0)]
    [InlineData("到红嘴经济开发区调研营商环境，提出对策6项", 6.0)]
    public void Countermeasures_proposed_are_measures(string text, double measures)
    {
        Assert.Equal(measures, Metric(Parse(text), "measures"));
    }

    [Theory]
    [InlineData("今天巡南河平西段 发现漂浮垃圾三处 马上就清了", 3.0)]
    [InlineData("昨天查了北沟街道的供水管网 发现漏水点4个 都修好了", 4.0)]
    [InlineData("区农林水利局今天巡查石岭水库，清理违规网箱3处", 3.0)]
    public void Found_items_dealt_with_in_speech_are_solved(string text, double solved)
    {
        var report = Parse(text);

        Assert.Equal(solved, Metric(report, "problems_solved"));
        Assert.Equal(solved, Metric(report, "problems_found"));
    }

    [Fact]
    public void Items_handed_to_the_street_to_clear_are_not_solved()
    {
        Assert.Null(Metric(Parse("今天巡条子河北沟段，岸边有三处垃圾，已经让街道去清了"), "problems_solved"));
    }

    [Theory]
    [InlineData("今天区市场监管局对全区27家大型商超开展冷链食品检查，发现问题5处", 27.0)]
    [InlineData("区卫健局对辖区内19家诊所、药店开展专项检查", 19.0)]
    [InlineData("今天会同消防大队检查餐饮单位三十余家", 30.0)]
    [InlineData("今天督导创业扶持政策落实，走访创业主体9家", 9.0)]
    public void Inspected_stores_clinics_and_eateries_are_firms(string text, double enterprises)
    {
        Assert.Equal(enterprises, Metric(Parse(text), "enterprises"));
    }

    [Fact]
    public void A_look_at_stores_supplies_counts_no_firms()
    {
        Assert.Null(Metric(Parse("跑了一上午，看了北沟街道6家商超的保供情况"), "enterprises"));
    }

    [Theory]
    [InlineData("今天区长到平西乡调度秋粮收储，现场解决问题2个")]
    [InlineData("本月初 区长带经合局去大连招商 洽谈企业3家")]
    public void A_leader_named_by_the_bare_title_is_the_lead(string text)
    {
        Assert.Equal("区长", Parse(text).People[0]);
    }

    [Theory]
    [InlineData("9月2日，副区长于丽娟到仁兴街道调研社区养老服务", "于丽娟")]
    [InlineData("于海波副区长带领区住建局检查供热管网改造进度", "于海波")]
    [InlineData("今天区长于建国率队赴长春洽谈项目2个", "于建国")]
    public void A_leader_with_the_surname_yu_is_the_lead(string text, string lead)
    {
        Assert.Equal(lead, Parse(text).People[0]);
    }

    [Theory]
    [InlineData("副区长王强于9月2日到仁兴街道调研社区养老服务", "王强")]
    [InlineData("区长刘波于近日带队赴长春洽谈项目2个", "刘波")]
    public void Yu_as_a_preposition_after_a_leader_is_no_name(string text, string lead)
    {
        Assert.Equal([lead], Parse(text).People);
    }

    [Fact]
    public void A_district_head_meeting_names_no_lead()
    {
        Assert.Equal("张志刚", Parse("今天参加区长办公会，研究红嘴开发区征地问题").People[0]);
    }

    [Theory]
    [InlineData("人社局本周工作小结：1.周二在北沟街道举办就业招聘会1场，进场企业30家；2.周四开办育婴员培训班1期，培训学员25人", "民生")]
    [InlineData("区农林水利局本周小结：周一巡河南河平西段，发现垃圾2处；周三开展防汛业务培训1期", "河长")]
    public void A_weeks_round_up_is_named_by_its_first_item(string text, string activity)
    {
        Assert.Equal(activity, Parse(text).Activity);
    }

    [Theory]
    [InlineData("9月3日至5日带队赴江苏省无锡市滨湖区开展产业链招商，洽谈企业7家", "江苏省无锡市滨湖区")]
    [InlineData("赴山东省青岛市、烟台市考察海洋装备企业", "山东省青岛市")]
    [InlineData("带队到福建省厦门市学习自贸区经验", "福建省厦门市")]
    public void A_province_written_out_with_its_city_stays_in_the_name(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Fact]
    public void A_province_written_short_before_its_city_still_yields_the_city()
    {
        Assert.Equal(["无锡"], Parse("今天带队赴江苏无锡考察集成电路企业").Places);
    }

    [Theory]
    [InlineData("今天湖长巡查下洼子水库，未发现问题", "下洼子水库")]
    [InlineData("下午检查下河湾水库的防汛物资", "下河湾水库")]
    public void A_reservoir_name_starting_with_xia_after_a_verb_keeps_it(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("区金融办对典当公司、融资租赁公司等5家企业开展风险排查，发现隐患3个", "融资租赁公司")]
    [InlineData("今天走访物业公司、保洁公司等6家企业，了解用工情况", "物业公司")]
    public void Firms_listed_by_their_kind_alone_are_no_places(string text, string notPlace)
    {
        Assert.DoesNotContain(notPlace, Parse(text).Places);
    }

    [Theory]
    [InlineData("今天到大唐双辽发电厂检查冬季保供，要求确保机组稳定运行", "大唐双辽发电厂")]
    [InlineData("上午陪同副区长到四平联合化工厂、吉林长白水泥厂走访", "四平联合化工厂")]
    [InlineData("调研一汽解放轻型车厂等企业4家", "一汽解放轻型车厂")]
    [InlineData("今天到宏达电气厂调研用工情况", "宏达电气厂")]
    public void A_works_named_as_a_whole_is_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("深圳一家企业有意来红嘴开发区建电池组装厂", "电池组装厂")]
    [InlineData("今天到平西乡调度垃圾转运处理厂建设", "垃圾转运处理厂")]
    public void A_works_to_be_built_or_of_a_kind_is_no_place(string text, string notPlace)
    {
        Assert.DoesNotContain(notPlace, Parse(text).Places);
    }

    [Theory]
    [InlineData("城西棚改项目融资有进展：中国农业银行四平分行贷款已审批", "中国农业银行四平分行")]
    [InlineData("今天和交通银行铁西支行对接小微企业贷款", "交通银行铁西支行")]
    [InlineData("区属平台公司四平市城建投资有限公司与兴业银行长春分行签订授信协议", "四平市城建投资有限公司")]
    public void A_banks_branch_and_a_company_after_its_kind_are_places(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Fact]
    public void Banks_invited_to_a_meeting_are_no_places()
    {
        Assert.Empty(Parse("区财政局召开政银企对接会，邀请建设银行四平分行、交通银行四平分行等机构参加").Places);
    }

    [Theory]
    [InlineData("今天下午到四平市第二医院、区中医院调研医联体建设", "区中医院")]
    [InlineData("对四平欧亚广场、铁西区人民医院等场所开展消防检查", "四平欧亚广场")]
    [InlineData("先后到四平市第一高级中学、铁西区体育公园、南河滨河公园调研冰雪场地", "铁西区体育公园")]
    public void A_list_holding_a_facility_goes_on_with_facilities(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("东北师范大学附属中学铁西校区今天正式开学，新增学位800个", "东北师范大学附属中学铁西校区")]
    [InlineData("今天到吉林大学南校区对接人才项目", "吉林大学南校区")]
    [InlineData("上周二到市发改委跑局 汇报了站前片区城市更新项目", "站前片区")]
    public void A_campus_or_an_areas_part_is_named_whole(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("@铁西小助手 青龙湖湖长制巡查 今天沿湖走了一圈 没发现问题", "青龙湖")]
    [InlineData("今天石门河河长制巡查，河面干净", "石门河")]
    public void A_lake_or_river_before_its_chief_system_is_the_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("刚从沈阳回来 跑了省发改委 俩项目都报上去了", "沈阳")]
    [InlineData("副区长带队参加“吉商大会”长春经贸洽谈会，签约项目2个", "长春")]
    [InlineData("上周在大连跑了两天 主要是调研大连金普新区的营商环境", "大连金普新区")]
    public void A_city_come_back_from_an_event_there_or_its_district_looked_at_is_a_place(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Fact]
    public void A_city_where_people_met_work_is_no_place()
    {
        Assert.DoesNotContain("深圳", Parse("昨天陪区长见了在深圳工作的几位铁西籍企业家 有意向回乡投资").Places);
    }

    [Theory]
    [InlineData("今天四平宏宝莱饮品年产5万吨项目开工", "四平宏宝莱饮品")]
    [InlineData("今天华泰饮料二期项目开工，总投资8000万", "华泰饮料")]
    public void A_drinks_maker_named_by_its_trade_is_a_firm(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("公益培训第二期开班了 面点制作 报了46个人 在北沟街道")]
    [InlineData("今天举办家政服务培训第4期，学员35人")]
    public void A_training_sessions_ordinal_is_no_count_of_trainings(string text)
    {
        Assert.Null(Metric(Parse(text), "trainings"));
    }

    [Fact]
    public void A_grand_total_of_patrols_with_the_verb_outranks_the_first_count()
    {
        var text = "本月区级河长履职情况：王强副区长巡河3次，张志刚副区长巡河2次，合计巡河5次，共发现问题4个，全部整改";

        Assert.Equal(5.0, Metric(Parse(text), "patrols"));
    }

    [Fact]
    public void Days_stated_after_spoken_research_trips_are_research_days()
    {
        var report = Parse("这个月调研俩次 一共三天 报告还在写");

        Assert.Equal(2.0, Metric(report, "research_trips"));
        Assert.Equal(3.0, Metric(report, "research_days"));
    }

    [Theory]
    [InlineData("今天巡南河 发现3处垃圾已清", 3.0)]
    [InlineData("昨天跟住建局查了几个小区的燃气管道 隐患三处 当场改了", 3.0)]
    public void Found_items_cleared_or_fixed_on_the_spot_in_speech_are_solved(string text, double solved)
    {
        Assert.Equal(solved, Metric(Parse(text), "problems_solved"));
    }

    [Theory]
    [InlineData("上周二在沈阳跑了一天 调研营商环境 回来写了个报告")]
    [InlineData("昨天到平西乡调研秸秆禁烧，晚上写了一篇调研报告")]
    public void One_report_written_in_speech_is_counted(string text)
    {
        Assert.Equal(1.0, Metric(Parse(text), "reports"));
    }

    // Rules round 15k (after fresh batches 07w/07x).

    [Theory]
    [InlineData("今天跟两个局长上兴隆经济开发区转了一圈 看了看标准厂房", "兴隆经济开发区")]
    [InlineData("二是依托长白山师范学院开展订单式培训，培训120人", "长白山师范学院")]
    [InlineData("二是循环经济示范区内东盛化工有限公司废气问题已完成整改", "东盛化工有限公司")]
    public void A_place_starts_after_relying_on_a_title_going_up_and_within(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Theory]
    [InlineData("项目融资：争取中国农业发展银行红山支行贷款1.5亿元，合同下周签订", "中国农业发展银行红山支行")]
    [InlineData("今天走访了平西乡丰源粮食购销有限公司，了解收储情况", "平西乡丰源粮食购销有限公司")]
    [InlineData("今天到四平市交通建设投资有限公司调研融资情况", "四平市交通建设投资有限公司")]
    public void Banks_and_companies_holding_trade_township_or_building_words_are_named_whole(string text, string place)
    {
        Assert.Contains(place, Parse(text).Places);
    }

    [Fact]
    public void The_last_company_of_a_list_before_its_count_is_named()
    {
        var places = Parse("上午走访了四平市天宇机械有限公司、四平市金源食品有限公司两家 了解用工情况").Places;

        Assert.Contains("四平市天宇机械有限公司", places);
        Assert.Contains("四平市金源食品有限公司", places);
    }

    [Fact]
    public void Schools_colleges_and_campuses_named_after_a_city_are_places_in_any_list()
    {
        var visit = Parse("今天深入长春工程大学、四平市卫生学院、吉林省交通技师学院四平分院调研校企合作").Places;
        Assert.Contains("四平市卫生学院", visit);
        Assert.Contains("吉林省交通技师学院四平分院", visit);

        Assert.Contains("四平市第九中学", Parse("教育实事：铁西区第二小学食堂改造、四平市第九中学操场改造两个项目完工").Places);
        Assert.Contains("四平市第三中学南校区", Parse("今天深入四平市第三中学南校区调研").Places);
        Assert.Contains("东北师范大学人文学院", Parse("今天到东北师范大学人文学院对接人才合作").Places);
    }

    [Fact]
    public void Shopping_venues_and_markets_with_a_name_of_their_own_are_places()
    {
        var places = Parse("春节前带应急局检查了长春欧亚广场、四平新天地购物中心、兴盛商场 发现隐患4处").Places;
        Assert.Contains("长春欧亚广场", places);
        Assert.Contains("四平新天地购物中心", places);
        Assert.Contains("兴盛商场", places);

        Assert.Contains("北山路农贸市场", Parse("今天深入北山路农贸市场检查保供情况").Places);
    }

    [Theory]
    [InlineData("今天检查辖区大型商场、农贸市场的消防设施")]
    [InlineData("今天在地直街道协调兴隆商贸城二期项目征收问题")]
    public void Venues_of_a_kind_or_named_for_a_project_are_no_places(string text)
    {
        Assert.DoesNotContain(Parse(text).Places, p => p.EndsWith("商场", StringComparison.Ordinal) || p.EndsWith("商贸城", StringComparison.Ordinal) || p.EndsWith("市场", StringComparison.Ordinal));
    }

    [Fact]
    public void An_area_of_a_street_or_of_the_home_district_is_named_with_it()
    {
        var places = Parse("今天实地踏查了仁兴街道火车站片区、铁西区南湖片区的征收进度").Places;

        Assert.Contains("仁兴街道火车站片区", places);
        Assert.Contains("铁西区南湖片区", places);
    }

    [Theory]
    [InlineData("今天陪区长带区发改 住建 城管去北山社区看了看背街小巷改造", new[] { "区发改局", "区住建局", "区城管局" })]
    [InlineData("平商回巢 上午人社 经合联合开了在外乡贤座谈会 来了15位老板", new[] { "区人社局", "区经合局" })]
    [InlineData("区卫健今天牵头在兴华社区搞了义诊 来了200多人", new[] { "区卫健局" })]
    [InlineData("二龙山水库库区清理 跟文旅、医保一起去的", new[] { "区文旅局", "区医保局" })]
    public void Bureaus_named_in_speech_by_their_bare_abbreviation_are_units(string text, string[] units)
    {
        var found = Parse(text).Units;

        foreach (var unit in units)
        {
            Assert.Contains(unit, found);
        }
    }

    [Theory]
    [InlineData("今天去红嘴开发区调研了住建领域安全生产 走访企业3家")]
    [InlineData("已经合作的几家企业今天都来了 洽谈项目2个")]
    [InlineData("9月5日到仁兴街道调研 区发改局 区住建局参加")]
    public void An_abbreviation_inside_a_word_or_a_full_name_is_no_extra_unit(string text)
    {
        var units = Parse(text).Units;

        Assert.DoesNotContain("区经合局", units);
        Assert.DoesNotContain(units, u => u == "区住建局" && !text.Contains("住建局", StringComparison.Ordinal));
        Assert.Equal(units.Distinct().Count(), units.Count);
    }

    [Fact]
    public void A_zones_administrative_committee_is_a_unit_not_a_place()
    {
        var report = Parse("10月12日，区商务局、循环经济示范区管委会赴宁波开展精准招商，走访企业5家");

        Assert.DoesNotContain("循环经济示范区", report.Places);
        Assert.Contains("循环经济示范区管委会", report.Units);
        Assert.Contains("宁波", report.Places);
    }

    [Fact]
    public void A_park_of_the_home_district_cut_by_the_stem_limit_keeps_the_district()
    {
        Assert.Contains("铁西区电子信息产业园", Parse("今天参观了红嘴经济开发区、铁西区电子信息产业园").Places);
    }

    [Fact]
    public void Cities_listed_where_the_people_met_work_are_no_places()
    {
        var places = Parse("9月3日，在天津、大连经商发展的四平籍企业家一行6人回乡考察，参观了红嘴经济开发区").Places;

        Assert.DoesNotContain("天津", places);
        Assert.DoesNotContain("大连", places);
        Assert.Contains("红嘴经济开发区", places);
    }

    [Fact]
    public void A_province_with_its_county_level_city_is_one_place()
    {
        var places = Parse("10月20日至21日，副区长王强带领区经合局赴辽宁省大连市、吉林省公主岭市开展招商").Places;

        Assert.Equal(["辽宁省大连市", "吉林省公主岭市"], places);
    }

    [Fact]
    public void A_city_in_brackets_after_an_event_is_a_place()
    {
        Assert.Contains("沈阳", Parse("9月2日组织区内企业参加“东北亚博览会”经贸对接活动（沈阳），洽谈企业8家").Places);
    }

    [Fact]
    public void A_river_section_across_a_boundary_is_named_whole()
    {
        Assert.Contains("南河铁西铁东交界段", Parse("今天巡查了南河铁西铁东交界段 河面干净").Places);
    }

    [Fact]
    public void A_companys_branch_and_a_parks_phase_are_named_with_them()
    {
        Assert.Contains("四平市燃气集团有限公司红嘴分公司", Parse("今天到四平市燃气集团有限公司红嘴分公司检查管网改造").Places);
        Assert.Contains("四平铁西冷链物流园三期", Parse("本周到四平铁西冷链物流园三期现场调度").Places);
        Assert.DoesNotContain(Parse("本周完成四平铁西冷链物流园三期项目征收签约20户").Places, p => p.EndsWith("三期", StringComparison.Ordinal));
    }

    [Fact]
    public void Residential_compounds_with_a_name_of_their_own_are_places()
    {
        var places = Parse("今天上站前街道看了几个老旧小区 阳光小区 铁西二村小区 屋里都挺暖和").Places;

        Assert.Contains("阳光小区", places);
        Assert.Contains("铁西二村小区", places);
        Assert.DoesNotContain(places, p => p.Contains("老旧", StringComparison.Ordinal));
    }

    [Fact]
    public void Spoken_counts_of_problems_and_days_after_trips_are_read()
    {
        var solved = Parse("今天去兴隆经济开发区走访了两家企业 现场解决了仨问题");
        Assert.Equal(3.0, Metric(solved, "problems_solved"));

        var days = Parse("本月已经调研4次了 累计6天 今天在北沟街道");
        Assert.Equal(4.0, Metric(days, "research_trips"));
        Assert.Equal(6.0, Metric(days, "research_days"));
    }

    [Fact]
    public void A_department_of_a_national_ministry_is_named_with_it_and_a_written_out_ministry_is_a_unit()
    {
        var units = Parse("6月9日至10日，副区长王强赴北京跑部，到国家发展改革委地区司、商务部外资司、工业和信息化部汇报项目4个").Units;

        Assert.Contains("国家发展改革委地区司", units);
        Assert.Contains("商务部外资司", units);
        Assert.Contains("工业和信息化部", units);
        Assert.Contains("交通运输部", Parse("6月11日，副区长王强赴北京到交通运输部相关司汇报项目2个").Units);
    }

    [Theory]
    [InlineData("今天巡了南大沟红光村段 没发现问题", "南大沟红光村段", "红光村")]
    [InlineData("上午巡查东排干 水流正常 岸边干净", "东排干", null)]
    [InlineData("昨天下午巡北干渠永丰社区段 发现垃圾点1处 已清理", "北干渠永丰社区段", "永丰社区")]
    [InlineData("本月巡河6次 南河红嘴段4次 西大沟两次", "西大沟", null)]
    public void Ditches_named_by_direction_are_places_with_their_section(string text, string ditch, string? inside)
    {
        var places = Parse(text).Places;

        Assert.Contains(ditch, places);
        if (inside is not null)
        {
            Assert.DoesNotContain(inside, places);
        }
    }

    [Theory]
    [InlineData("今天组织村民清理排水沟 干了一上午")]
    [InlineData("村里的大沟淤了 已报乡里")]
    public void A_ditch_without_a_name_of_its_own_is_no_place(string text)
    {
        Assert.DoesNotContain(Parse(text).Places, p => p.Contains('沟', StringComparison.Ordinal));
    }

    [Fact]
    public void Shops_eateries_markets_and_farms_with_a_name_of_their_own_are_places()
    {
        var listed = Parse("今天仁兴街道查了沿街商户 金鼎火锅 王记饺子馆 旺客隆超市等12家 发放告知书").Places;
        Assert.Contains("金鼎火锅", listed);
        Assert.Contains("王记饺子馆", listed);
        Assert.Contains("旺客隆超市", listed);

        Assert.Contains("兴隆早市", Parse("上午在兴隆早市门口摆摊宣传防诈骗 发单页300张").Places);
        Assert.Contains("丰达养殖场", Parse("6月3号陪王区长到新立村看了丰达养殖场 研究扩建的事").Places);
        var smoke = Parse("查了北沟街道油烟 老刘家火锅 张记烧烤2家没装净化器").Places;
        Assert.Contains("老刘家火锅", smoke);
        Assert.Contains("张记烧烤", smoke);
    }

    [Theory]
    [InlineData("今天配合环保分局查了辖区8家烧烤店油烟")]
    [InlineData("本月取缔露天烧烤摊点5处")]
    [InlineData("节前检查商场超市6家 未发现问题")]
    [InlineData("陪王区长去英雄街道看了两家老字号饭店")]
    [InlineData("到省发改委汇报冷链物流和粮食仓储项目")]
    public void Shops_of_a_kind_or_a_project_topic_are_no_places(string text)
    {
        Assert.DoesNotContain(Parse(text).Places, p => p.EndsWith("烧烤", StringComparison.Ordinal) || p.EndsWith("超市", StringComparison.Ordinal)
                                                        || p.EndsWith("饭店", StringComparison.Ordinal) || p.EndsWith("物流", StringComparison.Ordinal));
    }

    [Fact]
    public void A_province_before_a_city_named_to_its_district_or_an_unlisted_city_is_named_with_it()
    {
        Assert.Contains("广东深圳南山区", Parse("5月6日至8日带区经合局赴广东深圳南山区对接 走访企业4家").Places);
        Assert.Contains("河南长垣", Parse("8月2日-4日带队去河南长垣考察起重装备产业 对接企业3家").Places);
        Assert.Contains("江苏江阴市", Parse("副区长赴江苏江阴市学习借鉴园区经验2项").Places);

        // A province alone, or before a city the list knows, stays as before (赴浙江考察; 到江苏南通考察 names 南通).
        Assert.Contains("浙江", Parse("9月3日至5日赴浙江考察新能源企业5家").Places);
        Assert.Contains("南通", Parse("9月3日至5日到江苏南通考察纺织企业5家").Places);
    }

    [Fact]
    public void The_examples_of_a_list_of_firms_are_places()
    {
        var places = Parse("十一月三日至五日赴苏州、无锡开展招商，拜访华瑞达、远航科创等企业六家，签约项目一个").Places;
        Assert.Contains("华瑞达", places);
        Assert.Contains("远航科创", places);

        Assert.Contains("金冠精工", Parse("在长春与鼎丰源、金冠精工等龙头企业对接，签约项目2个").Places);
        Assert.DoesNotContain(Parse("走访重点企业等12家").Places, p => p.Contains("企业", StringComparison.Ordinal));
    }

    [Fact]
    public void A_river_slope_a_village_official_a_project_word_and_staying_at_a_spot_end_no_names_of_their_own()
    {
        Assert.DoesNotContain(Parse("巡河 发现垃圾堆放河坡2处 已清1处").Places, p => p.EndsWith('河'));
        Assert.DoesNotContain(Parse("新立村 今天俩大学生村官帮着登记").Places, p => p.Contains("大学生", StringComparison.Ordinal));
        Assert.Contains("鑫源食用菌加工厂", Parse("红光村 返乡创业项目鑫源食用菌加工厂今天投产").Places);
        Assert.Contains("红光社区", Parse("英雄街道 今天蹲点红光社区 收集问题5条").Places);
    }

    [Theory]
    [InlineData("@铁西小助手 下礼拜抽空去条子河红嘴段转转 那段护栏还没装完")]
    [InlineData("下个月初打算再去各村走一遍防火，日子定了再通知大家")]
    [InlineData("风太大了 巡湖往后推推 等风停了再去 @铁西小助手")]
    [InlineData("今天有雨 调研改天再去")]
    public void A_plan_or_a_postponement_whose_only_done_mark_is_negated_or_a_condition_is_no_report(string text)
    {
        Assert.NotEqual(ReportKinds.Report, Parse(text).Kind);
    }

    [Theory]
    [InlineData("今天巡了南河红嘴段 河面还没化完 岸边垃圾清了两车")]
    [InlineData("下周的检查已经提前做完了 走访企业6家")]
    public void Work_done_beside_a_negated_mark_is_still_a_report(string text)
    {
        Assert.Equal(ReportKinds.Report, Parse(text).Kind);
    }

    [Fact]
    public void An_export_of_a_quoted_campaigns_ledger_is_a_command()
    {
        Assert.Equal(ReportKinds.Command, Parse("@铁西小助手 把三季度“走访企业解难题”活动的台账导出Excel").Kind);
    }

    [Theory]
    [InlineData("今儿跟市场监管查了平西乡3家加油站 发现隐患5处 当场改了3处", 5, 3)]
    [InlineData("巡河 11月2日 南河红嘴段 发现河坡堆放垃圾4处 已清1处", 4, 1)]
    [InlineData("今天巡查条子河城区段 发现岸边垃圾2处 已联系环卫当场清运", 2, 2)]
    public void Spoken_fixes_with_their_own_count_are_the_problems_solved(string text, double found, double solved)
    {
        var report = Parse(text);

        Assert.Equal(found, Metric(report, "problems_found"));
        Assert.Equal(solved, Metric(report, "problems_solved"));
    }

    [Theory]
    [InlineData("@铁西小助手 年终收尾 11月28日镇党委会对账全年36项任务 完成33项")]
    [InlineData("@铁西小助手 11月30日上午区政府常务会议，各部门逐一汇报全年民生实事完成情况，部署明年工作")]
    [InlineData("@铁西小助手 年底冲刺：11月20日听取区民政局、区文旅局、区医保局全年工作汇报，逐项明确补短措施")]
    public void A_bodys_meeting_named_after_its_day_or_a_hearing_of_several_bureaus_reports_is_a_meeting(string text)
    {
        Assert.Equal("会议", Parse(text).Activity);
    }

    [Fact]
    public void A_policy_passed_by_the_standing_meeting_is_no_meeting_held()
    {
        Assert.NotEqual("会议", Parse("@铁西小助手 人才新政今天常务会过了 下周印发").Activity);
    }

    [Theory]
    [InlineData("@铁西小助手 我和村书记王德福今天巡东排干红光村段 水流正常 没发现问题")]
    [InlineData("@铁西小助手 昨天上午巡南大沟 淤了50多米 已报乡里")]
    public void A_patrol_of_a_ditch_named_by_direction_is_river_chief_work(string text)
    {
        var report = Parse(text);

        Assert.Equal("河长", report.Activity);
        Assert.Equal(1, Metric(report, "patrols"));
    }

    [Theory]
    [InlineData("九月三日赴苏州开展招商，签约装备制造项目一个，协议投资四点二亿元", 4.2)]
    [InlineData("今天签约物流项目1个 总投资二十点七五亿元", 20.75)]
    public void An_amount_written_as_a_chinese_decimal_is_read_whole(string text, double investment)
    {
        Assert.Equal(investment, Metric(Parse(text), "investment"));
    }

    [Fact]
    public void A_school_or_hospital_named_after_the_city_that_opens_a_clause_is_the_place_reported()
    {
        Assert.Contains("四平市第九中学", Parse("@铁西小助手 教育局民生实事：四平市第九中学操场改造项目完成招标，总投资420万元").Places);
        Assert.DoesNotContain(Parse("@铁西小助手 卫健局：组织四平市中心医院专家到英雄街道开展义诊1次，服务群众200人次").Places,
            p => p.Contains("医院", StringComparison.Ordinal));
        Assert.DoesNotContain(Parse("@铁西小助手 今天平西乡卫生院与四平市妇幼保健院的远程会诊系统开通").Places,
            p => p.Contains("保健院", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parks_name_of_seven_or_eight_characters_or_with_a_stop_in_its_brand_is_taken_whole()
    {
        Assert.Contains("恒达精密铸造产业园", Parse("@铁西小助手 今天出席恒达精密铸造产业园开工仪式，总投资8亿元").Places);
        Assert.Contains("吉丰农机装备制造产业园", Parse("@铁西小助手 上午调研吉丰农机装备制造产业园 走访企业3家").Places);
    }

    [Theory]
    [InlineData("@铁西小助手 代孙区长报：5月8日到仁兴街道调研老旧小区改造，走访居民12户", "孙区长")]
    [InlineData("@铁西小助手 转邓书记：今天到胜利村检查春耕备耕，查看农资门店3家", "邓书记")]
    [InlineData("@铁西小助手 替李宏伟局长汇报：昨天带队到平西乡对接养殖项目2个", "李宏伟")]
    [InlineData("@铁西小助手 代区长郑阳报：今天上午到红嘴经济开发区走访企业4家", "郑阳")]
    public void A_post_made_on_behalf_of_a_leader_is_led_by_that_leader(string text, string lead)
    {
        Assert.Equal(lead, Parse(text).People[0]);
    }

    [Theory]
    [InlineData("@铁西小助手 代表区政府到平西乡慰问困难群众15户")]
    [InlineData("@铁西小助手 转发区政府办通知：明天下午开会")]
    public void Representing_or_forwarding_names_no_leader(string text)
    {
        var people = Parse(text).People;
        Assert.DoesNotContain(people, p => p.EndsWith("区长", StringComparison.Ordinal) || p.EndsWith("书记", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@铁西小助手 区委督查室今天对15个部门开展作风建设明察暗访，发现问题4个，已通报")]
    [InlineData("@铁西小助手 5月9日区纪委对区直单位开展作风纪律督查，发现脱岗问题2个")]
    public void A_check_of_officials_conduct_is_other_work_not_research(string text)
    {
        var report = Parse(text);

        Assert.Equal("其他", report.Activity);
        Assert.Null(Metric(report, "research_trips"));
    }

    [Fact]
    public void An_unannounced_visit_to_households_stays_research()
    {
        Assert.Equal("调研", Parse("@铁西小助手 今天到仁兴街道暗访冬季供暖，走访群众9户，发现问题2个").Activity);
    }

    [Theory]
    [InlineData("@铁西小助手 今天跟华腾智能又谈了一轮 签了合同", "华腾智能")]
    [InlineData("@铁西小助手 上午与恒通机电已签订合作协议", "恒通机电")]
    public void An_adverb_before_the_dealing_verb_is_not_part_of_a_firms_name(string text, string firm)
    {
        Assert.Contains(firm, Parse(text).Places);
    }

    [Theory]
    [InlineData("@铁西小助手 下午去仁兴街道 跟网格员唠谈了半天 收集意见6条")]
    [InlineData("@铁西小助手 对接汽车零部件企业4家，其中2家有意向来铁西设厂")]
    [InlineData("@铁西小助手 走访养老机构、投资理财公司等重点企业13家，发现风险隐患1个")]
    public void Roles_setting_up_a_plant_and_kinds_of_lender_are_no_places(string text)
    {
        Assert.DoesNotContain(Parse(text).Places, p => p.Contains('员', StringComparison.Ordinal) || p.EndsWith('厂') || p.Contains("理财", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("@铁西小助手 今天巡河 从红光村到胜利村那段南河 河道里有一处垃圾", "南河")]
    [InlineData("@铁西小助手 早上沿着这段东辽河走了一圈 没发现问题", "东辽河")]
    public void A_measure_word_before_a_river_is_not_its_name(string text, string river)
    {
        var places = Parse(text).Places;
        Assert.Contains(river, places);
        Assert.DoesNotContain(places, p => p.StartsWith('段'));
    }

    [Fact]
    public void Long_company_names_in_a_list_before_its_count_are_named_whole()
    {
        var places = Parse("@铁西小助手 9月3日，北方华冶建设集团、辽宁金川铝业、长春市宏泰精密机械集团等4家企业负责人来我区考察").Places;

        Assert.Contains("北方华冶建设集团", places);
        Assert.Contains("辽宁金川铝业", places);
        Assert.Contains("长春市宏泰精密机械集团", places);
    }

    [Theory]
    [InlineData("@铁西小助手 考察团先后走访嘉兴南湖高新区、常州市武进区经济开发区", "常州市武进区经济开发区")]
    [InlineData("@铁西小助手 考察团先后走访苏州工业园区、常州市武进区经济开发区", "常州市武进区经济开发区")]
    [InlineData("@铁西小助手 今天到莲花湖高新区考察智能装备企业2家", "莲花湖高新区")]
    [InlineData("@铁西小助手 先后到大王村科技园区、长春新区考察", "大王村科技园区")]
    public void A_written_run_of_city_district_and_zone_is_named_whole(string text, string place)
    {
        var places = Parse(text).Places;

        Assert.Contains(place, places);
        Assert.DoesNotContain(places, p => place.Contains(p, StringComparison.Ordinal) && p != place);
    }

    [Fact]
    public void A_zone_after_a_township_is_not_merged_with_it()
    {
        Assert.DoesNotContain("平西乡经济开发区", Parse("@铁西小助手 今天到平西乡经济开发区调研").Places);
    }

    [Fact]
    public void The_next_section_of_a_rivers_list_keeps_its_section_word()
    {
        var places = Parse("@铁西小助手 9月3日巡查南河北沟街道段、仁兴街道段，发现问题2处，已清理").Places;

        Assert.Contains("南河北沟街道段", places);
        Assert.Contains("仁兴街道段", places);
    }

    [Theory]
    [InlineData("@铁西小助手 5月6日深入红嘴经济开发区，走访华鑫包装有限公司、金达铸造等企业，了解复工达产和融资情况，协调解决问题3个")]
    [InlineData("@铁西小助手 今天走访辖区企业6家，了解复工和融资需求")]
    public void Visiting_firms_to_learn_how_they_do_is_research(string text)
    {
        Assert.Equal("调研", Parse(text).Activity);
    }

    [Fact]
    public void Visiting_a_firms_project_stays_project_work()
    {
        Assert.Equal("项目", Parse("@铁西小助手 今天走访华鑫包装有限公司 调度扩建项目开工进度").Activity);
    }

    [Fact]
    public void A_trip_ending_in_a_signed_contract_with_an_amount_is_investment_work()
    {
        var report = Parse("@铁西小助手 11月3号到5号又去了趟苏州 跟恒通机电谈了三轮 合同签了 投资1.5亿");

        Assert.Equal("招商", report.Activity);
        Assert.Null(Metric(report, "research_trips"));
    }

    [Fact]
    public void A_special_safety_check_of_shops_is_other_work()
    {
        var report = Parse("@铁西小助手 仁兴街道今天对辖区商超开展消防安全专项检查，检查门店35户，发现隐患4处，当场整改3处");

        Assert.Equal("其他", report.Activity);
        Assert.Null(report.Action);
    }

    [Fact]
    public void A_family_farm_with_a_name_of_its_own_is_a_place()
    {
        Assert.Contains("金穗家庭农场", Parse("@铁西小助手 今天到新立村走访金穗家庭农场和永丰种植合作社，了解春耕").Places);
        Assert.Empty(Parse("@铁西小助手 今天走访辖区家庭农场3家").Places);
    }

    // Rules round 15n: a verb or adverb before a place's suffix is no part of its name.
    [Theory]
    [InlineData("@铁西小助手 李明副区长10月9日到北沟街道调研，座谈社区网格员和商户代表15人", "北沟街道")]
    [InlineData("@铁西小助手 10月10日到站前街道，围绕社区食堂运营开展调研，走访老人8户", "站前街道")]
    [InlineData("@铁西小助手 地直街道召开专题会，梳理上半年社区矛盾纠纷问题7个", "地直街道")]
    [InlineData("@铁西小助手 区融媒体中心推出社区好人专栏报道4期，英雄街道同步宣讲3场", "英雄街道")]
    [InlineData("@铁西小助手 仁兴街道巡了一圈 有两处垃圾 已经喊街道来人清走了", "仁兴街道")]
    [InlineData("@铁西小助手 梳理第四季度园区企业用工需求，形成清单1份，平西乡同步摸排", "平西乡")]
    public void A_verb_before_a_suffix_is_not_read_into_a_place(string text, string only)
    {
        Assert.Equal([only], Parse(text).Places);
    }

    [Theory]
    [InlineData("刚巡完北河 两岸挺干净 没发现啥问题", "北河")]
    [InlineData("@铁西小助手 今天查完东辽河 发现一处垃圾 已清理", "东辽河")]
    [InlineData("@铁西小助手 北沟街道今天清理条子河仁兴段垃圾2吨", "条子河仁兴段")]
    public void A_river_keeps_its_name_after_a_finished_or_clearing_verb(string text, string river)
    {
        var places = Parse(text).Places;

        Assert.Contains(river, places);
        Assert.DoesNotContain(places, p => p.StartsWith('完') || p.StartsWith("清理", StringComparison.Ordinal));
    }

    [Fact]
    public void Villages_out_of_poverty_a_production_base_and_a_consultancy_are_kinds_not_places()
    {
        Assert.Equal(["平西乡"], Parse("@铁西小助手 今天到平西乡3个脱贫村走访，入户20户").Places);
        Assert.DoesNotContain("生产基地", Parse("@铁西小助手 对方拟投资3亿元在红嘴经济开发区建设生产基地").Places);
        Assert.Empty(Parse("@铁西小助手 联合区金融办排查投资咨询公司17家，发现风险线索1条").Places);
    }
}
