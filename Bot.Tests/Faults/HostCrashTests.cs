using Bot.Benchmarks.Load;
using Bot.Tests.Support;

namespace Bot.Tests.Faults;

[Collection(FaultCollection.Name)]
public sealed class HostCrashTests
{
    [Fact]
    public async Task The_host_killed_with_SIGKILL_during_load_and_restarted_loses_nothing_accepted_and_processes_nothing_twice()
    {
        await using var rig = await LoadRig.StartAsync(senders: 40);
        using var driver = rig.Driver(new LoadSettings
        {
            Rate = 50,
            Seconds = 6,
            Senders = 40,
            // Like WeCom and DingTalk, the driver delivers a callback again until it is answered 200.
            Retries = 60,
            RetryDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(3),
            RefreshInterval = TimeSpan.FromMilliseconds(300),
        });

        var sending = driver.SendAsync();
        await Eventually.UntilAsync(() => driver.Messages.Count(m => m.Accepted) >= 80, TimeSpan.FromSeconds(30), "80 acknowledged callbacks");
        rig.Host.Kill();
        var acknowledgedBeforeKill = driver.Messages.Count(m => m.Accepted);
        await rig.Host.StartAsync(TimeSpan.FromSeconds(90));
        await sending;
        await rig.Verifier.WaitForDrainAsync(driver, rig.Platform, TimeSpan.FromSeconds(90));
        await driver.StopRefreshingAsync();

        Assert.InRange(acknowledgedBeforeKill, 80, driver.Messages.Count - 1);
        Assert.True(driver.Messages.Any(m => m.Attempts > 1), "some callbacks met the dead host and were delivered again");
        await ExactlyOnce.AssertAsync(driver, rig, "after SIGKILL and restart\n" + rig.HostLog());
    }
}
