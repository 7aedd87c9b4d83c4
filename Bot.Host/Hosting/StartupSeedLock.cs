using Bot.Data.Leases;

namespace Bot.Host.Hosting;

/// <summary>
/// One lease for the start-up seeding (plan document, roster file): several hosts started at once on one database
/// take turns, so the first seeds and the others find the data there instead of racing on the same unique keys.
/// </summary>
public sealed class StartupSeedLock(ILeaseRepository leases, TimeProvider time)
{
    private const string LeaseName = "startup-seed";

    /// <summary>How long a host may hold the lease; a host killed while seeding releases it by expiry.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>Waits for the lease (polling) and returns the handle that releases it.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var owner = Environment.MachineName + "/" + Environment.ProcessId + "/" + Guid.NewGuid().ToString("N");
        while (!await leases.TryAcquireAsync(LeaseName, owner, Lease, cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
        }

        return new Held(leases, owner);
    }

    private sealed class Held(ILeaseRepository leases, string owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await leases.ReleaseAsync(LeaseName, owner, CancellationToken.None);
    }
}
