using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using Reconciler.Domain;
using Reconciler.Storage.Erp;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Brings the ledger's receivables in line with a source (a file or the ERP), in one transaction. A receivable
    /// is known by its contract number and customer id. The source's amount is the receivable's amount; the open
    /// amount is that amount less what the ledger has allocated to it (automatic and confirmed allocations), so
    /// installments matched on different days keep adding up. Customers are added or renamed on the way.
    /// </summary>
    public ReceivableSync SyncReceivables(IReadOnlyList<Receivable> receivables, string source, string actor) =>
        SyncReceivables(receivables, source, actor, out _);

    /// <summary>
    /// As <see cref="SyncReceivables(IReadOnlyList{Receivable}, string, string)"/>, also giving which ledger row now holds
    /// each receivable, for the snapshot read right after (<see cref="LoadForMatching(IReadOnlyCollection{StatementImport}, SyncedReceivables?)"/>);
    /// null when that is not known: the new rows were numbered as written (SQL Server), or another writer changed the
    /// receivables while the sync ran.
    /// </summary>
    public ReceivableSync SyncReceivables(IReadOnlyList<Receivable> receivables, string source, string actor, out SyncedReceivables? synced)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        IReadOnlyList<Receivable> given = [.. receivables]; // the sync's own copy of the list: the caller may change theirs
        var counts = Sync(given, null, source, complete: false, actor);
        synced = counts.LedgerIds is { } ids ? new SyncedReceivables(Location, given, ids, counts.Version) : null;
        return new ReceivableSync(counts.Added, counts.Updated, counts.Unchanged, counts.Version) { Lowered = counts.Lowered };
    }

    /// <summary>
    /// Brings the ledger's receivables in line with the ERP's, in one transaction, as <see cref="SyncReceivables"/>
    /// does, and also follows what the ERP says of each: a receivable the ERP marks paid or cancelled becomes
    /// <see cref="PaidStatus"/> or <see cref="CancelledStatus"/> in the ledger (no longer matched), one it shows open
    /// again is reopened (open while something is left to pay). The receivables the ERP gives are recorded as coming
    /// from <paramref name="source"/>; with <paramref name="complete"/> (the result is every receivable the ERP holds),
    /// a receivable from <paramref name="source"/> that the result no longer holds is cancelled, never deleted. Every
    /// change is audited; the same list synced twice changes nothing the second time.
    /// </summary>
    /// <exception cref="ArgumentException">A receivable is given twice, or <paramref name="source"/> is empty.</exception>
    public ErpSync SyncErpReceivables(IReadOnlyList<ErpReceivable> receivables, string source, bool complete, string actor)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (receivables.GroupBy(r => (r.Receivable.ContractNo, r.Receivable.CustomerId)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"contract {twice.Key.ContractNo} of customer {twice.Key.CustomerId} is given more than once", nameof(receivables));
        }

        var counts = Sync([.. receivables.Select(r => r.Receivable)], [.. receivables.Select(r => r.Status)], source, complete, actor);
        return new ErpSync(receivables.Count, counts.Added, counts.Updated, counts.Unchanged, counts.Paid, counts.Cancelled, counts.Withdrawn, counts.Version) { Lowered = counts.Lowered };
    }

    /// <summary>The status of a receivable with an open amount.</summary>
    public const string OpenStatus = "open";

    /// <summary>The status of a receivable paid in full (in the ledger, or as the ERP says).</summary>
    public const string PaidStatus = "paid";

    /// <summary>The status of a receivable the ERP cancelled, or no longer lists in its complete list: never matched.</summary>
    public const string CancelledStatus = "cancelled";

    /// <summary>
    /// The sync of both kinds of source: <paramref name="statuses"/> is null for a file (statuses follow the open
    /// amount, the stored source is the row's), or the ERP's status of each receivable (statuses follow the ERP, the
    /// stored source becomes <paramref name="source"/>, and a change of either is a change).
    /// </summary>
    private SyncCounts Sync(IReadOnlyList<Receivable> receivables, IReadOnlyList<ErpStatus>? statuses, string source, bool complete, string actor)
    {
        using var connection = Open();
        // A first sync writes a million receivables and their two indexes in one transaction: the bulk write's page
        // cache (SQLite; as the import has) keeps index pages from being spilled and read back half-way through. The
        // receivables' customers are proven here, not row by row (SQLite looked each up in the customers' key: a 1M
        // sync took 13.6 / 14.1 s in-process with it, 11.6 / 11.5 s without): every customer the receivables name is
        // added first, in this transaction, and nothing the sync writes changes a stored receivable's customer. With
        // the keys off nothing else would notice: an UPDATE here must never set customer_id.
        using var bulk = BulkSettings.Apply(_dialect, connection, withoutForeignKeys: true);
        using var transaction = Begin(connection);
        var now = Now();
        // The version before anything is read: when another writer commits a change to the receivables while this sync
        // runs (a server database), the sync still completes, but its rows are not offered for the next snapshot.
        var versionBefore = ReceivablesVersion(connection, transaction);
        SyncCustomers(connection, transaction, receivables, now);

        // The source's receivables by key: the position of the only row with that key, or -1 for a key listed twice
        // (those are followed row by row below, the later row winning); repeated marks each row of such a key. One hash
        // look-up per row: a million of them on (contract, customer) keys cost about a second.
        var positions = new Dictionary<(string, string), int>(receivables.Count);
        var repeated = new bool[receivables.Count];
        var lastOfRepeated = new Dictionary<(string, string), int>(); // the row that wins, for a key listed more than once
        for (var i = 0; i < receivables.Count; i++)
        {
            var key = (receivables[i].ContractNo, receivables[i].CustomerId);
            ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(positions, key, out var listed);
            if (listed)
            {
                if (at >= 0)
                {
                    repeated[at] = true;
                }

                repeated[i] = true;
                at = -1;
                lastOfRepeated[key] = i;
            }
            else
            {
                at = i;
            }
        }

        // The stored receivables, streamed: one the source gives once and as stored is counted unchanged on the way and
        // not kept; kept are only those that may change, and (for a complete list) those the source may no longer give.
        var counts = new SyncCounts();
        var lowered = new List<(int Position, ReceivableRow Row)>();
        var settled = new bool[receivables.Count];
        var ledgerIds = new long[receivables.Count]; // the row that holds each receivable listed once, as it becomes known
        var stored = new Dictionary<(string, string), ReceivableRow>();
        var settledUnits = SettledUnits(connection, transaction);
        using (var reader = Rows(
            connection,
            transaction,
            "SELECT id, contract_no, customer_id, amount, open_amount, currency, issue_date, due_date, sales_owner, status, source, erp_status, source_amount FROM receivable"))
        {
            while (reader.Read())
            {
                var row = new ReceivableRow
                {
                    Id = reader.GetInt64(0),
                    ContractNo = reader.GetString(1),
                    CustomerId = reader.GetString(2),
                    Amount = reader.GetInt64(3),
                    OpenAmount = reader.GetInt64(4),
                    Currency = reader.GetString(5),
                    IssueDate = reader.GetString(6),
                    DueDate = reader.GetString(7),
                    SalesOwner = reader.GetString(8),
                    Status = reader.GetString(9),
                    Source = reader.GetString(10),
                    ErpStatus = reader.IsDBNull(11) ? null : reader.GetString(11),
                    Settled = settledUnits.GetValueOrDefault(reader.GetInt64(0)),
                    SourceAmount = reader.IsDBNull(12) ? null : reader.GetInt64(12),
                };
                var key = (row.ContractNo, row.CustomerId);
                if (!positions.TryGetValue(key, out var at))
                {
                    if (complete && row.Source == source && row.Status != CancelledStatus)
                    {
                        stored[key] = row;
                    }

                    continue;
                }

                if (at >= 0)
                {
                    ledgerIds[at] = row.Id;
                }

                // Below what payments paid (a settled tolerance difference is no payment: it shrinks instead, see Target),
                // the amount is kept at what they paid (whether or not that changes the row): said, audited and raised for
                // a person once per lowering (RaiseLowered leaves out the one the last sync recorded).
                var given = at >= 0 ? at : lastOfRepeated[key];
                if (Money.ToUnits(receivables[given].Amount) < row.Paid)
                {
                    lowered.Add((given, row));
                }

                if (at >= 0 && IsUnchanged(row, Target(row, receivables[at], statuses?[at], source), statuses?[at]))
                {
                    settled[at] = true;
                    counts.Unchanged++;
                    continue;
                }

                stored[key] = row;
            }
        }

        var seen = new HashSet<long>();
        var days = new DayTexts();
        // New receivables in the order first listed; a key listed more than once is found again through addedAt.
        var added = new List<AddedReceivable>();
        var addedAt = new Dictionary<(string, string), int>();
        var changes = new List<ReceivableChange>();
        for (var i = 0; i < receivables.Count; i++)
        {
            if (settled[i])
            {
                continue;
            }

            var receivable = receivables[i];
            var erp = statuses?[i];
            var amount = Money.ToUnits(receivable.Amount);
            var key = (receivable.ContractNo, receivable.CustomerId);
            if (!stored.TryGetValue(key, out var row))
            {
                // New receivables are written in bulk after the loop; one listed twice in the source is the later row.
                var fresh = NewRow(receivable, amount, Status(erp, amount), erp is null && receivable.Source.Length > 0 ? receivable.Source : source, ErpName(erp), days);
                if (!repeated[i])
                {
                    counts.Added++;
                    counts.CountStatus(erp, fresh.Status, previous: null);
                    added.Add(new AddedReceivable(fresh, receivable.Key, i));
                    continue;
                }

                if (addedAt.TryGetValue(key, out var position))
                {
                    var earlier = added[position];
                    var same = earlier.Row.Amount == fresh.Amount && earlier.Row.Currency == fresh.Currency && earlier.Row.IssueDate == fresh.IssueDate
                        && earlier.Row.DueDate == fresh.DueDate && earlier.Row.SalesOwner == fresh.SalesOwner && earlier.Row.Status == fresh.Status;
                    if (same)
                    {
                        counts.Unchanged++;
                        continue;
                    }

                    counts.Updated++;
                    counts.CountStatus(erp, fresh.Status, earlier.Row.Status);
                    added[position] = new AddedReceivable(fresh, receivable.Key, -1);
                }
                else
                {
                    counts.Added++;
                    counts.CountStatus(erp, fresh.Status, previous: null);
                    addedAt[key] = added.Count;
                    added.Add(new AddedReceivable(fresh, receivable.Key, -1));
                }

                continue;
            }

            seen.Add(row.Id);
            var target = Target(row, receivable, erp, source);
            if (IsUnchanged(row, target, erp))
            {
                counts.Unchanged++;
                continue;
            }

            if (positions[key] >= 0)
            {
                // Listed once: written with the other changes in bulk after the loop.
                changes.Add(new ReceivableChange(row, target, amount, erp));
                stored[key] = target;
                counts.Updated++;
                counts.CountStatus(erp, target.Status, row.Status);
                continue;
            }

            // The open amount is worked out in the statement from the row as it is then, not from what was read
            // above: a run or a review that allocates to this receivable meanwhile is not undone. The customer is
            // part of the key and never written (foreign keys are off for this write on SQLite; see Sync).
            connection.Execute(
                """
                UPDATE receivable SET
                    amount = CASE WHEN @NewAmount > amount - open_amount - @WriteOff THEN @NewAmount ELSE amount - open_amount - @WriteOff END,
                    open_amount = CASE WHEN @NewAmount > amount - open_amount - @WriteOff THEN @NewAmount - (amount - open_amount - @WriteOff) ELSE 0 END,
                    status = CASE WHEN @ErpStatus IS NOT NULL THEN @ErpStatus WHEN @NewAmount > amount - open_amount - @WriteOff THEN 'open' ELSE 'paid' END,
                    source_amount = CASE WHEN @NewAmount < amount - open_amount - @WriteOff THEN @NewAmount ELSE NULL END,
                    currency = @Currency, issue_date = @IssueDate, due_date = @DueDate, sales_owner = @SalesOwner, source = @Source, erp_status = @ErpSays, updated_at = @Now
                WHERE id = @Id
                """,
                new
                {
                    target.Id,
                    NewAmount = amount,
                    WriteOff = WrittenOff(row, amount),
                    ErpStatus = erp is ErpStatus.Cancelled or ErpStatus.Paid ? target.Status : null,
                    target.Currency,
                    target.IssueDate,
                    target.DueDate,
                    target.SalesOwner,
                    target.Source,
                    ErpSays = target.ErpStatus,
                    Now = now,
                },
                transaction);
            Audit(connection, transaction, actor, "update", "receivable", row.Id.ToString(CultureInfo.InvariantCulture), State(row), State(target), source);
            WriteOffSettled(connection, transaction, row, WrittenOff(row, amount), source, actor, now);
            stored[key] = target;
            counts.Updated++;
            counts.CountStatus(erp, target.Status, row.Status);
        }

        ApplyChanges(connection, transaction, changes, source, actor, now);
        // SQLite: a first sync (or one that adds at least as many as there are) builds the receivables' indexes once, after the rows.
        var rebuild = SqliteIndexRebuild.DropFor(connection, transaction, "receivable", added.Count);
        // The new rows' ids are drawn first (where the dialect can), so that the sync knows which row holds each
        // receivable without reading them back (see SyncedReceivables).
        var newIds = NewIds(connection, transaction, "receivable", added.Count);
        if (newIds is not null)
        {
            for (var k = 0; k < added.Count; k++)
            {
                added[k] = added[k] with { Id = newIds[k] };
            }
        }

        var columns = NewReceivableColumns(now);
        BulkInsert.Write(_dialect, connection, transaction, "receivable", newIds is null || !BindsDrawnIds ? columns : [BulkColumn.Int64<AddedReceivable>("id", x => x.Id), .. columns], added);
        if (newIds is not null && NumberedAsDrawn(connection, transaction, "receivable", newIds))
        {
            foreach (var receivable in added)
            {
                if (receivable.Position >= 0)
                {
                    ledgerIds[receivable.Position] = receivable.Id;
                }
            }
        }
        else
        {
            newIds = null;
        }

        rebuild?.Restore(connection, transaction);
        if (complete)
        {
            Withdraw(connection, transaction, stored.Values.Where(r => r.Source == source && r.Status != CancelledStatus && !seen.Contains(r.Id)), source, actor, now, counts);
        }

        // The shared empty list when nothing was lowered, so that two sync results without any are equal.
        counts.Lowered = lowered.Count > 0 && RaiseLowered(connection, transaction, lowered, receivables, source, actor, now) is { Count: > 0 } raised
            ? raised
            : Array.Empty<LoweredReceivable>();
        var version = ReceivablesVersion(connection, transaction);
        var alone = version == versionBefore;
        if (counts.Added + counts.Updated + counts.Withdrawn > 0)
        {
            // Moved from the value read, unless another writer moved it since (then past that writer's value).
            version++;
            if (connection.Execute(
                "UPDATE ledger_state SET value = @Version WHERE name = 'receivables_version' AND value = @Seen",
                new { Version = version, Seen = version - 1 },
                transaction) == 0)
            {
                connection.Execute("UPDATE ledger_state SET value = value + 1 WHERE name = 'receivables_version'", transaction: transaction);
                version = ReceivablesVersion(connection, transaction);
                alone = false;
            }

            var erpCounts = statuses is null ? "" : string.Create(CultureInfo.InvariantCulture, $",\"paid\":{counts.Paid},\"cancelled\":{counts.Cancelled},\"withdrawn\":{counts.Withdrawn}");
            Audit(
                connection,
                transaction,
                actor,
                "sync",
                "receivables",
                source,
                null,
                string.Create(CultureInfo.InvariantCulture, $"{{\"added\":{counts.Added},\"updated\":{counts.Updated},\"unchanged\":{counts.Unchanged}{erpCounts},\"version\":{version}}}"),
                null);
        }

        transaction.Commit();
        counts.Version = version;
        counts.LedgerIds = alone && (newIds is not null || added.Count == 0) ? ledgerIds : null;
        return counts;
    }

    /// <summary>
    /// A stored receivable as the source's row makes it: the source's amount (never below what payments paid), the open
    /// amount less what is allocated (a settled tolerance difference shrunk to what the amount leaves of it, see
    /// <see cref="WrittenOff"/>), its dates, currency and owner; for the ERP, its status and source too.
    /// </summary>
    private static ReceivableRow Target(ReceivableRow row, Receivable receivable, ErpStatus? erp, string source)
    {
        var amount = Money.ToUnits(receivable.Amount);
        var allocated = row.Amount - row.OpenAmount - WrittenOff(row, amount);
        return new ReceivableRow
        {
            Id = row.Id,
            ContractNo = row.ContractNo,
            CustomerId = row.CustomerId,
            Amount = Math.Max(amount, allocated),
            OpenAmount = Math.Max(0, amount - allocated),
            Currency = receivable.Currency,
            IssueDate = Day(receivable.IssueDate),
            DueDate = Day(receivable.DueDate),
            SalesOwner = receivable.SalesOwner,
            Status = Status(erp, Math.Max(0, amount - allocated)),
            SourceAmount = amount < allocated ? amount : null,
            Source = erp is null ? row.Source : source,
            ErpStatus = erp is null ? row.ErpStatus : ErpName(erp),
        };
    }

    /// <summary>True when a sync leaves the stored receivable as it is (for a file, its status and source are the ledger's own).</summary>
    private static bool IsUnchanged(ReceivableRow row, ReceivableRow target, ErpStatus? erp) =>
        row.Amount == target.Amount && row.SourceAmount == target.SourceAmount && row.Currency == target.Currency && row.IssueDate == target.IssueDate
        && row.DueDate == target.DueDate && row.SalesOwner == target.SalesOwner
        && (erp is null || (row.Status == target.Status && row.Source == target.Source && row.ErpStatus == target.ErpStatus));

    /// <summary>
    /// Writes the changes of receivables the source lists once in bulk: into a temporary table, then one update (the
    /// same expressions as the row-by-row one: the open amount is worked out from the row as it is then, so a run or a
    /// review that allocated meanwhile is not undone) and the audit rows, in the source's order. Like that one it
    /// never writes <c>customer_id</c>: the sync's connection checks no foreign keys on SQLite (see Sync).
    /// </summary>
    private void ApplyChanges(DbConnection connection, DbTransaction transaction, List<ReceivableChange> changes, string source, string actor, string now)
    {
        if (changes.Count == 0)
        {
            return;
        }

        const string Name = "receivable_change";
        var table = _dialect.Temp(Name);
        Exec(connection, transaction, _dialect.CreateTemp(Name, "id BIGINT NOT NULL, new_amount BIGINT NOT NULL, write_off BIGINT NOT NULL, erp_status TEXT NULL, currency TEXT NOT NULL, issue_date TEXT NOT NULL, due_date TEXT NOT NULL, sales_owner TEXT NOT NULL, source TEXT NOT NULL, erp_says TEXT NULL"));
        BulkInsert.Write(
            _dialect,
            connection,
            transaction,
            table,
            [
                new BulkColumn<ReceivableChange>("id", BulkType.Int64, c => c.Row.Id),
                new BulkColumn<ReceivableChange>("new_amount", BulkType.Int64, c => c.Amount),
                new BulkColumn<ReceivableChange>("write_off", BulkType.Int64, c => WrittenOff(c.Row, c.Amount)),
                new BulkColumn<ReceivableChange>("erp_status", BulkType.Text, c => c.Erp is ErpStatus.Cancelled or ErpStatus.Paid ? c.Target.Status : null),
                new BulkColumn<ReceivableChange>("currency", BulkType.Text, c => c.Target.Currency),
                new BulkColumn<ReceivableChange>("issue_date", BulkType.Text, c => c.Target.IssueDate),
                new BulkColumn<ReceivableChange>("due_date", BulkType.Text, c => c.Target.DueDate),
                new BulkColumn<ReceivableChange>("sales_owner", BulkType.Text, c => c.Target.SalesOwner),
                new BulkColumn<ReceivableChange>("source", BulkType.Text, c => c.Target.Source),
                new BulkColumn<ReceivableChange>("erp_says", BulkType.Text, c => c.Target.ErpStatus),
            ],
            changes);
        connection.Execute(_dialect.TempIndex(Name, "id"), transaction: transaction);
        var updated = connection.Execute(
            _dialect.UpdateFrom(
                "receivable",
                "r",
                """
                amount = CASE WHEN x.new_amount > r.amount - r.open_amount - x.write_off THEN x.new_amount ELSE r.amount - r.open_amount - x.write_off END,
                    open_amount = CASE WHEN x.new_amount > r.amount - r.open_amount - x.write_off THEN x.new_amount - (r.amount - r.open_amount - x.write_off) ELSE 0 END,
                    status = CASE WHEN x.erp_status IS NOT NULL THEN x.erp_status WHEN x.new_amount > r.amount - r.open_amount - x.write_off THEN 'open' ELSE 'paid' END,
                    source_amount = CASE WHEN x.new_amount < r.amount - r.open_amount - x.write_off THEN x.new_amount ELSE NULL END,
                    currency = x.currency, issue_date = x.issue_date, due_date = x.due_date, sales_owner = x.sales_owner, source = x.source, erp_status = x.erp_says, updated_at = @Now
                """,
                $"{table} x",
                "r.id = x.id"),
            new { Now = now },
            transaction);
        if (updated != changes.Count)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{changes.Count} receivable(s) to update, {updated} updated"));
        }

        if (_dialect.DropTemp(Name) is { } drop)
        {
            connection.Execute(drop, transaction: transaction);
        }

        var at = Now();
        BulkInsert.Write(
            _dialect,
            connection,
            transaction,
            "audit_log",
            [
                new BulkColumn<ReceivableChange>("at", BulkType.Text, _ => at),
                new BulkColumn<ReceivableChange>("actor", BulkType.Text, _ => actor),
                new BulkColumn<ReceivableChange>("action", BulkType.Text, _ => "update"),
                new BulkColumn<ReceivableChange>("entity", BulkType.Text, _ => "receivable"),
                new BulkColumn<ReceivableChange>("entity_id", BulkType.Text, c => c.Row.Id.ToString(CultureInfo.InvariantCulture)),
                new BulkColumn<ReceivableChange>("before_state", BulkType.Text, c => State(c.Row)),
                new BulkColumn<ReceivableChange>("after_state", BulkType.Text, c => State(c.Target)),
                new BulkColumn<ReceivableChange>("note", BulkType.Text, _ => source),
            ],
            changes);
        foreach (var change in changes)
        {
            WriteOffSettled(connection, transaction, change.Row, WrittenOff(change.Row, change.Amount), source, actor, now);
        }
    }

    /// <summary>The status a receivable takes: the ERP's paid or cancelled, else paid when nothing is left open.</summary>
    private static string Status(ErpStatus? erp, long open) => erp switch
    {
        ErpStatus.Cancelled => CancelledStatus,
        ErpStatus.Paid => PaidStatus,
        _ => open == 0 ? PaidStatus : OpenStatus,
    };

    private static string State(ReceivableRow row) => string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"amount\":{Money.FromUnits(row.Amount)},\"open\":{Money.FromUnits(row.OpenAmount)},\"due\":\"{row.DueDate}\",\"status\":\"{row.Status}\"}}");

    private void SyncCustomers(DbConnection connection, DbTransaction transaction, IReadOnlyList<Receivable> receivables, string now)
    {
        var customers = connection.Query<(string Id, string Name)>("SELECT id, name FROM customer", transaction: transaction)
            .ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var fresh = new List<Receivable>();
        var first = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customer in receivables)
        {
            if (!first.Add(customer.CustomerId))
            {
                continue; // each customer as its first receivable names it
            }

            if (!customers.TryGetValue(customer.CustomerId, out var name))
            {
                fresh.Add(customer);
                customers[customer.CustomerId] = customer.CustomerName;
            }
            else if (!string.Equals(name, customer.CustomerName, StringComparison.Ordinal))
            {
                connection.Execute(
                    "UPDATE customer SET name = @Name, updated_at = @Now WHERE id = @Id",
                    new { Id = customer.CustomerId, Name = customer.CustomerName, Now = now },
                    transaction);
                customers[customer.CustomerId] = customer.CustomerName;
            }
        }

        BulkInsert.Write(
            _dialect,
            connection,
            transaction,
            "customer",
            [
                new BulkColumn<Receivable>("id", BulkType.Text, r => r.CustomerId),
                new BulkColumn<Receivable>("name", BulkType.Text, r => r.CustomerName),
                new BulkColumn<Receivable>("created_at", BulkType.Text, _ => now),
                new BulkColumn<Receivable>("updated_at", BulkType.Text, _ => now),
            ],
            fresh);
    }

    /// <summary>The ERP's status as the ledger keeps it (<c>open</c>, <c>paid</c>, <c>cancelled</c>); null for a file.</summary>
    private static string? ErpName(ErpStatus? erp) => erp switch
    {
        null => null,
        ErpStatus.Paid => PaidStatus,
        ErpStatus.Cancelled => CancelledStatus,
        _ => OpenStatus,
    };

    private static ReceivableRow NewRow(Receivable receivable, long amount, string status, string source, string? erpStatus, DayTexts days) => new()
    {
        ErpStatus = erpStatus,
        ContractNo = receivable.ContractNo,
        CustomerId = receivable.CustomerId,
        Amount = amount,
        OpenAmount = amount,
        Currency = receivable.Currency,
        IssueDate = days.Of(receivable.IssueDate),
        DueDate = days.Of(receivable.DueDate),
        SalesOwner = receivable.SalesOwner,
        Status = status,
        Source = source,
    };

    private static BulkColumn<AddedReceivable>[] NewReceivableColumns(string now) =>
    [
        BulkColumn.Text<AddedReceivable>("contract_no", x => x.Row.ContractNo),
        BulkColumn.Text<AddedReceivable>("contract_key", x => x.Key),
        BulkColumn.Text<AddedReceivable>("customer_id", x => x.Row.CustomerId),
        BulkColumn.Int64<AddedReceivable>("amount", x => x.Row.Amount),
        BulkColumn.Int64<AddedReceivable>("open_amount", x => x.Row.OpenAmount),
        BulkColumn.Text<AddedReceivable>("currency", x => x.Row.Currency),
        BulkColumn.Text<AddedReceivable>("issue_date", x => x.Row.IssueDate),
        BulkColumn.Text<AddedReceivable>("due_date", x => x.Row.DueDate),
        BulkColumn.Text<AddedReceivable>("sales_owner", x => x.Row.SalesOwner),
        BulkColumn.Text<AddedReceivable>("status", x => x.Row.Status),
        BulkColumn.Text<AddedReceivable>("source", x => x.Row.Source),
        BulkColumn.Text<AddedReceivable>("erp_status", x => x.Row.ErpStatus),
        BulkColumn.Text<AddedReceivable>("created_at", _ => now),
        BulkColumn.Text<AddedReceivable>("updated_at", _ => now),
    ];

    /// <summary>Cancels the receivables of a complete ERP list that it no longer holds; each is audited.</summary>
    private void Withdraw(DbConnection connection, DbTransaction transaction, IEnumerable<ReceivableRow> missing, string source, string actor, string now, SyncCounts counts)
    {
        foreach (var row in missing.OrderBy(r => r.Id).ToList())
        {
            connection.Execute(
                "UPDATE receivable SET status = @Cancelled, updated_at = @Now WHERE id = @Id",
                new { row.Id, Cancelled = CancelledStatus, Now = now },
                transaction);
            Audit(
                connection,
                transaction,
                actor,
                "cancel",
                "receivable",
                row.Id.ToString(CultureInfo.InvariantCulture),
                State(row),
                State(new ReceivableRow { Amount = row.Amount, OpenAmount = row.OpenAmount, DueDate = row.DueDate, Status = CancelledStatus }),
                $"no longer in the complete list of {source}");
            counts.Withdrawn++;
        }
    }

    /// <summary>
    /// A receivable new to the ledger, as its row, its contract key, its position in the source (-1 for a key the source
    /// lists more than once) and the id drawn for it (0 where the database draws it as it writes the row).
    /// </summary>
    private readonly record struct AddedReceivable(ReceivableRow Row, string Key, int Position, long Id = 0);

    /// <summary>A stored receivable the source changes: as stored, as it becomes, the source's amount and the ERP's status.</summary>
    private readonly record struct ReceivableChange(ReceivableRow Row, ReceivableRow Target, long Amount, ErpStatus? Erp);

    internal sealed class ReceivableRow
    {
        public long Id { get; init; }

        public string ContractNo { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long Amount { get; init; }

        public long OpenAmount { get; init; }

        public string Currency { get; init; } = "";

        public string IssueDate { get; init; } = "";

        public string DueDate { get; init; } = "";

        public string SalesOwner { get; init; } = "";

        public string Status { get; init; } = "";

        public string Source { get; init; } = "";

        public string? ErpStatus { get; init; }

        /// <summary>The source's amount when it is below what payments paid (the amount is kept at that), else null.</summary>
        public long? SourceAmount { get; init; }

        /// <summary>What settled tolerance differences (applied, not undone) take of the amount; read by the sync only.</summary>
        public long Settled { get; init; }

        /// <summary>What payments paid of the receivable (automatic and confirmed allocations): allocated less <see cref="Settled"/>.</summary>
        public long Paid => Amount - OpenAmount - Settled;
    }

    /// <summary>What one sync did, counted as it goes.</summary>
    private sealed class SyncCounts
    {
        public int Added { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Paid { get; set; }

        public int Cancelled { get; set; }

        public int Withdrawn { get; set; }

        public long Version { get; set; }

        /// <summary>The ledger id of the row that holds each receivable the source lists once (0 for the others); null when not known.</summary>
        public long[]? LedgerIds { get; set; }

        /// <summary>The receivables the source lowered below what is allocated to them.</summary>
        public IReadOnlyList<LoweredReceivable> Lowered { get; set; } = [];

        /// <summary>Counts a receivable that the ERP's status made paid or cancelled now.</summary>
        public void CountStatus(ErpStatus? erp, string status, string? previous)
        {
            if (status == previous)
            {
                return;
            }

            if (erp == ErpStatus.Paid && status == PaidStatus)
            {
                Paid++;
            }
            else if (erp == ErpStatus.Cancelled && status == CancelledStatus)
            {
                Cancelled++;
            }
        }
    }
}
