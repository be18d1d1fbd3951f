using System.Data;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Reconciler.Domain;
using Reconciler.Matching;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The open receivables with something open, in id order, read column by column (no intermediate row objects);
    /// the values a million receivables repeat (customer ids and names, currencies, owners) are kept once.
    /// </summary>
    private static (List<Receivable> Receivables, ReceivableIdMap Ids) OpenReceivables(DbConnection connection, DbTransaction transaction) =>
        Retried(() => TryOpenReceivables(connection, transaction), "customer");

    /// <summary>
    /// As <see cref="OpenReceivables(DbConnection, DbTransaction)"/>, with the receivables of <paramref name="synced"/>
    /// taken as they are, when no sync has changed the receivables since it (the version is the one it left): only each
    /// open row's id and open amount are read (the version checked again after them: a sync committed meanwhile on a
    /// server database is not missed), and the sync's receivable for that row is used, copied only where its
    /// open amount or its customer's name (as the ledger holds it) differs. Their <see cref="Receivable.Source"/> stays
    /// the source's row. Open receivables the sync did not give are read whole, by id, when they are a few; when they
    /// are many, everything is read as without <paramref name="synced"/>.
    /// </summary>
    private (List<Receivable> Receivables, ReceivableIdMap Ids) OpenReceivables(DbConnection connection, DbTransaction transaction, SyncedReceivables? synced) =>
        synced is not null && synced.Ledger == Location && synced.Version == ReceivablesVersion(connection, transaction)
            && TryOpenSynced(connection, transaction, synced) is { } taken && synced.Version == ReceivablesVersion(connection, transaction)
            ? taken
            : OpenReceivables(connection, transaction);

    private (List<Receivable> Receivables, ReceivableIdMap Ids)? TryOpenSynced(DbConnection connection, DbTransaction transaction, SyncedReceivables synced)
    {
        var at = new Dictionary<long, int>(synced.Ids.Length);
        for (var i = 0; i < synced.Ids.Length; i++)
        {
            if (synced.Ids[i] != 0)
            {
                at.Add(synced.Ids[i], i);
            }
        }

        var customers = connection.Query<(string Id, string Name)>("SELECT id, name FROM customer", transaction: transaction)
            .ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var receivables = new List<Receivable?>(at.Count);
        var rowIds = new List<long>(at.Count);
        var others = new List<int>();
        using (var reader = Rows(
            connection,
            transaction,
            "SELECT r.id, r.open_amount FROM receivable r WHERE r.status = @Open AND r.open_amount > 0 ORDER BY r.id",
            new { Open = OpenStatus }))
        {
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                rowIds.Add(id);
                if (!at.TryGetValue(id, out var position))
                {
                    others.Add(receivables.Count);
                    receivables.Add(null);
                    if (others.Count > FewReceivables)
                    {
                        return null;
                    }

                    continue;
                }

                var receivable = synced.Receivables[position];
                var open = reader.GetInt64(1);
                if (!customers.TryGetValue(receivable.CustomerId, out var name))
                {
                    return null; // the sync adds every customer it names: this is not the ledger the sync left
                }

                receivables.Add(Money.ToUnits(receivable.Amount) == open && string.Equals(name, receivable.CustomerName, StringComparison.Ordinal)
                    ? receivable
                    : receivable with { Amount = Money.FromUnits(open), CustomerName = name });
            }
        }

        // The others (receivables of earlier syncs still open), read whole by id, a few hundred at a time.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in others.Chunk(500))
        {
            var slots = chunk.ToDictionary(slot => rowIds[slot]);
            using var reader = Rows(
                connection,
                transaction,
                $"""
                SELECT r.id, r.contract_no, r.customer_id, r.open_amount, r.currency, r.issue_date, r.due_date, r.sales_owner
                FROM receivable r
                WHERE {_dialect.In("r.id", "@Ids")} AND r.status = @Open AND r.open_amount > 0
                """,
                new { Ids = slots.Keys.ToArray(), Open = OpenStatus });
            while (reader.Read())
            {
                var id = reader.GetInt64(0);
                if (!TryGetAt(reader, 2, customers, out var name))
                {
                    return null; // committed after the customers were read: read everything
                }

                receivables[slots[id]] = OpenReceivableAt(reader, id, reader.GetString(2), name, pool);
            }
        }

        var ids = new ReceivableIdMap(receivables.Count);
        var taken = new List<Receivable>(receivables.Count);
        for (var k = 0; k < receivables.Count; k++)
        {
            if (receivables[k] is not { } receivable)
            {
                return null; // a row read above is no longer open (another writer, on a server database): read everything
            }

            taken.Add(receivable);
            ids.Add(receivable, rowIds[k]);
        }

        return (taken, ids);
    }

    /// <summary>
    /// Runs a read that looks rows up in a small table read just before it, again when a row named a key that table
    /// did not have yet: on PostgreSQL and SQL Server (read committed) another process may commit a customer or file
    /// with its rows between the two statements. Customers and files are never deleted, so a new try sees them.
    /// </summary>
    private static T Retried<T>(Func<T?> read, string what)
        where T : struct
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (read() is { } done)
            {
                return done;
            }
        }

        throw new InvalidOperationException($"the ledger kept gaining rows whose {what} was not there a moment before; run again");
    }

    private static (List<Receivable> Receivables, ReceivableIdMap Ids)? TryOpenReceivables(DbConnection connection, DbTransaction transaction)
    {
        var receivables = new List<Receivable>();
        var ids = new ReceivableIdMap();
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);

        // Customers are read once, not joined to every receivable (a million index lookups in SQLite).
        var customers = connection.Query<(string Id, string Name)>("SELECT id, name FROM customer", transaction: transaction)
            .ToDictionary(c => c.Id, c => (c.Id, Name: Pooled(pool, c.Name)), StringComparer.Ordinal);
        // On SQLite each column is read once as the bytes SQLite holds, and the values many rows repeat (customer ids,
        // currencies, owners, days) are looked up or parsed from their characters without a string made for each row
        // (through ADO.NET about 5 µs a row for a million receivables).
        using var reader = Rows(
            connection,
            transaction,
            """
            SELECT r.id, r.contract_no, r.customer_id, r.open_amount, r.currency, r.issue_date, r.due_date, r.sales_owner
            FROM receivable r
            WHERE r.status = @Open AND r.open_amount > 0
            ORDER BY r.id
            """,
            new { Open = OpenStatus });
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            if (!TryGetAt(reader, 2, customers, out var customer))
            {
                return null; // committed after the customers were read: read again
            }

            var receivable = OpenReceivableAt(reader, id, customer.Id, customer.Name, pool);
            receivables.Add(receivable);
            ids.Add(receivable, id);
        }

        return (receivables, ids);
    }

    /// <summary>
    /// An open receivable of the snapshot from a row of <c>id, contract_no, customer_id, open_amount, currency,
    /// issue_date, due_date, sales_owner</c>, with its customer's id and name as given, its open amount as its amount.
    /// </summary>
    private static Receivable OpenReceivableAt(System.Data.IDataReader reader, long id, string customerId, string customerName, Dictionary<string, string> pool) =>
        new(
            reader.GetString(1),
            customerId,
            customerName,
            Money.FromUnits(reader.GetInt64(3)),
            PooledAt(reader, 4, pool),
            DayAt(reader, 5),
            DayAt(reader, 6),
            PooledAt(reader, 7, pool))
        {
            Source = string.Create(CultureInfo.InvariantCulture, $"ledger receivable {id}"),
        };

    /// <summary>
    /// What <see cref="LoadForMatching()"/> returns, taking the lines of the files this process has just imported
    /// (<paramref name="imports"/>) from the imports instead of reading them back: only the pending lines of other
    /// files (left unmatched or suggested by earlier runs, imported before and not yet through a run) are read. Each
    /// imported line is the one the ledger would give back (its stored name, amount and time); the line itself is
    /// shared, not copied, when it is so already. When the imported files' lines are no longer all as imported
    /// (another run or a person decided some meanwhile), everything is read as <see cref="LoadForMatching()"/> does.
    /// With <paramref name="synced"/> (the receivables sync this process made just before), the open receivables are
    /// the sync's own instances where the ledger still holds them as the sync left them (see <see cref="SyncedReceivables"/>).
    /// </summary>
    /// <param name="imports">The imports this process made; files imported before (nothing imported) are read as usual.</param>
    /// <param name="synced">The rows of the receivables sync this process made just before, if any.</param>
    public LedgerSnapshot LoadForMatching(IReadOnlyCollection<StatementImport> imports, SyncedReceivables? synced = null)
    {
        ArgumentNullException.ThrowIfNull(imports);
        var fresh = imports.Where(i => !i.AlreadyImported).DistinctBy(i => i.FileId).ToList();
        if (fresh.Count == 0)
        {
            return LoadWhole(synced);
        }

        var freshIds = fresh.Select(i => i.FileId).ToArray();
        var newLines = fresh.Sum(i => (long)i.Lines.Count(l => l.Status == NewStatus));
        using var connection = Open();
        using var transaction = BeginReading(connection);
        var parameters = new DynamicParameters(PendingParameters);
        parameters.Add("Files", freshIds);
        parameters.Add("New", NewStatus);

        // The imported files' pending lines must be exactly their new lines, untouched since the import (status new,
        // changed last by the import): counted, not read.
        long pendingThere, untouched;
        using (var reader = connection.ExecuteReader(
            $"""
            SELECT COUNT(*), SUM(CASE WHEN l.status = @New AND l.updated_at = f.imported_at THEN 1 ELSE 0 END)
            FROM statement_line l JOIN statement_file f ON f.id = l.file_id
            WHERE {_dialect.In("l.file_id", "@Files")} AND {PendingCondition}
            """,
            parameters,
            transaction))
        {
            reader.Read();
            pendingThere = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            untouched = reader.IsDBNull(1) ? 0 : Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        if (pendingThere != newLines || untouched != newLines)
        {
            transaction.Commit();
            return LoadWhole(synced);
        }

        var (receivables, ids) = OpenReceivables(connection, transaction, synced);
        var (pending, names) = PendingLines(connection, transaction, freshIds);
        var duplicates = new List<StoredLine>();
        foreach (var import in fresh)
        {
            var name = names[import.FileId];
            foreach (var stored in import.Lines)
            {
                // An import stores each line new or as a duplicate; the duplicates are kept for the results read after the run.
                (stored.Status == NewStatus ? pending : duplicates).Add(new StoredLine(stored.Id, AsStored(stored.Line, name), stored.Status, stored.DuplicateOf)
                {
                    FileId = import.FileId,
                    UpdatedAt = import.ImportedAt,
                });
            }
        }

        InFileOrder(pending);
        var links = PayerLinks(connection, transaction);
        var version = ReceivablesVersion(connection, transaction);
        var lastRun = LastRunReceivablesVersion(connection, transaction);
        transaction.Commit();
        return new LedgerSnapshot(receivables, ids, pending, links, version, lastRun) { Imported = (freshIds.ToHashSet(), duplicates) };
    }

    /// <summary>The payer ⇄ customer links learned from confirmations, in the order learned.</summary>
    private static List<PayerLink> PayerLinks(DbConnection connection, DbTransaction transaction) =>
        connection.Query<(string Account, string Name, string Customer)>(
            "SELECT payer_account, payer_name, customer_id FROM customer_alias ORDER BY id",
            transaction: transaction).Select(l => new PayerLink(l.Account, l.Name, l.Customer)).ToList();

    /// <summary>
    /// A line as the ledger gives it back: the file's stored name, the amount as read from ten-thousandths (its scale
    /// too: results show it as it is) and the time to the second; the same instance when it is so already.
    /// </summary>
    private static StatementLine AsStored(StatementLine line, string fileName)
    {
        var amount = Money.FromUnits(Money.ToUnits(line.Amount));
        var time = line.Time is { } t ? new TimeOnly(t.Hour, t.Minute, t.Second) : (TimeOnly?)null;
        var same = line.File == fileName && amount.Scale == line.Amount.Scale && decimal.IsNegative(amount) == decimal.IsNegative(line.Amount) && time == line.Time;
        return same ? line : line with { File = fileName, Amount = amount, Time = time };
    }

    /// <summary>
    /// The lines a run decides (<see cref="PendingCondition"/>), except those of <paramref name="exceptFiles"/>, in
    /// no particular order (see <see cref="InFileOrder"/>), read column by column into the lines themselves (no row
    /// objects held beside them): the file names come from a separate small query instead of a join repeating them on
    /// every row (and are returned), and the values lines repeat (file name, currency, status, the time of the import
    /// or run that last changed them) are kept once.
    /// </summary>
    private (List<StoredLine> Lines, Dictionary<long, string> FileNames) PendingLines(DbConnection connection, DbTransaction transaction, long[] exceptFiles) =>
        Retried(() => TryPendingLines(connection, transaction, exceptFiles), "statement file");

    private (List<StoredLine> Lines, Dictionary<long, string> FileNames)? TryPendingLines(DbConnection connection, DbTransaction transaction, long[] exceptFiles)
    {
        var files = connection.Query<(long Id, string Name)>("SELECT id, name FROM statement_file", transaction: transaction)
            .ToDictionary(f => f.Id, f => f.Name);
        var lines = new List<StoredLine>();
        if (exceptFiles.Length > 0 && files.Keys.All(exceptFiles.Contains))
        {
            // Every file is one of those left out (a first import into a fresh ledger): no other line can be pending, and
            // the pending ones would be found through the status index and each read to be left out.
            return (lines, files);
        }

        var except = exceptFiles.Length > 0 ? $" AND NOT ({_dialect.In("l.file_id", "@Except")})" : "";
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = Rows(
            connection,
            transaction,
            $"""
            SELECT l.id, l.file_id, l.row_number, l.bank_ref, l.booking_date, l.value_date, l.booking_time, l.amount, l.currency,
                l.payer_name, l.payer_account, l.memo, l.neutral, l.not_booked, l.status, l.duplicate_of, l.updated_at
            FROM statement_line l
            WHERE {PendingCondition}{except}
            """,
            PendingParametersExcept(exceptFiles));
        while (reader.Read())
        {
            var fileId = reader.GetInt64(1);
            if (!files.TryGetValue(fileId, out var fileName))
            {
                return null; // imported after the files were read: read again
            }

            var line = LineAt(reader, fileName, pool);
            lines.Add(new StoredLine(reader.GetInt64(0), line, PooledAt(reader, 14, pool), reader.IsDBNull(15) ? null : reader.GetInt64(15))
            {
                FileId = fileId,
                UpdatedAt = PooledAt(reader, 16, pool),
            });
        }

        return (lines, files);
    }

    /// <summary>
    /// The statement line of the reader's current row, whose columns 2–13 are <c>row_number, bank_ref, booking_date,
    /// value_date, booking_time, amount, currency, payer_name, payer_account, memo, neutral, not_booked</c> (0 and 1 being the id
    /// and the file id); the currency is kept once in <paramref name="pool"/>.
    /// </summary>
    internal static StatementLine LineAt(System.Data.IDataReader reader, string fileName, Dictionary<string, string> pool) =>
        new(
            fileName,
            reader.GetInt32(2),
            reader.GetString(3),
            DayAt(reader, 4),
            Money.FromUnits(reader.GetInt64(7)),
            PooledAt(reader, 8, pool),
            reader.GetString(9),
            reader.GetString(10),
            reader.GetString(11))
        {
            ValueDate = reader.IsDBNull(5) ? null : DayAt(reader, 5),
            Time = reader.IsDBNull(6) ? null : TimeOnly.ParseExact(reader.GetString(6), "HH:mm:ss", CultureInfo.InvariantCulture),
            Neutral = reader.GetBoolean(12),
            NotBooked = reader.IsDBNull(13) ? null : PooledAt(reader, 13, pool),
        };

    /// <summary>
    /// Puts pending lines in file and row order, here rather than by the database (which would sort whole rows on
    /// disk): they come in that order already when they were all imported and not yet decided, and are then not sorted.
    /// </summary>
    private static void InFileOrder(List<StoredLine> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (!Before(lines[i - 1], lines[i]))
            {
                lines.Sort((x, y) => x.FileId != y.FileId ? x.FileId.CompareTo(y.FileId) : x.Line.Row.CompareTo(y.Line.Row));
                return;
            }
        }
    }

    private static bool Before(StoredLine x, StoredLine y) => x.FileId < y.FileId || (x.FileId == y.FileId && x.Line.Row < y.Line.Row);

    /// <summary>
    /// The one instance kept of a text column many rows repeat; on SQLite found from the column's characters, so that
    /// no string is made for a value already kept.
    /// </summary>
    private static string PooledAt(System.Data.IDataReader reader, int ordinal, Dictionary<string, string> pool) =>
        reader is SqliteRowReader sqlite ? Pooled(pool.GetAlternateLookup<ReadOnlySpan<char>>(), sqlite.GetText(ordinal)) : Pooled(pool, reader.GetString(ordinal));

    /// <summary>The value <paramref name="map"/> keeps under a text column's value; on SQLite looked up from the column's characters.</summary>
    private static bool TryGetAt<TValue>(System.Data.IDataReader reader, int ordinal, Dictionary<string, TValue> map, out TValue value) =>
        reader is SqliteRowReader sqlite
            ? map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(sqlite.GetText(ordinal), out value!)
            : map.TryGetValue(reader.GetString(ordinal), out value!);

    /// <summary>A day column (<c>yyyy-MM-dd</c>); on SQLite parsed from the column's characters.</summary>
    private static DateOnly DayAt(System.Data.IDataReader reader, int ordinal) =>
        reader is SqliteRowReader sqlite ? Iso.Day(sqlite.GetText(ordinal)) : Iso.Day(reader.GetString(ordinal));

    /// <summary>The one instance kept of a value many rows repeat, found from its characters.</summary>
    private static string Pooled(Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> pool, ReadOnlySpan<char> value)
    {
        if (pool.TryGetValue(value, out var kept))
        {
            return kept;
        }

        var text = value.ToString();
        pool.Dictionary.Add(text, text);
        return text;
    }

    /// <summary>The one instance kept of a value many rows repeat.</summary>
    private static string Pooled(Dictionary<string, string> pool, string value)
    {
        if (pool.TryGetValue(value, out var kept))
        {
            return kept;
        }

        pool.Add(value, value);
        return value;
    }
}
