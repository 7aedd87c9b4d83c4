using System.Net;
using System.Text;
using Bot.Data.Common;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Host.Channels.DingTalk;
using Bot.Host.Channels.WeCom;
using Bot.Host.Hosting;
using Bot.Host.Outbox;
using Bot.Skills.ProgressReports;
using Bot.Tests.Host.DingTalk;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Security;

/// <summary>
/// Finding 6: logs never carry credentials, session webhooks or message text. One host talks to the fake WeCom,
/// DingTalk and LLM servers over real HTTP (callback in, sessionWebhook reply, OpenAPI send with an access token,
/// signed custom robot, WeCom group robot key, WeCom gettoken and message/send, an LLM call); every log line of every
/// category at Trace is captured and searched.
/// </summary>
public sealed class SecretLoggingTests
{
    private const string ReportText = "汇报：今天赴平西乡调研，走访保密企业甲乙丙3家";
    private const string ReminderText = "请各单位于本周五前报送甲乙丙丁台账";
    private const string Session = "sess-4f2a9c7e-do-not-log";
    private const string CustomRobotToken = "robot-token-3c9d-do-not-log";
    private const string CustomRobotSecret = "SECcustomrobotsecret0123456789";
    private const string WeComRobotKey = "wecom-robot-key-77e1-do-not-log";
    private const string WeComChat = "wrkSFfCgAAlogs01";

