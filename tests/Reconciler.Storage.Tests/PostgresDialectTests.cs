using Npgsql;

namespace Reconciler.Storage.Tests;

public sealed class PostgresDialectTests
{
    [Fact]
    public void CreateConnection_NoCommandTimeoutGiven_CommandsHaveTheStoresLimit()
    {
        using var connection = (NpgsqlConnection)SqlDialect.For(StorageProvider.Postgres).CreateConnection("Host=/tmp/pg;Port=5432;Username=postgres;Database=ledger");

        Assert.Equal(600, connection.CommandTimeout);
        Assert.Equal("ledger", connection.Database);
    }

    [Theory]
    [InlineData("Host=/tmp/pg;Command Timeout=15")]
    [InlineData("Host=/tmp/pg;commandtimeout=15")]
    public void CreateConnection_CommandTimeoutGiven_KeepsIt(string connectionString)
    {
        using var connection = (NpgsqlConnection)SqlDialect.For(StorageProvider.Postgres).CreateConnection(connectionString);

        Assert.Equal(15, connection.CommandTimeout);
    }
}
