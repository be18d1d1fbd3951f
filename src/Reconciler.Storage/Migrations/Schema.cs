namespace Reconciler.Storage;

/// <summary>
/// The ledger's schema, as migrations. Money is whole ten-thousandths (<c>BIGINT</c>, see <see cref="Money"/>);
/// dates are ISO <c>yyyy-MM-dd</c> text and instants ISO 8601 UTC text, the same in every dialect, so they sort
/// and compare as text and read back identically. A migration is never edited once released: add the next one.
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "ledger", [
            """
            CREATE TABLE customer (
                id {str:100} NOT NULL PRIMARY KEY,
                name {str:400} NOT NULL,
                created_at {str:40} NOT NULL,
                updated_at {str:40} NOT NULL)
            """,
            """
            CREATE TABLE customer_alias (
                id {id},
                customer_id {str:100} NOT NULL REFERENCES customer(id),
                payer_account {str:200} NOT NULL,
                payer_name {str:400} NOT NULL,
                learned_from_line BIGINT NULL,
                created_by {str:200} NOT NULL,
                created_at {str:40} NOT NULL)
            """,
            "CREATE UNIQUE INDEX ux_customer_alias ON customer_alias (customer_id, payer_account, payer_name)",
            """
            CREATE TABLE receivable (
                id {id},
                contract_no {str:200} NOT NULL,
                contract_key {str:200} NOT NULL,
                customer_id {str:100} NOT NULL REFERENCES customer(id),
                amount {money} NOT NULL,
                open_amount {money} NOT NULL,
                currency {str:3} NOT NULL,
                issue_date {str:10} NOT NULL,
                due_date {str:10} NOT NULL,
                sales_owner {str:400} NOT NULL,
                status {str:20} NOT NULL,
                source {str:400} NOT NULL,
                created_at {str:40} NOT NULL,
                updated_at {str:40} NOT NULL,
                CONSTRAINT ck_receivable_open CHECK (open_amount >= 0 AND open_amount <= amount))
            """,
            "CREATE UNIQUE INDEX ux_receivable ON receivable (contract_no, customer_id)",
            "CREATE INDEX ix_receivable_status ON receivable (status)",
            """
            CREATE TABLE statement_file (
                id {id},
                sha256 {str:64} NOT NULL,
                name {str:400} NOT NULL,
                profile {str:200} NOT NULL,
                lines INTEGER NOT NULL,
                credits INTEGER NOT NULL,
                debits INTEGER NOT NULL,
                duplicates INTEGER NOT NULL,
                imported_at {str:40} NOT NULL,
                imported_by {str:200} NOT NULL)
            """,
            "CREATE UNIQUE INDEX ux_statement_file_sha256 ON statement_file (sha256)",
            """
            CREATE TABLE match_run (
                id {id},
                started_at {str:40} NOT NULL,
                finished_at {str:40} NULL,
                settings {text} NOT NULL,
                rule_set_version {str:100} NOT NULL,
                receivables_version BIGINT NOT NULL,
                lines INTEGER NOT NULL,
                started_by {str:200} NOT NULL)
            """,
            """
            CREATE TABLE statement_line (
                id {id},
                file_id BIGINT NOT NULL REFERENCES statement_file(id),
                row_number INTEGER NOT NULL,
                line_key {str:64} NULL,
                bank_ref {str:200} NOT NULL,
                booking_date {str:10} NOT NULL,
                value_date {str:10} NULL,
                booking_time {str:8} NULL,
                amount {money} NOT NULL,
                currency {str:3} NOT NULL,
                payer_name {str:400} NOT NULL,
                payer_account {str:200} NOT NULL,
                memo {text} NOT NULL,
                neutral {bool} NOT NULL,
                status {str:20} NOT NULL,
                duplicate_of BIGINT NULL REFERENCES statement_line(id),
                match_rule {str:100} NULL,
                confidence FLOAT NULL,
                difference {money} NULL,
                explanation {text} NULL,
                run_id BIGINT NULL REFERENCES match_run(id),
                updated_at {str:40} NOT NULL)
            """,
            "CREATE UNIQUE INDEX ux_statement_line_key ON statement_line (line_key) WHERE line_key IS NOT NULL",
            "CREATE INDEX ix_statement_line_status ON statement_line (status)",
            "CREATE INDEX ix_statement_line_file ON statement_line (file_id, row_number)",
            """
            CREATE TABLE allocation (
                id {id},
                line_id BIGINT NOT NULL REFERENCES statement_line(id),
                receivable_id BIGINT NOT NULL REFERENCES receivable(id),
                amount {money} NOT NULL,
                status {str:20} NOT NULL,
                match_rule {str:100} NOT NULL,
                confidence FLOAT NOT NULL,
                run_id BIGINT NULL REFERENCES match_run(id),
                created_by {str:200} NOT NULL,
                created_at {str:40} NOT NULL,
                ended_at {str:40} NULL,
                CONSTRAINT ck_allocation_amount CHECK (amount > 0))
            """,
            "CREATE INDEX ix_allocation_line ON allocation (line_id)",
            "CREATE INDEX ix_allocation_receivable ON allocation (receivable_id)",
            """
            CREATE TABLE match_exception (
                id {id},
                line_id BIGINT NOT NULL REFERENCES statement_line(id),
                kind {str:40} NOT NULL,
                amount {money} NOT NULL,
                customer_id {str:100} NULL,
                run_id BIGINT NOT NULL REFERENCES match_run(id),
                created_at {str:40} NOT NULL,
                resolved_at {str:40} NULL)
            """,
            "CREATE UNIQUE INDEX ux_match_exception ON match_exception (line_id, kind)",
            """
            CREATE TABLE credit_hold (
                id {id},
                customer_id {str:100} NOT NULL REFERENCES customer(id),
                receivable_id BIGINT NULL REFERENCES receivable(id),
                reason {text} NOT NULL,
                orders_left INTEGER NOT NULL,
                rule_set_version {str:100} NOT NULL,
                opened_at {str:40} NOT NULL,
                released_at {str:40} NULL,
                release_reason {text} NULL)
            """,
            """
            CREATE TABLE alert_outbox (
                id {id},
                dedup_key {str:200} NOT NULL,
                channel {str:40} NOT NULL,
                recipient {str:400} NOT NULL,
                subject {text} NOT NULL,
                body {text} NOT NULL,
                severity {str:20} NOT NULL,
                status {str:20} NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at {str:40} NULL,
                last_error {text} NULL,
                rule_set_version {str:100} NOT NULL,
                created_at {str:40} NOT NULL,
                sent_at {str:40} NULL)
            """,
            "CREATE UNIQUE INDEX ux_alert_outbox_dedup ON alert_outbox (dedup_key)",
            """
            CREATE TABLE audit_log (
                id {id},
                at {str:40} NOT NULL,
                actor {str:200} NOT NULL,
                action {str:100} NOT NULL,
                entity {str:100} NOT NULL,
                entity_id {str:200} NOT NULL,
                before_state {text} NULL,
                after_state {text} NULL,
                note {text} NULL)
            """,
            "CREATE INDEX ix_audit_log_entity ON audit_log (entity, entity_id)",
            """
            CREATE TABLE ledger_state (
                name {str:100} NOT NULL PRIMARY KEY,
                value BIGINT NOT NULL)
            """,
            "INSERT INTO ledger_state (name, value) VALUES ('receivables_version', 0)",
        ]),

        // Version 1's credit_hold and alert_outbox were never written by released code: they are made again with what
        // the rules and the outbox keep. Nothing refers to either table, and neither cascades (SQL Server refuses
        // cascade paths that meet). A rule's name is rule_name: RULE is reserved in T-SQL. Keys are at most 800 characters:
        // SQL Server indexes keys of up to 1,700 bytes.
        new(2, "rules: credit holds and alert outbox", [
            "DROP TABLE alert_outbox",
            "DROP TABLE credit_hold",
            """
            CREATE TABLE credit_hold (
                id {id},
                hold_key {str:800} NOT NULL,
                customer_id {str:100} NOT NULL REFERENCES customer(id),
                receivable_id BIGINT NULL REFERENCES receivable(id),
                contract_no {str:200} NOT NULL,
                reason {text} NOT NULL,
                orders INTEGER NOT NULL,
                orders_left INTEGER NOT NULL,
                rule_name {str:200} NOT NULL,
                rule_set_version {str:100} NOT NULL,
                opened_at {str:40} NOT NULL,
                opened_by {str:200} NOT NULL,
                released_at {str:40} NULL,
                released_by {str:200} NULL,
                release_reason {text} NULL,
                CONSTRAINT ck_credit_hold_orders CHECK (orders_left >= 0 AND orders_left <= orders))
            """,
            "CREATE UNIQUE INDEX ux_credit_hold_key ON credit_hold (hold_key)",
            "CREATE INDEX ix_credit_hold_customer ON credit_hold (customer_id)",
            """
            CREATE TABLE alert_outbox (
                id {id},
                dedup_key {str:800} NOT NULL,
                kind {str:40} NOT NULL,
                rule_name {str:200} NOT NULL,
                audience {str:40} NOT NULL,
                channel {str:200} NOT NULL,
                recipient {text} NOT NULL,
                severity {str:20} NOT NULL,
                subject {text} NOT NULL,
                body {text} NOT NULL,
                payload {text} NOT NULL,
                immediate {bool} NOT NULL,
                line_id BIGINT NULL REFERENCES statement_line(id),
                receivable_id BIGINT NULL,
                customer_id {str:100} NOT NULL,
                contract_no {str:200} NOT NULL,
                status {str:20} NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at {str:40} NULL,
                last_error {text} NULL,
                rule_set_version {str:100} NOT NULL,
                created_at {str:40} NOT NULL,
                sent_at {str:40} NULL)
            """,
            "CREATE UNIQUE INDEX ux_alert_outbox_dedup ON alert_outbox (dedup_key)",
            "CREATE INDEX ix_alert_outbox_due ON alert_outbox (status, next_attempt_at)",
            "CREATE INDEX ix_match_exception_open ON match_exception (resolved_at)",
        ]),

        // A dispatcher claims the alerts it is about to send (status 'sending', its token in claim_token, the end of its
        // lease in next_attempt_at), so that two dispatchers never send the same alert; see LedgerStore.ClaimDueAlerts.
        // ADD without COLUMN: SQLite and PostgreSQL take it, and T-SQL takes nothing else.
        new(3, "alert outbox claims", [
            "ALTER TABLE alert_outbox ADD claim_token {str:64} NULL",
            "CREATE INDEX ix_alert_outbox_claim ON alert_outbox (claim_token)",
        ]),
        new(4, "receivable status from the ERP", [
            // What the ERP last said of the receivable (open, paid, cancelled), apart from the ledger's own status: undoing
            // an allocation reopens a receivable the ledger had paid, never one the ERP says is paid.
            "ALTER TABLE receivable ADD erp_status {str:20} NULL",
        ]),
        new(5, "the worker's rules bookmark", [
            // The last match run the rules decided after: a worker's rules job that finds no later run has nothing new to
            // decide (the nightly run decides anyway, since exceptions age and receivables fall overdue by the day).
            "INSERT INTO ledger_state (name, value) VALUES ('rules_after_run', 0)",
        ]),

        // PostgreSQL checks a foreign key row by row, in a trigger that runs a query for each row written: a match run's
        // save spent most of its time there (three checks per allocation row, one per decided line), and an import
        // half of the statement lines' insert. The writers of these columns prove their references themselves, in
        // the transaction that writes them, and nothing deletes or renumbers the rows referred to (statement files,
        // statement lines, match runs, receivables): the import inserts the file its lines name and reads the lines
        // it marks as duplicates of; the save inserts its run, proves every line by the decisions' update count, every
        // applied receivable by the open amounts' compare-and-set count and its candidates' receivables by one query;
        // a review reads and claims its line and takes the amount off the receivable by compare-and-set. SQLite keeps
        // these keys (its save turns them off for its connection), SQL Server keeps them too.
        new(6, "PostgreSQL: import and run references checked by their writers", [
            "ALTER TABLE statement_line DROP CONSTRAINT IF EXISTS statement_line_file_id_fkey, DROP CONSTRAINT IF EXISTS statement_line_duplicate_of_fkey, DROP CONSTRAINT IF EXISTS statement_line_run_id_fkey",
            "ALTER TABLE allocation DROP CONSTRAINT IF EXISTS allocation_line_id_fkey, DROP CONSTRAINT IF EXISTS allocation_receivable_id_fkey, DROP CONSTRAINT IF EXISTS allocation_run_id_fkey",
            "ALTER TABLE match_exception DROP CONSTRAINT IF EXISTS match_exception_line_id_fkey, DROP CONSTRAINT IF EXISTS match_exception_run_id_fkey",
        ]) { Only = StorageProvider.Postgres },

        // PostgreSQL writes a new version of a row, with an entry in every index, whenever an indexed column changes
        // (or the row's page has no room for the new version): a run's decision changes each line's status, and applying
        // allocations changes most receivables' status. Entries for keys that did not change are the costly ones: the
        // line key and the receivable's (contract, customer) are random, so each new version lands on a random leaf
        // page, and every leaf that fills is first searched for dead versions to remove (there are none yet: the old
        // versions belong to the same transaction). At 100k that was a third of the decisions' update. So the line keys
        // move to their own table, which the import writes and reads and nothing updates (statement_line.line_key is
        // still written, no longer indexed; the unique key of statement_line_key is the import's guarantee, as
        // ux_statement_line_key was). The receivables lose their status index (every reader of it asks for the open
        // ones, most of the table, and reads them in id or due-date order) and leave 40% of each page free, so that
        // taking an open amount, and a sync's change, is a heap-only update: no index entry at all, the new version on
        // the same page.
        new(7, "PostgreSQL: line keys in their own table, receivables updated in place", [
            "CREATE TABLE statement_line_key (line_key VARCHAR(64) NOT NULL PRIMARY KEY, line_id BIGINT NOT NULL)",
            "INSERT INTO statement_line_key (line_key, line_id) SELECT line_key, id FROM statement_line WHERE line_key IS NOT NULL ORDER BY line_key",
            "DROP INDEX ux_statement_line_key",
            "DROP INDEX ix_receivable_status",
            "ALTER TABLE receivable SET (fillfactor = 60)",
        ]) { Only = StorageProvider.Postgres },

        // A ReceivableLowered exception concerns one receivable of its line (a line may pay several contracts, of other
        // customers and sales owners, and more than one of them may be lowered): the exception names it, and one line
        // holds one such exception per receivable. Every other kind leaves receivable_id null and stays one per line and
        // kind: the unique key becomes two, one for each (each database takes a filtered unique index; T-SQL wants the
        // table named to drop an index, hence one migration of the key per database).
        new(8, "the receivable an exception concerns", [
            "ALTER TABLE match_exception ADD receivable_id BIGINT NULL",
            "CREATE UNIQUE INDEX ux_match_exception_receivable ON match_exception (line_id, kind, receivable_id) WHERE receivable_id IS NOT NULL",
        ]),
        new(9, "SQLite: one exception per line and kind where no receivable is named", [
            "DROP INDEX ux_match_exception",
            "CREATE UNIQUE INDEX ux_match_exception ON match_exception (line_id, kind) WHERE receivable_id IS NULL",
        ]) { Only = StorageProvider.Sqlite },
        new(10, "PostgreSQL: one exception per line and kind where no receivable is named", [
            "DROP INDEX ux_match_exception",
            "CREATE UNIQUE INDEX ux_match_exception ON match_exception (line_id, kind) WHERE receivable_id IS NULL",
        ]) { Only = StorageProvider.Postgres },
        new(11, "SQL Server: one exception per line and kind where no receivable is named", [
            "DROP INDEX ux_match_exception ON match_exception",
            "CREATE UNIQUE INDEX ux_match_exception ON match_exception (line_id, kind) WHERE receivable_id IS NULL",
        ]) { Only = StorageProvider.SqlServer },

        // The amount the source gives a receivable it lowered below what payments paid (the ledger keeps the amount at
        // what they paid), null otherwise: undoing a match gives back only down to it, so the receivable is then as
        // open as the source says, not as its old amount was.
        new(12, "the source's amount of a lowered receivable", [
            "ALTER TABLE receivable ADD source_amount BIGINT NULL",
        ]),

        // Every receivables sync reads what settled tolerance differences take of each receivable (a lowered amount
        // writes them off first): without an index that was a scan of every allocation, about a second at a million. The
        // index holds only the settled differences still applied, a small share of the allocations.
        new(13, "settled tolerance differences by receivable", [
            "CREATE INDEX ix_allocation_settled ON allocation (receivable_id, amount) WHERE status = 'settled' AND ended_at IS NULL",
        ]),

        // The bank's status of a line it has not booked (pending, closed), as the file writes it; null for a booked line.
        // Such a line is neither in nor out; kept so that a run deciding it later (the worker imports, then matches)
        // says why, as a run in the same process does.
        new(14, "the bank's status of a line it has not booked", [
            "ALTER TABLE statement_line ADD not_booked {str:100} NULL",
        ]),

        // A claim takes the alerts never tried in id order, a few hundred at a time. SQLite and SQL Server read them from
        // ix_alert_outbox_due in that order (its rows end with the id); PostgreSQL keeps equal keys in no particular
        // order, so without this each claim read and sorted every pending alert (880k after a first rules run on a
        // million lines). Only the pending ones never tried are in it: few once sent.
        new(15, "PostgreSQL: the alerts never tried, in id order", [
            "CREATE INDEX ix_alert_outbox_new ON alert_outbox (id) WHERE status = 'pending' AND next_attempt_at IS NULL",
        ]) { Only = StorageProvider.Postgres },

        // An import writes each new line's key into statement_line_key's unique index and first looks every key of the
        // file up in it. As text (64 hex digits, compared by the database's collation) each entry was 64 bytes, compared
        // by the locale's rules; as the SHA-256's own 32 bytes it is half the size and compared byte by byte (41k keys into
        // a table of 46k, in psql: 103–109 ms against 150–153 ms). statement_line.line_key, which nothing indexes here,
        // stays text. A key table of a million keys took 1.5 s to convert.
        new(16, "PostgreSQL: the line keys as bytes", [
            "ALTER TABLE statement_line_key ALTER COLUMN line_key TYPE BYTEA USING decode(line_key, 'hex')",
        ]) { Only = StorageProvider.Postgres },
    ];
}
