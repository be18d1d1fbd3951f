using System.Data.Common;

namespace Reconciler.Storage;

/// <summary>
/// What differs between the databases: how to connect, the column types of the one schema, and the statements
/// that have no common form. Everything else in the store is plain SQL that all three run.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>The dialect for a provider.</summary>
    public static SqlDialect For(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => new SqliteDialect(),
        StorageProvider.Postgres => new PostgresDialect(),
        StorageProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "unknown storage provider"),
    };

    /// <summary>The provider.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>A new, closed connection.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>
    /// The store's command time limit on a server database when the connection string sets none. The drivers' own
    /// default (30 s) is shorter than single statements of a million lines' save (the decisions' update took 48 s on a
    /// 1M PostgreSQL ledger); ten minutes lets those finish and still ends a statement stuck behind a lock or on a dead
    /// connection, which would otherwise hold its pooled connection (and a worker's job lock) for good.
    /// </summary>
    public const int DefaultCommandTimeoutSeconds = 600;

    /// <summary>
    /// <paramref name="connectionString"/> as given when it sets a command timeout under one of
    /// <paramref name="keywords"/>, otherwise as <paramref name="withTimeout"/> makes it with
    /// <see cref="DefaultCommandTimeoutSeconds"/>.
    /// </summary>
    protected static string WithCommandTimeout(string connectionString, string[] keywords, Func<string, int, string> withTimeout)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(given.ContainsKey) ? connectionString : withTimeout(connectionString, DefaultCommandTimeoutSeconds);
    }

    /// <summary>The column definition of a surrogate primary key filled by the database.</summary>
    public abstract string IdentityKey { get; }

    /// <summary>Unbounded text.</summary>
    public abstract string Text { get; }

    /// <summary>Text short enough to index (names, keys, codes).</summary>
    public abstract string ShortText(int length);

    /// <summary>A true/false column.</summary>
    public abstract string Boolean { get; }

    /// <summary>The literal for true in this dialect's boolean column.</summary>
    public abstract string True { get; }

    /// <summary>The literal for false in this dialect's boolean column.</summary>
    public abstract string False { get; }

    /// <summary>An INSERT that returns the new row's <c>id</c>: the column list, values and the dialect's way of returning it.</summary>
    public abstract string InsertReturningId(string table, string columns, string values);

    /// <summary>Statements run on a new connection before use (pragmas), or none.</summary>
    public virtual IEnumerable<string> OnOpen => [];

    /// <summary>
    /// The connection string of a store that only reads (<see cref="LedgerStore.ReadOnly"/>): one that cannot change
    /// the database, where the driver can say so; as given otherwise.
    /// </summary>
    public virtual string ReadOnly(string connectionString) => connectionString;

    /// <summary>The statements run on each new connection of a ledger being built under a name of its own (see <see cref="FreshLedger"/>).</summary>
    public virtual IEnumerable<string> OnOpenBuilding => OnOpen;

    /// <summary>The statements of <see cref="OnOpen"/> that change nothing in the database, for a store that only reads.</summary>
    public virtual IEnumerable<string> OnOpenReadOnly => OnOpen;

    /// <summary>
    /// Statements run on a connection before a bulk write (outside its transaction), or none; <see cref="AfterBulk"/>
    /// undoes them before the connection goes back to the pool.
    /// </summary>
    public virtual IEnumerable<string> BeforeBulk => [];

    /// <summary>Statements that undo <see cref="BeforeBulk"/>.</summary>
    public virtual IEnumerable<string> AfterBulk => [];

    /// <summary>
    /// Statements that stop the connection checking foreign keys row by row (outside any transaction), for a write
    /// that checks its references itself; none where the database checks them cheaply or cannot be told not to.
    /// </summary>
    public virtual IEnumerable<string> ForeignKeysOff => [];

    /// <summary>Statements that undo <see cref="ForeignKeysOff"/>.</summary>
    public virtual IEnumerable<string> ForeignKeysOn => [];

    /// <summary>
    /// True when no foreign key checks what a match run's save, a receivables sync and an import write (turned off
    /// for the save's and the sync's connections by <see cref="ForeignKeysOff"/>, or not in the schema), so the
    /// writers prove their references themselves; see migration 6.
    /// </summary>
    public virtual bool WritersCheckReferences => ForeignKeysOff.Any();

    /// <summary>
    /// Statements (inside a transaction) before a run's two big updates (decisions joined to their lines, sums to their
    /// receivables), so that their joins run in memory and visit the target in the order of one side; none where
    /// nothing needs saying. <see cref="LargeUpdatesOff"/> undoes them for the rest of the transaction.
    /// </summary>
    public virtual IEnumerable<string> LargeUpdatesOn => [];

    /// <summary>Statements that undo <see cref="LargeUpdatesOn"/>.</summary>
    public virtual IEnumerable<string> LargeUpdatesOff => [];

    /// <summary>
    /// The table that keeps the stored lines' keys (<c>line_key</c>, <c>line_id</c>; its key unique), written by the
    /// import beside <c>statement_line</c>; null where the unique index on <c>statement_line.line_key</c> does that
    /// (see migration 7).
    /// </summary>
    public virtual string? LineKeyTable => null;

    /// <summary>
    /// A statement that serialises schema migrations between processes inside the current transaction, or null
    /// when the transaction itself does (SQLite takes the write lock at the first write).
    /// </summary>
    public virtual string? MigrationLock => null;

    /// <summary>
    /// A condition that <paramref name="column"/> is one of the values of a list parameter: Dapper expands
    /// <c>IN @List</c> for SQLite and SQL Server, while Npgsql takes the list as one array (<c>= ANY(@List)</c>).
    /// </summary>
    public virtual string In(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>The name by which statements refer to a temporary table.</summary>
    public virtual string Temp(string name) => name;

    /// <summary>Statements that create an empty temporary table for this transaction (dropping a leftover first).</summary>
    public abstract IEnumerable<string> CreateTemp(string name, string columns);

    /// <summary>
    /// The statement that indexes a temporary table made by <see cref="CreateTemp"/> on <paramref name="column"/> (after
    /// it is filled): correlated lookups into it would otherwise scan it once per outer row.
    /// </summary>
    public virtual string TempIndex(string name, string column) => $"CREATE INDEX ix_{name}_{column} ON {Temp(name)} ({column})";

    /// <summary>The statement that drops a temporary table made by <see cref="CreateTemp"/>, or null when the commit does.</summary>
    public virtual string? DropTemp(string name) => $"DROP TABLE {Temp(name)}";

    /// <summary>
    /// An UPDATE of <paramref name="table"/> (as <paramref name="alias"/>) joined with <paramref name="from"/>: the set
    /// clause names target columns unqualified and may read <paramref name="alias"/>'s and the joined columns.
    /// </summary>
    public virtual string UpdateFrom(string table, string alias, string set, string from, string where) =>
        $"UPDATE {table} AS {alias} SET {set} FROM {from} WHERE {where}";

    /// <summary>
    /// An INSERT into <paramref name="table"/> of the rows <c>SELECT <paramref name="selectList"/> FROM
    /// <paramref name="from"/> ORDER BY <paramref name="orderBy"/></c> that skips each row whose
    /// <paramref name="key"/> (a unique index of the table) is taken, also by a writer committing at the same moment
    /// (the unique index is the guarantee); the source rows must not repeat a key among themselves. With
    /// <paramref name="returning"/>, the statement returns those columns of the rows it inserted.
    /// </summary>
    /// <param name="table">The target table.</param>
    /// <param name="columns">The target columns.</param>
    /// <param name="selectList">The values, read from the source.</param>
    /// <param name="from">The source (a temporary table with an alias).</param>
    /// <param name="sourceKey">The source's value of the key (for example <c>x.dedup_key</c>).</param>
    /// <param name="key">The target's unique key column.</param>
    /// <param name="orderBy">The order in which rows are inserted (and so take their ids).</param>
    /// <param name="returning">Target columns to return for each row inserted; none when null.</param>
    public virtual string InsertNew(string table, string columns, string selectList, string from, string sourceKey, string key, string orderBy, IReadOnlyList<string>? returning = null) =>
        // NOT EXISTS skips the keys already there without drawing an id for them (SQLite's AUTOINCREMENT and PostgreSQL's
        // identity draw one for every row proposed); ON CONFLICT skips those a concurrent writer adds meanwhile. (The
        // WHERE also keeps SQLite from reading ON CONFLICT as a join's ON.)
        $"INSERT INTO {table} ({columns}) SELECT {selectList} FROM {from} WHERE NOT EXISTS (SELECT 1 FROM {table} existing WHERE existing.{key} = {sourceKey}) ORDER BY {orderBy} ON CONFLICT ({key}) DO NOTHING"
        + (returning is { Count: > 0 } ? " RETURNING " + string.Join(", ", returning) : "");

    /// <summary>An ordered SELECT cut to its first rows, as many as <paramref name="parameter"/> says.</summary>
    public virtual string FirstRows(string orderedSelect, string parameter) => $"{orderedSelect} LIMIT {parameter}";

    /// <summary>
    /// An UPDATE that applies <paramref name="set"/> to the rows of <paramref name="table"/> that <paramref name="candidates"/>
    /// (a SELECT of ids, ordered and cut to <see cref="CandidatesPerRow"/> times as many as are wanted) picks and that still
    /// meet <paramref name="condition"/>, at most as many as <paramref name="limitParameter"/> says, and returns the ids it changed. Two such statements at once never both change a row: the condition is checked again
    /// on each row as the update takes it, so a row that another statement changed meanwhile (and that no longer meets
    /// it) is left out; the statement may then change fewer rows than asked while others still meet the condition, and
    /// the caller asks again. The default (SQLite, which runs one writing statement at a time) picks the candidates in a
    /// subquery and finds each by its id: the condition is checked in a form no index answers, since without statistics
    /// SQLite took an indexed condition on a status for a few rows and read every row of that status instead.
    /// </summary>
    public virtual string UpdateFirstRows(string table, string set, string condition, string candidates, string limitParameter) =>
        $"UPDATE {table} SET {set} WHERE id IN ({candidates}) AND CASE WHEN ({condition}) THEN 1 ELSE 0 END = 1 RETURNING id";

    /// <summary>
    /// How many candidates <see cref="UpdateFirstRows"/> wants per row it may change: 1 where the candidates are the
    /// rows to change; more where rows locked by another claimer are passed over (PostgreSQL), so that a claimer
    /// next to another still finds rows of its own.
    /// </summary>
    public virtual int CandidatesPerRow => 1;

    /// <summary>Substitutes the type placeholders of a schema statement: <c>{id} {text} {bool} {str:N}</c>.</summary>
    public string Schema(string sql)
    {
        var result = sql.Replace("{id}", IdentityKey, StringComparison.Ordinal)
            .Replace("{text}", Text, StringComparison.Ordinal)
            .Replace("{bool}", Boolean, StringComparison.Ordinal)
            .Replace("{money}", "BIGINT", StringComparison.Ordinal);
        var start = result.IndexOf("{str:", StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = result.IndexOf('}', start);
            var length = int.Parse(result.AsSpan(start + 5, end - start - 5), System.Globalization.CultureInfo.InvariantCulture);
            result = string.Concat(result.AsSpan(0, start), ShortText(length), result.AsSpan(end + 1));
            start = result.IndexOf("{str:", StringComparison.Ordinal);
        }

        return result;
    }
}
