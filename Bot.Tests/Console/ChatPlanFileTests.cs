using Bot.Data.Common;
using Bot.Data.Evidence;
using Bot.Data.Imports;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.Plans;
using Bot.Host.Channels.WeCom;
using Bot.Host.Evidence;
using Bot.Skills.Conversation;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>A plan file the office sends in chat is previewed there and imported by 确认导入; anyone else's file is evidence.</summary>
public sealed class ChatPlanFileTests
{
    [Fact]
    public async Task A_plan_file_from_the_office_is_previewed_in_the_chat_and_imported_on_confirm_while_a_leaders_file_stays_evidence()
    {
        await using var wecom = await FakeWeComServer.StartAsync();
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var folder = Path.Combine(Path.GetTempPath(), "tiexibot-evidence-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["Plan:Document"] = "", ["Evidence:Folder"] = folder, ["Dashboard:PublicUrl"] = "https://bot.example.gov.cn/",
        };
        foreach (var (k, v) in wecom.Settings)
        {
            settings[k] = v;
        }

        await using var host = await RunningHost.StartAsync(settings);
        var members = host.Services.GetRequiredService<IMemberRepository>();
        await members.BindAccountAsync(Platforms.WeCom, "hexue", await members.AddAsync(new Member { Name = "何雪", Role = Roles.Office }));
        await members.BindAccountAsync(Platforms.WeCom, "wangqiang", await members.AddAsync(new Member { Name = "王强", Role = Roles.Leader }));
        var plan = WordFiles.FromText(RepositoryFiles.ReadSeed());
        wecom.Media["PLAN-OFFICE"] = plan;
        wecom.Media["PLAN-LEADER"] = plan;
        var inbox = host.Services.GetRequiredService<IInboxRepository>();
        var fromOffice = await AddFileAsync(inbox, "10", "hexue", "PLAN-OFFICE");
        var fromLeader = await AddFileAsync(inbox, "11", "wangqiang", "PLAN-LEADER");

        var capture = host.Services.GetRequiredService<EvidenceCapture>();
        await capture.CaptureAsync(fromOffice, CancellationToken.None);
        await capture.CaptureAsync(fromLeader, CancellationToken.None);
        var queue = host.Services.GetRequiredService<IEvidenceDownloadQueue>();
        await Eventually.UntilAsync(() => queue.CountByStateAsync(), c => c.GetValueOrDefault(WorkStates.Done) == 2, TimeSpan.FromSeconds(30), "two downloads done");

        var replies = await host.Services.GetRequiredService<IOutboxRepository>().ListByInboxAsync(fromOffice.Id);
        var preview = Assert.Single(replies).Payload; // the file itself gets no reply of its own, only the preview
        Assert.Contains("10项行动", preview, StringComparison.Ordinal);
        Assert.Contains("https://bot.example.gov.cn/admin/plans/preview/", preview, StringComparison.Ordinal);
        Assert.Contains("确认导入", preview, StringComparison.Ordinal);
        var staged = await host.Services.GetRequiredService<IStagedImportRepository>().LatestPendingAsync(StagedImportKinds.Plan, Platforms.WeCom, "");
        Assert.Equal(("方案.docx", "何雪"), (staged!.FileName, staged.CreatedBy));
        var evidence = await host.Services.GetRequiredService<IEvidenceRepository>().ListOlderThanAsync(DateTimeOffset.UtcNow.AddDays(1), 10);
        Assert.Equal("wangqiang", Assert.Single(evidence).SenderId); // the leader's copy is evidence, the office's is not
        Assert.Null(await host.Services.GetRequiredService<IPlanRepository>().GetActiveAsync());

        var router = host.Services.GetRequiredService<IMessageRouter>();
        var refused = await router.RouteAsync(Message("wangqiang", "确认导入"), CancellationToken.None);
        var imported = await router.RouteAsync(Message("hexue", "确认导入"), CancellationToken.None);
        var again = await router.RouteAsync(Message("hexue", "确认导入"), CancellationToken.None);

        Assert.Contains("区政府办", Assert.Single(refused).Text, StringComparison.Ordinal);
        Assert.Contains("已导入《方案.docx》", Assert.Single(imported).Text, StringComparison.Ordinal);
        Assert.Contains("没有待导入", Assert.Single(again).Text, StringComparison.Ordinal);
        Assert.Equal(10, (await host.Services.GetRequiredService<IPlanRepository>().GetActiveAsync())!.Actions.Count);
    }

    private static InboxMessage Message(string sender, string text) => new()
    {
        Platform = Platforms.WeCom, MessageId = "app:" + Guid.NewGuid().ToString("N"), SenderId = sender, Text = text, ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<InboxMessage> AddFileAsync(IInboxRepository inbox, string id, string sender, string mediaId)
    {
        var replyTo = new WeComReplyTo { Kind = WeComReplyTo.App, ChatType = "single", UserId = sender, AgentId = FakeWeComServer.AgentId }.Serialize();
        await inbox.TryAddAsync(new InboxMessage
        {
            Platform = Platforms.WeCom, MessageId = WeComInbound.AppIdPrefix + id, SenderId = sender, Text = "", ReplyTo = replyTo,
            Raw = $"<xml><MsgType>file</MsgType><MediaId>{mediaId}</MediaId><Title>方案.docx</Title></xml>", ReceivedAt = DateTimeOffset.UtcNow, State = WorkStates.Done,
        });
        return (await inbox.FindAsync(Platforms.WeCom, WeComInbound.AppIdPrefix + id))!;
    }
}
