using System.Globalization;
using Dapper;
using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

/// <summary>What only the embedded SQLite ledger does (its page size), and the ledger's day and time text.</summary>
public sealed class SqliteLedgerTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Migrate_NewLedger_Has16KiBPages()
    {
        new LedgerStore(_database.Location).Migrate();

        using var connection = _database.Open();
        Assert.Equal(16384, connection.ExecuteScalar<long>("PRAGMA page_size"));
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(999, 12, 31)]
    [InlineData(2026, 2, 28)]
    [InlineData(9999, 12, 31)]
    public void IsoText_AnyDay_AsTheFormatWritesIt(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        Assert.Equal(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Iso.Text(date));
        Assert.Equal(date, Iso.Day(Iso.Text(date).AsSpan()));
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(9, 5, 7, 999)]
    [InlineData(23, 59, 59, 999)]
    public void IsoText_AnyTime_AsTheFormatWritesIt(int hour, int minute, int second, int millisecond)
    {
        var time = new TimeOnly(hour, minute, second, millisecond);

        Assert.Equal(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture), Iso.Text(time));
    }
}
