using Bot.Data.Common;
using Bot.Data.Connections;

namespace Bot.Data.Members;

public interface IMemberRepository
{
    Task<long> AddAsync(Member member, CancellationToken cancellationToken = default);

    Task UpdateAsync(Member member, CancellationToken cancellationToken = default);

    Task<Member?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<Member?> FindByNameAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Binds a platform user id to a member; false when that user id is already bound.</summary>
    Task<bool> BindAccountAsync(string platform, string userId, long memberId, CancellationToken cancellationToken = default);

    Task<Member?> FindByAccountAsync(string platform, string userId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<MemberAccount>> ListAccountsAsync(long memberId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the units a leader is in charge of (分管单位).</summary>
    Task SetLedUnitsAsync(long memberId, IReadOnlyCollection<long> unitIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<long>> GetLedUnitsAsync(long memberId, CancellationToken cancellationToken = default);
}

internal sealed class MemberRepository(IDbConnectionFactory connections, TimeProvider time) : RepositoryBase(connections), IMemberRepository
{
    private const string Columns = """
        id AS Id, name AS Name, title AS Title, role AS Role, unit_id AS UnitId, leader_id AS LeaderId,
        river_chief_level AS RiverChiefLevel, active AS Active, created_at AS CreatedAt
        """;

    public Task<long> AddAsync(Member member, CancellationToken cancellationToken = default)
    {
        member.CreatedAt = member.CreatedAt == default ? time.GetUtcNow() : member.CreatedAt;
        return InsertAsync("""
            INSERT INTO members (name, title, role, unit_id, leader_id, river_chief_level, active, created_at)
            VALUES (@Name, @Title, @Role, @UnitId, @LeaderId, @RiverChiefLevel, @Active, @CreatedAt)
            """, member, cancellationToken);
    }

    public Task UpdateAsync(Member member, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE members SET name = @Name, title = @Title, role = @Role, unit_id = @UnitId, leader_id = @LeaderId,
              river_chief_level = @RiverChiefLevel, active = @Active WHERE id = @Id
            """, member, cancellationToken);

    public Task<Member?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<Member>($"SELECT {Columns} FROM members WHERE id = @Id", new { Id = id }, cancellationToken);

    public Task<Member?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<Member>($"SELECT {Columns} FROM members WHERE name = @Name ORDER BY active DESC, id LIMIT 1", new { Name = name }, cancellationToken);

    public Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken = default) =>
        QueryAsync<Member>($"SELECT {Columns} FROM members ORDER BY id", null, cancellationToken);

    public async Task<bool> BindAccountAsync(string platform, string userId, long memberId, CancellationToken cancellationToken = default) =>
        await InsertIfAbsentAsync("INSERT INTO member_accounts (platform, user_id, member_id, created_at) VALUES (@Platform, @UserId, @MemberId, @CreatedAt)",
            new { Platform = platform, UserId = userId, MemberId = memberId, CreatedAt = time.GetUtcNow() }, cancellationToken);

    public Task<Member?> FindByAccountAsync(string platform, string userId, CancellationToken cancellationToken = default) =>
        QuerySingleOrDefaultAsync<Member>($"""
            SELECT {Columns} FROM members WHERE id = (SELECT member_id FROM member_accounts WHERE platform = @Platform AND user_id = @UserId)
            """, new { Platform = platform, UserId = userId }, cancellationToken);

    public Task<IReadOnlyList<MemberAccount>> ListAccountsAsync(long memberId, CancellationToken cancellationToken = default) =>
        QueryAsync<MemberAccount>("""
            SELECT id AS Id, platform AS Platform, user_id AS UserId, member_id AS MemberId, created_at AS CreatedAt
            FROM member_accounts WHERE member_id = @MemberId ORDER BY id
            """, new { MemberId = memberId }, cancellationToken);

    public async Task SetLedUnitsAsync(long memberId, IReadOnlyCollection<long> unitIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await Connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
            "DELETE FROM member_units WHERE member_id = @MemberId", new { MemberId = memberId }, transaction, cancellationToken: cancellationToken));
        foreach (var unitId in unitIds.Distinct())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
                "INSERT INTO member_units (member_id, unit_id) VALUES (@MemberId, @UnitId)",
                new { MemberId = memberId, UnitId = unitId }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<long>> GetLedUnitsAsync(long memberId, CancellationToken cancellationToken = default) =>
        QueryAsync<long>("SELECT unit_id FROM member_units WHERE member_id = @MemberId ORDER BY unit_id", new { MemberId = memberId }, cancellationToken);
}
