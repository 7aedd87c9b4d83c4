using Bot.Data.Common;
using Bot.Data.Evidence;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.ProgressReports;
using Bot.Host.Channels.WeCom;
using Bot.Host.Evidence;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Console;

/// <summary>Photos sent with reports are downloaded from fake WeCom and DingTalk servers over real HTTP and kept.</summary>
public sealed class EvidenceDownloadTests
{
    private const string RobotKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xFF, 0xD9];

    [Fact]
    public async Task Photos_from_the_WeCom_app_the_WeCom_robot_and_DingTalk_end_on_the_report_and_bad_images_are_refused_and_stored_nowhere()
    {
        await using var wecom = await FakeWeComServer.StartAsync();
        await using var ding = await FakeDingTalkServer.StartAsync();
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var folder = Path.Combine(Path.GetTempPath(), "tiexibot-evidence-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(db.Settings) { ["Plan:Document"] = "", ["Evidence:Folder"] = folder, ["Evidence:MaxImageBytes"] = "1048576" };
        foreach (var (k, v) in wecom.Settings.Concat(ding.Settings()))
        {
            settings[k] = v;
        }

        settings["WeCom:AiBotToken"] = "QDG6eK";
        settings["WeCom:AiBotEncodingAesKey"] = RobotKey;
        await using var host = await RunningHost.StartAsync(settings);
        var inbox = host.Services.GetRequiredService<IInboxRepository>();
        var reports = host.Services.GetRequiredService<IProgressReportRepository>();
        var capture = host.Services.GetRequiredService<EvidenceCapture>();
        var now = DateTimeOffset.UtcNow;

        // WeCom app: the report text first, its photo a minute later (MediaId), after an outage of the media API.
        wecom.Media["MEDIA-OK"] = Jpeg;
        wecom.Media["MEDIA-BIG"] = [.. Jpeg, .. new byte[2 * 1024 * 1024]];
        wecom.Media["MEDIA-FAKE"] = "<html>not a picture</html>"u8.ToArray();
        wecom.MediaOutages = 1;
        var appText = await AddAsync(inbox, Platforms.WeCom, WeComInbound.AppIdPrefix + "1", null, "wangqiang", now, "<xml><MsgType>text</MsgType><Content>汇报：巡河</Content></xml>");
        var appReport = await ReportAsync(reports, appText);
        var appPhoto = await AddAsync(inbox, Platforms.WeCom, WeComInbound.AppIdPrefix + "2", null, "wangqiang", now.AddMinutes(1), "<xml><MsgType>image</MsgType><MediaId>MEDIA-OK</MediaId><PicUrl>http://x</PicUrl></xml>");
        var big = await AddAsync(inbox, Platforms.WeCom, WeComInbound.AppIdPrefix + "3", null, "wangqiang", now.AddMinutes(2), "<xml><MsgType>image</MsgType><MediaId>MEDIA-BIG</MediaId></xml>");
        var fake = await AddAsync(inbox, Platforms.WeCom, WeComInbound.AppIdPrefix + "4", null, "wangqiang", now.AddMinutes(2), "<xml><MsgType>image</MsgType><MediaId>MEDIA-FAKE</MediaId></xml>");

        // WeCom intelligent robot: text and image in one mixed message; the image URL's content is encrypted with the robot's key.
        wecom.Files["robot.bin"] = new WeComCrypto("QDG6eK", RobotKey, "").EncryptMedia(Png);
        var robot = await AddAsync(inbox, Platforms.WeCom, WeComInbound.AiBotIdPrefix + "5", "wrgroup", "lisi", now,
            $$$"""{"msgid":"5","msgtype":"mixed","mixed":{"msg_item":[{"msgtype":"text","text":{"content":"汇报：巡河"}},{"msgtype":"image","image":{"url":"{{{wecom.FileUrl("robot.bin")}}}"}}]}}""");
        var robotReport = await ReportAsync(reports, robot);

        // DingTalk: a rich-text report with a picture, by downloadCode.
        ding.Files["DC-1"] = Png.Concat(new byte[] { 1 }).ToArray(); // different bytes from the robot's PNG
        var dingMessage = await AddAsync(inbox, Platforms.DingTalk, "ding-6", "cidgroup", "zhaoliu", now,
            $$$"""{"msgId":"ding-6","msgtype":"richText","robotCode":"{{{ding.RobotCode}}}","content":{"richText":[{"text":"汇报：巡河"},{"downloadCode":"DC-1","type":"picture"}]}}""");
        var dingReport = await ReportAsync(reports, dingMessage);

        foreach (var message in new[] { appText, appPhoto, big, fake, robot, dingMessage })
        {
            await capture.CaptureAsync(message, CancellationToken.None);
        }

        var evidence = host.Services.GetRequiredService<IEvidenceRepository>();
        var queue = host.Services.GetRequiredService<IEvidenceDownloadQueue>();
        try
        {
            await Eventually.UntilAsync(() => queue.CountByStateAsync(), c => c.GetValueOrDefault(WorkStates.Done) == 5, TimeSpan.FromSeconds(30), "five downloads done");
        }
        catch (TimeoutException)
        {
            await using var c = await host.Services.GetRequiredService<Bot.Data.Connections.IDbConnectionFactory>().OpenAsync();
            var rows = await Dapper.SqlMapper.QueryAsync<(string, string, int, string)>(c, "SELECT dedupe_key, state, attempts, COALESCE(error,'') FROM evidence_downloads");
            throw new InvalidOperationException(string.Join(" | ", rows));
        }

        var kept = await evidence.ListForReportsAsync([appReport, robotReport, dingReport]);
        Assert.Equal(Jpeg.Length, Assert.Single(kept, e => e.ReportId == appReport).SizeBytes);
        Assert.Equal("image/png", Assert.Single(kept, e => e.ReportId == robotReport).ContentType); // decrypted
        Assert.Single(kept, e => e.ReportId == dingReport);
        Assert.Equal(3, Directory.GetFiles(folder, "*.bin", SearchOption.AllDirectories).Length); // refused bytes stored nowhere
        var outbox = host.Services.GetRequiredService<IOutboxRepository>();
        Assert.Contains("图片过大", Assert.Single(await outbox.ListByInboxAsync(big.Id)).Payload, StringComparison.Ordinal);
        Assert.Contains("不是有效的图片", Assert.Single(await outbox.ListByInboxAsync(fake.Id)).Payload, StringComparison.Ordinal);
        Assert.True(wecom.MediaOutages < 0); // the outage (503) was answered, and the photo still arrived: it was retried

        using var admin = await host.SignInAsync(RunningHost.Admin);
        var page = await admin.GetStringAsync($"/reports/{robotReport}");
        var photo = kept.Single(e => e.ReportId == robotReport);
        Assert.Contains($"<img src=\"/evidence/{photo.Id}\"", page, StringComparison.Ordinal);
        Assert.Equal(Png, await admin.GetByteArrayAsync($"/evidence/{photo.Id}"));
        using var anonymous = host.CreateClient();
        var link = host.Services.GetRequiredService<EvidenceLinks>().CreateLink(photo.Id);
        Assert.Equal(Png, await anonymous.GetByteArrayAsync(link));
        var ledger = await admin.GetByteArrayAsync("/export");
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(ledger), useHeaderRow: true, sheetName: Bot.Skills.Ledger.LedgerExporter.ReportsSheet)
            .Cast<IDictionary<string, object?>>().ToList();
        var cell = sheet.Single(r => Convert.ToInt64(r["编号"], System.Globalization.CultureInfo.InvariantCulture) == robotReport)[Bot.Skills.Ledger.LedgerExporter.EvidenceColumn] as string;
        Assert.StartsWith("/evidence/s/", cell, StringComparison.Ordinal);
        Assert.Equal(Png, await anonymous.GetByteArrayAsync(cell)); // the ledger's link works without a sign-in
        using var forged = await anonymous.GetAsync("/evidence/s/forged-token");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, forged.StatusCode);
    }

    [Fact]
    public async Task A_download_leased_by_a_host_that_was_killed_is_taken_again_when_the_lease_ends_and_kept_once()
    {
        await using var wecom = await FakeWeComServer.StartAsync();
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var folder = Path.Combine(Path.GetTempPath(), "tiexibot-evidence-" + Guid.NewGuid().ToString("N"));
        wecom.Media["MEDIA-CRASH"] = Jpeg;
        var queue = db.Get<IEvidenceDownloadQueue>();
        var items = db.Get<IEvidenceRepository>();
        Assert.True(await queue.EnqueueAsync(new EvidenceDownload
        {
            DedupeKey = "inbox:77:0", Platform = Platforms.WeCom, Kind = EvidenceKinds.Image, MediaRef = "MEDIA-CRASH", SenderId = "wangqiang", ReceivedAt = DateTimeOffset.UtcNow,
        }));

        // The host that took the row died (kill -9) after storing the photo and before marking the row done.
        var dead = Assert.Single(await queue.ClaimAsync("killed-host", 8, TimeSpan.FromSeconds(1)));
        await items.AddAsync(new EvidenceItem
        {
            SourceKey = dead.DedupeKey, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Jpeg)), SizeBytes = Jpeg.Length, ContentType = "image/jpeg", Kind = EvidenceKinds.Image,
            Platform = Platforms.WeCom, SenderId = "wangqiang", CreatedAt = DateTimeOffset.UtcNow,
        });
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var settings = new Dictionary<string, string?>(db.Settings) { ["Plan:Document"] = "", ["Evidence:Folder"] = folder };
        foreach (var (k, v) in wecom.Settings)
        {
            settings[k] = v;
        }

        await using var host = await RunningHost.StartAsync(settings);
        host.Services.GetRequiredService<EvidenceSignal>().Notify();
        await Eventually.UntilAsync(() => queue.CountByStateAsync(), c => c.GetValueOrDefault(WorkStates.Done) == 1, TimeSpan.FromSeconds(30), "the orphaned download done");

        var kept = await items.ListOlderThanAsync(DateTimeOffset.UtcNow.AddDays(1), 10);
        Assert.Single(kept); // the row the dead host wrote is the one kept: nothing lost, nothing twice
        Assert.Equal(Jpeg, await host.Services.GetRequiredService<Bot.Skills.Evidence.IEvidenceStore>().GetAsync(kept[0].Sha256));
    }

    private static async Task<InboxMessage> AddAsync(IInboxRepository inbox, string platform, string id, string? chat, string sender, DateTimeOffset at, string raw)
    {
        var replyTo = platform == Platforms.WeCom && id.StartsWith(WeComInbound.AppIdPrefix, StringComparison.Ordinal)
            ? new WeComReplyTo { Kind = WeComReplyTo.App, ChatType = "single", UserId = sender, AgentId = FakeWeComServer.AgentId }.Serialize()
            : null;
        await inbox.TryAddAsync(new InboxMessage { Platform = platform, MessageId = id, ChatId = chat, SenderId = sender, Text = "", Raw = raw, ReplyTo = replyTo, ReceivedAt = at, State = WorkStates.Done });
        return (await inbox.FindAsync(platform, id))!;
    }

    private static Task<long> ReportAsync(IProgressReportRepository reports, InboxMessage message) =>
        reports.AddAsync(new ProgressReport { InboxId = message.Id, MemberName = "王强", ReportedBy = "王强", RawText = "汇报：巡河", Confidence = 0.9, WorkDate = DateOnly.FromDateTime(DateTime.Today) });
}
