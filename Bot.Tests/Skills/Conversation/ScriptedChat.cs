using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.ProgressReports;
using Bot.Skills.Conversation;
using Bot.Skills.Plans;
using Bot.Skills.Roster;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Skills.Conversation;

/// <summary>
/// A database with the seed plan and the demo roster, the real router, and a clock the test can move: each message
/// goes through the inbox and the router as the Sandbox channel would send it.
/// </summary>
internal sealed class ScriptedChat : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 5, 20, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai

    private int _next;

    private ScriptedChat(TestDatabase db, FakeTimeProvider clock)
    {
        Db = db;
        Clock = clock;
    }

    public TestDatabase Db { get; }

    public FakeTimeProvider Clock { get; }

    public IProgressReportRepository Reports => Db.Get<IProgressReportRepository>();

    public static async Task<ScriptedChat> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(Start);
        var db = await TestDatabase.CreateAsync(provider, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddBotSkills();
        });
        await db.Get<IPlanService>().ImportAsync(RepositoryFiles.ReadSeed(), 2026);
        await db.Get<RosterImporter>().ImportFileAsync(RepositoryFiles.Path("seeds", "roster.csv"), "测试");
        return new ScriptedChat(db, clock);
    }

    /// <summary>Sends <paramref name="text"/> as <paramref name="sender"/> in chat-1 and returns the bot's replies as one text.</summary>
    public async Task<string> SayAsync(string sender, string text, string? raw = null, string chat = "chat-1")
    {
        var message = new InboxMessage
        {
            Platform = Platforms.Sandbox,
            MessageId = $"m{++_next}",
            ChatId = chat,
            SenderId = sender,
            SenderName = sender,
            Text = text,
            Raw = raw,
            ReceivedAt = Clock.GetUtcNow(),
        };
        await Db.Get<IInboxRepository>().TryAddAsync(message);
        var stored = (await Db.Get<IInboxRepository>().FindAsync(Platforms.Sandbox, message.MessageId))!;
        var replies = await Db.Get<IMessageRouter>().RouteAsync(stored, CancellationToken.None);
        return string.Join("\n", replies.Select(r => r.Text));
    }

    /// <summary>Every live (current, not withdrawn) report, newest first.</summary>
    public Task<IReadOnlyList<ProgressReport>> LiveAsync() => Reports.RecentAsync(1000);

    /// <summary>The id of the report a reply names (“✅ 已记录 #12…”).</summary>
    public static long NumberIn(string reply)
    {
        var m = System.Text.RegularExpressions.Regex.Match(reply, @"#(\d+)");
        Assert.True(m.Success, reply);
        return long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
