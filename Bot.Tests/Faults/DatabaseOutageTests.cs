using System.Globalization;
using Bot.Benchmarks.Load;
using Bot.Data.Connections;
using Bot.Tests.Support;

namespace Bot.Tests.Faults;

[Collection(FaultCollection.Name)]
public sealed class DatabaseOutageTests
{
    /// <summary>How long MariaDB stays down: 30 s unless <c>TIEXIBOT_FAULT_OUTAGE_SECONDS</c> says otherwise.</summary>
    private static TimeSpan Outage =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("TIEXIBOT_FAULT_OUTAGE_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 30);

    [SkippableFact]
    public async Task MariaDB_down_for_30_seconds_during_load_gets_503s_that_the_platforms_retry_and_after_recovery_nothing_is_lost()
    {
        TestDatabase.SkipUnlessMySql();
        await using var mariaDb = await PrivateMariaDb.StartAsync();
        var connectionString = await mariaDb.CreateDatabaseAsync("outage");
        await using var rig = await LoadRig.StartAsync(senders: 100, DatabaseProvider.MySql, connectionString);
        var outage = Outage;
        using var driver = rig.Driver(new LoadSettings
        {
            Rate = 20,
            Seconds = outage.TotalSeconds + 10,
            Senders = 100,
            Retries = (int)outage.TotalSeconds + 20,
            RetryDelay = TimeSpan.FromSeconds(2),
            RequestTimeout = TimeSpan.FromSeconds(5),
            RefreshInterval = TimeSpan.FromMilliseconds(500),
        });

        var sending = driver.SendAsync();
        await Eventually.UntilAsync(() => driver.Messages.Count(m => m.Accepted) >= 60, TimeSpan.FromSeconds(30), "60 acknowledged callbacks");
        mariaDb.Kill();
        await Task.Delay(outage);
        var answeredWhileDown = new Dictionary<int, int>(driver.StatusCounts);
        await mariaDb.StartServerAsync();
        await sending;
        await rig.Verifier.WaitForDrainAsync(driver, rig.Platform, TimeSpan.FromSeconds(90));
        await driver.StopRefreshingAsync();

        Assert.True(answeredWhileDown.GetValueOrDefault(503) > 0, "callbacks were answered 503 while the database was down: " +
            string.Join(", ", answeredWhileDown.Select(kv => $"{kv.Key}: {kv.Value}")));
        Assert.False(driver.StatusCounts.ContainsKey(500), "no callback was answered 500\n" + rig.HostLog());
        await ExactlyOnce.AssertAsync(driver, rig, "after the database came back\n" + rig.HostLog());
    }
}
