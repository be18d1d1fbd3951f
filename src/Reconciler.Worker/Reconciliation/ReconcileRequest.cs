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

    /// <summary>
    /// True for <c>--no-rules</c>: the match run is saved but <see cref="Rules"/> are not run now (their thresholds
    /// still shape the report).
    /// </summary>
    public bool SkipRules { get; init; }

    /// <summary>The clock the ledger's times, the rules' day and the alerts' retries follow (the system's by default).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Who runs it, for the ledger's audit log.</summary>
    public string Actor { get; init; } = "reconcile";

    /// <summary>
    /// A request as the configuration says: matching options, the receivables' columns and ERP query, how statements
    /// are read (<paramref name="profile"/>, a name or file, wins over <c>Statements:Profile</c>), and with a ledger
    /// the rules and alerts (the file channel writing into the folder <paramref name="alertsFolder"/> names for the ledger, by default).
    /// </summary>
    /// <exception cref="Configuration.ConfigurationException">A section is invalid.</exception>
    /// <exception cref="ProfileException">The profile named cannot be found or read.</exception>
    public static ReconcileRequest FromConfiguration(
        Microsoft.Extensions.Configuration.IConfiguration configuration,
        string? receivablesPath,
        IReadOnlyList<string> statementPaths,
        string outputPath,
        string? profile,
        Func<Reconciler.Storage.StoreLocation?> ledgerLocation,
        Func<Reconciler.Storage.StoreLocation?, string> alertsFolder)
    {
        ArgumentNullException.ThrowIfNull(ledgerLocation);
        ArgumentNullException.ThrowIfNull(alertsFolder);

        // The sections are read in this order, so that of several invalid ones the same one is reported first.
        var options = Configuration.ReconcilerConfiguration.Matching(configuration);
        var columns = Configuration.ReconcilerConfiguration.Receivables(configuration);
        var statements = Configuration.ReconcilerConfiguration.Statements(configuration);
        var catalog = statements.Catalog();
        var statementProfile = statements.ChosenProfile(catalog, profile);
        var ledger = ledgerLocation();
        var erp = Configuration.ErpOptions.Source(configuration, columns);
        return new ReconcileRequest(receivablesPath, statementPaths, outputPath, options)
        {
            ReceivableColumns = columns,
            StatementProfile = statementProfile,
            Profiles = catalog,
            StatementLimits = statements.Limits(),
            Ledger = ledger,
            Erp = erp,
            Rules = ledger is null
                ? null
                : new RulesSetup(Cli.RulesCommand.Engine(Configuration.ReconcilerConfiguration.Rules(configuration)), Configuration.ReconcilerConfiguration.Alerts(configuration), alertsFolder(ledger)),
        };
    }
}
