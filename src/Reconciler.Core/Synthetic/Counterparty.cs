namespace Reconciler.Synthetic;

/// <summary>Someone who is not a customer: a bank, an authority, a landlord, a supplier.</summary>
/// <param name="Name">The name the bank prints.</param>
/// <param name="Account">A stable account number.</param>
/// <param name="Memos">Remittance texts this counterparty's lines carry.</param>
/// <param name="MinCents">Smallest amount, in cents (its absolute value).</param>
/// <param name="MaxCents">Largest amount, in cents (its absolute value).</param>
/// <param name="Weight">How often it appears relative to the others of its kind.</param>
internal sealed record Counterparty(string Name, string Account, string[] Memos, long MinCents, long MaxCents, int Weight);
