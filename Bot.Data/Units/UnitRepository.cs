using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Units;

public interface IUnitRepository
{
    /// <summary>
    /// Adds the unit, or merges its aliases into the existing unit it names: the one of the same name, else the one
    /// whose name is among its aliases or whose aliases hold its name (区发展和改革局 written in a plan is the roster's
    /// 区发改局; the written form becomes an alias). Returns the id of the unit stored or merged into.
    /// </summary>
    Task<long> UpsertAsync(Unit unit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Unit>> ListAsync(CancellationToken cancellationToken = default);

    Task<Unit?> FindByNameAsync(string name, CancellationToken cancellationToken = default);
}

internal sealed class UnitRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IUnitRepository
{
    private const string Columns = "id AS Id, name AS Name, aliases AS AliasesJson, type AS Type, created_at AS CreatedAt";

    public async Task<long> UpsertAsync(Unit unit, CancellationToken cancellationToken = default)
    {
        var existing = await FindByNameAsync(unit.Name, cancellationToken) ?? await FindByAliasAsync(unit, cancellationToken);
        if (existing is null)
        {
            return await InsertAsync(
                "INSERT INTO units (name, aliases, type, created_at) VALUES (@Name, @Aliases, @Type, @CreatedAt)",
                new { unit.Name, Aliases = Json.Serialize(unit.Aliases.Distinct(StringComparer.Ordinal).ToList()), unit.Type, CreatedAt = time.GetUtcNow() },
                cancellationToken);
        }

        var merged = existing.Aliases.Concat(unit.Aliases).Append(unit.Name)
            .Where(a => !string.Equals(a, existing.Name, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
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

    // Units are a few hundred rows and change only on import: read them all rather than search a JSON column.
    private async Task<Unit?> FindByAliasAsync(Unit unit, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        return all.FirstOrDefault(u => unit.Aliases.Contains(u.Name, StringComparer.Ordinal))
               ?? all.FirstOrDefault(u => u.Aliases.Contains(unit.Name, StringComparer.Ordinal));
    }

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
