using Bot.Skills.ProgressReports;

namespace Bot.Tests.ProgressReports;

public sealed class MessageClassifierTests
{
    [Theory]
    [InlineData("@铁西小助手 汇报：今天到平西乡调研", "report")]
    [InlineData("@铁西小助手汇报：今天到平西乡调研", "report")]
    [InlineData("＠铁西小助手\u2005汇报：今天到平西乡调研", "report")]
    [InlineData("  补报：上周三去英雄街道调研社区养老服务", "report")]
    [InlineData("【工作动态】7月9日，平西乡开展防溺水安全宣传进村入户活动", "report")]
    [InlineData("1-7月全区规上工业产值同比增长8.2%，新增市场主体1260户", "report")]
    [InlineData("@铁西小助手 更正：是2天不是1天", "correction")]
    [InlineData("@铁西小助手 刚才那条不对，开工是今天", "correction")]
    [InlineData("@铁西小助手 刚才汇报的走访企业数改为6家", "correction")]
    [InlineData("@铁西小助手 撤回刚才那条，签完再报", "correction")]
    [InlineData("@铁西小助手 修改：协议总投资应为5.8亿元", "correction")]
    [InlineData("@铁西小助手 上条照片发错了，以这条为准", "correction")]
    [InlineData("@铁西小助手 帮助", "command")]
    [InlineData("@铁西小助手 任务清单", "command")]
    [InlineData("@铁西小助手 导出本季度台账", "command")]
    [InlineData("@铁西小助手 催报 @李敏", "command")]
    [InlineData("@铁西小助手 第3项销号", "command")]
    [InlineData("@铁西小助手 请帮我导出5月份台账", "command")]
    [InlineData("@铁西小助手 本月谁还没汇报？", "query")]
    [InlineData("@铁西小助手 本月调研情况", "query")]
    [InlineData("@铁西小助手 大招商行动进展如何", "query")]
    [InlineData("@铁西小助手 王副区长本季度调研几天？", "query")]
    [InlineData("@铁西小助手 查询一下逾期任务有哪些", "query")]
    [InlineData("@铁西小助手 统计下三季度各位副区长巡河次数", "query")]
    [InlineData("@铁西小助手 谢谢", "other")]
    [InlineData("@铁西小助手 收到", "other")]
    [InlineData("@铁西小助手 好的，明天一早补报👌", "other")]
    [InlineData("@铁西小助手 👍👍👍", "other")]
    [InlineData("@铁西小助手", "other")]
    [InlineData("", "other")]
    [InlineData("。。。", "other")]
    public void Messages_are_classified_despite_mentions_greetings_and_noise(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void Full_width_characters_are_folded_before_reading()
    {
        Assert.Equal("汇报:7月14日,到平西乡调研?", TextNormalizer.Normalize("@铁西小助手 汇报：７月１４日，到平西乡调研？"));
    }

    [Theory]
    [InlineData("十二", 12)]
    [InlineData("两", 2)]
    [InlineData("俩", 2)]
    [InlineData("八十", 80)]
    [InlineData("一百二十", 120)]
    [InlineData("一千零五", 1005)]
    [InlineData("两万", 20000)]
    [InlineData("23.5", 23.5)]
    public void Chinese_and_arabic_numerals_are_read(string text, double value)
    {
        Assert.True(ChineseNumerals.TryParse(text, out var parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("后天上午九点出发去东辽河巡河，请水务站带好测量仪")]
    [InlineData("@铁西小助手 下礼拜三去英雄街道看看老旧小区，请住建局安排一个人")]
    [InlineData("@铁西小助手 我明天下午到红光村调研庭院经济，麻烦村里准备下")]
    [InlineData("计划下周二赴长春对接两家汽配企业，请经合局提前联系")]
    public void A_plan_for_a_coming_day_with_nothing_done_is_no_report(string text)
    {
        Assert.Equal("other", MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("@铁西小助手 今天走访了4家商户，明天继续")]
    [InlineData("@铁西小助手 今天到三合村走访了5户种植户，下周再去一趟")]
    [InlineData("计划总投资5亿元的储能项目今天开工")]
    public void Done_work_with_a_next_step_stays_a_report(string text)
    {
        Assert.Equal("report", MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("【转发】区应急局关于做好汛期值守工作的通知，请各单位于6月1日前报送值班表")]
    [InlineData("【通知】本周日（5月17日）正常上班，请各科室安排好工作")]
    [InlineData("转发：市政府办公室关于开展安全生产大检查的通知，请各部门认真落实")]
    [InlineData("提醒：各位领导本季度巡河照片请于25日前上传，逾期系统将自动催报")]
    public void A_forwarded_or_headed_notice_is_no_report(string text)
    {
        Assert.Equal("other", MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("李局长，明早的调度会我请个假，在红嘴开发区走不开")]
    [InlineData("张科，麻烦把北沟街道的材料发我邮箱")]
    [InlineData("下周六工会组织乒乓球赛 想参加的报个名")]
    [InlineData("区机关趣味运动会本月底举行，欢迎大家踊跃报名")]
    [InlineData("今天食堂有包子 😋")]
    [InlineData("楼下超市有打折的苹果")]
    public void Notes_to_colleagues_invitations_and_small_talk_are_no_reports(string text)
    {
        Assert.Equal("other", MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("@铁西小助手 第五项 销号", "command")]
    [InlineData("@铁西小助手 第十二项办结", "command")]
    [InlineData("@铁西小助手 刚才那个走访户数改一下 是12户", "correction")]
    [InlineData("@铁西小助手 刚才汇报的调研是三个人去的，把李副区长也加上", "correction")]
    [InlineData("@铁西小助手 这个月我调研照片传了几张", "query")]
    [InlineData("@铁西小助手 北沟街道那个棚改项目现在进度如何", "query")]
    [InlineData("@铁西小助手 逾期没销号的任务都有哪些", "query")]
    [InlineData("@铁西小助手 昨儿跑了趟省发改委 把那个技改项目的备案办下来了", "report")]
    [InlineData("季度总结材料我这块弄完了 下周一交政府办", "report")]
    public void Chinese_item_numbers_amendments_photo_counts_and_colloquial_days_are_read(string text, string kind)
    {
        Assert.Equal(kind, MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("@铁西小助手 今天到站前街道走访困难户12户，收集诉求3个，刚才说错了，是收集诉求4个")]
    [InlineData("@铁西小助手 汇报：昨天在平西乡举办农机操作培训1期，参训农户六十人，说错了，是2期不是1期")]
    [InlineData("@铁西小助手 区商务局组织企业参加广交会，签约订单3个？不对，是5个，金额八百万元")]
    public void A_report_that_corrects_itself_inline_is_a_report(string text)
    {
        Assert.Equal("report", MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("@铁西小助手 刚才说错了，是6家不是5家")]
    [InlineData("@铁西小助手 培训是4期，不是3期，漏算了北沟街道那一期，请更正")]
    public void A_correction_with_nothing_reported_before_it_stays_a_correction(string text)
    {
        Assert.Equal("correction", MessageClassifier.Classify(text).Kind);
    }

    [Theory]
    [InlineData("【转】市农业农村局通知：请各县区于9月10日前上报秋粮收购进度")]
    [InlineData("[转] 区财政局：本周五前报送三季度资金使用情况")]
    public void A_message_headed_with_the_bare_forward_mark_is_a_notice_not_a_report(string text)
    {
        Assert.Equal("other", MessageClassifier.Classify(text).Kind);
    }

    [Fact]
    public void A_bracketed_heading_that_only_starts_with_zhuan_is_no_forward()
    {
        Assert.Equal("report", MessageClassifier.Classify("【转型升级】今天到红嘴开发区走访企业4家，解决用电问题2个").Kind);
    }

    [Theory]
    [InlineData("@铁西小助手 转发吉林日报：伊通县一季度新签约项目18个，值得借鉴")]
    [InlineData("@铁西小助手 转发区融媒体中心：双辽市秋季造林工作全面完成")]
    [InlineData("@铁西小助手 各位领导：12月20日前请报送年度考核材料")]
    [InlineData("@铁西小助手 各位同事：本周六请参加义务植树，地点另行通知")]
    [InlineData("@铁西小助手 系统登不进去 咋办")]
    [InlineData("@铁西小助手 汇报一下 上周的走访台账 导不出来 怎么弄")]
    [InlineData("@铁西小助手 王磊 巡河台账那几页你再补一下")]
    [InlineData("@铁西小助手 刘畅 项目进度表你们跟住建局再对一下")]
    public void Forwarded_press_reader_requests_how_to_questions_and_notes_by_name_are_no_reports(string text)
    {
        Assert.Equal("other", MessageClassifier.Classify(text).Kind);
    }
}
