using ClosedXML.Excel;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Reports;
using Reconciler.Worker.Serve;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>The nightly run's workbook, written by the worker's setup over a ledger the samples built.</summary>
public sealed class NightlyReportTests : IDisposable
{
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public void Write_ConfiguredCycleThresholds_PaymentCycleStatesFollowThem()
    {
        // Arrange: the samples' customers pay with standard deviations of 4 to 6 days, which the default thresholds
        // (healthy up to 5.2, flagged above 9) call healthy or watch; this worker's rules flag anything above 2.
        var config = _ledger.Config(new { Rules = new { HealthyCycleDays = 1.0, FlagCycleDays = 2.0 } });
        var setup = ServeCommand.Setup(config, _ledger.Data, _ledger.File("watch"), Repository.Samples("receivables.csv"), 0);

        // Act
        var outcome = NightlyReport.Write(_ledger.Store(), setup, CancellationToken.None);

        // Assert: the report marks the cycles as the rules do.
        using var workbook = new XLWorkbook(outcome.Path);
        var states = workbook.Worksheet(ReportSheets.PaymentCycle).RowsUsed().Skip(1).Select(r => r.Cell(8).GetString()).ToList();
        Assert.NotEmpty(states);
        Assert.All(states, state => Assert.Equal("flagged", state));
    }
}