    [Fact]
    public async Task Real_exchanges_with_every_platform_log_no_token_secret_session_url_or_message_text()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await DingTalkHostFixture.RegisterTestSendersAsync(db);
        await using var dingtalk = await FakeDingTalkServer.StartAsync();
        await using var wecom = (await FakeWeComServer.StartAsync()).WithRobotKey(WeComRobotKey);
        await using var llm = await FakeOpenAiServer.StartAsync();
        var robotWebhook = dingtalk.AddCustomRobot(CustomRobotToken, CustomRobotSecret);
        var log = new CapturingLoggerProvider();
        var settings = DingTalkHostFixture.Merge(db.Settings, dingtalk.Settings(), DingTalkHostFixture.FastSettings, wecom.Settings, llm.Settings(), new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["DingTalk:CustomRobots:office:ChatId"] = "cidOffice01==",
            ["DingTalk:CustomRobots:office:Webhook"] = robotWebhook,
            ["DingTalk:CustomRobots:office:Secret"] = CustomRobotSecret,
            ["WeCom:RobotWebhooks:" + WeComChat] = WeComRobotKey,
        });
        await using var host = await RunningHost.StartAsync(settings, services =>
        {
            services.AddSingleton<Bot.Skills.Conversation.IMessageRouter, Bot.Skills.Conversation.EchoRouter>();
            services.AddSingleton<ILoggerProvider>(log);
        });

        // In: a signed DingTalk callback whose reply goes back through its sessionWebhook (the echo router quotes the text).
        var body = dingtalk.TextMessage("msgLogs01==", " " + ReportText, session: Session, sessionExpires: DateTimeOffset.UtcNow.AddMinutes(90));
        var (timestamp, sign) = FakeDingTalkServer.Sign(DingTalkHostFixture.NextTimestamp());
        using var callback = new HttpRequestMessage(HttpMethod.Post, "/webhooks/dingtalk") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        callback.Headers.TryAddWithoutValidation("timestamp", timestamp);
        callback.Headers.TryAddWithoutValidation("sign", sign);
        using var accepted = await host.Client.SendAsync(callback);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        // Out: one row for each credential-bearing API.
        var writer = host.Services.GetRequiredService<OutboxWriter>();
        await writer.EnqueueAsync(Row(Platforms.DingTalk, DingTalkOpenApiChannel.ChannelName, "cidGroupTiexi01=="));
        await writer.EnqueueAsync(Row(Platforms.DingTalk, DingTalkCustomRobotChannel.ChannelName, "cidOffice01=="));
        await writer.EnqueueAsync(Row(Platforms.WeCom, WeComRobotChannel.ChannelName, WeComChat));
        await writer.EnqueueAsync(Row(Platforms.WeCom, WeComAppChannel.ChannelName, "zhangsan"));

        // And the language model, through the host's own client.
        llm.EnqueueChatReply("""{"kind":"report","activity":"调研","confidence":0.9}""");
        var message = new ReportMessage(ReportText, "王强", DateTimeOffset.UtcNow);
        _ = await host.Services.GetRequiredService<ILlmReportExtractor>()
            .ExtractAsync(message, ReportParser.Instance.Parse(message, SeedPlan.Vocabulary), SeedPlan.Vocabulary);

        var outbox = db.Get<IOutboxRepository>();
        await Eventually.UntilAsync(async () => await outbox.CountByStateAsync(), states => states.GetValueOrDefault(WorkStates.Sent) == 5,
            TimeSpan.FromSeconds(30), "the five messages sent");

        Assert.Single(dingtalk.Delivered(FakeDingTalkRoute.SessionWebhook));
        Assert.Single(dingtalk.CustomRobotPosts);
        Assert.Contains(llm.Requests, r => r.Body.Contains(ReportText, StringComparison.Ordinal)); // the plan import at start asks it too
        var tokens = dingtalk.Requests(FakeDingTalkRoute.GroupSend).Select(r => r.AccessToken).OfType<string>()
            .Concat(wecom.Requests.Select(r => r.Query.GetValueOrDefault("access_token")).OfType<string>()).Distinct().ToList();
        Assert.NotEmpty(tokens);

        var all = log.All;
        string[] secrets =
        [
            ReportText, ReminderText, "平西乡调研", Session, "sendBySession?session", CustomRobotToken, CustomRobotSecret, WeComRobotKey,
            FakeDingTalkServer.AppSecret, FakeWeComServer.Secret, FakeOpenAiServer.ApiKey, "access_token=", "corpsecret=", "sign=", "key=", "session=",
            .. tokens,
        ];
        foreach (var secret in secrets)
        {
            Assert.False(all.Contains(secret, StringComparison.Ordinal), $"the logs contain \"{secret}\":\n{Lines(all, secret)}");
        }

        // The requests were logged, redacted: the logger ran and saw them.
        Assert.Contains("/robot/sendBySession" + RedactingHttpClientLogger.RedactedQuery, all, StringComparison.Ordinal);
        Assert.Contains("/cgi-bin/webhook/send" + RedactingHttpClientLogger.RedactedQuery, all, StringComparison.Ordinal);
        Assert.Contains("/v1/chat/completions", all, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Net.Http.HttpClient", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://oapi.dingtalk.com/robot/sendBySession?session=abc", "https://oapi.dingtalk.com/robot/sendBySession?…")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/gettoken?corpid=ww1&corpsecret=s", "https://qyapi.weixin.qq.com/cgi-bin/gettoken?…")]
    [InlineData("https://user:pw@api.example.com:8443/v1/chat/completions#frag", "https://api.example.com:8443/v1/chat/completions")]
    [InlineData("http://127.0.0.1:5123/robot/send", "http://127.0.0.1:5123/robot/send")]
    public void A_logged_url_keeps_scheme_host_port_and_path_only(string url, string logged) =>
        Assert.Equal(logged, RedactingHttpClientLogger.Redact(new Uri(url)));

    [Fact]
    public async Task Healthz_says_only_ok_and_readyz_names_failing_checks_without_exception_text()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);

        var healthz = await host.Client.GetStringAsync("/healthz");
        // The database file is removed under the running host: readiness fails, and says only which check.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(db.Settings["Database:ConnectionString"]))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE schema_version";
            await drop.ExecuteNonQueryAsync();
        }

        using var readyz = await host.Client.GetAsync("/readyz");
        var text = await readyz.Content.ReadAsStringAsync();

        Assert.Equal("""{"status":"ok"}""", healthz);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyz.StatusCode);
        Assert.DoesNotContain("Exception", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no such table", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SQLite Error", text, StringComparison.OrdinalIgnoreCase);
    }

    private static OutboxMessage Row(string platform, string channel, string target) => new()
    {
        Platform = platform,
        Channel = channel,
        Target = target,
        MsgType = "text",
        Payload = ReminderText,
    };

    private static string Lines(string all, string secret) =>
        string.Join('\n', all.Split('\n').Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(5));
}
