using Bot.Data.Connections;
using Bot.Data.Units;

namespace Bot.Data.ReadModel;

/// <summary>The units in memory, reloaded when the <see cref="ReferenceVersion"/> moves; lookups return copies.</summary>
internal sealed class CachingUnitRepository : IUnitRepository
{
    private readonly IUnitRepository _inner;
    private readonly ReferenceVersion _version;
    private readonly VersionedSnapshot<Units> _units;

    public CachingUnitRepository(IUnitRepository inner, IDbConnectionFactory connections, ReferenceVersion version)
    {
        _inner = inner;
        _version = version;
        var comparer = connections.Dialect.Provider == DatabaseProvider.MySql ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        _units = new VersionedSnapshot<Units>(version, async ct =>
        {
            var all = await inner.ListAsync(ct);
            var byName = new Dictionary<string, Unit>(comparer);
            foreach (var unit in all)
            {
                byName.TryAdd(unit.Name, unit);
            }

            return new Units(all, byName);
        });
    }

    public async Task<long> UpsertAsync(Unit unit, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.UpsertAsync(unit, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task<IReadOnlyList<Unit>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _units.GetAsync(cancellationToken)).All.Select(Copy).ToList();

    public async Task<Unit?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        (await _units.GetAsync(cancellationToken)).ByName.TryGetValue(name, out var unit) ? Copy(unit) : null;

    private static Unit Copy(Unit u) => new() { Id = u.Id, Name = u.Name, Aliases = [.. u.Aliases], Type = u.Type, CreatedAt = u.CreatedAt };

    private sealed record Units(IReadOnlyList<Unit> All, Dictionary<string, Unit> ByName);
}
