using System.CommandLine;
using System.Globalization;
using Reconciler.Domain;
using Reconciler.Files;
using Reconciler.Matching;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Reconciliation;

namespace Reconciler.Worker.Cli;

/// <summary><c>reconciler reconcile</c>: one run over files, no server.</summary>
internal static class ReconcileCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var receivables = new Option<FileInfo?>("--receivables") { Description = "Receivables file (.csv, .xlsx or .xls; the Receivables configuration section maps an ERP export's columns). Optional when Receivables:Erp configures the ERP's query; with both, both are used." };
        var statements = new Option<FileInfo[]>("--statement") { Description = "Bank statement file (.csv, .xlsx or .xls, in the bank's own layout); repeat for several.", Required = true, AllowMultipleArgumentsPerToken = false };
        var profile = new Option<string?>("--profile") { Description = "The bank profile to read every statement with (a name from `reconciler profile list`, or a .json file); without it each file's profile is recognised or detected." };
        var config = new Option<FileInfo?>("--config") { Description = "Configuration file (JSON); default ./reconciler.json when present." };
        var outputFile = new Option<FileInfo>("--out") { Description = "Results file (.csv or .xlsx).", Required = true };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines on standard error." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Keep everything in a ledger: an embedded SQLite database in this folder (created on first use). Without it, the Storage section's database, or nothing (in memory)." };
        var noRules = new Option<bool>("--no-rules")
        {
            Description = "With a ledger: decide and save the match run but leave the rules and alerts (escalations, credit holds, messages) for later — for loading history in bulk. The run stays marked as not yet decided by the rules: the worker (`reconciler serve`) decides after it, and so does the next reconcile without --no-rules.",
        };
        var command = new Command("reconcile", "Match bank statement lines against open receivables and write one result per line.")
        {
            receivables, statements, profile, config, outputFile, quiet, data, noRules,
        };

        command.SetAction(parsed =>
        {
            var outPath = parsed.GetValue(outputFile)!.FullName;
            if (!ReconcileJob.IsExcel(outPath) && !string.Equals(Path.GetExtension(outPath), ".csv", StringComparison.OrdinalIgnoreCase))
            {
                error.WriteLine($"error: --out {parsed.GetValue(outputFile)!.Name}: the results file must end in .csv or .xlsx");
                return ExitCodes.Usage;
            }

            ReconcileRequest request;
            try
            {
                var configuration = ReconcilerConfiguration.Load(parsed.GetValue(config)?.FullName);
                request = ReconcileRequest.FromConfiguration(
                    configuration,
                    parsed.GetValue(receivables)?.FullName,
                    [.. parsed.GetValue(statements)!.Select(f => f.FullName)],
                    outPath,
                    parsed.GetValue(profile),
                    () => StorageOptions.Location(configuration, parsed.GetValue(data)?.FullName),
                    _ => AlertsCommand.DefaultFolder(parsed.GetValue(data)?.FullName));
            }
            catch (ConfigurationException problem)
            {
                error.WriteLine($"error: configuration: {problem.Message}");
                return ExitCodes.Usage;
            }
            catch (ProfileException problem)
            {
                error.WriteLine($"error: {problem.Message}");
                return ExitCodes.Usage;
            }

            if (parsed.GetValue(noRules))
            {
                request = request with { SkipRules = true };
            }

            var receivablesPath = request.ReceivablesPath;
            if (receivablesPath is null && request.Erp is null)
            {
                error.WriteLine("error: --receivables is required (or configure the ERP's query in Receivables:Erp)");
                return ExitCodes.Usage;
            }

            if (parsed.GetValue(statements)!.Select(f => f.FullName).Append(receivablesPath).Contains(outPath, StringComparer.Ordinal))
            {
                error.WriteLine($"error: --out: the results file {outPath} is also an input; choose another --out");
                return ExitCodes.Usage;
            }

            try
            {
                ReconcileJob.DisplayNames([.. parsed.GetValue(statements)!.Select(f => f.FullName)]);
            }
            catch (ArgumentException problem)
            {
                error.WriteLine($"error: --statement: {problem.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                // Before anything is read or saved: a results file that cannot be written is found out now, not
                // after a long run (and, with a ledger, after the run was saved).
                OutputFile.CheckWritable(outPath);
            }
            catch (OutputUnwritableException problem)
            {
                error.WriteLine($"error: --out {problem.Message}; nothing was read or saved");
                return ExitCodes.OutputFailed;
            }

            Action<string>? progress = parsed.GetValue(quiet) ? null : line => error.WriteLine($"reconcile: {line}");
            return Execute(request, progress, output, error);
        });
        return command;
    }

    private static int Execute(ReconcileRequest request, Action<string>? progress, TextWriter output, TextWriter error)
    {
        // A large in-memory run keeps nearly all it allocates: collections would only copy survivors. They are held off
        // until the summary is written too, since the first one after the hold would go over everything the run built.
        using var hold = request.Ledger is null ? CollectorHold.For(request.ReceivablesPath, request.StatementPaths) : null;
        ReconcileOutcome outcome;
        try
        {
            // Warnings are written as soon as what they speak of is committed: a stage that fails after the receivables
            // sync does not swallow what the sync did.
            outcome = ReconcileJob.Run(request, progress, warning => error.WriteLine($"warning: {warning}"));
        }
        catch (OutputUnwritableException problem)
        {
            // Before the catch of a missing input below: a file the system does not let the run create is "not found" too.
            var kept = request.Ledger is null ? "" : "; the ledger keeps the run: the same command with another --out writes the results";
            error.WriteLine($"error: --out {problem.Message}{kept}");
            return ExitCodes.OutputFailed;
        }
        catch (InputFormatException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            error.WriteLine("nothing was written.");
            return ExitCodes.BadInput;
        }
        catch (Exception problem) when (problem is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: input not found: {problem.Message}");
            return ExitCodes.BadInput;
        }
        catch (InputUnreadableException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.BadInput;
        }
        catch (Reconciler.Storage.LedgerConflictException problem)
        {
            // Another reconcile, the worker or a reviewer changed the ledger under this run: nothing was saved, and
            // running again is the remedy, which exit code 3 (output failed) would not tell a script.
            error.WriteLine($"error: ledger: {problem.Message}");
            return ExitCodes.Busy;
        }
        catch (System.Data.Common.DbException problem) when (LedgerCommand.Busy(problem))
        {
            error.WriteLine($"error: ledger {request.Ledger}: another run or person holds it at this moment ({problem.Message}); nothing was saved, run again");
            return ExitCodes.Busy;
        }
        catch (System.Data.Common.DbException problem)
        {
            error.WriteLine($"error: ledger {request.Ledger}: {LedgerCommand.NotALedger(problem) ?? problem.Message}");
            return ExitCodes.OutputFailed;
        }
        catch (Exception problem) when (problem is IOException or InvalidOperationException)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.OutputFailed;
        }

        WriteSummary(outcome, request.OutputPath, output);
        return ExitCodes.Ok;
    }

    /// <summary>Lines per status, amounts per currency, auto-match rate and time taken.</summary>
    internal static void WriteSummary(ReconcileOutcome outcome, string outputPath, TextWriter output)
    {
        var inv = CultureInfo.InvariantCulture;
        var summary = outcome.Run.Summary;
        var files = string.Join(", ", outcome.Statements.Select(s => string.Create(inv, $"{s.File} ({s.Lines:N0} lines)")));
        output.WriteLine(string.Create(inv, $"Reconciled {summary.Lines:N0} statement lines from {files} against {outcome.Receivables:N0} receivables."));
        output.WriteLine();
        // Amounts are never added across currencies: one amount column per currency, and the allocated and open
        // totals per currency.
        var currencies = summary.Currencies;
        output.WriteLine(string.Create(inv, $"  {"status",-10} {"lines",12}{string.Concat(currencies.Select(c => $" {c + " amount",20}"))}"));
        foreach (var status in MatchStatusNames.All)
        {
            output.WriteLine(string.Create(inv, $"  {status.ToName(),-10} {summary.Count(status),12:N0}{string.Concat(currencies.Select(c => string.Create(inv, $" {summary.Amount(status, c),20:N2}")))}"));
        }

        // Their amounts are neither in nor out (or moved no money at all): added to the debits they would make the ignored
        // sums mean nothing.
        var apart = new List<string>();
        if (summary.NeutralLines > 0)
        {
            apart.Add(string.Create(inv, $"  {summary.NeutralLines:N0} of the ignored lines are neither money in nor money out ({PerCurrency(currencies.Select(c => (c, summary.NeutralAmount(c))).Where(a => a.Item2 != 0))})"));
        }

        if (summary.NotBookedLines > 0)
        {
            apart.Add(string.Create(inv, $"  {summary.NotBookedLines:N0} of the ignored lines were not booked by the bank, so no money moved ({PerCurrency(currencies.Select(c => (c, summary.NotBookedAmount(c))).Where(a => a.Item2 != 0))})"));
        }

        for (var i = 0; i < apart.Count; i++)
        {
            output.WriteLine(i == apart.Count - 1 ? apart[i] + "; the ignored amounts above are the debits" : apart[i]);
        }

        output.WriteLine();
        output.WriteLine(string.Create(inv, $"  auto-match rate  {summary.AutoMatchRate * 100:0.0}% of {summary.Payments:N0} payments (matched + partial)"));
        output.WriteLine(string.Create(inv, $"  allocated        {PerCurrency(currencies.Select(c => (c, summary.Allocated(c))).Where(a => a.Item2 != 0))}"));
        var left = outcome.LeftOpen;
        output.WriteLine(string.Create(inv, $"  left open        {PerCurrency(left.Select(o => (o.Currency, o.Amount)))} on {left.Sum(o => o.Receivables):N0} receivables"));
        output.WriteLine(string.Create(inv, $"  time             {outcome.Timings.Total.TotalSeconds:0.00} s ({outcome.Timings.Describe()})"));
        foreach (var note in outcome.Notes)
        {
            output.WriteLine($"  {note}");
        }

        output.WriteLine();
        output.WriteLine($"Results written to {outputPath}");
    }

    /// <summary>Amounts with their currencies, <c>CNY 61,782,343.79; USD 5,672,551.47</c>; <c>0.00</c> for none.</summary>
    private static string PerCurrency(IEnumerable<(string Currency, decimal Amount)> amounts)
    {
        var text = string.Join("; ", amounts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Currency} {a.Amount:N2}")));
        return text.Length == 0 ? "0.00" : text;
    }
}
