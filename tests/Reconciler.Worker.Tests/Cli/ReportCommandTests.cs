using ClosedXML.Excel;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Reports;

namespace Reconciler.Worker.Tests.Cli;

/// <summary><c>report</c> and <c>export</c> on a ledger the samples built, and <c>reconcile --data --out x.xlsx</c>.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public void Report_SamplesLedger_WritesTheWorkbookAndNamesEverySheet()
    {
        // Arrange
        var path = _ledger.File("report.xlsx");
        var before = _ledger.Database.Contents();

        // Act
        var run = _ledger.Run("report", "--out", path, "--from", "2026-01-01", "--to", "2026-12-31");

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        using var workbook = new XLWorkbook(path);
        Assert.Equal(ReportSheets.Names, workbook.Worksheets.Select(s => s.Name));
        Assert.Contains("  Matched: 6 rows", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, _ledger.Database.Contents());
    }

    [Theory]
    [InlineData("--from", "2026-13-01", "--from must be a date written yyyy-MM-dd")]
    [InlineData("--to", "31.03.2026", "--to must be a date written yyyy-MM-dd")]
    public void Report_BadDate_UsageErrorAndNothingWritten(string option, string value, string message)
    {
        // Act
        var path = _ledger.File("bad.xlsx");
        var run = _ledger.Run("report", "--out", path, option, value);

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Report_FromAfterTo_UsageErrorAndNothingWritten()
    {
        // Act
        var path = _ledger.File("bad.xlsx");
        var run = _ledger.Run("report", "--out", path, "--from", "2026-03-01", "--to", "2026-02-01");

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--from 2026-03-01 is after --to 2026-02-01", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Report_NoLedgerInTheFolder_RefusedAndNothingWritten()
    {
        // Act
        var path = _ledger.File("none.xlsx");
        var run = CliRun.Of("report", "--out", path, "--data", _ledger.File("empty"));

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("there is no ledger in", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(_ledger.File("empty")));
    }

    [Fact]
    public void Report_NotAWorkbook_UsageError()
    {
        // Act
        var run = _ledger.Run("report", "--out", _ledger.File("report.csv"));

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--out must name an .xlsx workbook", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_ledger.File("report.csv")));
    }

    [Theory]
    [InlineData("report", "report.xlsx")]
    [InlineData("export", "lines.csv")]
    public void ReportAndExport_LedgerWithAnOlderSchema_RefusedAndNotMigrated(string command, string file)
    {
        // Arrange
        var latest = LedgerStore.LatestSchemaVersion;
        _ledger.Execute("DELETE FROM schema_version WHERE version = @Latest", new { Latest = latest });
        string[] what = command == "export" ? ["--what", "lines"] : [];

        // Act
        var run = _ledger.Run([command, .. what, "--out", _ledger.File(file)]);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"has schema version {latest - 1}", run.Error, StringComparison.Ordinal);
        Assert.Equal(latest - 1, _ledger.Store().SchemaVersion());
        Assert.False(File.Exists(_ledger.File(file)));
    }

    [Fact]
    public void Export_Lines_IsReconcilesResultsCsvByteForByte()
    {
        // Act: the samples' reconcile wrote results.csv for statement-a and statement-b, the ledger's only files.
        var run = _ledger.Run("export", "--what", "lines", "--out", _ledger.File("lines.csv"));

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(string.Join(',', ResultColumns.Names), File.ReadLines(_ledger.File("lines.csv")).First());
        Assert.Equal(File.ReadAllText(_ledger.File("results.csv")), File.ReadAllText(_ledger.File("lines.csv")));
        Assert.Contains("17 lines row(s)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("matched", "'matched'")]
    [InlineData("suggested", "'suggested'")]
    [InlineData("unmatched", "'unmatched', 'new'")]
    public void Export_OneStatus_OnlyItsLinesWithTheResultsColumns(string what, string statuses)
    {
        // Act
        var run = _ledger.Run("export", "--what", what, "--out", _ledger.File($"{what}.csv"));

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(string.Join(',', ResultColumns.Names), File.ReadLines(_ledger.File($"{what}.csv")).First());
        var rows = CsvRows.Read(_ledger.File($"{what}.csv"));
        Assert.Equal(_ledger.Database.Scalar<long>($"SELECT COUNT(*) FROM statement_line WHERE status IN ({statuses})"), rows.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(what, r[7]));
        var all = CsvRows.Read(_ledger.File("results.csv")).Where(r => r[7] == what).Select(r => string.Join('|', r));
        Assert.Equal(all, rows.Select(r => string.Join('|', r)));
    }

    [Fact]
    public void Export_Receivables_DocumentedColumnsAndTheOpenAmounts()
    {
        // Act
        var run = _ledger.Run("export", "--what", "receivables", "--out", _ledger.File("receivables.csv"));

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(string.Join(',', ExportCommand.ReceivableColumns), File.ReadLines(_ledger.File("receivables.csv")).First());
        var rows = CsvRows.Read(_ledger.File("receivables.csv"));
        var open = _ledger.Database.Query<(long Count, long Units)>("SELECT COUNT(*), SUM(open_amount) FROM receivable WHERE status = 'open' AND open_amount > 0").Single();
        Assert.Equal(open.Count, rows.Count);
        Assert.Equal(open.Units / 10_000m, rows.Sum(r => decimal.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Export_Holds_IsCreditHoldsExportAll()
    {
        // Act
        var run = _ledger.Run("export", "--what", "holds", "--out", _ledger.File("holds.csv"));
        var reference = _ledger.Run("credit-holds", "export", "--all", "--out", _ledger.File("credit-holds.csv"));

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Equal(ExitCodes.Ok, reference.ExitCode);
        Assert.Equal(File.ReadAllText(_ledger.File("credit-holds.csv")), File.ReadAllText(_ledger.File("holds.csv")));
        Assert.NotEmpty(CsvRows.Read(_ledger.File("holds.csv")));
    }

    [Fact]
    public void Export_UnknownWhat_UsageError()
    {
        // Act
        var run = _ledger.Run("export", "--what", "everything", "--out", _ledger.File("x.csv"));

        // Assert
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.False(File.Exists(_ledger.File("x.csv")));
    }

    [Fact]
    public void Export_OutNotACsvFileOrAFolder_UsageErrorAndNothingWritten()
    {
        // Arrange
        Directory.CreateDirectory(_ledger.File("folder.csv"));

        // Act
        var workbook = _ledger.Run("export", "--what", "lines", "--out", _ledger.File("lines.xlsx"));
        var folder = _ledger.Run("export", "--what", "lines", "--out", _ledger.File("folder.csv"));
        var holds = _ledger.Run("credit-holds", "export", "--out", _ledger.File("holds.json"));

        // Assert
        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage, ExitCodes.Usage), (workbook.ExitCode, folder.ExitCode, holds.ExitCode));
        Assert.Contains("--out must name a .csv file; it is lines.xlsx (for a workbook use: reconciler report)", workbook.Error, StringComparison.Ordinal);
        Assert.Contains($"--out {_ledger.File("folder.csv")} is a folder; name a file in it", folder.Error, StringComparison.Ordinal);
        Assert.Contains("--out must name a .csv file; it is holds.json", holds.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_ledger.File("lines.xlsx")));
        Assert.False(File.Exists(_ledger.File("holds.json")));
    }

    [Fact]
    public void Reconcile_LedgerAndWorkbookOut_ResultsSheetThenTheReport()
    {
        // Act
        var path = _ledger.File("results.xlsx");
        var run = CliRun.Of(
            "reconcile", "--receivables", Repository.Samples("receivables.csv"), "--statement", Repository.Samples("statement-a.csv"),
            "--statement", Repository.Samples("statement-b.csv"), "--config", ReconciledLedger.SamplesConfig, "--out", path, "--quiet", "--data", _ledger.Data);

        // Assert
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        using var workbook = new XLWorkbook(path);
        Assert.Equal([ResultsXlsxWriter.SheetName, .. ReportSheets.Names], workbook.Worksheets.Select(s => s.Name));
        var results = workbook.Worksheet(ResultsXlsxWriter.SheetName);
        Assert.Equal(ResultColumns.Names, Enumerable.Range(1, 14).Select(c => results.Cell(1, c).GetString()));
        Assert.Equal(CsvRows.Read(_ledger.File("results.csv")).Count, results.RowsUsed().Count() - 1);
    }
}
