namespace Reconciler.Rules;

/// <summary>Who a decision is for; the worker turns an audience into addresses and channels.</summary>
public enum Audience
{
    /// <summary>The customer's sales owner, from the receivable (or the customer's receivables).</summary>
    SalesOwner,

    /// <summary>The finance team (configured addresses).</summary>
    Finance,

    /// <summary>The finance manager, who gets escalations.</summary>
    FinanceManager,

    /// <summary>The sales manager, who gets payment-cycle flags.</summary>
    SalesManager,

    /// <summary>Addresses named by a rule declared in configuration (<see cref="Alert.Address"/>).</summary>
    Named,
}
