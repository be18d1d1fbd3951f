using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary><c>reconcile</c> over exports whose status column says a line is not booked yet.</summary>
public partial class ReconcileCommandTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reconcile_PaymentPendingInOneExportAndBookedInTheNext_OnlyTheBookedOnePays(bool ledger)
    {
        // Arrange: a bank layout with a status column; the older export shows the 4,280.50 payment of KL26-004513 pending,
        // the next one (overlapping it) shows the same payment booked, beside a payment still pending.
        using var temp = new TempFolder();
        var profile = temp.File("status-bank.json");
        File.WriteAllText(profile, """
            {
              "name": "status-bank",
              "header": ["Date", "Amount", "Payer", "Details", "Reference", "Status"],
              "columns": { "date": "Date", "amount": "Amount", "payerName": "Payer", "memo": ["Details"], "bankRef": "Reference", "status": "Status" },
              "notBooked": ["Pending"]
            }
            """);
        var first = temp.File("march-1.csv");
        File.WriteAllText(first, "Date,Amount,Payer,Details,Reference,Status\n2026-02-10,4280.50,上海瑞康医疗器械有限公司,KL26-004513,R-1,Pending\n");
        var second = temp.File("march-2.csv");
        File.WriteAllText(second, "Date,Amount,Payer,Details,Reference,Status\n2026-02-10,4280.50,上海瑞康医疗器械有限公司,KL26-004513,R-1,Booked\n2026-02-11,8750.00,Northwind Medical Supplies Ltd,KL26-004521,R-2,pending\n");
        var output = temp.File("results.csv");
        string[] data = ledger ? ["--data", temp.File("ledger")] : [];

        // Act
        var run = CliRun.Of(["reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", first, "--statement", second, "--profile", profile, "--out", output, .. data]);

        // Assert: the pending lines are ignored saying why; the booked one is not a duplicate of the pending one and pays.
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var rows = CsvRows.Read(output).ToDictionary(cells => (cells[0], cells[1]), cells => (Status: cells[7], Contracts: cells[8], Allocated: cells[9], Rule: cells[12], Explanation: cells[13]));
        Assert.Equal(("ignored", "", "", "not-booked"), Head(rows[("march-1.csv", "2")]));
        Assert.Equal(
            "the bank has not booked 4,280.50 (its status is \"Pending\"): no money moved, so it is not matched (if the bank books it later, that line is matched on its own)",
            rows[("march-1.csv", "2")].Explanation);
        Assert.Equal(("matched", "KL26-004513", "4280.50", "reference-amount-window"), Head(rows[("march-2.csv", "2")]));
        Assert.Equal(("ignored", "", "", "not-booked"), Head(rows[("march-2.csv", "3")]));

        static (string, string, string, string) Head((string Status, string Contracts, string Allocated, string Rule, string Explanation) row) =>
            (row.Status, row.Contracts, row.Allocated, row.Rule);
    }
}
