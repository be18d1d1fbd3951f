namespace Reconciler.Domain;

/// <summary>The status vocabulary used everywhere: CLI, files, database and reports.</summary>
public enum MatchStatus
{
    /// <summary>Matched automatically: the payment settles the receivable(s) within tolerance.</summary>
    Matched,

    /// <summary>Matched automatically to part of a receivable; its open amount shrinks and it stays open.</summary>
    Partial,

    /// <summary>Needs a person: ranked candidates are given, nothing is allocated.</summary>
    Suggested,

    /// <summary>No candidate found.</summary>
    Unmatched,

    /// <summary>The same bank line was seen before (for example in an overlapping export).</summary>
    Duplicate,

    /// <summary>Not a customer payment: a debit or a zero amount.</summary>
    Ignored,
}
