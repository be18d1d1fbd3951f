using System.Data.Common;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Reconciler.Rules;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// Saves a rules session's decisions in one transaction: credit holds (a known key is not opened again),
    /// releases (of holds still open), and alerts (a known dedup key is not added again), stamped with
    /// <paramref name="ruleSetVersion"/> and audited.
    /// </summary>
    /// <remarks>
    /// Holds and alerts go to temporary tables in bulk and one INSERT … SELECT each adds those whose key is new; the
    /// unique indexes on the keys make two processes saving the same decisions at once add each only once (the
    /// second waits for the first and then finds its rows). A key given twice in one call counts once, the second as known.
    /// </remarks>
    /// <exception cref="ArgumentException">A decision the ledger cannot keep (no key, no customer for a hold, a text too long for its column); nothing was saved.</exception>
    public DecisionsSaved SaveDecisions(
        IReadOnlyList<NewAlert> alerts,
        IReadOnlyList<CreditHold> holds,
        IReadOnlyList<CreditRelease> releases,
        string ruleSetVersion,
        string actor) =>
        SaveDecisions(alerts, holds, releases, [], ruleSetVersion, actor);

    /// <summary>
    /// Saves a rules session's decisions in one transaction, as the overload without revisions does, and then brings
    /// the holds kept in force up to date (<paramref name="revisions"/>: new key, reason, rule and rule-set version,
    /// audited before and after).
    /// </summary>
    /// <remarks>
    /// A revision applies only to a hold still in force with the key and reason the facts were read with, and to a key
    /// no other hold has (otherwise someone changed the holds meanwhile, and the next run decides again on the new
    /// facts). This never releases a hold: a hold whose new cause was released before is released by the rules, as a
    /// release with its alerts (see <see cref="RuleFacts.ReleasedHolds"/>). The alerts of a revision not applied
    /// (keyed <c>hold-revised:HOLD:…</c>) are not added.
    /// </remarks>
    /// <exception cref="ArgumentException">A decision the ledger cannot keep; nothing was saved.</exception>
    public DecisionsSaved SaveDecisions(
        IReadOnlyList<NewAlert> alerts,
        IReadOnlyList<CreditHold> holds,
        IReadOnlyList<CreditRelease> releases,
        IReadOnlyList<CreditHoldRevision> revisions,
        string ruleSetVersion,
        string actor)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(holds);
        ArgumentNullException.ThrowIfNull(releases);
        ArgumentNullException.ThrowIfNull(revisions);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleSetVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        Fits(ruleSetVersion, 100, "the rule-set version", nameof(ruleSetVersion));
        Fits(actor, 200, "the actor", nameof(actor));
        foreach (var hold in holds)
        {
            CheckHold(hold);
        }

        foreach (var alert in alerts)
        {
            CheckAlert(alert);
        }

        foreach (var revision in revisions)
        {
            CheckHold(new CreditHold(revision.Rule, revision.Key, revision.Reason, 1, revision.Concern));
        }

        using var connection = Open();
        using var transaction = Begin(connection);
        var now = Now();
        var (opened, holdsKnown, releasedBefore) = OpenHolds(connection, transaction, holds, ruleSetVersion, actor, now);
        var (released, notReleased) = ReleaseHolds(connection, transaction, releases, actor, now);
        var (revised, notRevised) = ReviseHolds(connection, transaction, revisions, ruleSetVersion, actor, now);

        // A release that found its hold already released (a person did it since the facts were read) is no news: its
        // alerts (keyed release:HOLD:…, see the credit-release rule) are not added; nor those of a revision not applied;
        // nor the "credit frozen" alerts (keyed hold:KEY:…) of a hold not opened because its key was held and released
        // before: the customer's orders are not held, and a channel or address added since must not be told they are.
        var dropped = notReleased.Select(id => string.Create(CultureInfo.InvariantCulture, $"release:{id}:"))
            .Concat(notRevised.Select(id => string.Create(CultureInfo.InvariantCulture, $"hold-revised:{id}:")))
            .Concat(releasedBefore.Select(key => $"hold:{key}:"))
            .ToList();
        var kept = dropped.Count == 0
            ? alerts
            : [.. alerts.Where(a => !dropped.Any(prefix => a.DedupKey.StartsWith(prefix, StringComparison.Ordinal)))];
        var added = AddAlerts(connection, transaction, kept, ruleSetVersion, now);
        transaction.Commit();
        return new DecisionsSaved(added, kept.Count - added, opened, holdsKnown, released) { HoldsRevised = revised };
    }

    /// <summary>
    /// Opens the holds whose key is new; returns how many were opened, how many were known, and the keys of the known
    /// ones that are released (not opened again, so not in force).
    /// </summary>
    private (int Opened, int Known, List<string> ReleasedBefore) OpenHolds(DbConnection connection, DbTransaction transaction, IReadOnlyList<CreditHold> holds, string ruleSetVersion, string actor, string now)
    {
        if (holds.Count == 0)
        {
            return (0, 0, []);
        }

        var unique = holds.DistinctBy(h => h.Key, StringComparer.Ordinal).Select((hold, seq) => (Seq: seq, Hold: hold)).ToList();
        Exec(connection, transaction, _dialect.CreateTemp("rule_hold", "seq INTEGER NOT NULL, hold_key TEXT NOT NULL, customer_id TEXT NOT NULL, receivable_id BIGINT NULL, contract_no TEXT NOT NULL, reason TEXT NOT NULL, orders INTEGER NOT NULL, rule_name TEXT NOT NULL"));
        BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp("rule_hold"), HoldColumns, unique);
        var inserted = connection.Query<(long Id, string Key)>(
            _dialect.InsertNew(
                "credit_hold",
                "hold_key, customer_id, receivable_id, contract_no, reason, orders, orders_left, rule_name, rule_set_version, opened_at, opened_by",
                "x.hold_key, x.customer_id, x.receivable_id, x.contract_no, x.reason, x.orders, x.orders, x.rule_name, @Version, @Now, @Actor",
                $"{_dialect.Temp("rule_hold")} x",
                "x.hold_key",
                "hold_key",
                "x.seq",
                ["id", "hold_key"]),
            new { Version = ruleSetVersion, Now = now, Actor = actor },
            transaction).OrderBy(h => h.Id).ToList();
        DropTemp(connection, transaction, "rule_hold");

        var opened = inserted.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        var releasedBefore = new List<string>();
        string[] known = [.. unique.Select(u => u.Hold.Key).Where(k => !opened.Contains(k))];
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            releasedBefore.AddRange(KeysFoundSqlite(sqlite, "SELECT id FROM credit_hold WHERE hold_key = ?1 AND released_at IS NOT NULL", known).Keys);
            known = [];
        }

        foreach (var chunk in known.Chunk(IdsPerStatement))
        {
            releasedBefore.AddRange(connection.Query<string>(
                $"SELECT hold_key FROM credit_hold WHERE released_at IS NOT NULL AND {_dialect.In("hold_key", "@Keys")}",
                new { Keys = chunk },
                transaction));
        }

        var byKey = unique.ToDictionary(u => u.Hold.Key, u => u.Hold, StringComparer.Ordinal);
        WriteAudit(connection, transaction, inserted.Select(h =>
        {
            var hold = byKey[h.Key];
            return new AuditRow(now, actor, "hold", "credit_hold", ReviewSteps.Id(h.Id), null, HoldState(hold.Key, hold.Concern.CustomerId, hold.Concern.ReceivableId, hold.Concern.ContractNo, hold.Orders, hold.Reason, hold.Rule, ruleSetVersion, null, null), null);
        }));
        return (inserted.Count, holds.Count - inserted.Count, releasedBefore);
    }

    /// <summary>Releases the holds still open; returns how many, and the ids of those that were not (released already).</summary>
    private (int Released, List<long> NotReleased) ReleaseHolds(DbConnection connection, DbTransaction transaction, IReadOnlyList<CreditRelease> releases, string actor, string now)
    {
        var unique = releases.DistinctBy(r => r.HoldId).ToList();
        var audits = new List<AuditRow>();
        var notReleased = new List<long>();
        foreach (var release in unique)
        {
            if (MarkReleased(connection, transaction, release.HoldId, now, actor, release.Reason))
            {
                var hold = ReadHold(connection, transaction, release.HoldId)!;
                audits.Add(new AuditRow(now, actor, "release", "credit_hold", ReviewSteps.Id(hold.Id), State(hold with { ReleasedAt = null, ReleasedBy = null, ReleaseReason = null }), State(hold), $"rule {release.Rule}"));
            }
            else
            {
                notReleased.Add(release.HoldId);
            }
        }

        WriteAudit(connection, transaction, audits);
        return (audits.Count, notReleased);
    }

    /// <summary>Brings the holds kept in force up to date; returns how many were revised, and the ids of those that were not.</summary>
    /// <remarks>
    /// A hold is not revised to a key another hold has (the key is unique): the rules release a hold instead of taking
    /// on a cause released before (they read the released holds with the facts), so here that other hold was opened or
    /// released since the facts were read. The hold then stays as it is, and the next run decides on the new facts;
    /// releasing it here would unblock the customer's orders with no message to the sales owner or finance.
    /// </remarks>
    private (int Revised, List<long> NotRevised) ReviseHolds(DbConnection connection, DbTransaction transaction, IReadOnlyList<CreditHoldRevision> revisions, string ruleSetVersion, string actor, string now)
    {
        var audits = new List<AuditRow>();
        var notRevised = new List<long>();
        foreach (var revision in revisions.DistinctBy(r => r.HoldId))
        {
            var before = ReadHold(connection, transaction, revision.HoldId);
            if (before is null || before.ReleasedAt is not null || before.Key != revision.PreviousKey || before.Reason != revision.PreviousReason
                || (revision.Key != before.Key && connection.ExecuteScalar<long?>("SELECT id FROM credit_hold WHERE hold_key = @Key", new { revision.Key }, transaction) is not null))
            {
                notRevised.Add(revision.HoldId);
                continue;
            }

            var changed = connection.Execute(
                """
                UPDATE credit_hold SET hold_key = @Key, reason = @Reason, rule_name = @Rule, rule_set_version = @Version
                WHERE id = @Id AND released_at IS NULL AND hold_key = @PreviousKey
                """,
                new { revision.Key, revision.Reason, revision.Rule, Version = ruleSetVersion, Id = revision.HoldId, revision.PreviousKey },
                transaction);
            if (changed != 1)
            {
                notRevised.Add(revision.HoldId);
                continue;
            }

            var after = ReadHold(connection, transaction, revision.HoldId)!;
            audits.Add(new AuditRow(now, actor, "revise", "credit_hold", ReviewSteps.Id(after.Id), State(before), State(after), $"rule {revision.Rule}: the hold stays in force with the reason the facts give now"));
        }

        WriteAudit(connection, transaction, audits);
        return (audits.Count, notRevised);
    }

    private int AddAlerts(DbConnection connection, DbTransaction transaction, IReadOnlyList<NewAlert> alerts, string ruleSetVersion, string now)
    {
        if (alerts.Count == 0)
        {
            return 0;
        }

        var unique = alerts.DistinctBy(a => a.DedupKey, StringComparer.Ordinal).Select((alert, seq) => (Seq: seq, Alert: alert));
        Exec(connection, transaction, _dialect.CreateTemp(
            "rule_alert",
            $"seq INTEGER NOT NULL, dedup_key TEXT NOT NULL, kind TEXT NOT NULL, rule_name TEXT NOT NULL, audience TEXT NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL, severity TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL, payload TEXT NOT NULL, immediate {_dialect.Boolean} NOT NULL, line_id BIGINT NULL, receivable_id BIGINT NULL, customer_id TEXT NOT NULL, contract_no TEXT NOT NULL"));
        BulkInsert.Write(_dialect, connection, transaction, _dialect.Temp("rule_alert"), AlertColumns, unique);
        var added = connection.Execute(
            _dialect.InsertNew(
                "alert_outbox",
                "dedup_key, kind, rule_name, audience, channel, recipient, severity, subject, body, payload, immediate, line_id, receivable_id, customer_id, contract_no, status, attempts, next_attempt_at, rule_set_version, created_at",
                "x.dedup_key, x.kind, x.rule_name, x.audience, x.channel, x.recipient, x.severity, x.subject, x.body, x.payload, x.immediate, x.line_id, x.receivable_id, x.customer_id, x.contract_no, @Pending, 0, NULL, @Version, @Now",
                $"{_dialect.Temp("rule_alert")} x",
                "x.dedup_key",
                "dedup_key",
                "x.seq"),
            new { Pending = AlertStatus.Pending, Version = ruleSetVersion, Now = now },
            transaction);
        DropTemp(connection, transaction, "rule_alert");
        return added;
    }

    private void DropTemp(DbConnection connection, DbTransaction transaction, string name)
    {
        if (_dialect.DropTemp(name) is { } drop)
        {
            connection.Execute(drop, transaction: transaction);
        }
    }

    private static readonly BulkColumn<(int Seq, CreditHold Hold)>[] HoldColumns =
    [
        new("seq", BulkType.Int32, x => x.Seq),
        new("hold_key", BulkType.Text, x => x.Hold.Key),
        new("customer_id", BulkType.Text, x => x.Hold.Concern.CustomerId),
        new("receivable_id", BulkType.Int64, x => x.Hold.Concern.ReceivableId),
        new("contract_no", BulkType.Text, x => x.Hold.Concern.ContractNo),
        new("reason", BulkType.Text, x => x.Hold.Reason),
        new("orders", BulkType.Int32, x => x.Hold.Orders),
        new("rule_name", BulkType.Text, x => x.Hold.Rule),
    ];

    private static readonly BulkColumn<(int Seq, NewAlert Alert)>[] AlertColumns =
    [
        new("seq", BulkType.Int32, x => x.Seq),
        new("dedup_key", BulkType.Text, x => x.Alert.DedupKey),
        new("kind", BulkType.Text, x => x.Alert.Kind),
        new("rule_name", BulkType.Text, x => x.Alert.Rule),
        new("audience", BulkType.Text, x => x.Alert.Audience),
        new("channel", BulkType.Text, x => x.Alert.Channel),
        new("recipient", BulkType.Text, x => x.Alert.Recipient),
        new("severity", BulkType.Text, x => x.Alert.Severity),
        new("subject", BulkType.Text, x => x.Alert.Subject),
        new("body", BulkType.Text, x => x.Alert.Body),
        new("payload", BulkType.Text, x => x.Alert.Payload),
        new("immediate", BulkType.Boolean, x => x.Alert.Immediate),
        new("line_id", BulkType.Int64, x => x.Alert.LineId),
        new("receivable_id", BulkType.Int64, x => x.Alert.ReceivableId),
        new("customer_id", BulkType.Text, x => x.Alert.CustomerId),
        new("contract_no", BulkType.Text, x => x.Alert.ContractNo),
    ];

    /// <summary>The longest dedup or hold key the ledger keeps (SQL Server indexes keys of up to 1,700 bytes).</summary>
    private const int KeyLength = 800;

    private static void CheckHold(CreditHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold, nameof(hold));
        var key = Clip(hold.Key ?? "");
        if (string.IsNullOrWhiteSpace(hold.Key))
        {
            throw new ArgumentException($"a credit hold of rule {hold.Rule} has no key", nameof(hold));
        }

        if (string.IsNullOrWhiteSpace(hold.Concern.CustomerId))
        {
            throw new ArgumentException($"credit hold {key} names no customer: a hold is on a customer of the ledger", nameof(hold));
        }

        if (hold.Orders <= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"credit hold {key} holds {hold.Orders} orders; a hold covers at least one"), nameof(hold));
        }

        Fits(hold.Key, KeyLength, $"the key of credit hold {key}", nameof(hold));
        Fits(hold.Concern.CustomerId, 100, $"the customer of credit hold {key}", nameof(hold));
        Fits(hold.Concern.ContractNo, 200, $"the contract of credit hold {key}", nameof(hold));
        Fits(hold.Rule, 200, $"the rule of credit hold {key}", nameof(hold));
        Fits(hold.Reason, int.MaxValue, $"the reason of credit hold {key}", nameof(hold));
    }

    private static void CheckAlert(NewAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert, nameof(alert));
        if (string.IsNullOrWhiteSpace(alert.DedupKey))
        {
            throw new ArgumentException($"an alert of rule {alert.Rule} to {alert.Recipient} has no dedup key", nameof(alert));
        }

        var key = Clip(alert.DedupKey);
        if (alert.Text is null && alert.Payload.Length == 0)
        {
            throw new ArgumentException($"alert {key} has no texts: neither its payload nor what writes it (Text) is set", nameof(alert));
        }

        Fits(alert.DedupKey, KeyLength, $"the dedup key of alert {key}", nameof(alert));
        Fits(alert.Kind, 40, $"the kind of alert {key}", nameof(alert));
        Fits(alert.Rule, 200, $"the rule of alert {key}", nameof(alert));
        Fits(alert.Audience, 40, $"the audience of alert {key}", nameof(alert));
        Fits(alert.Channel, 200, $"the channel of alert {key}", nameof(alert));
        Fits(alert.Recipient, int.MaxValue, $"the recipient of alert {key}", nameof(alert));
        Fits(alert.Severity, 20, $"the severity of alert {key}", nameof(alert));
        Fits(alert.CustomerId, 100, $"the customer of alert {key}", nameof(alert));
        Fits(alert.ContractNo, 200, $"the contract of alert {key}", nameof(alert));
    }

    /// <summary>A key as a message shows it: the first 80 characters of a longer one.</summary>
    private static string Clip(string key) => key.Length <= 80 ? key : string.Concat(key.AsSpan(0, 80), "…");

    /// <summary>Refuses a text longer than its column (server databases would refuse it half-way, SQLite would keep it).</summary>
    private static void Fits(string? value, int length, string what, string parameter)
    {
        if (value is null)
        {
            throw new ArgumentException($"{what} is missing", parameter);
        }

        if (value.Length > length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{what} is {value.Length} characters; the ledger keeps at most {length}"), parameter);
        }
    }

    private static readonly JsonSerializerOptions AuditJson = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // the audit log is read by people: names stay readable
    };

    /// <summary>A credit hold's state for the audit log.</summary>
    private static string State(StoredCreditHold hold) =>
        HoldState(hold.Key, hold.CustomerId, hold.ReceivableId, hold.ContractNo, hold.OrdersLeft, hold.Reason, hold.Rule, hold.RuleSetVersion, hold.ReleasedAt, hold.ReleaseReason, hold.ReleasedBy);

    private static string HoldState(string key, string customer, long? receivable, string contract, int ordersLeft, string reason, string rule, string ruleSetVersion, string? releasedAt, string? releaseReason, string? releasedBy = null) =>
        JsonSerializer.Serialize(
            new
            {
                key,
                status = releasedAt is null ? "open" : "released",
                customer,
                receivable,
                contract,
                ordersLeft,
                reason,
                rule,
                ruleSetVersion,
                releasedAt,
                releasedBy,
                releaseReason,
            },
            AuditJson);

    /// <summary>Audit rows written in bulk (one round trip for many), in the order given.</summary>
    private void WriteAudit(DbConnection connection, DbTransaction transaction, IEnumerable<AuditRow> rows)
    {
        var list = rows.ToList();
        if (list.Count > 0)
        {
            BulkInsert.Write(_dialect, connection, transaction, "audit_log", AuditColumns, list);
        }
    }

    private static readonly BulkColumn<AuditRow>[] AuditColumns =
    [
        new("at", BulkType.Text, x => x.At),
        new("actor", BulkType.Text, x => x.Actor),
        new("action", BulkType.Text, x => x.Action),
        new("entity", BulkType.Text, x => x.Entity),
        new("entity_id", BulkType.Text, x => x.EntityId),
        new("before_state", BulkType.Text, x => x.Before),
        new("after_state", BulkType.Text, x => x.After),
        new("note", BulkType.Text, x => x.Note),
    ];

    private sealed record AuditRow(string At, string Actor, string Action, string Entity, string EntityId, string? Before, string? After, string? Note);
}
