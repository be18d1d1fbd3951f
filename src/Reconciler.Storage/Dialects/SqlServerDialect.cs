using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Reconciler.Storage;

/// <summary>SQL Server through Microsoft.Data.SqlClient.</summary>
internal sealed class SqlServerDialect : SqlDialect
{
    public override StorageProvider Provider => StorageProvider.SqlServer;

    // SqlClient's own limit is 30 s (see DefaultCommandTimeoutSeconds). A Command Timeout given in the connection
    // string (SqlClient's only keyword for it; case is ignored) is kept.
    public override DbConnection CreateConnection(string connectionString) =>
        new SqlConnection(WithCommandTimeout(
            connectionString,
            ["Command Timeout"],
            (given, seconds) => new SqlConnectionStringBuilder(given) { CommandTimeout = seconds }.ConnectionString));

    public override string IdentityKey => "BIGINT IDENTITY(1,1) PRIMARY KEY";

    public override string Text => "NVARCHAR(MAX)";

    public override string ShortText(int length) => $"NVARCHAR({length})";

    public override string Boolean => "BIT";

    public override string True => "1";

    public override string False => "0";

    // sp_getapplock does not fail when the lock is not granted (it returns -1 on a time-out, -3 as a deadlock victim):
    // without the check a migration would then run beside another process's.
    public override string? MigrationLock =>
        """
        DECLARE @granted INT;
        EXEC @granted = sp_getapplock @Resource = N'reconciler-migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;
        IF @granted < 0 THROW 51000, N'the migration lock was not granted within 60 s (another process is migrating the ledger, or deadlocked): this migration was not applied', 1;
        """;

    public override string Temp(string name) => "#" + name;

    public override IEnumerable<string> CreateTemp(string name, string columns) =>
        [$"IF OBJECT_ID('tempdb..#{name}') IS NOT NULL DROP TABLE #{name}", $"CREATE TABLE #{name} ({Collated(columns)})"];

    // Temporary tables live in tempdb and take its collation; text compared with the database's columns must take
    // the database's, or SQL Server refuses the join ("cannot resolve the collation conflict").
    private static string Collated(string columns) => columns
        .Replace("VARCHAR(64)", "NVARCHAR(64) COLLATE DATABASE_DEFAULT", StringComparison.Ordinal)
        .Replace("TEXT", "NVARCHAR(MAX) COLLATE DATABASE_DEFAULT", StringComparison.Ordinal);

    public override string UpdateFrom(string table, string alias, string set, string from, string where) =>
        $"UPDATE {alias} SET {set} FROM {table} AS {alias}, {from} WHERE {where}";

    // No ON CONFLICT in T-SQL: the key-range lock (UPDLOCK, HOLDLOCK) makes a second writer of the same key wait for
    // the first to commit, and then find its row.
    public override string InsertNew(string table, string columns, string selectList, string from, string sourceKey, string key, string orderBy, IReadOnlyList<string>? returning = null) =>
        $"INSERT INTO {table} ({columns})"
        + (returning is { Count: > 0 } ? " OUTPUT " + string.Join(", ", returning.Select(c => "INSERTED." + c)) : "")
        + $" SELECT {selectList} FROM {from} WHERE NOT EXISTS (SELECT 1 FROM {table} AS existing WITH (UPDLOCK, HOLDLOCK) WHERE existing.{key} = {sourceKey}) ORDER BY {orderBy}";

    public override string FirstRows(string orderedSelect, string parameter) => $"{orderedSelect} OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    // OUTPUT rather than RETURNING; the update lock on each row makes a second claimer wait and then re-check the condition.
    public override string UpdateFirstRows(string table, string set, string condition, string candidates, string limitParameter) =>
        $"UPDATE {table} SET {set} OUTPUT INSERTED.id WHERE id IN ({candidates}) AND ({condition})";

    public override string InsertReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) OUTPUT INSERTED.id VALUES ({values})";
}
