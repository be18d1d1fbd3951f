using Reconciler.Domain;

namespace Reconciler.Synthetic;

/// <summary>A statement line before it is sorted, given a bank reference and written to the exports.</summary>
internal struct PlannedLine
{
    public int Day;
    public long Cents;

    /// <summary>The customer number, or the bitwise complement of a counterparty number.</summary>
    public int Payer;
    public bool Debit;
    public bool BankSpelling;
    public string Currency;
    public string Memo;
    public SyntheticCase Case;
    public MatchStatus Status;
    public string[] Contracts;
}
