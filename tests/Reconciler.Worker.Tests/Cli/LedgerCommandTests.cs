using Reconciler.Storage;

namespace Reconciler.Worker.Tests.Cli;

public sealed class LedgerCommandTests
{
    [Fact]
    public void Guarded_LedgerUnusable_OneLineAndTheLedgersExitCode()
    {
        using var error = new StringWriter();

        var code = Reconciler.Worker.Cli.LedgerCommand.Guarded(error, () => throw new LedgerUnusableException("the SQL Server database 'x' has collation 'SQL_Latin1_General_CP1_CI_AS'"));

        Assert.Equal(3, code);
        Assert.Equal("error: ledger: the SQL Server database 'x' has collation 'SQL_Latin1_General_CP1_CI_AS'", error.ToString().TrimEnd());
    }

    [Fact]
    public void Guarded_Success_PassesTheActionsCode()
    {
        using var error = new StringWriter();

        Assert.Equal(0, Reconciler.Worker.Cli.LedgerCommand.Guarded(error, () => 0));
        Assert.Empty(error.ToString());
    }
}
