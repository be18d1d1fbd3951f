using System.Globalization;
using Dapper;
using Reconciler.Domain;

namespace Reconciler.Storage;

public sealed partial class LedgerStore
{
    /// <summary>
    /// The current decision of every line of the given files, as results a report or a results file shows: the
    /// status, rule, confidence, sentence and allocations a run (or a person) left, in file and row order. Lines
    /// not through a run yet are <c>unmatched</c> with rule <c>not-run</c>.
    /// </summary>
    public IReadOnlyList<MatchResult> ResultsOfFiles(IEnumerable<long> fileIds)
    {
        ArgumentNullException.ThrowIfNull(fileIds);
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var ids = fileIds.Distinct().ToArray();
        var views = ids.Length == 0 ? [] : Views(connection, transaction, _dialect.In("l.file_id", "@Files"), new { Files = ids });
        var lines = views.Select(v => v.ToStored()).ToList();
        var decisions = views.ToDictionary(v => v.Id, v => (v.Rule, v.Confidence, v.Difference, v.Explanation));
        var allocations = connection.Query<AllocationView>(
            $"""
            SELECT a.line_id AS LineId, a.amount, a.status, r.contract_no AS ContractNo, r.customer_id AS CustomerId, c.name AS CustomerName,
                r.amount AS ReceivableAmount, r.currency, r.issue_date AS IssueDate, r.due_date AS DueDate, r.sales_owner AS SalesOwner
            FROM allocation a JOIN statement_line l ON l.id = a.line_id JOIN receivable r ON r.id = a.receivable_id JOIN customer c ON c.id = r.customer_id
            WHERE {_dialect.In("l.file_id", "@Files")} AND a.status IN ('{AutoStatus}', '{ConfirmedStatus}', '{CandidateStatus}')
            ORDER BY a.id
            """,
            new { Files = ids },
            transaction).ToLookup(a => a.LineId);
        var originals = lines.Where(l => l.DuplicateOf is not null).Select(l => l.DuplicateOf!.Value).Distinct().ToArray();
        var firsts = originals.Length == 0
            ? []
            // Through a subquery, not a list of ids: a big overlapping export has more duplicates than a statement
            // may have parameters (32,766 in SQLite, 2,100 in SQL Server).
            : Lines(
                connection,
                transaction,
                $"l.id IN (SELECT d.duplicate_of FROM statement_line d WHERE {_dialect.In("d.file_id", "@Files")} AND d.duplicate_of IS NOT NULL)",
                new { Files = ids }).ToDictionary(l => l.Id);
        transaction.Commit();

        // In the order the files were asked for (the order a user gave them), each in row order.
        var order = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        return [.. lines.OrderBy(l => order[l.FileId]).ThenBy(l => l.Line.Row).Select(stored =>
        {
            var decision = decisions[stored.Id];
            return StoredResult(
                stored.Line,
                stored.Status,
                [.. allocations[stored.Id].Select(a => new Allocation(a.ToReceivable(), Money.FromUnits(a.Amount)))],
                decision.Difference,
                decision.Confidence,
                decision.Rule,
                decision.Explanation,
                stored.DuplicateOf is { } first && firsts.TryGetValue(first, out var original) ? original.Line : null);
        })];
    }

    /// <summary>
    /// A line's result as the ledger holds it. A line no run decided has no rule of its own: a duplicate is
    /// explained by the line it repeats (<paramref name="original"/>), any other is "not through a match run yet".
    /// </summary>
    private static MatchResult StoredResult(
        StatementLine line,
        string storedStatus,
        IReadOnlyList<Allocation> allocations,
        long? difference,
        double? confidence,
        string? rule,
        string? explanation,
        StatementLine? original)
    {
        var status = MatchStatusNames.TryParse(storedStatus, out var parsed) ? parsed : MatchStatus.Unmatched;
        return new MatchResult
        {
            Line = line,
            Status = status,
            Allocations = allocations,
            Difference = difference is { } d ? Money.FromUnits(d) : 0,
            Confidence = confidence ?? (status == MatchStatus.Duplicate ? 1 : 0),
            Rule = rule ?? (status == MatchStatus.Duplicate ? "duplicate-line" : "not-run"),
            Explanation = explanation ?? (original is null ? "not through a match run yet" : Matching.Matcher.DuplicateExplanation(original)),
            DuplicateOf = original,
        };
    }

    /// <summary>The open amount of every receivable still open, for the summary's "left open".</summary>
    public IReadOnlyList<decimal> OpenAmounts()
    {
        using var connection = Open();
        return [.. connection.Query<long>("SELECT open_amount FROM receivable WHERE status = @Open AND open_amount > 0", new { Open = OpenStatus }).Select(Money.FromUnits)];
    }

    internal sealed class AllocationView
    {
        public long LineId { get; init; }

        public long Amount { get; init; }

        public string Status { get; init; } = "";

        public string ContractNo { get; init; } = "";

        public string CustomerId { get; init; } = "";

        public string CustomerName { get; init; } = "";

        public long ReceivableAmount { get; init; }

        public string Currency { get; init; } = "";

        public string IssueDate { get; init; } = "";

        public string DueDate { get; init; } = "";

        public string SalesOwner { get; init; } = "";

        public Receivable ToReceivable() => new(
            ContractNo,
            CustomerId,
            CustomerName,
            Money.FromUnits(ReceivableAmount),
            Currency,
            ParseDay(IssueDate),
            ParseDay(DueDate),
            SalesOwner);
    }
}
