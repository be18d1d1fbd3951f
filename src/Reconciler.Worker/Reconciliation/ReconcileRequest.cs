using Reconciler.Files;
using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>What one <c>reconcile</c> run reads and writes.</summary>
/// <param name="ReceivablesPath">Receivables file (.csv, .xlsx or .xls).</param>
/// <param name="StatementPaths">Statement files (.csv or .xlsx), in the order given.</param>
/// <param name="OutputPath">Results file (.csv or .xlsx).</param>
/// <param name="Options">Matching options.</param>
public sealed record ReconcileRequest(
    string ReceivablesPath,
    IReadOnlyList<string> StatementPaths,
    string OutputPath,
    MatchingOptions Options)
{
    /// <summary>How the receivables file is laid out (the <c>Receivables</c> configuration section); the generic columns by default.</summary>
    public ReceivableColumns ReceivableColumns { get; init; } = ReceivableColumns.Default;
}
