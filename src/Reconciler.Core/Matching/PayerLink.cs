namespace Reconciler.Matching;

/// <summary>
/// A payer known to be a customer, learned from a confirmed match: payments from this account (or, when the
/// account is empty, this payer name) are the customer's.
/// </summary>
/// <param name="PayerAccount">The payer's account number as the bank writes it; may be empty.</param>
/// <param name="PayerName">The payer's name as the bank writes it; may be empty.</param>
/// <param name="CustomerId">The customer's id.</param>
public sealed record PayerLink(string PayerAccount, string PayerName, string CustomerId);
