using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Imports a statement file whole, in one transaction: a file whose SHA-256 is known imports nothing; a line
    /// whose key is already stored (an overlapping export) is stored as <c>duplicate</c> of the first; every other
    /// line is stored as <c>new</c>, for the next match run.
    /// </summary>
    /// <param name="fileName">The file's name as the user gave it.</param>
    /// <param name="sha256">The SHA-256 of the file's bytes, lower-case hex.</param>
    /// <param name="profile">The bank profile the file was read with.</param>
    /// <param name="lines">The file's lines, in file order.</param>
    /// <param name="actor">Who imports (a user name, or <c>reconcile</c>).</param>
    /// <exception cref="LedgerConflictException">Another process imported the same file or overlapping lines at the same moment; nothing was saved.</exception>
    public StatementImport ImportStatement(string fileName, string sha256, string profile, IReadOnlyList<StatementLine> lines, string actor)
    {
        ArgumentNullException.ThrowIfNull(lines);
        try
        {
            return Import(fileName, sha256, profile, lines, actor);
        }
        catch (DbException error) when (IsUniqueViolation(error))
        {
            throw new LedgerConflictException($"{fileName}: another process imported this file or lines of it at the same moment; nothing was saved, run again (the lines it holds will then be duplicates)", error);
        }
    }

    private static bool IsUniqueViolation(DbException error) => error switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23505",
        Microsoft.Data.SqlClient.SqlException sql => sql.Number is 2601 or 2627,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private StatementImport Import(string fileName, string sha256, string profile, IReadOnlyList<StatementLine> lines, string actor)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var known = connection.QueryFirstOrDefault<(long Id, string ImportedAt)?>(
            "SELECT id, imported_at FROM statement_file WHERE sha256 = @Sha",
            new { Sha = sha256 },
            transaction);
        if (known is { } file)
        {
            transaction.Commit();
            return new StatementImport(file.Id, true, file.ImportedAt, [], 0);
        }

        var keys = LineKeys.Of(lines);
        var existing = ExistingKeys(_dialect, connection, transaction, keys);
        var now = Now();
        var duplicates = keys.Count(existing.ContainsKey);
        var fileId = connection.ExecuteScalar<long>(
            _dialect.InsertReturningId(
                "statement_file",
                "sha256, name, profile, lines, credits, debits, duplicates, imported_at, imported_by",
                "@Sha, @Name, @Profile, @Lines, @Credits, @Debits, @Duplicates, @Now, @Actor"),
            new
            {
                Sha = sha256,
                Name = fileName,
                Profile = profile,
                Lines = lines.Count,
                Credits = lines.Count(l => !l.Neutral && l.Amount > 0),
                Debits = lines.Count(l => !l.Neutral && l.Amount < 0),
                Duplicates = duplicates,
                Now = now,
                Actor = actor,
            },
            transaction);

        var rows = lines.Select((line, i) => new LineRow
        {
            FileId = fileId,
            RowNumber = line.Row,
            LineKey = existing.ContainsKey(keys[i]) ? null : keys[i],
            BankRef = line.BankRef,
            BookingDate = Day(line.Date),
            ValueDate = line.ValueDate is { } v ? Day(v) : null,
            BookingTime = line.Time?.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            Amount = Money.ToUnits(line.Amount),
            Currency = line.Currency,
            PayerName = line.PayerName,
            PayerAccount = line.PayerAccount,
            Memo = line.Memo,
            Neutral = line.Neutral,
            Status = existing.ContainsKey(keys[i]) ? MatchStatus.Duplicate.ToName() : NewStatus,
            DuplicateOf = existing.TryGetValue(keys[i], out var first) ? first : null,
            UpdatedAt = now,
        }).ToList();
        InsertLines(connection, transaction, rows);

        var ids = connection.Query<(long Id, int RowNumber)>(
            "SELECT id, row_number FROM statement_line WHERE file_id = @FileId",
            new { FileId = fileId },
            transaction).ToDictionary(r => r.RowNumber, r => r.Id);
        var stored = lines.Select((line, i) => new StoredLine(ids[line.Row], line, rows[i].Status, rows[i].DuplicateOf) { FileId = fileId }).ToList();
        Audit(
            connection,
            transaction,
            actor,
            "import",
            "statement_file",
            fileId.ToString(CultureInfo.InvariantCulture),
            null,
            string.Create(CultureInfo.InvariantCulture, $"{{\"name\":{Json(fileName)},\"sha256\":\"{sha256}\",\"profile\":{Json(profile)},\"lines\":{lines.Count},\"duplicates\":{duplicates}}}"),
            null);
        transaction.Commit();
        return new StatementImport(fileId, false, now, stored, duplicates);
    }

    /// <summary>The id, import time and line count of the file with this SHA-256, or null when it was never imported.</summary>
    public (long Id, string ImportedAt, int Lines)? FindStatementFile(string sha256)
    {
        using var connection = Open();
        return connection.QueryFirstOrDefault<(long Id, string ImportedAt, int Lines)?>(
            "SELECT id, imported_at, lines FROM statement_file WHERE sha256 = @Sha",
            new { Sha = sha256 });
    }

    /// <summary>The status of a line stored but not yet through a match run.</summary>
    public const string NewStatus = "new";

    /// <summary>
    /// The stored lines among <paramref name="keys"/>: the keys go to a temporary table in bulk and one join finds
    /// them, instead of a query per few hundred keys.
    /// </summary>
    private static Dictionary<string, long> ExistingKeys(SqlDialect dialect, DbConnection connection, DbTransaction transaction, string[] keys)
    {
        foreach (var statement in dialect.CreateTemp("import_key", "line_key VARCHAR(64) NOT NULL"))
        {
            connection.Execute(statement, transaction: transaction);
        }

        BulkInsert.Write(dialect, connection, transaction, dialect.Temp("import_key"), KeyColumns, keys.Distinct(StringComparer.Ordinal));
        var found = connection.Query<(long Id, string Key)>(
            $"SELECT l.id, l.line_key FROM statement_line l JOIN {dialect.Temp("import_key")} k ON k.line_key = l.line_key",
            transaction: transaction).ToDictionary(x => x.Key, x => x.Id, StringComparer.Ordinal);
        if (dialect.DropTemp("import_key") is { } drop)
        {
            connection.Execute(drop, transaction: transaction);
        }

        return found;
    }

    private static readonly BulkColumn<string>[] KeyColumns = [new("line_key", BulkType.Text, k => k)];

    private void InsertLines(DbConnection connection, DbTransaction transaction, List<LineRow> rows) =>
        BulkInsert.Write(_dialect, connection, transaction, "statement_line", LineColumns, rows);

    private static readonly BulkColumn<LineRow>[] LineColumns =
    [
        new("file_id", BulkType.Int64, r => r.FileId),
        new("row_number", BulkType.Int32, r => r.RowNumber),
        new("line_key", BulkType.Text, r => r.LineKey),
        new("bank_ref", BulkType.Text, r => r.BankRef),
        new("booking_date", BulkType.Text, r => r.BookingDate),
        new("value_date", BulkType.Text, r => r.ValueDate),
        new("booking_time", BulkType.Text, r => r.BookingTime),
        new("amount", BulkType.Int64, r => r.Amount),
        new("currency", BulkType.Text, r => r.Currency),
        new("payer_name", BulkType.Text, r => r.PayerName),
        new("payer_account", BulkType.Text, r => r.PayerAccount),
        new("memo", BulkType.Text, r => r.Memo),
        new("neutral", BulkType.Boolean, r => r.Neutral),
        new("status", BulkType.Text, r => r.Status),
        new("duplicate_of", BulkType.Int64, r => r.DuplicateOf),
        new("updated_at", BulkType.Text, r => r.UpdatedAt),
    ];

    internal static string Day(DateOnly date) => date.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>A date as the ledger stores it, read back.</summary>
    internal static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);

    private const string DayFormat = "yyyy-MM-dd";

    internal static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>A statement line as a row of <c>statement_line</c>.</summary>
    internal class LineRow
    {
        public long FileId { get; init; }

        public int RowNumber { get; init; }

        public string? LineKey { get; init; }

        public string BankRef { get; init; } = "";

        public string BookingDate { get; init; } = "";

        public string? ValueDate { get; init; }

        public string? BookingTime { get; init; }

        public long Amount { get; init; }

        public string Currency { get; init; } = "";

        public string PayerName { get; init; } = "";

        public string PayerAccount { get; init; } = "";

        public string Memo { get; init; } = "";

        public bool Neutral { get; init; }

        public string Status { get; init; } = "";

        public long? DuplicateOf { get; init; }

        public string UpdatedAt { get; init; } = "";
    }
}
