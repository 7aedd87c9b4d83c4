using System.Diagnostics;
using System.Globalization;

namespace Bot.Benchmarks.Load;

/// <summary>When to break things during a measured run: a SIGKILL of the host, an outage of the database.</summary>
public sealed record FaultPlan(double? KillAt, double? OutageAt, double OutageSeconds, string? DatabaseControl)
{
    public bool Any => KillAt is not null || OutageAt is not null;
}

/// <summary>
/// Breaks the system under load on schedule, as production would: kills the host with SIGKILL and starts it again on
/// the same port and database (a crash and a supervisor's restart), and stops MariaDB with SIGKILL for a while
/// (<c>scripts/lib/mariadb-control.sh</c>). What happened, and when, is kept for the report.
/// </summary>
public sealed class LoadFaults
{
    private readonly List<string> _events = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private LoadFaults()
    {
    }

    /// <summary>What was done, with the seconds since the run started.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Starts the plan's faults beside the run; the task ends when every fault has been undone.</summary>
    public static (LoadFaults Faults, Task Done) Start(FaultPlan plan, HostProcess host, CancellationToken cancellationToken = default)
    {
        var faults = new LoadFaults();
        var tasks = new List<Task>();
        if (plan.KillAt is { } killAt)
        {
            tasks.Add(faults.KillHostAsync(host, killAt, cancellationToken));
        }

        if (plan.OutageAt is { } outageAt)
        {
            tasks.Add(faults.StopDatabaseAsync(plan.DatabaseControl ?? DefaultControl, outageAt, plan.OutageSeconds, cancellationToken));
        }

        return (faults, Task.WhenAll(tasks));
    }

    /// <summary>scripts/lib/mariadb-control.sh of the source tree the driver runs from.</summary>
    public static string DefaultControl => Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../scripts/lib/mariadb-control.sh"));

    private async Task KillHostAsync(HostProcess host, double at, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(at, cancellationToken);
        var pid = host.ProcessId;
        host.Kill();
        Record($"host pid {pid} killed (SIGKILL)");
        await host.StartAsync(TimeSpan.FromMinutes(2), cancellationToken);
        Record($"host restarted as pid {host.ProcessId}, /healthz answers");
    }

    private async Task StopDatabaseAsync(string control, double at, double seconds, CancellationToken cancellationToken)
    {
        await WaitUntilAsync(at, cancellationToken);
        await RunAsync(control, "stop", cancellationToken);
        Record("MariaDB killed (SIGKILL)");
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        Record("MariaDB starting again");
        await RunAsync(control, "start", cancellationToken);
        // The driver's own pooled connections (the verifier's) died with the server.
        MySqlConnector.MySqlConnection.ClearAllPools();
        Record("MariaDB answers again");
    }

    private async Task WaitUntilAsync(double seconds, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(seconds) - _clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private void Record(string what)
    {
        lock (_events)
        {
            _events.Add(string.Create(CultureInfo.InvariantCulture, $"{_clock.Elapsed.TotalSeconds:0.0} s: {what}"));
        }
    }

    private static async Task RunAsync(string script, string verb, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {script}.");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {verb} failed with exit code {process.ExitCode}.");
        }
    }
}
