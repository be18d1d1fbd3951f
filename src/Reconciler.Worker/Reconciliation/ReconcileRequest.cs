using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>What one <c>reconcile</c> run reads and writes.</summary>
/// <param name="ReceivablesPath">Receivables file (.csv or .xlsx).</param>
/// <param name="StatementPaths">Statement files (.csv or .xlsx), in the order given.</param>
/// <param name="OutputPath">Results file (.csv or .xlsx).</param>
/// <param name="Options">Matching options.</param>
public sealed record ReconcileRequest(
    string ReceivablesPath,
    IReadOnlyList<string> StatementPaths,
    string OutputPath,
    MatchingOptions Options);
