namespace Reconciler.Synthetic;

/// <summary>A generated customer and where its receivables are in the generation arrays.</summary>
/// <param name="Id">The customer id, e.g. <c>C000123</c>.</param>
/// <param name="Name">The name in the receivables.</param>
/// <param name="BankName">The name as the bank prints it (upper case, no legal form, full-width…); normalises like <paramref name="Name"/>.</param>
/// <param name="Account">The payer account its payments come from.</param>
/// <param name="Currency">The currency of all its receivables and payments.</param>
/// <param name="SalesOwner">Its sales owner's address.</param>
/// <param name="First">Index of its first receivable.</param>
/// <param name="Count">How many receivables it has (contiguous, issue date ascending).</param>
internal sealed record SyntheticCustomer(string Id, string Name, string BankName, string Account, string Currency, string SalesOwner, int First, int Count);
