using Bot.Data.Units;
using Bot.Skills.Plans;
using Bot.Skills.ProgressReports;
using Bot.Tests.Support;

namespace Bot.Tests.ProgressReports;

public sealed class ReportParserTests
{
    private static readonly DateTimeOffset Monday = new(2026, 6, 8, 11, 0, 0, TimeSpan.FromHours(8));

    private static ParsedReport Parse(string text, DateTimeOffset? sentAt = null, string sender = "赵立新", int images = 0) =>
        ReportParser.Instance.Parse(new ReportMessage(text, sender, sentAt ?? Monday, images), SeedPlan.Vocabulary);

    [Theory]
    [InlineData("今天到北沟街道调研", "2026-06-08")]
    [InlineData("今日到北沟街道调研", "2026-06-08")]
    [InlineData("昨天到北沟街道调研", "2026-06-07")]
    [InlineData("前天到北沟街道调研", "2026-06-06")]
    [InlineData("上周三到北沟街道调研", "2026-06-03")]
    [InlineData("上周五到北沟街道调研", "2026-06-05")]
    [InlineData("本周一到北沟街道调研", "2026-06-08")]
    [InlineData("周日到北沟街道调研", "2026-06-07")]
    [InlineData("上午到北沟街道调研", "2026-06-08")]
    [InlineData("5月12日到北沟街道调研", "2026-05-12")]
    [InlineData("2026年5月12日到北沟街道调研", "2026-05-12")]
    [InlineData("2026-05-12到北沟街道调研", "2026-05-12")]
    [InlineData("５月１２日到北沟街道调研", "2026-05-12")]
    [InlineData("五月十二日到北沟街道调研", "2026-05-12")]
    [InlineData("汇报：6日上午到北沟街道调研", "2026-06-06")]
    [InlineData("5.20 到北沟街道调研", "2026-05-20")]
    [InlineData("刚刚到北沟街道调研", "2026-06-08")]
    public void Relative_and_absolute_dates_resolve_against_the_message_time(string text, string date)
    {
        var report = Parse(text);

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), report.Date);
        Assert.Null(report.EndDate);
    }

    [Fact]
    public void Relative_dates_use_the_day_in_Asia_Shanghai_not_in_utc()
    {
        // 17:30 UTC on 12 May is 01:30 on 13 May in Shanghai.
        var report = Parse("今天到北沟街道调研", new DateTimeOffset(2026, 5, 12, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 5, 13), report.Date);
    }

    [Theory]
    [InlineData("5月17日、18日在北沟街道蹲点调研", "2026-05-17", "2026-05-18", 2)]
    [InlineData("5月17日至19日在北沟街道蹲点调研", "2026-05-17", "2026-05-19", 3)]
    [InlineData("5月30日至6月1日在北沟街道蹲点调研", "2026-05-30", "2026-06-01", 3)]
    [InlineData("7月1日-2日在北沟街道蹲点调研", "2026-07-01", "2026-07-02", 2)]
    [InlineData("7月1-2日在北沟街道蹲点调研", "2026-07-01", "2026-07-02", 2)]
    [InlineData("７月１４日、１５日在北沟街道蹲点调研", "2026-07-14", "2026-07-15", 2)]
    [InlineData("6月1日、6月15日在北沟街道蹲点调研", "2026-06-01", "2026-06-15", 2)]
    [InlineData("昨天和今天在北沟街道蹲点调研", "2026-06-07", "2026-06-08", 2)]
    [InlineData("十月十二日至十四日在北沟街道蹲点调研", "2026-10-12", "2026-10-14", 3)]
    [InlineData("上周一至周三在北沟街道蹲点调研", "2026-06-01", "2026-06-03", 3)]
    public void Ranges_and_lists_of_days_give_the_first_and_last_day_and_the_research_days(string text, string date, string end, int days)
    {
        var report = Parse(text);

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), report.Date);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), report.EndDate);
        Assert.Equal(1, report.Metrics[MetricKeys.ResearchTrips]);
        Assert.Equal(days, report.Metrics[MetricKeys.ResearchDays]);
    }

    [Theory]
    [InlineData("近日到北沟街道走访调研")]
    [InlineData("本月到北沟街道走访调研3次")]
    [InlineData("一月份到北沟街道走访调研")]
    [InlineData("8月下旬到北沟街道走访调研")]
    [InlineData("北沟街道棚户区改造6月底完成")]
    [InlineData("发现问题3处，要求6月30日前完成整改")]
    [InlineData("截至5月31日，累计走访企业20家")]
    [InlineData("近日走访企业3家，产值同比增长5.2%，达到3.5，新增投资1.2亿元")]
    public void Vague_times_month_only_dates_and_deadlines_give_no_date(string text)
    {
        var report = Parse(text);

        Assert.Equal(ReportKinds.Report, report.Kind);
        Assert.Null(report.Date);
        Assert.Null(report.EndDate);
    }

    [Fact]
    public void A_december_day_in_a_january_message_belongs_to_the_year_before()
    {
        var report = Parse("12月30日到北沟街道调研", new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal(new DateOnly(2026, 12, 30), report.Date);
    }

    [Theory]
    [InlineData("区长刘波带领发改局局长陈建国到平西乡调研", "刘波,陈建国")]
    [InlineData("王强副区长带队到平西乡调研", "王强")]
    [InlineData("今天王强副区长带队到平西乡调研", "王强")]
    [InlineData("张志刚副区长今天到平西乡调研", "张志刚")]
    [InlineData("6月3日上午，副区长陈立新带队深入北沟街道调研老旧小区改造工作", "陈立新")]
    [InlineData("前天王副区长到平西乡调研", "王副区长")]
    [InlineData("周书记到平西乡调研", "周书记")]
    [InlineData("王强同志带队到平西乡调研", "王强")]
    [InlineData("王强副区长、张志刚副区长到平西乡调研", "王强,张志刚")]
    [InlineData("副区长王强、张志刚到平西乡调研", "王强,张志刚")]
    [InlineData("区长刘波今天到平西乡调研", "刘波")]
    [InlineData("今天到平西乡调研", "赵立新")]
    public void People_are_named_without_titles_lead_first_and_default_to_the_sender(string text, string people)
    {
        var report = Parse(text);

        Assert.Equal(people.Split(','), report.People);
    }

    [Theory]
    [InlineData("深入地直街道、站前街道走访调研", "地直街道,站前街道")]
    [InlineData("到平西乡的新立村、东升村调研", "平西乡,新立村,东升村")]
    [InlineData("在新立村、永发村等5个村开展政策宣传", "新立村,永发村")]
    [InlineData("再循环经济示范区蹲点", "循环经济示范区")]
    [InlineData("在红嘴经济开发区蹲点调研", "红嘴经济开发区")]
    [InlineData("今天巡查条子河铁西段", "条子河铁西段")]
    [InlineData("两次巡查南河铁西段和石岭水库", "南河铁西段,石岭水库")]
    [InlineData("与韩国大成食品株式会社签订投资协议", "韩国大成食品株式会社")]
    [InlineData("赴苏州、深圳开展招商引资活动", "苏州,深圳")]
    [InlineData("赴金华市婺城区开展对口合作交流", "金华市婺城区")]
    [InlineData("在英雄街道幸福社区开展义诊活动", "英雄街道,幸福社区")]
    [InlineData("我乡接待金华市婺城区对口合作考察团，对接项目1个", "")]
    [InlineData("调研乡村振兴工作，和社区干部座谈，实地查看农村公路", "")]
    public void Places_are_found_as_written_and_places_people_came_from_are_not(string text, string places)
    {
        var report = Parse(text);

        Assert.Equal(places.Length == 0 ? [] : places.Split(','), report.Places);
    }

    [Theory]
    [InlineData("带发改局、住建局、交通管理处到平西乡调研", "区发改局,区住建局,区交通管理处")]
    [InlineData("组织财政局、金融办开展防范化解风险排查", "区财政局,区金融办")]
    [InlineData("到省发改委、省财政厅汇报对接项目", "省发改委,省财政厅")]
    [InlineData("政务服务中心举办专题培训班", "区政务服务中心")]
    [InlineData("环保分局、消防大队联合开展检查", "环保分局,消防大队")]
    [InlineData("区应急局和乡村振兴局到平西乡督导", "区应急局,区乡村振兴局")]
    [InlineData("组织全局干部参加培训，举办培训班2期", "")]
    [InlineData("赴长春跑厅争取资金", "")]
    public void Units_are_normalised_through_the_roster_and_district_units_get_the_prefix(string text, string units)
    {
        var report = Parse(text);

        Assert.Equal(units.Length == 0 ? [] : units.Split(','), report.Units);
    }

    [Theory]
    [InlineData("走访企业十二家，形成调研报告两篇", "enterprises=12,reports=2")]
    [InlineData("培训学员150余人，共培训两场、参训八十余人", "trainings=2,trainees=150")]
    [InlineData("签约项目2个，协议总投资5.3亿元", "projects=2,investment=5.3")]
    [InlineData("争取银行贷款3000万元", "investment=0.3")]
    [InlineData("与客商洽谈，拟投资三千万元建设养殖项目", "investment=0.3")]
    [InlineData("投资1000万美元建设加工项目", "")]
    [InlineData("完成管网改造12.6公里，征收签约312户，完成70%，第12次会议", "")]
    [InlineData("发现问题4处，已整改3处", "problems_found=4,problems_solved=3")]
    [InlineData("现场协调解决问题2个", "problems_found=2,problems_solved=2")]
    [InlineData("3处问题已全部整改", "problems_found=3,problems_solved=3")]
    [InlineData("发现问题3处已全部整改", "problems_found=3,problems_solved=3")]
    [InlineData("发现问题3处，已交办属地限期清理", "problems_found=3")]
    [InlineData("河面清洁，未发现问题", "")]
    [InlineData("开展乡级巡河5次", "patrols=5")]
    [InlineData("开展政策宣讲活动2场，发放宣传资料1500余份", "events=2")]
    [InlineData("转化调研成果1项，谋划政策措施2项，学习借鉴先进经验两项", "results=1,measures=2,experiences=2")]
    [InlineData("本月共开展专题调研4次，累计调研6天", "research_trips=4,research_days=6")]
    public void Stated_counts_become_canonical_metrics(string text, string metrics)
    {
        var report = Parse("近日" + text);

        var expected = metrics.Length == 0
            ? []
            : metrics.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.OrderBy(p => MetricKeys.IndexOf(p.Key)), report.Metrics);
    }

    [Fact]
    public void One_dated_river_patrol_counts_one_patrol_and_asks_for_photos_when_none_came()
    {
        var without = Parse("今天上午巡查条子河城区段，河面清洁，未发现问题。");
        var with = Parse("今天上午巡查条子河城区段，河面清洁，未发现问题。", images: 2);

        Assert.Equal("河长", without.Activity);
        Assert.Equal(6, without.Action);
        Assert.Equal([new KeyValuePair<string, double>(MetricKeys.Patrols, 1)], without.Metrics);
        Assert.Contains(ReportFields.Photos, without.Missing);
        Assert.Equal(2, with.Photos);
        Assert.DoesNotContain(ReportFields.Photos, with.Missing);
    }

    [Theory]
    [InlineData("5月12日赴平西乡调研乡村振兴工作", "调研", 1)]
    [InlineData("今天到平西乡调研脱贫攻坚成果巩固工作", "调研", 1)]
    [InlineData("赴苏州开展招商引资活动，签约项目2个", "招商", 2)]
    [InlineData("赴长春跑厅，到省发改委汇报对接项目", "招商", 2)]
    [InlineData("7月17日参加全球吉商大会，现场签约项目1个", "招商", 3)]
    [InlineData("人社局牵头起草的返乡创业政策已完成初稿", "招商", 3)]
    [InlineData("今天举办河长制工作培训班，培训河长90人", "培训", 4)]
    [InlineData("今天实地踏查集中开工重点项目6个", "项目", 5)]
    [InlineData("今天巡查条子河，检查河道清淤情况", "河长", 6)]
    [InlineData("中央环保督察反馈问题已全部完成整改", "攻坚", 6)]
    [InlineData("主持召开常务会议，听取三大攻坚战进展情况汇报", "会议", 6)]
    [InlineData("今天在光明社区开展惠民政策宣讲活动2场", "宣传", 7)]
    [InlineData("百日攻坚：本周梳理难点问题8个，集中攻坚", "攻坚", 8)]
    [InlineData("百日攻坚：今天到红嘴经济开发区调度重点项目建设", "项目", 8)]
    [InlineData("民生实事进展：地直街道棚户区改造项目已完成征收签约312户", "民生", 9)]
    [InlineData("农村厕所革命：本月新完成户厕改造86户", "民生", 9)]
    [InlineData("12月21日召开区政府党组会议，部署年底巩固提升工作", "会议", 10)]
    [InlineData("今天召开全区防汛工作调度会", "会议", null)]
    [InlineData("今天开展冬季消防安全检查，发现隐患5处", "其他", null)]
    public void The_kind_of_work_and_the_plan_action_come_from_the_plan(string text, string activity, int? action)
    {
        var report = Parse(text);

        Assert.Equal(activity, report.Activity);
        Assert.Equal(action, report.Action);
    }

    [Fact]
    public void A_street_named_in_a_report_is_read_whole_when_the_roster_holds_the_collective_of_all_streets()
    {
        // The plan's 各街道办事处 is stored as a unit with the aliases 街道 and 街; they name no place of their own.
        var units = new List<Unit>
        {
            new() { Name = UnitNames.AllStreets, Aliases = UnitNames.AliasesOf(UnitNames.AllStreets), Type = UnitTypes.Subdistrict },
            new() { Name = UnitNames.AllTownships, Aliases = UnitNames.AliasesOf(UnitNames.AllTownships), Type = UnitTypes.Township },
        };
        var vocabulary = ReportVocabulary.Build(null, units);
        var sent = new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.FromHours(8));

        var parsed = ReportParser.Instance.Parse(new ReportMessage("今天到北山街道调研企业3家，又去了和平镇", "王强", sent), vocabulary);

        Assert.Equal(["北山街道", "和平镇"], parsed.Places);
        Assert.Empty(parsed.Units);
    }

    [Fact]
    public void A_plan_with_other_titles_brings_its_own_action_mapping()
    {
        var plan = new Bot.Data.Plans.Plan
        {
            Title = "2027年重点工作方案",
            Actions =
            [
                new() { Number = 1, Title = "“项目建设年”行动", Description = "全年推进重点项目开工建设。" },
                new() { Number = 2, Title = "“双招双引”行动", Description = "开展招商引资和人才引进，参加“东北亚博览会”。" },
                new() { Number = 3, Title = "“河湖长制提升”行动", Description = "落实河长制湖长制，区级河长每半月巡河一次。" },
                new() { Number = 4, Title = "“基层调研月”行动", Description = "领导干部深入基层走访调研。" },
            ],
        };
        var vocabulary = ReportVocabulary.Build(plan, []);
        var sent = new DateTimeOffset(2027, 5, 10, 18, 0, 0, TimeSpan.FromHours(8));
        ParsedReport P(string text) => ReportParser.Instance.Parse(new ReportMessage(text, "王强", sent), vocabulary);

        Assert.Equal(4, P("今天到北沟街道调研").Action);
        Assert.Equal(2, P("赴苏州开展招商引资，签约项目2个").Action);
        Assert.Equal(1, P("今天踏查重点项目开工情况").Action);
        Assert.Equal(3, P("今天巡查条子河").Action);
        Assert.Equal(2, P("参加东北亚博览会，对接企业5家").Action);
        Assert.Null(P("今天到平西乡督导脱贫攻坚工作").Action);
        Assert.Equal(4, vocabulary.ActionFor("调研"));
        Assert.Null(vocabulary.ActionFor("培训"));
    }

    [Fact]
    public void Without_a_plan_the_kind_of_work_is_still_found_but_no_action()
    {
        var report = ReportParser.Instance.Parse(new ReportMessage("今天到北沟街道调研", "王强", Monday), ReportVocabulary.Empty);

        Assert.Equal("调研", report.Activity);
        Assert.Null(report.Action);
        Assert.Contains(ReportFields.Action, report.Missing);
    }

    [Fact]
    public void A_complete_report_is_confident_and_misses_nothing()
    {
        var report = Parse("@铁西小助手 汇报：5月12日赴平西乡调研乡村振兴工作，走访企业3家，形成调研报告1篇");

        Assert.True(report.Confidence >= 0.9, $"confidence {report.Confidence}");
        Assert.Empty(report.Missing);
        Assert.Equal(ReportSources.Rules, report.Source);
    }

    [Fact]
    public void A_report_without_day_or_plan_link_is_unsure_and_asks_for_date_and_action()
    {
        var report = Parse("近日陪同市里领导看了看城东片区的情况");

        Assert.True(report.Confidence < 0.6, $"confidence {report.Confidence}");
        Assert.Equal([ReportFields.Date, ReportFields.Action], report.Missing);
    }

    [Fact]
    public void Non_reports_carry_no_fields()
    {
        var report = Parse("@铁西小助手 本月谁还没汇报？", images: 3);

        Assert.Equal(ReportKinds.Query, report.Kind);
        Assert.Null(report.Activity);
        Assert.Null(report.Date);
        Assert.Empty(report.People);
        Assert.Empty(report.Metrics);
        Assert.Equal(0, report.Photos);
        Assert.Empty(report.Missing);
    }
}
