using Bot.Data.Audit;
using Bot.Tests.Support;

namespace Bot.Tests.Skills.Conversation;

/// <summary>
/// Issue 14 (the conversation): scripted conversations through the real router, on SQLite and MariaDB, for pending
/// follow-ups, corrections that name their record, withdrawal and restore, and questions that are never stored.
/// </summary>
public sealed class ConversationRepairTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_pending_follow_up_does_not_swallow_a_question_and_still_takes_its_answer_afterwards(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        await chat.SayAsync("王强", "汇报：今天赴平西乡调研，走访企业3家");
        await chat.SayAsync("王强", "撤回");

        var asked = await chat.SayAsync("王强", "近日到北沟街道调研");
        var overdue = await chat.SayAsync("王强", "逾期任务");
        var done = await chat.SayAsync("王强", "5月18日");

        Assert.Contains("哪天", asked, StringComparison.Ordinal);
        Assert.Contains("逾期任务", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain("日期", overdue, StringComparison.Ordinal);
        Assert.Contains("5月18日", done, StringComparison.Ordinal);
        var live = Assert.Single(await chat.LiveAsync());
        Assert.Equal((new DateOnly(2026, 5, 18), "北沟街道"), (live.WorkDate!.Value, live.Places.Single()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_withdrawn_report_is_not_brought_back_by_answering_its_follow_up(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var asked = await chat.SayAsync("王强", "近日到北沟街道调研");
        var withdrawn = await chat.SayAsync("王强", "撤回");

        var answer = await chat.SayAsync("王强", "5月18日");

        Assert.Contains("哪天", asked, StringComparison.Ordinal);
        Assert.Contains("已撤回", withdrawn, StringComparison.Ordinal);
        Assert.DoesNotContain("已补充", answer, StringComparison.Ordinal);
        Assert.Empty(await chat.LiveAsync());
        var versions = await chat.Reports.GetVersionsAsync(ScriptedChat.NumberIn(asked));
        Assert.True(Assert.Single(versions).Withdrawn);
        Assert.Empty(await chat.Reports.SumMetricsAsync(new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Correcting_report_N_by_number_changes_report_N_and_creates_no_report(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var first = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));
        var second = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月13日到北沟街道调研，走访企业2家"));

        var reply = await chat.SayAsync("王强", $"#{first} 更正：走访企业5家");

        Assert.Contains("3→5", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("哪天", reply, StringComparison.Ordinal);
        var live = await chat.LiveAsync();
        Assert.Equal(2, live.Count);
        Assert.Equal(5d, live.Single(r => r.RootId == first).Metrics["enterprises"]);
        Assert.Equal(2d, live.Single(r => r.RootId == second).Metrics["enterprises"]);
        Assert.Contains(await chat.Db.Get<IAuditRepository>().ListAsync("progress_report"), a => a.Action == "report.correct" && a.Actor == "王强");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_number_may_follow_the_correction_word_and_a_restated_date_replaces_the_date(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));
        await chat.SayAsync("王强", "汇报：5月13日到北沟街道调研");

        var reply = await chat.SayAsync("王强", $"更正 #{id} 日期是5月17日");

        Assert.Contains("5月12日→5月17日", reply, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 5, 17), (await chat.Reports.FindCurrentAsync(id))!.WorkDate);
        Assert.Equal(2, (await chat.LiveAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_help_texts_example_is_not_2_days_but_1_changes_the_research_days(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));

        var reply = await chat.SayAsync("王强", "更正：是2天不是1天");

        Assert.Contains("1→2天", reply, StringComparison.Ordinal);
        var current = (await chat.Reports.FindCurrentAsync(id))!;
        Assert.Equal((2d, 3d), (current.Metrics["research_days"], current.Metrics["enterprises"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plain_correction_changes_the_senders_latest_report_not_the_one_another_leader_sent_after_it(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var mine = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));
        var theirs = ScriptedChat.NumberIn(await chat.SayAsync("张志刚", "汇报：5月13日到站前街道调研，走访企业3家"));

        var reply = await chat.SayAsync("王强", "更正：走访企业5家");

        Assert.Contains($"第{mine}条", reply, StringComparison.Ordinal);
        Assert.Equal(5d, (await chat.Reports.FindCurrentAsync(mine))!.Metrics["enterprises"]);
        Assert.Equal(3d, (await chat.Reports.FindCurrentAsync(theirs))!.Metrics["enterprises"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_correction_that_could_mean_two_reports_asks_which_listing_their_numbers_and_changes_nothing(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var office = ScriptedChat.NumberIn(await chat.SayAsync("高玉梅", "汇报：5月12日到站前街道督导检查营商环境，走访企业3家"));
        var leader = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月13日到北沟街道调研，走访企业3家"));

        var reply = await chat.SayAsync("高玉梅", "更正：走访企业5家");

        Assert.Contains($"#{office}", reply, StringComparison.Ordinal);
        Assert.Contains($"#{leader}", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("已更正", reply, StringComparison.Ordinal);
        Assert.All(await chat.LiveAsync(), r => Assert.Equal(1, r.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_reply_quoting_the_bots_confirmation_corrects_the_quoted_report(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var quoted = await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家");
        var id = ScriptedChat.NumberIn(quoted);
        var other = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月13日到北沟街道调研，走访企业2家"));
        var quote = quoted.Split('\n')[0];
        var raw = "{\"msgtype\":\"text\",\"text\":{\"content\":\"更正：走访企业5家\"},\"quote\":{\"content\":\"" + quote + "\"}}";

        var reply = await chat.SayAsync("王强", "更正：走访企业5家", raw);

        Assert.Contains("3→5", reply, StringComparison.Ordinal);
        Assert.Equal(5d, (await chat.Reports.FindCurrentAsync(id))!.Metrics["enterprises"]);
        Assert.Equal(2d, (await chat.Reports.FindCurrentAsync(other))!.Metrics["enterprises"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Places_are_replaced_added_and_removed_and_the_action_restated(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));

        var replaced = await chat.SayAsync("王强", "更正：地点改为平东街道");
        var added = await chat.SayAsync("王强", "更正：加上北沟街道");
        var removed = await chat.SayAsync("王强", "更正：去掉平东街道");
        var action = await chat.SayAsync("王强", "更正：行动是大招商");

        Assert.Contains("平西乡→平东街道", replaced, StringComparison.Ordinal);
        Assert.Contains("平东街道→平东街道、北沟街道", added, StringComparison.Ordinal);
        Assert.Contains("→北沟街道", removed, StringComparison.Ordinal);
        Assert.Contains("行动一→行动二", action, StringComparison.Ordinal);
        var current = (await chat.Reports.FindCurrentAsync(id))!;
        Assert.Equal(["北沟街道"], current.Places);
        Assert.Equal((2, 5), (current.Action!.Value, current.Version));
        Assert.Single(await chat.LiveAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_person_is_added_to_and_removed_from_a_report(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));

        var added = await chat.SayAsync("王强", "更正：加上张志刚");
        var removed = await chat.SayAsync("王强", "更正：去掉张志刚");

        Assert.Contains("张志刚", added, StringComparison.Ordinal);
        Assert.Contains("人员", removed, StringComparison.Ordinal);
        var versions = await chat.Reports.GetVersionsAsync(id);
        Assert.Contains("张志刚", versions[1].People);
        Assert.DoesNotContain("张志刚", versions[2].People);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Only_the_reporter_the_leader_or_the_office_may_correct_withdraw_or_restore(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("刘海燕", "代王强副区长汇报：5月12日赴平西乡调研，走访企业3家"));

        var stranger = await chat.SayAsync("李敏", $"#{id} 更正：走访企业5家");
        var strangerWithdraws = await chat.SayAsync("李敏", $"撤回 #{id}");
        var leader = await chat.SayAsync("王强", $"#{id} 更正：走访企业4家");
        var office = await chat.SayAsync("高玉梅", $"撤回 #{id}");
        var reporter = await chat.SayAsync("刘海燕", $"恢复 #{id}");

        Assert.Contains("只有汇报人、被汇报的领导或区政府办", stranger, StringComparison.Ordinal);
        Assert.Contains("只有汇报人、被汇报的领导或区政府办", strangerWithdraws, StringComparison.Ordinal);
        Assert.Contains("3→4", leader, StringComparison.Ordinal);
        Assert.Contains("已撤回", office, StringComparison.Ordinal);
        Assert.Contains("已恢复", reporter, StringComparison.Ordinal);
        var audit = await chat.Db.Get<IAuditRepository>().ListAsync("progress_report");
        Assert.Contains(audit, a => a.Action == "report.correct" && a.Actor == "王强");
        Assert.Contains(audit, a => a.Action == "report.withdraw" && a.Actor == "高玉梅");
        Assert.Contains(audit, a => a.Action == "report.restore" && a.Actor == "刘海燕");
        Assert.DoesNotContain(audit, a => a.Actor == "李敏");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_withdrawn_report_is_counted_nowhere_until_it_is_restored(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));
        var may = (new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));

        await chat.SayAsync("王强", $"撤回 #{id}");
        var whileWithdrawn = (await chat.Reports.SumMetricsAsync(may.Item1, may.Item2)).Count;
        var correctWithdrawn = await chat.SayAsync("王强", $"#{id} 更正：走访企业5家");
        var restored = await chat.SayAsync("王强", $"恢复 #{id}");

        Assert.Equal(0, whileWithdrawn);
        Assert.Contains($"恢复 #{id}", correctWithdrawn, StringComparison.Ordinal);
        Assert.Contains("已恢复", restored, StringComparison.Ordinal);
        var totals = await chat.Reports.SumMetricsAsync(may.Item1, may.Item2);
        Assert.Equal(3d, totals.Single(t => t.Metric == "enterprises").Value);
        Assert.Single(await chat.LiveAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_answer_is_accepted_only_when_it_fills_the_asked_field(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "近日到北沟街道调研"));

        var thanks = await chat.SayAsync("王强", "好的");
        var notADate = await chat.SayAsync("王强", "大招商");
        var date = await chat.SayAsync("王强", "昨天");

        Assert.Contains("👌", thanks, StringComparison.Ordinal);
        Assert.Contains("没能从这条消息中识别", notADate, StringComparison.Ordinal);
        Assert.Contains("已补充", date, StringComparison.Ordinal);
        var current = (await chat.Reports.FindCurrentAsync(id))!;
        Assert.Equal((new DateOnly(2026, 5, 19), 2), (current.WorkDate!.Value, current.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_pending_follow_up_expires(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "近日到北沟街道调研"));

        chat.Clock.Advance(TimeSpan.FromMinutes(31));
        var late = await chat.SayAsync("王强", "5月18日");

        Assert.DoesNotContain("已补充", late, StringComparison.Ordinal);
        Assert.Null((await chat.Reports.FindCurrentAsync(id))!.WorkDate);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_report_while_a_follow_up_is_pending_is_stored_as_a_report_and_ends_the_old_question(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var first = ScriptedChat.NumberIn(await chat.SayAsync("王强", "近日到北沟街道调研"));

        var second = await chat.SayAsync("王强", "汇报：5月19日到站前街道调研，走访企业2家");
        var stray = await chat.SayAsync("王强", "5月18日");

        Assert.Contains("已记录", second, StringComparison.Ordinal);
        Assert.DoesNotContain("已补充", stray, StringComparison.Ordinal);
        Assert.Equal(2, (await chat.LiveAsync()).Count);
        Assert.Null((await chat.Reports.FindCurrentAsync(first))!.WorkDate);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ranking_question_is_answered_and_not_stored_as_a_report(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家");

        var reply = await chat.SayAsync("高玉梅", "本月各位领导调研天数排个名");

        Assert.Contains("王强", reply, StringComparison.Ordinal);
        Assert.Contains("调研天数", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("已记录", reply, StringComparison.Ordinal);
        Assert.Single(await chat.LiveAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Questions_in_unfamiliar_wording_are_never_stored_and_never_get_a_date_follow_up(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        string[] questions = ["平西乡的企业走访情况咋样", "招商项目签了几个呢", "列一下本周到期的任务", "看看张志刚这个月调研了几次", "下周的调研安排发一下", "明年的天气怎么样"];

        foreach (var question in questions)
        {
            var reply = await chat.SayAsync("高玉梅", question);

            Assert.DoesNotContain("哪天", reply, StringComparison.Ordinal);
            Assert.DoesNotContain("已记录", reply, StringComparison.Ordinal);
        }

        var unknown = await chat.SayAsync("高玉梅", "明年的天气怎么样");
        Assert.Contains("还不会回答", unknown, StringComparison.Ordinal);
        Assert.Contains("本月谁还没汇报", unknown, StringComparison.Ordinal);
        Assert.Empty(await chat.LiveAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_office_withdrawing_a_report_ends_the_reporters_pending_follow_up(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "近日到北沟街道调研"));

        var withdrawn = await chat.SayAsync("高玉梅", $"撤回 #{id}");
        var answer = await chat.SayAsync("王强", "5月18日");

        Assert.Contains("已撤回", withdrawn, StringComparison.Ordinal);
        Assert.DoesNotContain("已补充", answer, StringComparison.Ordinal);
        var current = (await chat.Reports.FindCurrentAsync(id))!;
        Assert.Equal((true, 1, (DateOnly?)null), (current.Withdrawn, current.Version, current.WorkDate));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_correction_that_is_not_understood_changes_nothing_and_stores_nothing(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));

        var reply = await chat.SayAsync("王强", $"#{id} 更正：刚才说得不太准确");

        Assert.Contains("没能识别", reply, StringComparison.Ordinal);
        Assert.Contains("#12 更正：走访企业5家", reply, StringComparison.Ordinal);
        var live = Assert.Single(await chat.LiveAsync());
        Assert.Equal(1, live.Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_withdrawn_version_cannot_be_amended_by_the_repository(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));
        var report = (await chat.Reports.GetAsync(id))!;

        Assert.True(await chat.Reports.WithdrawAsync(id));
        Assert.Null(await chat.Reports.AddVersionAsync(id, report));
        Assert.True(await chat.Reports.RestoreAsync(id));
        Assert.False(await chat.Reports.RestoreAsync(id));
        var restored = (await chat.Reports.FindCurrentAsync(id))!; // a restoration is a new current version of the report
        Assert.Equal((id, false), (restored.PreviousId, restored.Withdrawn));
        Assert.NotNull(await chat.Reports.AddVersionAsync(restored.Id, report));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_correction_may_restate_a_date_a_counter_and_the_photos_at_once(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var id = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月12日赴平西乡调研，走访企业3家"));

        var reply = await chat.SayAsync("王强", "更正：5月17日走访企业5家，照片2张");

        Assert.Contains("5月12日→5月17日", reply, StringComparison.Ordinal);
        Assert.Contains("3→5", reply, StringComparison.Ordinal);
        Assert.Contains("0→2张", reply, StringComparison.Ordinal);
        var current = (await chat.Reports.FindCurrentAsync(id))!;
        Assert.Equal((new DateOnly(2026, 5, 17), 5d, 2), (current.WorkDate!.Value, current.Metrics["enterprises"], current.Photos));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_office_correcting_without_a_number_changes_the_report_last_confirmed_in_that_chat(string provider)
    {
        await using var chat = await ScriptedChat.StartAsync(provider);
        var elsewhere = ScriptedChat.NumberIn(await chat.SayAsync("张志刚", "汇报：5月12日到站前街道调研，走访企业3家", chat: "chat-2"));
        var here = ScriptedChat.NumberIn(await chat.SayAsync("王强", "汇报：5月11日赴平西乡调研，走访企业3家"));

        var reply = await chat.SayAsync("高玉梅", "更正：走访企业4家");

        Assert.Contains($"第{here}条", reply, StringComparison.Ordinal);
        Assert.Equal(4d, (await chat.Reports.FindCurrentAsync(here))!.Metrics["enterprises"]);
        Assert.Equal(3d, (await chat.Reports.FindCurrentAsync(elsewhere))!.Metrics["enterprises"]);
        Assert.Contains(await chat.Db.Get<IAuditRepository>().ListAsync("progress_report"), a => a.Action == "report.correct" && a.Actor == "高玉梅");
    }
}
