namespace Reconciler.Storage;

/// <summary>The exceptions of one kind raised on the period's lines: still open, and resolved since.</summary>
/// <param name="Kind">The exception kind (<c>AmountShort</c>, …).</param>
/// <param name="Open">Unresolved.</param>
/// <param name="Resolved">Resolved (matched later, confirmed, settled).</param>
public sealed record ReportExceptionCount(string Kind, long Open, long Resolved);
