using Reconciler.Files;
using Reconciler.Matching;

namespace Reconciler.Worker.Reconciliation;

/// <summary>What one <c>reconcile</c> run reads and writes.</summary>
/// <param name="ReceivablesPath">Receivables file (.csv, .xlsx or .xls); null when the receivables come from the ERP's query only.</param>
/// <param name="StatementPaths">Statement files (.csv, .xlsx or .xls, in any bank's layout), in the order given.</param>
/// <param name="OutputPath">Results file (.csv or .xlsx).</param>
/// <param name="Options">Matching options.</param>
internal sealed record ReconcileRequest(
    string? ReceivablesPath,
    IReadOnlyList<string> StatementPaths,
    string OutputPath,
    MatchingOptions Options)
{
    /// <summary>How the receivables file is laid out (the <c>Receivables</c> configuration section); the generic columns by default.</summary>
    public ReceivableColumns ReceivableColumns { get; init; } = ReceivableColumns.Default;

    /// <summary>The bank profile every statement is read with; null to recognise or detect each file's.</summary>
    public BankProfile? StatementProfile { get; init; }

    /// <summary>The profiles recognition tries (built-in ones and the user's profiles folder).</summary>
    public ProfileCatalog Profiles { get; init; } = ProfileCatalog.BuiltIn;

    /// <summary>The limits on statement files (rows, workbook size and compression).</summary>
    public ReadLimits StatementLimits { get; init; } = ReadLimits.Default;

    /// <summary>The ledger to keep everything in (<c>--data</c> or the <c>Storage</c> section); null to run in memory.</summary>
    public Reconciler.Storage.StoreLocation? Ledger { get; init; }

    /// <summary>The ERP's receivables query (the <c>Receivables:Erp</c> settings), besides or instead of the file; null for none.</summary>
    public Reconciler.Storage.Erp.ErpSource? Erp { get; init; }

    /// <summary>The rules and alerts run after matching on a ledger; null for none (always none in memory).</summary>
    public RulesSetup? Rules { get; init; }

    /// <summary>The clock the ledger's times, the rules' day and the alerts' retries follow (the system's by default).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Who runs it, for the ledger's audit log.</summary>
    public string Actor { get; init; } = "reconcile";
}
