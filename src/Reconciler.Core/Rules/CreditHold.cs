namespace Reconciler.Rules;

/// <summary>A decision to freeze a customer's credit for its next orders, until the receivable named is paid.</summary>
/// <param name="Rule">The name of the rule that decided.</param>
/// <param name="Key">
/// What makes it the same hold again (<c>overdue:RECEIVABLE</c>, <c>short:LINE:RECEIVABLE</c>): a hold with a known
/// key is never opened twice, even after it was released.
/// </param>
/// <param name="Reason">Why, with the figures, in a sentence the ERP can show to whoever takes the order.</param>
/// <param name="Orders">How many of the customer's next orders it holds.</param>
/// <param name="Concern">The customer and the receivable whose payment releases it.</param>
public sealed record CreditHold(string Rule, string Key, string Reason, int Orders, Concern Concern);
