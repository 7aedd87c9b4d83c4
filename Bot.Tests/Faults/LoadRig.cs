using Bot.Benchmarks.Load;
using Bot.Data.Connections;

namespace Bot.Tests.Faults;

/// <summary>
/// The bot as a child process (<c>dotnet Bot.Host.dll</c>, so it can be killed for real) on 127.0.0.1 with its own
/// database, the fake reply platform and the load driver's callbacks and exactly-once check.
/// </summary>
internal sealed class LoadRig : IAsyncDisposable
{
    private readonly string _directory;

    private LoadRig(string directory, FakePlatform platform, LoadCallbacks callbacks, HostProcess host, LoadVerifier verifier)
    {
        _directory = directory;
        Platform = platform;
        Callbacks = callbacks;
        Host = host;
        Verifier = verifier;
    }

    public FakePlatform Platform { get; }

    public LoadCallbacks Callbacks { get; }

    public HostProcess Host { get; }

    public LoadVerifier Verifier { get; }

    /// <summary>Fast retries and short leases, so that work held by a dead process is taken over within seconds.</summary>
    public static Dictionary<string, string?> FastRecovery => new(StringComparer.Ordinal)
    {
        ["Delivery:Lease"] = "00:00:03",
        ["Delivery:PollInterval"] = "00:00:00.200",
        ["Delivery:FirstBackoff"] = "00:00:00.200",
        ["Delivery:MaxBackoff"] = "00:00:01",
    };

    /// <summary>Starts the host against <paramref name="provider"/>/<paramref name="connectionString"/> (a SQLite file in a temp folder when null).</summary>
    public static async Task<LoadRig> StartAsync(int senders, DatabaseProvider provider = DatabaseProvider.Sqlite, string? connectionString = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var directory = Directory.CreateTempSubdirectory("tiexibot-fault-").FullName;
        var roster = Path.Combine(directory, "roster.csv");
        LoadCallbacks.WriteRoster(roster, senders);
        connectionString ??= $"Data Source={Path.Combine(directory, "bot.db")}";
        var platform = await FakePlatform.StartAsync();
        var callbacks = new LoadCallbacks();
        var settings = callbacks.HostSettings(platform, roster);
        settings["Database:Provider"] = provider.ToString();
        settings["Database:ConnectionString"] = connectionString;
        foreach (var (key, value) in FastRecovery)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var host = new HostProcess(HostProcess.DefaultHostDll, settings, Path.Combine(directory, "host.log"));
        try
        {
            await host.StartAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await host.DisposeAsync();
            await platform.DisposeAsync();
            throw;
        }

        return new LoadRig(directory, platform, callbacks, host, new LoadVerifier(provider, connectionString));
    }

    public LoadDriver Driver(LoadSettings settings) => new(Host.Address, Callbacks, Platform, settings);

    /// <summary>The host's log, for a failing assertion's message.</summary>
    public string HostLog(int lastLines = 40) =>
        File.Exists(Host.LogPath) ? string.Join('\n', File.ReadAllLines(Host.LogPath).TakeLast(lastLines)) : "(no host log)";

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Platform.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }
}

/// <summary>The fault tests each load the machine: they run one at a time, apart from the rest of the suite.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection
{
    public const string Name = "Faults under load";
}
