using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Reconciler.Storage;

namespace Reconciler.Worker.Cli;

/// <summary>What <c>review list</c> prints: a block per line for a person, or one JSON object for a program.</summary>
internal static class ReviewListWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Each line: id, file and row, date, amount, payer; the memo; the decision's sentence; the ranked candidates
    /// (contract, customer, open now, proposed) and the allocations applied.
    /// </summary>
    public static void WriteText(TextWriter output, string status, IReadOnlyList<ReviewLine> lines)
    {
        if (lines.Count == 0)
        {
            output.WriteLine($"no line is {status}.");
            return;
        }

        foreach (var review in lines)
        {
            var line = review.Line;
            var payer = line.PayerAccount.Length > 0 ? $"{line.PayerName} · {line.PayerAccount}" : line.PayerName;
            output.WriteLine(string.Create(Inv, $"line {review.Id}  {line.File} row {line.Row}  {line.Date:yyyy-MM-dd}  {line.Amount:N2} {line.Currency}  {payer}"));
            output.WriteLine($"  memo:  {(line.Memo.Length > 0 ? line.Memo : "(none)")}{(line.BankRef.Length > 0 ? $"  (bank ref {line.BankRef})" : "")}");

            var decided = review.Rule is null ? review.Status : string.Create(Inv, $"{review.Status}, {review.Rule}{(review.Confidence is { } c ? $", confidence {c:0.00}" : "")}");
            output.WriteLine($"  why:   {review.Explanation ?? "not through a match run yet"} ({decided})");
            WriteAllocations(output, "candidates", review.Candidates, "proposed");
            WriteAllocations(output, "allocated", review.Allocations, "allocated");
            output.WriteLine();
        }

        output.WriteLine(string.Create(Inv, $"{lines.Count:N0} line{(lines.Count == 1 ? " is" : "s are")} {status}."));
        if (string.Equals(status, "suggested", StringComparison.Ordinal))
        {
            output.WriteLine("confirm: review confirm LINE [RECEIVABLE…] --by NAME; reject: review reject LINE --by NAME; by hand: review match LINE RECEIVABLE[=AMOUNT]… --by NAME");
        }
    }

    /// <summary><c>{"status": …, "count": …, "lines": [{id, file, row, …, candidates: […], allocations: […]}]}</c>; amounts are numbers.</summary>
    public static void WriteJson(TextWriter output, string status, IReadOnlyList<ReviewLine> lines)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            json.WriteStartObject();
            json.WriteString("status", status);
            json.WriteNumber("count", lines.Count);
            json.WriteStartArray("lines");
            foreach (var review in lines)
            {
                var line = review.Line;
                json.WriteStartObject();
                json.WriteNumber("id", review.Id);
                json.WriteString("file", line.File);
                json.WriteNumber("row", line.Row);
                json.WriteString("bankRef", line.BankRef);
                json.WriteString("date", line.Date.ToString("yyyy-MM-dd", Inv));
                json.WriteNumber("amount", line.Amount);
                json.WriteString("currency", line.Currency);
                json.WriteString("payer", line.PayerName);
                json.WriteString("payerAccount", line.PayerAccount);
                json.WriteString("memo", line.Memo);
                json.WriteString("status", review.Status);
                json.WriteString("rule", review.Rule);
                if (review.Confidence is { } confidence)
                {
                    json.WriteNumber("confidence", confidence);
                }
                else
                {
                    json.WriteNull("confidence");
                }

                json.WriteString("explanation", review.Explanation);
                WriteAllocations(json, "candidates", review.Candidates, "proposed");
                WriteAllocations(json, "allocations", review.Allocations, "amount");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteAllocations(TextWriter output, string title, IReadOnlyList<ReviewAllocation> allocations, string amountName)
    {
        if (allocations.Count == 0)
        {
            return;
        }

        output.WriteLine($"  {title}:");
        for (var i = 0; i < allocations.Count; i++)
        {
            var a = allocations[i];
            var status = a.Status == LedgerStore.CandidateStatus ? "" : $"  ({a.Status}, {a.Rule})";
            output.WriteLine(string.Create(
                Inv,
                $"    {i + 1}. {a.ContractNo} (#{a.ReceivableId})  {a.CustomerId} {a.CustomerName}  open {a.OpenAmount:N2} {a.Currency}  {amountName} {a.Amount:N2}{status}"));
        }
    }

    private static void WriteAllocations(Utf8JsonWriter json, string name, IReadOnlyList<ReviewAllocation> allocations, string amountName)
    {
        json.WriteStartArray(name);
        foreach (var a in allocations)
        {
            json.WriteStartObject();
            json.WriteNumber("receivableId", a.ReceivableId);
            json.WriteString("contractNo", a.ContractNo);
            json.WriteString("customerId", a.CustomerId);
            json.WriteString("customer", a.CustomerName);
            json.WriteString("currency", a.Currency);
            json.WriteNumber("open", a.OpenAmount);
            json.WriteNumber(amountName, a.Amount);
            json.WriteString("status", a.Status);
            json.WriteString("rule", a.Rule);
            json.WriteNumber("confidence", a.Confidence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
