namespace Reconciler.Storage;

/// <summary>The lines of one booking day with one status and currency, for the trend.</summary>
/// <param name="Day">The booking day.</param>
/// <param name="Status">
/// The line status as the summary's lines by status give it (<see cref="ReportSummary.Statuses"/>): lines not through a
/// run yet count as <c>unmatched</c>, ignored lines neither in nor out are <see cref="LedgerStore.NeutralItem"/>, and
/// ignored lines the bank has not booked <see cref="LedgerStore.NotBookedItem"/>.
/// </param>
/// <param name="Lines">How many.</param>
/// <param name="Amount">The sum of their amounts in <paramref name="Currency"/>.</param>
/// <param name="Currency">The lines' currency (amounts of different currencies are never added together).</param>
/// <param name="ReceivedLines">
/// Of them, the money received: credits that are neither <c>duplicate</c> (the same bank line seen again, received once
/// under its original's status) nor <c>ignored</c> (debits, zero lines, lines neither in nor out).
/// </param>
/// <param name="ReceivedAmount">The sum of the amounts of <paramref name="ReceivedLines"/>, in <paramref name="Currency"/>.</param>
public sealed record ReportDayCount(DateOnly Day, string Status, long Lines, decimal Amount, string Currency, long ReceivedLines, decimal ReceivedAmount);
