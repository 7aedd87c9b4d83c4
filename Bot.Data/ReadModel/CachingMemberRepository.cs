using Bot.Data.Common;
using Bot.Data.Connections;
using Bot.Data.Members;

namespace Bot.Data.ReadModel;

/// <summary>
/// The roster in memory: members, their platform accounts and led units, loaded in one go and reloaded when the
/// <see cref="ReferenceVersion"/> moves. Writes go to the database and mark the version stale. Lookups return copies;
/// <see cref="ListAsync"/> returns the shared snapshot, which callers must treat as read-only.
/// </summary>
internal sealed class CachingMemberRepository : RepositoryBase, IMemberRepository
{
    private readonly IMemberRepository _inner;
    private readonly ReferenceVersion _version;
    private readonly VersionedSnapshot<Roster> _roster;

    public CachingMemberRepository(IMemberRepository inner, IDbConnectionFactory connections, ReferenceVersion version)
        : base(connections)
    {
        _inner = inner;
        _version = version;
        _roster = new VersionedSnapshot<Roster>(version, LoadAsync);
    }

    public async Task<long> AddAsync(Member member, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.AddAsync(member, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task UpdateAsync(Member member, CancellationToken cancellationToken = default)
    {
        try
        {
            await _inner.UpdateAsync(member, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task<bool> BindAccountAsync(string platform, string userId, long memberId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.BindAccountAsync(platform, userId, memberId, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task SetLedUnitsAsync(long memberId, IReadOnlyCollection<long> unitIds, CancellationToken cancellationToken = default)
    {
        try
        {
            await _inner.SetLedUnitsAsync(memberId, unitIds, cancellationToken);
        }
        finally
        {
            _version.MarkStale();
        }
    }

    public async Task<Member?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        Copy((await _roster.GetAsync(cancellationToken)).ById.GetValueOrDefault(id));

    public async Task<Member?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        Copy((await _roster.GetAsync(cancellationToken)).ByName.GetValueOrDefault(name));

    public async Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken = default) =>
        (await _roster.GetAsync(cancellationToken)).Members;

    public async Task<Member?> FindByAccountAsync(string platform, string userId, CancellationToken cancellationToken = default)
    {
        var roster = await _roster.GetAsync(cancellationToken);
        return roster.ByAccount.TryGetValue((platform, userId), out var memberId) ? Copy(roster.ById.GetValueOrDefault(memberId)) : null;
    }

    public async Task<IReadOnlyList<MemberAccount>> ListAccountsAsync(long memberId, CancellationToken cancellationToken = default) =>
        (await _roster.GetAsync(cancellationToken)).Accounts.Where(a => a.MemberId == memberId)
            .Select(a => new MemberAccount { Id = a.Id, Platform = a.Platform, UserId = a.UserId, MemberId = a.MemberId, CreatedAt = a.CreatedAt })
            .ToList();

    public async Task<IReadOnlyList<long>> GetLedUnitsAsync(long memberId, CancellationToken cancellationToken = default) =>
        (await _roster.GetAsync(cancellationToken)).LedUnits.TryGetValue(memberId, out var units) ? units : [];

    private async Task<Roster> LoadAsync(CancellationToken cancellationToken)
    {
        var members = await _inner.ListAsync(cancellationToken);
        var accounts = await QueryAsync<MemberAccount>("""
            SELECT id AS Id, platform AS Platform, user_id AS UserId, member_id AS MemberId, created_at AS CreatedAt
            FROM member_accounts ORDER BY id
            """, null, cancellationToken);
        var led = await QueryAsync<(long MemberId, long UnitId)>(
            "SELECT member_id, unit_id FROM member_units ORDER BY member_id, unit_id", null, cancellationToken);
        return new Roster(members, accounts, led, Dialect.Provider == DatabaseProvider.MySql);
    }

    private static Member? Copy(Member? m) => m is null ? null : new Member
    {
        Id = m.Id, Name = m.Name, Title = m.Title, Role = m.Role, UnitId = m.UnitId, LeaderId = m.LeaderId,
        RiverChiefLevel = m.RiverChiefLevel, Active = m.Active, CreatedAt = m.CreatedAt,
    };

    private sealed class Roster
    {
        public Roster(IReadOnlyList<Member> members, IReadOnlyList<MemberAccount> accounts, IReadOnlyList<(long MemberId, long UnitId)> led, bool caseInsensitiveKeys)
        {
            // MariaDB compares with a case-insensitive collation; match what the SQL lookups would find.
            var text = caseInsensitiveKeys ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            Members = members;
            Accounts = accounts;
            ById = members.ToDictionary(m => m.Id);
            ByName = new Dictionary<string, Member>(text);
            foreach (var m in members.OrderByDescending(m => m.Active).ThenBy(m => m.Id))
            {
                ByName.TryAdd(m.Name, m);
            }

            ByAccount = new Dictionary<(string, string), long>(new PairComparer(text));
            foreach (var a in accounts)
            {
                ByAccount.TryAdd((a.Platform, a.UserId), a.MemberId);
            }

            LedUnits = led.GroupBy(l => l.MemberId).ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.Select(l => l.UnitId).ToList());
        }

        public IReadOnlyList<Member> Members { get; }

        public IReadOnlyList<MemberAccount> Accounts { get; }

        public Dictionary<long, Member> ById { get; }

        public Dictionary<string, Member> ByName { get; }

        public Dictionary<(string Platform, string UserId), long> ByAccount { get; }

        public Dictionary<long, IReadOnlyList<long>> LedUnits { get; }
    }

    private sealed class PairComparer(StringComparer text) : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) => text.Equals(x.Item1, y.Item1) && text.Equals(x.Item2, y.Item2);

        public int GetHashCode((string, string) obj) => HashCode.Combine(text.GetHashCode(obj.Item1), text.GetHashCode(obj.Item2));
    }
}
