using System.Data.Common;
using System.Diagnostics;
using Bot.Data.Connections;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bot.Data.ReadModel;

/// <summary>Settings of the in-memory read model (section <c>Database:ReadModel</c>).</summary>
public sealed class ReadModelOptions
{
    public const string SectionName = "Database:ReadModel";

    /// <summary>Keep plan, roster, units and chats in memory (off: every read goes to the database).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often, at most, a host asks the database whether those tables changed.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The database's version counter of the rarely changing tables (<c>data_versions</c>, row <c>reference</c>, bumped by
/// trigger on every write to them, migration 0008), read at most once per <see cref="ReadModelOptions.CheckInterval"/>
/// by one caller at a time; the others get the last value. A write through this host's repositories calls
/// <see cref="MarkStale"/>, so this host sees its own writes at once; other hosts see them within the interval.
/// </summary>
public sealed class ReferenceVersion(IDbConnectionFactory connections, IOptions<ReadModelOptions> options)
{
    private readonly Lock _gate = new();
    private Task<long>? _reading;
    private long _version = long.MinValue;
    private long _checkedAt = long.MinValue;
    private long _unversioned;

    /// <summary>The current version; a value never seen before when the counter cannot be read (nothing is then reused).</summary>
    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (IsFresh())
        {
            return Volatile.Read(ref _version);
        }

        Task<long> reading;
        lock (_gate)
        {
            reading = _reading ??= ReadAsync();
        }

        return await reading.WaitAsync(cancellationToken);
    }

    /// <summary>Forces the next <see cref="CurrentAsync"/> to read the counter (after a write by this host).</summary>
    public void MarkStale() => Volatile.Write(ref _checkedAt, long.MinValue);

    private async Task<long> ReadAsync()
    {
        await Task.Yield();
        var startedAt = Stopwatch.GetTimestamp();
        long version;
        try
        {
            await using var connection = await connections.OpenAsync();
            version = await connection.ExecuteScalarAsync<long?>("SELECT version FROM data_versions WHERE name = 'reference'") ?? NextUnversioned();
        }
        catch (DbException)
        {
            // No counter (schema not migrated yet) or no database: do not reuse anything loaded before.
            version = NextUnversioned();
        }

        lock (_gate)
        {
            Volatile.Write(ref _version, version);
            Volatile.Write(ref _checkedAt, startedAt);
            _reading = null;
        }

        return version;
    }

    private bool IsFresh()
    {
        var checkedAt = Volatile.Read(ref _checkedAt);
        return checkedAt != long.MinValue && Stopwatch.GetElapsedTime(checkedAt) < options.Value.CheckInterval;
    }

    private long NextUnversioned() => long.MinValue + 1 + Interlocked.Increment(ref _unversioned);
}

/// <summary>
/// One snapshot of reference data, reloaded when the <see cref="ReferenceVersion"/> moved since it was loaded. The
/// version is read before the load, so a write during the load only causes one more reload, never a stale snapshot.
/// One load runs at a time per version; concurrent readers share it.
/// </summary>
public sealed class VersionedSnapshot<T>(ReferenceVersion version, Func<CancellationToken, Task<T>> load) where T : class
{
    private readonly Lock _gate = new();
    private Entry? _current;
    private (long Version, Task<T> Task)? _loading;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = await version.CurrentAsync(cancellationToken);
        if (Volatile.Read(ref _current) is { } current && current.Version == now)
        {
            return current.Value;
        }

        Task<T> loading;
        lock (_gate)
        {
            if (_loading is { } inFlight && inFlight.Version == now)
            {
                loading = inFlight.Task;
            }
            else
            {
                loading = LoadAsync(now);
                _loading = (now, loading);
            }
        }

        return await loading.WaitAsync(cancellationToken);
    }

    private async Task<T> LoadAsync(long at)
    {
        await Task.Yield();
        try
        {
            var value = await load(CancellationToken.None);
            lock (_gate)
            {
                if (_current is null || at > _current.Version)
                {
                    Volatile.Write(ref _current, new Entry(at, value));
                }
            }

            return value;
        }
        finally
        {
            lock (_gate)
            {
                if (_loading is { } inFlight && inFlight.Version == at)
                {
                    _loading = null;
                }
            }
        }
    }

    private sealed record Entry(long Version, T Value);
}
