using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Units;

public interface IUnitRepository
{
    /// <summary>Adds the unit, or merges its aliases into the existing one of the same name; returns its id.</summary>
    Task<long> UpsertAsync(Unit unit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Unit>> ListAsync(CancellationToken cancellationToken = default);

    Task<Unit?> FindByNameAsync(string name, CancellationToken cancellationToken = default);
}

internal sealed class UnitRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IUnitRepository
{
    private const string Columns = "id AS Id, name AS Name, aliases AS AliasesJson, type AS Type, created_at AS CreatedAt";

    public async Task<long> UpsertAsync(Unit unit, CancellationToken cancellationToken = default)
    {
        var existing = await FindByNameAsync(unit.Name, cancellationToken);
        if (existing is null)
        {
            return await InsertAsync(
                "INSERT INTO units (name, aliases, type, created_at) VALUES (@Name, @Aliases, @Type, @CreatedAt)",
                new { unit.Name, Aliases = Json.Serialize(unit.Aliases.Distinct(StringComparer.Ordinal).ToList()), unit.Type, CreatedAt = time.GetUtcNow() },
                cancellationToken);
        }

        var merged = existing.Aliases.Concat(unit.Aliases).Distinct(StringComparer.Ordinal).ToList();
        if (merged.Count != existing.Aliases.Count)
        {
            await ExecuteAsync("UPDATE units SET aliases = @Aliases WHERE id = @Id",
                new { Aliases = Json.Serialize(merged), existing.Id }, cancellationToken);
        }

        return existing.Id;
    }

    public async Task<IReadOnlyList<Unit>> ListAsync(CancellationToken cancellationToken = default) =>
        (await QueryAsync<UnitRow>($"SELECT {Columns} FROM units ORDER BY id", null, cancellationToken)).Select(r => r.ToUnit()).ToList();

    public async Task<Unit?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        (await QuerySingleOrDefaultAsync<UnitRow>($"SELECT {Columns} FROM units WHERE name = @Name", new { Name = name }, cancellationToken))?.ToUnit();

    private sealed class UnitRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string AliasesJson { get; set; } = "[]";
        public string Type { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }

        public Unit ToUnit() => new() { Id = Id, Name = Name, Aliases = Json.Deserialize(AliasesJson, new List<string>()), Type = Type, CreatedAt = CreatedAt };
    }
}
