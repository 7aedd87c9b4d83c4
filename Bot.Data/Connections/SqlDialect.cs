using System.Data.Common;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Bot.Data.Connections;

/// <summary>
/// Every difference between MySQL/MariaDB and SQLite SQL lives here: duplicate-key detection,
/// insert-if-absent, batch claiming (paging inside an UPDATE) and upserts.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect MySql = new MySqlDialect();
    public static readonly SqlDialect Sqlite = new SqliteDialect();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// Turns a plain single-row <c>INSERT … VALUES (…)</c> into one that does nothing when a unique key already holds the
    /// row (SQLite: <c>ON CONFLICT DO NOTHING</c>). MySQL has no such clause that keeps errors loud (<c>INSERT IGNORE</c>
    /// also turns truncation and bad values into warnings), so there the statement stays plain and the caller treats a
    /// duplicate-key error as "already present" (see <c>RepositoryBase.InsertIfAbsentAsync</c>).
    /// </summary>
    public abstract string IfAbsent(string insert);

    /// <summary>SQL returning the id of the row just inserted on the same connection.</summary>
    public abstract string LastInsertId { get; }

    public static SqlDialect For(DatabaseProvider provider) =>
        provider == DatabaseProvider.MySql ? MySql : Sqlite;

    /// <summary>True when <paramref name="exception"/> reports a unique-key violation.</summary>
    public static bool IsDuplicateKey(DbException exception) => exception switch
    {
        MySqlException my => my.ErrorCode == MySqlErrorCode.DuplicateKeyEntry,
        SqliteException lite => lite.SqliteErrorCode == 19 && lite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    /// <summary>
    /// True when <paramref name="exception"/> is a lock conflict that a retry resolves: an InnoDB deadlock (1213) or lock
    /// wait timeout (1205), or SQLite busy/locked. The failed statement was rolled back whole.
    /// </summary>
    public static bool IsTransient(DbException exception) => exception switch
    {
        MySqlException my => my.ErrorCode is MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout,
        SqliteException lite => lite.SqliteErrorCode is 5 or 6,
        _ => false,
    };

    /// <summary>
    /// An UPDATE that leases up to <c>@Limit</c> due rows of <paramref name="table"/> to <c>@Owner</c>
    /// (setting <c>lease_expires_at = @LeaseUntil</c>). Rows are due when their state is one of
    /// <c>@State</c>/<c>@RetryState</c>, <c>next_attempt_at &lt;= @Now</c> and any earlier lease has expired.
    /// </summary>
    public abstract string ClaimBatch(string table);

    /// <summary>
    /// Where claiming takes two statements: a plain, non-locking SELECT of up to <c>@Limit</c> due ids, then
    /// <see cref="ClaimIds"/>. On InnoDB a single UPDATE … ORDER BY id LIMIT scans the state index with next-key locks,
    /// which blocks the callbacks' concurrent INSERTs for as long as the scan takes (the longer, the larger the backlog).
    /// Null where <see cref="ClaimBatch"/> is used (SQLite has a single writer and no gap locks).
    /// </summary>
    public virtual string? ClaimCandidates(string table) => null;

    /// <summary>Leases the rows <c>@Ids</c> that are still due (by primary key: no range locks).</summary>
    public virtual string ClaimIds(string table) => $"UPDATE {table} {LeaseSet} WHERE id IN @Ids AND {DueCondition}";

    /// <summary>
    /// An INSERT … that replaces the non-key columns when the unique key exists. On MySQL/MariaDB the update names the
    /// parameters again instead of the deprecated <c>VALUES(col)</c> (MariaDB rejects MySQL 8's <c>AS new</c> alias form).
    /// </summary>
    public string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns, IReadOnlyList<string>? insertOnlyColumns = null)
    {
        var all = keyColumns.Concat(valueColumns).Concat(insertOnlyColumns ?? []).ToList();
        return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(c => "@" + Pascal(c)))}) " +
               UpsertTail(keyColumns, valueColumns);
    }

    /// <summary>The dialect's conflict clause that overwrites <paramref name="valueColumns"/>.</summary>
    protected abstract string UpsertTail(IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns);

    protected const string DueCondition =
        "state IN (@State, @RetryState) AND next_attempt_at <= @Now AND (lease_expires_at IS NULL OR lease_expires_at < @Now)";

    protected const string LeaseSet =
        "SET lease_owner = @Owner, lease_expires_at = @LeaseUntil, state = @LeasedState, attempts = attempts + 1";

    private sealed class MySqlDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.MySql;

        public override string IfAbsent(string insert) => insert;

        public override string LastInsertId => "SELECT LAST_INSERT_ID()";

        public override string ClaimBatch(string table) =>
            $"UPDATE {table} {LeaseSet} WHERE {DueCondition} ORDER BY id LIMIT @Limit";

        /// <summary>
        /// Oldest due rows first, one state at a time, each read in (state, next_attempt_at) index order: the cost is the
        /// batch, not the backlog (one query for both states would sort every due row on each claim, which made a
        /// backlog after an outage or a burst slower and slower to work off).
        /// </summary>
        public override string? ClaimCandidates(string table) => $"""
            (SELECT id, next_attempt_at FROM {table} WHERE state = @State AND next_attempt_at <= @Now
               AND (lease_expires_at IS NULL OR lease_expires_at < @Now) ORDER BY next_attempt_at, id LIMIT @Limit)
            UNION ALL
            (SELECT id, next_attempt_at FROM {table} WHERE state = @RetryState AND next_attempt_at <= @Now
               AND (lease_expires_at IS NULL OR lease_expires_at < @Now) ORDER BY next_attempt_at, id LIMIT @Limit)
            ORDER BY next_attempt_at, id LIMIT @Limit
            """;

        protected override string UpsertTail(IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns) =>
            $"ON DUPLICATE KEY UPDATE {string.Join(", ", valueColumns.Select(c => $"{c} = @{Pascal(c)}"))}";
    }

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string IfAbsent(string insert) => insert.TrimEnd() + " ON CONFLICT DO NOTHING";

        public override string LastInsertId => "SELECT last_insert_rowid()";

        public override string ClaimBatch(string table) =>
            $"UPDATE {table} {LeaseSet} WHERE id IN (SELECT id FROM {table} WHERE {DueCondition} ORDER BY id LIMIT @Limit)";

        protected override string UpsertTail(IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns) =>
            $"ON CONFLICT ({string.Join(", ", keyColumns)}) DO UPDATE SET {string.Join(", ", valueColumns.Select(c => $"{c} = excluded.{c}"))}";
    }

    /// <summary>snake_case column → PascalCase parameter, matching the row types' property names.</summary>
    protected static string Pascal(string column) =>
        string.Concat(column.Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
