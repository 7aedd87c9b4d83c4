using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Data.Connections;
using Bot.Data.Migrations;
using Bot.Tests.Support;
using Dapper;

namespace Bot.Tests.Host;

public sealed class HealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Host_migrates_an_empty_database_and_readyz_reports_every_check_ok_with_provider_and_schema_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var response = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(provider, body.RootElement.GetProperty("database").GetString());
        Assert.True(body.RootElement.GetProperty("schemaVersion").GetInt32() >= 1);
        foreach (var check in new[] { "database", "schema", "workers", "outbox" })
        {
            Assert.Equal("ok", body.RootElement.GetProperty("checks").GetProperty(check).GetString());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_hosts_started_together_on_an_empty_database_migrate_it_once_and_both_serve(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);

        var hosts = await Task.WhenAll(RunningHost.StartAsync(db.Settings), RunningHost.StartAsync(db.Settings));
        try
        {
            foreach (var host in hosts)
            {
                using var ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                using var sandbox = await host.Client.PostAsJsonAsync("/sandbox/messages", new { sender = "王强", text = "你好", chat = "two-hosts" });
                Assert.Equal(HttpStatusCode.Accepted, sandbox.StatusCode);
            }

            await using var connection = await db.Get<IDbConnectionFactory>().OpenAsync();
            var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_version")).ToList();
            Assert.Equal(Migrator.Scripts(db.Provider).Select(s => s.Version).Order(), versions.Order());
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Healthz_says_only_ok_while_the_process_serves()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var response = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_fails_without_exception_text_when_the_oldest_outbox_message_is_too_old()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite");
        var settings = new Dictionary<string, string?>(db.Settings) { ["Health:OutboxMaxAgeSeconds"] = "60" };
        await using var host = await RunningHost.StartAsync(settings);
        // A reply stuck for an hour on a channel that nobody delivers (deferred far into the future).
        await db.Get<Bot.Data.Outbox.IOutboxRepository>().EnqueueAsync(new Bot.Data.Outbox.OutboxMessage
        {
            Platform = "wecom", Channel = "no-such-channel-yet", Target = "t", MsgType = "text", Payload = "x", Source = "reply",
            DedupeKey = "stuck", CreatedAt = DateTimeOffset.UtcNow.AddHours(-1), NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1),
        });

        using var response = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("oldest message too old", body.RootElement.GetProperty("checks").GetProperty("outbox").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task A_bad_database_provider_stops_start_up_with_a_bilingual_message()
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = "MySql", ["Database:ConnectionString"] = "" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings));

        Assert.Contains("Database:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("连接字符串", error.Message, StringComparison.Ordinal);
    }
}
