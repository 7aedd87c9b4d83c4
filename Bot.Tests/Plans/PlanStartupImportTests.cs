using Bot.Data.Plans;
using Bot.Data.Tasks;
using Bot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Plans;

/// <summary>The host imports Plan:Document on start, after the migrations.</summary>
public sealed class PlanStartupImportTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_seed_is_imported_on_first_start_and_a_restart_changes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var settings = new Dictionary<string, string?>(db.Settings) { ["Plan:Year"] = "2026" };

        await using (var host = await RunningHost.StartAsync(settings))
        {
            var plan = await host.Services.GetRequiredService<IPlanRepository>().GetActiveAsync();
            Assert.NotNull(plan);
            Assert.Equal((10, 2026, 1), (plan.Actions.Count, plan.Year, plan.Version));
        }

        await using (var restarted = await RunningHost.StartAsync(settings))
        {
            Assert.Single(await restarted.Services.GetRequiredService<IPlanRepository>().ListAsync());
            Assert.Equal(30, (await restarted.Services.GetRequiredService<ITaskRepository>().ListAsync()).Count);
        }
    }

    [Fact]
    public async Task A_missing_plan_document_leaves_the_bot_running_without_a_plan()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", migrate: false);
        var settings = new Dictionary<string, string?>(db.Settings) { ["Plan:Document"] = "seeds/no-such-plan.txt" };

        await using var host = await RunningHost.StartAsync(settings);

        Assert.Null(await host.Services.GetRequiredService<IPlanRepository>().GetActiveAsync());
        Assert.True((await host.Client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task A_plan_year_out_of_range_stops_start_up_with_a_bilingual_message()
    {
        await using var db = await TestDatabase.CreateAsync("Sqlite", migrate: false);
        var settings = new Dictionary<string, string?>(db.Settings) { ["Plan:Year"] = "1999" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningHost.StartAsync(settings));

        Assert.Contains("Plan:Year", error.Message, StringComparison.Ordinal);
        Assert.Contains("必须在 2000 到 2100 之间", error.Message, StringComparison.Ordinal);
    }
}
