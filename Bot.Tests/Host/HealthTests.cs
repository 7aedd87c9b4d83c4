using System.Net;
using System.Text.Json;
using Bot.Tests.Support;

namespace Bot.Tests.Host;

public sealed class HealthTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Host_migrates_an_empty_database_and_healthz_reports_provider_and_schema_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var host = await RunningHost.StartAsync(db.Settings);

        using var response = await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(provider, body.RootElement.GetProperty("database").GetString());
        Assert.True(body.RootElement.GetProperty("schemaVersion").GetInt32() >= 1);
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
