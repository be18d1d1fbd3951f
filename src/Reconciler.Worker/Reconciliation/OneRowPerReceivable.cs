using System.Globalization;
using System.Runtime.InteropServices;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;
using Reconciler.Storage;

namespace Reconciler.Worker.Reconciliation;

/// <summary>
/// One contract number of one customer is one receivable: two rows that give it with different values contradict each
/// other, and the receivables are refused, naming both rows, before anything is matched or stored. A ledger holds one
/// receivable per contract number and customer and its sync follows such rows in order, so the later row would
/// replace the earlier without a word (two instalments of 10,000 and 5,000 became one receivable of 5,000); a run
/// without a ledger kept both and found the payment ambiguous between them. A row that repeats another exactly is
/// the same receivable given twice: a ledger keeps one, and a run without a ledger leaves the later copy out.
/// </summary>
internal static class OneRowPerReceivable
{
    /// <summary>
    /// The check of a run without a ledger, on the index built over its receivables (which notes the contract keys
    /// several receivables share): throws when two of them give one contract of one customer with different values; returns
    /// the later copies of rows repeated exactly (usually none), which the run leaves out as a ledger would.
    /// </summary>
    /// <exception cref="InputFormatException">Two rows disagree; names the later row and the earlier one.</exception>
    public static HashSet<Receivable> Check(ReceivableIndex index, ReceivableColumns columns)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(columns);
        var repeats = new HashSet<Receivable>(ReferenceEqualityComparer.Instance);
        foreach (var (earlier, later) in index.SameContractAndCustomer())
        {
            if (Difference(earlier, later) is { } difference)
            {
                throw Refusal(earlier, later, difference, columns);
            }

            repeats.Add(later);
        }

        return repeats;
    }

    /// <summary>
    /// Returns <paramref name="receivables"/> when a ledger can keep them: the check before a ledger's sync, of what
    /// <see cref="LedgerLimits.AmountProblem(Receivable)"/> says of each amount and of no two rows disagreeing on one
    /// receivable.
    /// </summary>
    /// <exception cref="InputFormatException">An amount the ledger cannot keep, or two rows that give one contract of one customer with different values (the later row named, and the earlier one).</exception>
    public static IReadOnlyList<Receivable> CheckForLedger(IReadOnlyList<Receivable> receivables, ReceivableColumns columns)
    {
        ArgumentNullException.ThrowIfNull(receivables);
        ArgumentNullException.ThrowIfNull(columns);
        var first = new Dictionary<(string ContractNo, string CustomerId), Receivable>(receivables.Count);
        foreach (var receivable in receivables)
        {
            if (LedgerLimits.AmountProblem(receivable) is { } problem)
            {
                var amount = receivable.Amount.ToString(CultureInfo.InvariantCulture);
                var (file, row) = receivable.SourceRow;
                throw file is null
                    ? new InputFormatException($"{receivable.Source}: column {columns.Amount}: \"{amount}\" cannot be kept in the ledger: {problem}")
                    : new InputFormatException(file, row, columns.Amount, amount, $"\"{amount}\" cannot be kept in the ledger: {problem}");
            }

            ref var earlier = ref CollectionsMarshal.GetValueRefOrAddDefault(first, (receivable.ContractNo, receivable.CustomerId), out var seen);
            if (!seen)
            {
                earlier = receivable;
            }
            else if (Difference(earlier!, receivable) is { } difference)
            {
                throw Refusal(earlier!, receivable, difference, columns);
            }
        }

        return receivables;
    }

    /// <summary>What two rows of one receivable disagree on, for the message; null when they agree on everything the ledger keeps.</summary>
    internal static string? Difference(Receivable earlier, Receivable later)
    {
        var inv = CultureInfo.InvariantCulture;
        var differences = new List<string>();
        if (earlier.Amount != later.Amount)
        {
            differences.Add(string.Create(inv, $"amount {earlier.Amount:0.00##} and {later.Amount:0.00##}"));
        }

        if (!string.Equals(earlier.Currency, later.Currency, StringComparison.Ordinal))
        {
            differences.Add($"currency {earlier.Currency} and {later.Currency}");
        }

        if (earlier.IssueDate != later.IssueDate)
        {
            differences.Add(string.Create(inv, $"issue date {earlier.IssueDate:yyyy-MM-dd} and {later.IssueDate:yyyy-MM-dd}"));
        }

        if (earlier.DueDate != later.DueDate)
        {
            differences.Add(string.Create(inv, $"due date {earlier.DueDate:yyyy-MM-dd} and {later.DueDate:yyyy-MM-dd}"));
        }

        if (!string.Equals(earlier.CustomerName, later.CustomerName, StringComparison.Ordinal))
        {
            differences.Add($"customer name \"{earlier.CustomerName}\" and \"{later.CustomerName}\"");
        }

        if (!string.Equals(earlier.SalesOwner, later.SalesOwner, StringComparison.Ordinal))
        {
            differences.Add($"sales owner \"{earlier.SalesOwner}\" and \"{later.SalesOwner}\"");
        }

        return differences.Count == 0 ? null : string.Join(", ", differences);
    }

    private static InputFormatException Refusal(Receivable earlier, Receivable later, string difference, ReceivableColumns columns)
    {
        var (file, row) = later.SourceRow;
        var (_, earlierRow) = earlier.SourceRow;
        var where = earlierRow > 0 ? string.Create(CultureInfo.InvariantCulture, $"row {earlierRow}") : $"\"{earlier.Source}\"";
        var problem = $"contract {later.ContractNo} of customer {later.CustomerId} is also on {where}, with {difference}; "
            + "one contract of one customer is one receivable, so the rows contradict each other: "
            + "merge them into one, or give each its own contract number";
        return file is null
            ? new InputFormatException($"{later.Source}: column {columns.ContractNo}: {problem}")
            : new InputFormatException(file, row, columns.ContractNo, later.ContractNo, problem);
    }
}
