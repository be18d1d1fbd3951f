using Reconciler.Storage.Tests.Databases;

namespace Reconciler.Storage.Tests;

public sealed class DatabaseServersTests
{
    [Fact]
    public void Require_PostgresMissingUnderCi_FailsNamingTheVariable()
    {
        var error = Assert.Throws<Xunit.Sdk.FailException>(() => DatabaseServers.Require(StorageProvider.Postgres, null, underCi: true));

        Assert.Contains("RECONCILER_TEST_POSTGRES", error.Message, StringComparison.Ordinal);
        Assert.Contains("CI=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_PostgresMissingOutsideCi_SkipsNamingTheVariable()
    {
        var skip = Assert.Throws<SkipException>(() => DatabaseServers.Require(StorageProvider.Postgres, " ", underCi: false));

        Assert.Contains("RECONCILER_TEST_POSTGRES is not set", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_SqlServerMissingUnderCi_SkipsSayingSo()
    {
        var skip = Assert.Throws<SkipException>(() => DatabaseServers.Require(StorageProvider.SqlServer, null, underCi: true));

        Assert.Contains("RECONCILER_TEST_SQLSERVER is not set", skip.Message, StringComparison.Ordinal);
        Assert.Contains("skipped", skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_ServerGiven_ReturnsItsConnectionString()
    {
        Assert.Equal("Host=/tmp/pg;Port=5432", DatabaseServers.Require(StorageProvider.Postgres, "Host=/tmp/pg;Port=5432", underCi: true));
    }
}
