using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Bot.Data.Inbox;
using Bot.Data.Members;
using Bot.Data.Outbox;
using Bot.Data.Telemetry;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Host.Telemetry;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_port_serves_inbox_and_outbox_meters_in_Prometheus_text_after_messages_flow()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var port = FreePort();
        var settings = new Dictionary<string, string?>(db.Settings)
        {
            ["Telemetry:MetricsPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telemetry:BacklogSampleSeconds"] = "0.2",
        };
        await using var host = await RunningHost.StartAsync(settings);
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using var post = await host.Client.PostAsJsonAsync("/sandbox/messages", new { sender = "王强", text = "你好", chat = "metrics" });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        await Eventually.UntilAsync(async () => (await host.Services.GetRequiredService<IOutboxRepository>().ListByTargetAsync(Platforms.Sandbox, "metrics", 10))
            .Any(m => m.State == "sent"), sent => sent, what: "the reply to be sent");

        var text = await Eventually.UntilAsync(() => metrics.GetStringAsync(new Uri("metrics", UriKind.Relative)),
            t => t.Contains("tiexibot_outbox_sends_total", StringComparison.Ordinal), what: "the outbox counters on /metrics");

        foreach (var name in new[]
                 {
                     "tiexibot_inbox_depth", "tiexibot_inbox_oldest_age_seconds", "tiexibot_outbox_depth", "tiexibot_outbox_oldest_age_seconds",
                     "tiexibot_messages_accepted_total", "tiexibot_messages_processed_total", "tiexibot_webhook_ack_duration_seconds_bucket",
                     "tiexibot_reply_duration_seconds_bucket", "tiexibot_platform_call_duration_seconds_bucket",
                 })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        Assert.Contains("platform=\"sandbox\"", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE tiexibot_messages_accepted_total counter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("你好", text, StringComparison.Ordinal);
        using var onPublicPort = await host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
    }

    [Fact]
    public async Task On_the_public_port_metrics_need_a_dashboard_sign_in()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);
        using var anonymous = host.CreateClient();
        using var signedIn = await host.SignInAsync(RunningHost.Viewer);

        using var denied = await anonymous.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var allowed = await signedIn.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.DoesNotContain("tiexibot_", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.StartsWith("text/plain", allowed.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_message_is_one_trace_from_webhook_through_inbox_router_and_outbox_to_the_platform_call(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await RunningHost.StartAsync(db.Settings);
        var chat = "trace-" + Guid.NewGuid().ToString("N")[..8];

        using var post = await host.Client.PostAsJsonAsync("/sandbox/messages", new { sender = "王强", text = "你好", chat });
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        var stored = (await host.Services.GetRequiredService<IInboxRepository>().ListByChatAsync(Platforms.Sandbox, chat, 10)).Single();
        Assert.NotNull(stored.TraceParent);
        var traceId = ActivityContext.Parse(stored.TraceParent!, null).TraceId;

        string[] stages = ["webhook.receive", "inbox.process", "router.route", "outbox.send", "platform.call"];
        await Eventually.UntilAsync(() => stages.All(s => spans.Any(a => a.TraceId == traceId && a.OperationName == s)), what: "every stage of the trace");

        var trace = spans.Where(a => a.TraceId == traceId).ToList();
        var byName = stages.ToDictionary(s => s, s => trace.First(a => a.OperationName == s));
        Assert.DoesNotContain(trace, a => a.SpanId == byName["webhook.receive"].ParentSpanId);
        Assert.Equal(byName["webhook.receive"].SpanId, byName["inbox.process"].ParentSpanId);
        Assert.Equal(byName["inbox.process"].SpanId, byName["router.route"].ParentSpanId);
        Assert.Equal(byName["inbox.process"].SpanId, byName["outbox.send"].ParentSpanId);
        Assert.Equal(byName["outbox.send"].SpanId, byName["platform.call"].ParentSpanId);
        Assert.Equal(stored.Id, byName["inbox.process"].GetTagItem("tiexibot.inbox.id"));
        Assert.All(trace, a => Assert.DoesNotContain(a.TagObjects, t => t.Value is string v && v.Contains("你好", StringComparison.Ordinal)));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
