using Microsoft.Data.Sqlite;

namespace Reconciler.Storage.Erp;

/// <summary>
/// Where the ERP's receivables come from: a query, without parameters, against the ERP's own database (SQLite,
/// PostgreSQL or SQL Server), and how to read its result. The connection string is a secret: it is never part of
/// <see cref="ToString"/> or of a message.
/// </summary>
/// <param name="Provider">The ERP database's kind.</param>
/// <param name="ConnectionString">The provider's connection string; for SQLite, a connection string or a file path.</param>
/// <param name="Query">The query: one row per receivable.</param>
public sealed record ErpSource(StorageProvider Provider, string ConnectionString, string Query)
{
    /// <summary>The ledger's name for receivables synced from the ERP, unless <see cref="Name"/> says otherwise.</summary>
    public const string DefaultName = "erp";

    /// <summary>The source the ledger records for the receivables it syncs from here, and the name messages use.</summary>
    public string Name { get; init; } = DefaultName;

    /// <summary>The result's column of each receivable field.</summary>
    public ErpColumns Columns { get; init; } = ErpColumns.Default;

    /// <summary>Values of the status column that mean paid (trimmed, case-insensitive).</summary>
    public IReadOnlyList<string> PaidValues { get; init; } = ["paid"];

    /// <summary>Values of the status column that mean cancelled (trimmed, case-insensitive).</summary>
    public IReadOnlyList<string> CancelledValues { get; init; } = ["cancelled", "canceled"];

    /// <summary>
    /// True when the query gives every receivable the ERP holds (open, paid, cancelled): a receivable synced from this
    /// ERP before that the result no longer holds is cancelled in the ledger. False when it gives only some (the
    /// open ones, say): the ledger's other receivables from it are left as they are.
    /// </summary>
    public bool Complete { get; init; }

    /// <summary>How long the query may run.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The currency of receivables with an empty currency, or of all of them without a currency column.</summary>
    public string DefaultCurrency { get; init; } = "CNY";

    /// <summary>
    /// Formats of dates given as text or as numbers (.NET custom formats, invariant culture), tried before ISO 8601
    /// (<c>yyyy-MM-dd</c>, with or without a time and an offset), which is always read.
    /// </summary>
    public IReadOnlyList<string> DateFormats { get; init; } = [];

    /// <summary>The query as messages name it: its name and database, without any password.</summary>
    public string Description => ConnectionStringProblem() is null
        ? $"ERP query {Name} ({new StoreLocation(Provider, Connection(readOnly: false))})"
        : $"ERP query {Name} ({Provider.ToString().ToLowerInvariant()})";

    /// <summary>Why the provider cannot read <see cref="ConnectionString"/> (an unknown keyword, a bad value), or null when it can.</summary>
    public string? ConnectionStringProblem()
    {
        try
        {
            _ = Provider switch
            {
                StorageProvider.Sqlite => Connection(readOnly: false),
                StorageProvider.Postgres => new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).ConnectionString,
                _ => new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString).ConnectionString,
            };
            return null;
        }
        catch (Exception problem) when (problem is ArgumentException or FormatException or KeyNotFoundException)
        {
            return problem.Message;
        }
    }

    /// <summary>The description; never the connection string.</summary>
    public override string ToString() => Description;

    /// <summary>
    /// The connection string to open; a SQLite path becomes a connection string, and with
    /// <paramref name="readOnly"/> SQLite opens the file read-only (a missing file is an error, never created) and unpooled.
    /// </summary>
    internal string Connection(bool readOnly)
    {
        if (Provider != StorageProvider.Sqlite)
        {
            return ConnectionString;
        }

        var builder = ConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(ConnectionString)
            : new SqliteConnectionStringBuilder { DataSource = ConnectionString.Trim() };
        if (readOnly)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
            builder.Pooling = false;
        }

        return builder.ToString();
    }
}
