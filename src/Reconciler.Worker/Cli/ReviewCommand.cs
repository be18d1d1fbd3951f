using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Reconciler.Matching;
using Reconciler.Storage;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler review</c>: a person's decisions on the ledger <c>reconcile --data</c> keeps. <c>list</c> shows the
/// lines waiting (suggested, by default) with their ids and candidates; <c>confirm</c>, <c>reject</c>,
/// <c>match</c> and <c>unmatch</c> change one line, each recorded in the audit log with <c>--by</c> and
/// <c>--note</c> (<c>confirm</c> on a decided line with a lowered receivable's exception acknowledges the
/// over-payment, keeping the match). Asking again for what was done already (confirm, reject or match as before, unmatch a line with
/// no allocations) changes nothing, says so and exits 0, so a script can repeat a step safely. Exit code 1 for a
/// wrong command line or configuration, 2 for a request the ledger refuses (unknown line or receivable, a line in
/// the wrong state, an amount too large), 5 when a run or another reviewer changed the line at the same moment; nothing
/// is saved then.
/// </summary>
internal static class ReviewCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("review", "Review the ledger: list the lines waiting for a person, confirm or reject suggestions, match by hand, undo.");
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Confirm(output, error));
        command.Subcommands.Add(Reject(output, error));
        command.Subcommands.Add(Match(output, error));
        command.Subcommands.Add(Unmatch(output, error));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var status = new Option<string>("--status") { Description = "The lines to show, by status.", DefaultValueFactory = _ => "suggested" };
        status.AcceptOnlyFromAmong([.. LedgerStore.LineStatuses]);
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the lines, their candidates and allocations." };
        var ledger = new LedgerCommandOptions();
        var command = new Command("list", "Show the lines with a status (suggested by default): ids, file and row, amount, payer, memo, why, and the ranked candidates.") { status, json };
        ledger.AddTo(command);
        command.SetAction(parsed => LedgerCommand.Guarded(error, () =>
        {
            var wanted = parsed.GetValue(status)!;
            var lines = ledger.Store(parsed, readOnly: true).ListForReview(wanted);
            if (parsed.GetValue(json))
            {
                ReviewListWriter.WriteJson(output, wanted, lines);
            }
            else
            {
                ReviewListWriter.WriteText(output, wanted, lines);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Confirm(TextWriter output, TextWriter error)
    {
        var line = LineArgument();
        var receivables = new Argument<string[]>("RECEIVABLE")
        {
            Description = "The candidates to confirm (contract number, ledger id, or #ID); all of them when none is named. On a line with lowered receivables: the ones whose over-payment to acknowledge (all when none is named).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var ledger = new LedgerCommandOptions(changes: true);
        var command = new Command(
            "confirm",
            "Confirm a suggested line's candidates: each gets its proposed amount, the others are rejected, and the payer is learned as the customer's. On a matched line whose receivable its source lowered below what was paid (a ReceivableLowered exception), acknowledge the over-payment: the exception is resolved, the allocations stay.")
        {
            line, receivables,
        };
        ledger.AddTo(command);
        command.SetAction(parsed => Change(output, error, ledger, parsed, (store, by, note) =>
            store.Confirm(parsed.GetValue(line), parsed.GetValue(receivables) ?? [], by, note)));
        return command;
    }

    private static Command Reject(TextWriter output, TextWriter error)
    {
        var line = LineArgument();
        var ledger = new LedgerCommandOptions(changes: true);
        var command = new Command("reject", "Reject a suggested line's candidates: the line is left unmatched, and automatic runs leave it alone.") { line };
        ledger.AddTo(command);
        command.SetAction(parsed => Change(output, error, ledger, parsed, (store, by, note) => store.Reject(parsed.GetValue(line), by, note)));
        return command;
    }

    private static Command Match(TextWriter output, TextWriter error)
    {
        var line = LineArgument();
        var receivables = new Argument<string[]>("RECEIVABLE[=AMOUNT]")
        {
            Description = "A receivable (contract number, ledger id, or #ID) and, after =, the amount; without one, what the line has left or what is open, whichever is less.",
            Arity = ArgumentArity.OneOrMore,
        };
        var ledger = new LedgerCommandOptions(changes: true);
        var command = new Command("match", "Allocate a line by hand to one or more receivables (confirmed allocations).") { line, receivables };
        ledger.AddTo(command);
        command.SetAction(parsed =>
        {
            var wanted = new List<ManualAllocation>();
            foreach (var token in parsed.GetValue(receivables) ?? [])
            {
                if (!TryAllocation(token, out var allocation, out var problem))
                {
                    error.WriteLine($"error: {problem}");
                    return ExitCodes.Usage;
                }

                wanted.Add(allocation);
            }

            return Change(output, error, ledger, parsed, (store, by, note) => store.Match(parsed.GetValue(line), wanted, by, note));
        });
        return command;
    }

    private static Command Unmatch(TextWriter output, TextWriter error)
    {
        var line = LineArgument();
        var ledger = new LedgerCommandOptions(changes: true);
        var command = new Command("unmatch", "Undo a line's allocations: open amounts are given back and the line is left unmatched; a line with none is left as it is.") { line };
        ledger.AddTo(command);
        command.SetAction(parsed => Change(output, error, ledger, parsed, (store, by, note) => store.Unmatch(parsed.GetValue(line), by, note)));
        return command;
    }

    private static Argument<long> LineArgument() => new("LINE") { Description = "The line's ledger id, as review list shows it." };

    /// <summary><c>RECEIVABLE</c> or <c>RECEIVABLE=AMOUNT</c> (the last <c>=</c> splits; the amount in invariant digits, e.g. <c>1200.50</c>).</summary>
    internal static bool TryAllocation(string token, out ManualAllocation allocation, out string problem)
    {
        allocation = new ManualAllocation(token.Trim());
        problem = "";
        var split = token.LastIndexOf('=');
        if (split < 0)
        {
            return token.Trim().Length > 0 || Fail($"\"{token}\": name a receivable", out problem);
        }

        var receivable = token[..split].Trim();
        var amountText = token[(split + 1)..].Trim();
        if (receivable.Length == 0)
        {
            return Fail($"\"{token}\": name the receivable before the =", out problem);
        }

        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return Fail($"\"{token}\": the amount after = must be a number above zero, like 1200.50", out problem);
        }

        allocation = new ManualAllocation(receivable, amount);
        return true;
    }

    private static bool Fail(string message, out string problem)
    {
        problem = message;
        return false;
    }

    private static int Change(TextWriter output, TextWriter error, LedgerCommandOptions ledger, ParseResult parsed, Func<LedgerStore, string, string?, ReviewOutcome> change) =>
        LedgerCommand.Guarded(error, () =>
        {
            var by = parsed.GetValue(ledger.By)?.Trim();
            if (string.IsNullOrEmpty(by))
            {
                error.WriteLine("error: --by needs the reviewer's name");
                return ExitCodes.Usage;
            }

            var note = parsed.GetValue(ledger.Note);
            var outcome = change(ledger.Store(parsed), by, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
            // Acknowledging a lowered receivable's over-payment leaves the line as it was: it stays what it is.
            output.WriteLine(outcome.Changed
                ? string.Create(CultureInfo.InvariantCulture, $"line {outcome.LineId} {(outcome.Acknowledged.Count > 0 ? "stays" : "is now")} {outcome.Status}: {outcome.Message}")
                : outcome.Message);
            foreach (var link in outcome.Learned)
            {
                output.WriteLine($"learned: payments from {Payer(link)} are customer {link.CustomerId}'s");
            }

            foreach (var link in outcome.Forgotten)
            {
                output.WriteLine($"forgotten: payments from {Payer(link)} are no longer taken as customer {link.CustomerId}'s");
            }

            return ExitCodes.Ok;
        });

    private static string Payer(PayerLink link) => link.PayerAccount.Length > 0
        ? $"account {link.PayerAccount}{(link.PayerName.Length > 0 ? $" ({link.PayerName})" : "")}"
        : $"\"{link.PayerName}\"";
}
