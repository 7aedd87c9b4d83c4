using Bot.Data.Common;
using Bot.Data.Connections;
using Dapper;

namespace Bot.Data.Leases;

/// <summary>Named, expiring leases so that one host among several holds a singleton (e.g. the DingTalk stream).</summary>
public interface ILeaseRepository
{
    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="owner"/>; false while another owner holds it.</summary>
    Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default);
}

internal sealed class LeaseRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), ILeaseRepository
{
    public async Task<bool> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var parameters = new { Name = name, Owner = owner, Now = now, Until = now + duration };
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await InsertIfAbsentAsync("INSERT INTO leases (name, owner, expires_at) VALUES (@Name, @Owner, @Until)", parameters, cancellationToken, connection);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE leases SET owner = @Owner, expires_at = @Until WHERE name = @Name AND (owner = @Owner OR expires_at < @Now)",
            parameters, cancellationToken: cancellationToken));
        var holder = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT owner FROM leases WHERE name = @Name", parameters, cancellationToken: cancellationToken));
        return string.Equals(holder, owner, StringComparison.Ordinal);
    }

    public Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM leases WHERE name = @Name AND owner = @Owner", new { Name = name, Owner = owner }, cancellationToken);
}
