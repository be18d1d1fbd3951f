using Reconciler.Domain;

namespace Reconciler.Files.Tests;

public sealed class StatementCsvWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_Lines_WritesGenericHeaderAndRows()
    {
        // Arrange
        using (var stream = _folder.Create("statement-a.csv"))
        {
            // Act
            StatementCsvWriter.Write(stream, [Samples.Line(row: 2, amount: -12.5m)]);
        }

        // Assert
        Assert.Equal(
            "date,amount,currency,payer_name,payer_account,memo,bank_ref\r\n2026-02-10,-12.50,CNY,上海第一人民医院,6222 0200 1234,货款 KL26-004512,BR0001\r\n",
            _folder.ReadText("statement-a.csv"));
    }

    [Fact]
    public void Write_ThenRead_ReturnsEqualLines()
    {
        // Arrange
        string[] memos =
        [
            "货款 KL26-004512 谢谢",
            "invoice 1, 2 and 3",
            "he said \"pay\"",
            "line one\nline two\r\nline three",
            " leading and trailing spaces ",
            "=1+1 stays as written in a bank file",
            "-KL26-004512",
            "",
            "ＫＬ２６－００４５１２ full width",
        ];
        var lines = memos
            .Select((memo, i) => new StatementLine("statement-a.csv", i + 2, i % 2 == 0 ? $"BR{i}" : "", new DateOnly(2026, 1, 1).AddDays(i * 40), (i - 4) * 1234.567m, i % 3 == 0 ? "USD" : "CNY", $"付款人 {i}, Ltd.", i % 2 == 0 ? "" : $"DE{i}", memo))
            .ToList();
        using (var stream = _folder.Create("statement-a.csv"))
        {
            // Act
            StatementCsvWriter.Write(stream, lines);
        }

        using var read = _folder.OpenRead("statement-a.csv");
        var readBack = StatementReader.Read(read, "statement-a.csv", BankProfile.Generic).Lines;

        // Assert: equal, except that the reader trims cells (banks pad them, even inside quotes).
        Assert.Equal(lines.Select(l => l with { Memo = l.Memo.Trim() }), readBack);
    }

    [Fact]
    public void Write_LineWhoseRowIsNotPositionPlusTwo_Throws()
    {
        // Arrange
        using var stream = _folder.Create("statement-a.csv");

        // Act
        var error = Assert.Throws<ArgumentException>(() => StatementCsvWriter.Write(stream, [Samples.Line(row: 2), Samples.Line(row: 5)]));

        // Assert
        Assert.Contains("says row 5, but it is written on row 3", error.Message, StringComparison.Ordinal);
    }
}
