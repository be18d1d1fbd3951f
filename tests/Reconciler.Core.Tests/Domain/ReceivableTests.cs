using Reconciler.Domain;

namespace Reconciler.Core.Tests.Domain;

public class ReceivableTests
{
    private static Receivable Sample() =>
        new("KL26-004512", "C0042", "上海第一人民医院", 10_000m, "CNY", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 31), "li.wei@example.com");

    [Fact]
    public void Source_GivenAsFileAndRow_ReadsAsText()
    {
        var receivable = Sample() with { SourceRow = ("receivables.csv", 1_234_567) };

        Assert.Equal("receivables.csv, row 1234567", receivable.Source);
        Assert.Equal(("receivables.csv", 1_234_567), receivable.SourceRow);
    }

    [Fact]
    public void Source_GivenAsText_HasNoFileAndRow()
    {
        var receivable = Sample() with { Source = "ledger receivable 7" };

        Assert.Equal("ledger receivable 7", receivable.Source);
        Assert.Equal(((string?)null, 0), receivable.SourceRow);
        Assert.Equal("", Sample().Source);
    }

    [Fact]
    public void Source_TextGivenAfterFileAndRow_Wins()
    {
        var receivable = Sample() with { SourceRow = ("receivables.csv", 2) };

        var moved = receivable with { Source = "erp query, row 9" };

        Assert.Equal("erp query, row 9", moved.Source);
        Assert.Equal("receivables.csv, row 2", receivable.Source);
    }

    [Fact]
    public void Equals_SameSourceGivenEitherWay_Equal()
    {
        var asRow = Sample() with { SourceRow = ("receivables.csv", 2) };
        var asText = Sample() with { Source = "receivables.csv, row 2" };

        Assert.Equal(asText, asRow);
        Assert.Equal(asRow, asText);
        Assert.Equal(asText.GetHashCode(), asRow.GetHashCode());
    }

    [Fact]
    public void Equals_OtherRowOrValue_NotEqual()
    {
        var row2 = Sample() with { SourceRow = ("receivables.csv", 2) };

        Assert.NotEqual(row2, Sample() with { SourceRow = ("receivables.csv", 3) });
        Assert.NotEqual(row2, Sample() with { SourceRow = ("other.csv", 2) });
        Assert.NotEqual(row2, Sample() with { Source = "receivables.csv, row 3" });
        Assert.NotEqual(row2, row2 with { Amount = 10_000.01m });
        Assert.NotEqual(row2, row2 with { SalesOwner = "" });
        Assert.Equal(row2, row2 with { Amount = 10_000.00m });
    }
}
