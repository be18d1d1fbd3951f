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
    public StatementImport ImportStatement(string fileName, string sha256, string profile, IReadOnlyList<StatementLine> lines, string actor) =>
        ImportStatement(fileName, sha256, profile, PreparedLines.Of(lines), actor);

    /// <summary>
    /// As <see cref="ImportStatement(string, string, string, IReadOnlyList{StatementLine}, string)"/>, with the lines'
    /// identities already worked out (<see cref="PreparedLines.Of"/>, which may run on another thread beforehand).
    /// </summary>
    /// <exception cref="LedgerConflictException">Another process imported the same file or overlapping lines at the same moment; nothing was saved.</exception>
    public StatementImport ImportStatement(string fileName, string sha256, string profile, PreparedLines lines, string actor)
    {
        ArgumentNullException.ThrowIfNull(lines);
        try
        {
            return Import(fileName, sha256, profile, lines.Lines, lines.Keys, actor);
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

    private StatementImport Import(string fileName, string sha256, string profile, IReadOnlyList<StatementLine> lines, string[] keys, string actor)
    {
        // The keys (PreparedLines) are the file's alone: worked out before this, outside the transaction, which on
        // SQLite holds the write lock.
        using var connection = Open();
        using var bulk = BulkSettings.Apply(_dialect, connection);
        using var transaction = Begin(connection);
        var known = connection.QueryFirstOrDefault<(long Id, string ImportedAt)?>(
            "SELECT id, imported_at FROM statement_file WHERE sha256 = @Sha",
            new { Sha = sha256 },
            transaction);
        if (known is { } file)
        {
            transaction.Commit();
            return new StatementImport(file.Id, true, file.ImportedAt, [], 0);
        }

        // PostgreSQL: the keys as the key table stores them, in its order, for the look-up and the new keys' COPY.
        var keyTable = _dialect.LineKeyTable;
        var sorted = keyTable is null ? null : SortedLineKeys.Of(keys);
        var existing = keyTable is null || sorted is null
            ? ExistingKeys(_dialect, connection, transaction, keys)
            : StoredKeys(connection, transaction, keyTable, keys, sorted);
        var now = Now();
        var duplicateOf = new long?[keys.Length];
        var duplicates = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (existing.TryGetValue(keys[i], out var first))
            {
                duplicateOf[i] = first;
                duplicates++;
            }
        }

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

        // The lines' ids are drawn before they are written (where the dialect can), so they need not be read back.
        var ids = NewIds(connection, transaction, "statement_line", lines.Count);
        var rows = new NewLineRow[lines.Count];
        var days = new DayTexts();
        for (var i = 0; i < rows.Length; i++)
        {
            var line = lines[i];
            rows[i] = new NewLineRow
            {
                Id = ids?[i] ?? 0,
                FileId = fileId,
                RowNumber = line.Row,
                LineKey = duplicateOf[i] is null ? keys[i] : null,
                BankRef = line.BankRef,
                BookingDate = days.Of(line.Date),
                ValueDate = line.ValueDate is { } v ? days.Of(v) : null,
                BookingTime = line.Time is { } time ? Iso.Text(time) : null,
                Amount = Money.ToUnits(line.Amount),
                Currency = line.Currency,
                PayerName = line.PayerName,
                PayerAccount = line.PayerAccount,
                Memo = line.Memo,
                Neutral = line.Neutral,
                NotBooked = line.NotBooked,
                Status = duplicateOf[i] is null ? NewStatus : DuplicateStatus,
                DuplicateOf = duplicateOf[i],
                UpdatedAt = now,
            };
        }

        // SQLite: a file as large as the lines already stored builds the lines' indexes once, after the rows (the unique
        // line key is checked then, in this transaction, as it was row by row).
        var rebuild = SqliteIndexRebuild.DropFor(connection, transaction, "statement_line", rows.Length);
        BulkInsert.Write(_dialect, connection, transaction, "statement_line", ids is null || !BindsDrawnIds ? LineColumns : NumberedLineColumns, rows);
        if (ids is not null && !NumberedAsDrawn(connection, transaction, "statement_line", ids))
        {
            ids = null; // read back below
        }

        rebuild?.Restore(connection, transaction);
        if (keyTable is not null && sorted is not null)
        {
            // In key order: the key index is filled leaf by leaf rather than at random. A key that another import
            // holds (committed or not) is refused by the unique key, as ux_statement_line_key refused it before.
            var newKeys = Enumerable.Range(0, sorted.Count)
                .Where(k => rows[sorted.Lines[k]].LineKey is not null)
                .Select(k => new KeyRow(sorted.Key(k), rows[sorted.Lines[k]].Id));
            BulkInsert.Write(_dialect, connection, transaction, keyTable, StoredKeyColumns, newKeys);
        }

        if (ids is null)
        {
            var numbered = connection.Query<(long Id, int RowNumber)>(
                "SELECT id, row_number FROM statement_line WHERE file_id = @FileId",
                new { FileId = fileId },
                transaction).ToDictionary(r => r.RowNumber, r => r.Id);
            ids = [.. lines.Select(l => numbered[l.Row])];
        }

        var stored = new StoredLine[lines.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = new StoredLine(ids[i], lines[i], rows[i].Status, rows[i].DuplicateOf) { FileId = fileId };
        }

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

    private static readonly string DuplicateStatus = MatchStatus.Duplicate.ToName();

    /// <summary>
    /// Ids for <paramref name="count"/> new rows of <paramref name="table"/> (a table of the schema, with an identity
    /// <c>id</c>), ascending, drawn inside the write's transaction; null where the database numbers the rows as they are
    /// written (SQL Server's bulk copy), which are then read back if needed. SQLite: the ids its AUTOINCREMENT gives
    /// rows written without one (one past the highest id the table ever had, in the order written; the transaction
    /// holds the database's write lock, BEGIN IMMEDIATE), not bound but checked after the write (<see cref="NumberedAsDrawn"/>).
    /// PostgreSQL: that many values of the identity's sequence, which no other writer can draw, bound to the rows.
    /// </summary>
    private long[]? NewIds(DbConnection connection, DbTransaction transaction, string table, int count)
    {
        switch (_dialect.Provider)
        {
            case StorageProvider.Sqlite:
                var last = connection.ExecuteScalar<long>(
                    $"""
                    SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0),
                               COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0))
                    """,
                    transaction: transaction);
                var ids = new long[count];
                for (var i = 0; i < count; i++)
                {
                    ids[i] = last + 1 + i;
                }

                return ids;
            case StorageProvider.Postgres:
                // The sequence is looked up once (a materialised CTE): nextval(text) with pg_get_serial_sequence in the
                // select list parses the name and finds the sequence again for every row, five times the cost. The ids
                // come back as one array, not a row each.
                var drawn = connection.ExecuteScalar<long[]?>(
                    $"""
                    WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence('{table}', 'id')::regclass AS seq)
                    SELECT array_agg(nextval(s.seq)) FROM s, generate_series(1, @Count)
                    """,
                    new { Count = count },
                    transaction) ?? [];
                Array.Sort(drawn);
                return drawn;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether rows are written with the ids <see cref="NewIds"/> drew. Not on SQLite: there the ids drawn are the ones
    /// SQLite gives rows written without one (one past the highest id the table ever had, in the order written, the
    /// transaction holding the write lock), and an id given explicitly made SQLite seek each one first (a 1M receivables
    /// sync took 3.8–6.1 s to insert with them against 2.7–2.8 s without); <see cref="NumberedAsDrawn"/> checks it.
    /// </summary>
    private bool BindsDrawnIds => _dialect.Provider != StorageProvider.Sqlite;

    /// <summary>
    /// True when the rows just written to <paramref name="table"/> hold the ids <paramref name="ids"/> drawn for them: so
    /// where they were bound; on SQLite when the table's highest id is the last one drawn (ids are given in order, one
    /// past the highest, so the rows then hold exactly the ids drawn).
    /// </summary>
    private bool NumberedAsDrawn(DbConnection connection, DbTransaction transaction, string table, long[] ids) =>
        BindsDrawnIds || ids.Length == 0 || connection.ExecuteScalar<long>($"SELECT MAX(id) FROM {table}", transaction: transaction) == ids[^1];

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
    /// The stored lines among <paramref name="keys"/>, found in <paramref name="keyTable"/> (PostgreSQL): one index probe
    /// per key, in key order (<paramref name="sorted"/>). The keys go as one parameter, their bytes end to end, and each
    /// row found comes back as the key's position and its line: an array parameter of 46k keys (3 MB of text) took
    /// about 65 ms for the client to write, and as a constant in the query 75–100 ms more to bind (the planner estimates it
    /// element by element). The lateral probe cannot be turned into a hash join, which would read the whole key table.
    /// </summary>
    private static Dictionary<string, long> StoredKeys(DbConnection connection, DbTransaction transaction, string keyTable, string[] keys, SortedLineKeys sorted)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (sorted.Count == 0)
        {
            return found;
        }

        var stored = connection.Query<(int Position, long LineId)>(
            $"""
            SELECT k.position, s.line_id
            FROM generate_series(0, @Count - 1) AS k(position)
            CROSS JOIN LATERAL (
                SELECT line_id FROM {keyTable}
                WHERE line_key = substring(@Keys FROM k.position * {SortedLineKeys.Width} + 1 FOR {SortedLineKeys.Width})
                LIMIT 1) s
            """,
            new { Keys = sorted.Bytes, sorted.Count },
            transaction);
        foreach (var (position, lineId) in stored)
        {
            found.TryAdd(keys[sorted.Lines[position]], lineId);
        }

        return found;
    }

    /// <summary>
    /// The stored lines among <paramref name="keys"/> where <c>statement_line</c> holds them (SQLite, SQL Server): on
    /// SQLite by the partial key index, key by key; otherwise the keys go to a temporary table in bulk and one join
    /// finds them, instead of a query per few hundred keys.
    /// </summary>
    private static Dictionary<string, long> ExistingKeys(SqlDialect dialect, DbConnection connection, DbTransaction transaction, string[] keys)
    {
        // SQLite: no line stored with a key yet (a first import), nothing to look up (the partial key index answers).
        if (connection is Microsoft.Data.Sqlite.SqliteConnection
            && !connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM statement_line WHERE line_key IS NOT NULL)", transaction: transaction))
        {
            return new Dictionary<string, long>(StringComparer.Ordinal);
        }

        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            return KeysFoundSqlite(sqlite, "SELECT id FROM statement_line WHERE line_key = ?1", keys);
        }

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

    private static readonly BulkColumn<string>[] KeyColumns = [BulkColumn.Text<string>("line_key", k => k)];

    /// <summary>A new line's row of <see cref="SqlDialect.LineKeyTable"/>: its key as the SHA-256's 32 bytes (migration 16).</summary>
    private static readonly BulkColumn<KeyRow>[] StoredKeyColumns =
    [
        BulkColumn.Binary<KeyRow>("line_key", r => r.Key),
        BulkColumn.Int64<KeyRow>("line_id", r => r.LineId),
    ];

    /// <summary>A new line's key (its bytes) and id.</summary>
    private readonly record struct KeyRow(byte[] Key, long LineId);

    private static readonly BulkColumn<NewLineRow>[] LineColumns =
    [
        BulkColumn.Int64<NewLineRow>("file_id", r => r.FileId),
        BulkColumn.Int32<NewLineRow>("row_number", r => r.RowNumber),
        BulkColumn.Text<NewLineRow>("line_key", r => r.LineKey),
        BulkColumn.Text<NewLineRow>("bank_ref", r => r.BankRef),
        BulkColumn.Text<NewLineRow>("booking_date", r => r.BookingDate),
        BulkColumn.Text<NewLineRow>("value_date", r => r.ValueDate),
        BulkColumn.Text<NewLineRow>("booking_time", r => r.BookingTime),
        BulkColumn.Int64<NewLineRow>("amount", r => r.Amount),
        BulkColumn.Text<NewLineRow>("currency", r => r.Currency),
        BulkColumn.Text<NewLineRow>("payer_name", r => r.PayerName),
        BulkColumn.Text<NewLineRow>("payer_account", r => r.PayerAccount),
        BulkColumn.Text<NewLineRow>("memo", r => r.Memo),
        BulkColumn.Boolean<NewLineRow>("neutral", r => r.Neutral),
        BulkColumn.Text<NewLineRow>("not_booked", r => r.NotBooked),
        BulkColumn.Text<NewLineRow>("status", r => r.Status),
        BulkColumn.Int64<NewLineRow>("duplicate_of", r => r.DuplicateOf),
        BulkColumn.Text<NewLineRow>("updated_at", r => r.UpdatedAt),
    ];

    /// <summary><see cref="LineColumns"/> with the ids drawn beforehand.</summary>
    private static readonly BulkColumn<NewLineRow>[] NumberedLineColumns = [BulkColumn.Int64<NewLineRow>("id", r => r.Id), .. LineColumns];

    /// <summary>A new line as a row of <c>statement_line</c>, with the id drawn for it (0 where the database draws it).</summary>
    private sealed class NewLineRow : LineRow
    {
        public long Id { get; init; }
    }

    internal static string Day(DateOnly date) => Iso.Text(date);

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

        public string? NotBooked { get; init; }

        public string Status { get; init; } = "";

        public long? DuplicateOf { get; init; }

        public string UpdatedAt { get; init; } = "";
    }
}
