using Reconciler.Domain;

namespace Reconciler.Files.Tests;

public sealed class ReceivableCsvWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_Receivables_WritesDefaultHeaderAndRows()
    {
        // Arrange
        using (var stream = _folder.Create("receivables.csv"))
        {
            // Act
            ReceivableCsvWriter.Write(stream, [Samples.Receivable()]);
        }

        // Assert
        Assert.Equal(
            "contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner\r\nKL26-004512,C0042,上海第一人民医院,10000.00,CNY,2026-01-05,2026-03-31,li.wei@example.com\r\n",
            _folder.ReadText("receivables.csv"));
    }

    [Fact]
    public void Write_ThenRead_ReturnsEqualReceivables()
    {
        // Arrange
        Receivable[] receivables =
        [
            new("KL26-004512", "C0042", "上海第一人民医院", 10_000m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "李伟"),
            new("KL26 004513", "C 43", "Klinikum \"Nord\", Hamburg", -250.125m, "EUR", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28), ""),
            new("=cmd|' /C calc'!A0", "C44", "Line\nbreak Ltd.", 0.01m, "USD", new DateOnly(2025, 12, 31), new DateOnly(2026, 12, 31), " spaced "),
        ];
        using (var stream = _folder.Create("receivables.csv"))
        {
            // Act
            ReceivableCsvWriter.Write(stream, receivables);
        }

        using var read = _folder.OpenRead("receivables.csv");
        var readBack = ReceivableCsvReader.Read(read, "receivables.csv");

        // Assert: values come back as written, except the padding around them, which readers trim (quoted or not).
        Assert.Equal(receivables.Select((r, i) => r with { SalesOwner = r.SalesOwner.Trim(), Source = $"receivables.csv, row {i + 2}" }), readBack);
    }

    [Fact]
    public void Write_CustomColumnsWithoutSalesOwner_RoundTrips()
    {
        // Arrange
        var columns = new ReceivableColumns { ContractNo = "contract", Amount = "open_amount", SalesOwner = null, Delimiter = ';', DateFormats = ["dd.MM.yyyy"] };
        var receivable = Samples.Receivable() with { SalesOwner = "" };
        using (var stream = _folder.Create("r.csv"))
        {
            // Act
            ReceivableCsvWriter.Write(stream, [receivable], columns);
        }

        using var read = _folder.OpenRead("r.csv");
        var readBack = ReceivableCsvReader.Read(read, "r.csv", columns);

        // Assert
        Assert.StartsWith("contract;customer_id;customer_name;open_amount;currency;issue_date;due_date\r\nKL26-004512;C0042;上海第一人民医院;10000.00;CNY;05.01.2026;31.03.2026\r\n", _folder.ReadText("r.csv"), StringComparison.Ordinal);
        Assert.Equal(receivable with { Source = "r.csv, row 2" }, Assert.Single(readBack));
    }
}
