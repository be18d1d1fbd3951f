using System.Globalization;
using System.Text;
using Reconciler.Domain;

namespace Reconciler.Files.Tests.Tables;

public class CsvRowSourceTests
{
    private const string ReceivablesHeader = "contract_no,customer_id,customer_name,amount,currency,issue_date,due_date,sales_owner";
    private const string StatementHeader = "date,amount,currency,payer_name,payer_account,memo,bank_ref";

    [Fact]
    public void EstimatedRecords_RowsOfOneLength_CountsTheWholeFile()
    {
        var text = new StringBuilder("id,name\n");
        for (var i = 0; i < 1000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i:D6},name{i % 10}\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        using var source = new CsvRowSource(stream, "f.csv", ',', Encoding.UTF8, unwrapSingleQuotes: false);
        for (var i = 0; i < 101; i++)
        {
            Assert.True(source.Read());
        }

        Assert.InRange(source.EstimatedRecords!.Value, 990, 1010);
    }

    [Theory]
    [InlineData("a,b\n", false, false)]
    [InlineData(",b\n", false, false)]
    [InlineData(",\n", false, true)]
    [InlineData(" \t , \n", false, true)]
    [InlineData("\"\",\"  \"\n", false, true)]
    [InlineData("\u3000,\u00A0\n", false, true)]
    [InlineData("\u3000x,\n", false, false)]
    [InlineData("'',\n", true, true)]
    [InlineData("'',\n", false, false)]
    [InlineData("'x',\n", true, false)]
    [InlineData("-,\n", false, false)]
    public void IsEmpty_Row_TrueWhenEveryCellIsEmptyAfterTrimming(string row, bool unwrapSingleQuotes, bool empty)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(row));
        using var source = new CsvRowSource(stream, "f.csv", ',', Encoding.UTF8, unwrapSingleQuotes);

        Assert.True(source.Read());

        Assert.Equal(empty, source.IsEmpty());
        Assert.Equal(empty, Enumerable.Range(0, source.Count).All(i => source.Text(i).Length == 0));
    }

    [Fact]
    public void EstimatedRecords_StreamThatCannotSeek_Unknown()
    {
        using var stream = new NoSeekStream(Encoding.UTF8.GetBytes("a,b\n1,2\n"));
        using var source = new CsvRowSource(stream, "f.csv", ',', Encoding.UTF8, unwrapSingleQuotes: false);

        Assert.True(source.Read());

        Assert.Null(source.EstimatedRecords);
    }

    [Fact]
    public void ReceivableRead_MoreRowsThanTheListIsSizedAfter_ReadsEveryRow()
    {
        // Rows of different lengths: the list is sized from the first rows' length, and grows past a short estimate.
        var text = new StringBuilder(ReceivablesHeader + "\n");
        for (var i = 0; i < 9000; i++)
        {
            var name = i < 5000 ? "A" : new string('B', 80);
            text.Append(CultureInfo.InvariantCulture, $"KL26-{i:D6},C{i % 50},{name},{i}.50,CNY,2026-01-05,2026-03-31,owner{i % 7}\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var receivables = ReceivableCsvReader.Read(stream, "r.csv");

        Assert.Equal(9000, receivables.Count);
        Assert.Equal(new Receivable("KL26-008999", "C49", new string('B', 80), 8999.50m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "owner4") { Source = "r.csv, row 9001" }, receivables[^1]);
        Assert.Equal("r.csv, row 4098", receivables[4096].Source);
    }

    [Fact]
    public void StatementRead_MoreLinesThanTheListIsSizedAfter_ReadsEveryLine()
    {
        var text = new StringBuilder(StatementHeader + "\n");
        for (var i = 0; i < 9000; i++)
        {
            var memo = i < 5000 ? "x" : new string('m', 90);
            text.Append(CultureInfo.InvariantCulture, $"2026-01-05,{i}.25,CNY,Payer {i % 30},62250000{i % 30},{memo},B{i:D7}\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var lines = StatementReader.Read(stream, "s.csv").Lines;

        Assert.Equal(9000, lines.Count);
        Assert.Equal(("B0008999", 9001, 8999.25m, new string('m', 90)), (lines[^1].BankRef, lines[^1].Row, lines[^1].Amount, lines[^1].Memo));
        Assert.Equal(("B0004096", 4098), (lines[4096].BankRef, lines[4096].Row));
    }

    private sealed class NoSeekStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
