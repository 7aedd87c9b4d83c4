using System.Globalization;
using BenchmarkDotNet.Attributes;
using Bot.Benchmarks.Load;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Migrations;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Hosting;
using Bot.Host.Inbox;
using Bot.Skills.Roster;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Benchmarks.Micro;

/// <summary>
/// A report message through the inbox worker: stored, claimed, passed by the access gate, routed by the host's own
/// router (conversation classifier, report parser, report and rollup writes), its reply addressed and queued, completed.
/// </summary>
[Config(typeof(BenchConfig))]
public class InboxWorkerBenchmarks
{
    private const int Batch = 50;

    private BenchDatabase _database = null!;
    private WebApplication _app = null!;
    private IInboxRepository _inbox = null!;
    private InboxWorker _worker = null!;
    private string _replyTo = "";
    private int _next;

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "Sqlite";

    public static IEnumerable<string> Providers() => BenchDatabase.Providers();

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchDatabase.CreateAsync(Provider);
        var roster = Path.Combine(Path.GetTempPath(), $"tiexibot-bench-roster-{Guid.NewGuid():N}.csv");
        LoadCallbacks.WriteRoster(roster, 100);
        var settings = new Dictionary<string, string?>(_database.Settings, StringComparer.Ordinal)
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["DingTalk:AppKey"] = "benchkey",
            ["DingTalk:AppSecret"] = "benchsecret",
        };
        _app = BotHost.CreateBuilder([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]).Build();
        await _app.Services.GetRequiredService<Migrator>().MigrateAsync();
        await _app.Services.GetRequiredService<RosterImporter>().ImportFileAsync(roster, "bench");
        File.Delete(roster);
        _inbox = _app.Services.GetRequiredService<IInboxRepository>();
        _worker = _app.Services.GetRequiredService<InboxWorker>();
        _replyTo = new DingTalkReplyHandle
        {
            SessionWebhook = "http://127.0.0.1:9/robot/sendBySession?session=bench",
            SessionWebhookExpiredTime = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds(),
            ConversationType = DingTalkConversationTypes.OneOnOne,
            SenderStaffId = LoadCallbacks.DingTalkUser(1),
            ConversationId = "cidbench",
        }.ToJson();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "report message: store, gate, route, queue reply, complete")]
    public async Task StoreAndProcess()
    {
        for (var i = 0; i < Batch; i++)
        {
            var n = Interlocked.Increment(ref _next);
            await _inbox.TryAddAsync(new InboxMessage
            {
                Platform = Platforms.DingTalk,
                MessageId = "bench-" + n.ToString(CultureInfo.InvariantCulture),
                SenderId = LoadCallbacks.DingTalkUser(n % 100),
                Text = "今天上午走访了铁西区3家企业，对接项目2个，解决问题1个",
                ReplyTo = _replyTo,
            });
        }

        while (await _worker.ProcessBatchAsync(CancellationToken.None) > 0)
        {
        }
    }
}
