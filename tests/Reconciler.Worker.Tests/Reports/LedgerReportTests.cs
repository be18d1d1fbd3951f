using ClosedXML.Excel;
using Reconciler.Files;
using Reconciler.Storage;
using Reconciler.Worker.Reports;
using Reconciler.Worker.Tests.Alerts;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Reports;

/// <summary>
/// The report workbook of a ledger the samples built (17 lines, 6 matched, 2 partial, 5 suggested, 1 unmatched, a credit
/// hold, alerts), opened with ClosedXML and checked against the ledger itself.
/// </summary>
public sealed class LedgerReportTests : IDisposable
{
    private const string Hostile = "=HYPERLINK(\"http://x\",\"y\")";

    /// <summary>A statement line that is money received: a credit neither duplicate nor ignored (nor neither in nor out).</summary>
    private const string Received = "amount > 0 AND neutral = 0 AND status NOT IN ('duplicate', 'ignored')";
    private readonly ReconciledLedger _ledger = ReconciledLedger.FromSamples();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public void Write_SamplesLedger_EverySheetInOrderWithFrozenFilteredHeader()
    {
        // Act
        var outcome = Write();

        // Assert
        Assert.Equal(ReportSheets.Names, outcome.Sheets.Select(s => s.Name));
        using var workbook = new XLWorkbook(outcome.Path);
        Assert.Equal(ReportSheets.Names, workbook.Worksheets.Select(s => s.Name));
        AssertHeader(workbook.Worksheet(ReportSheets.Summary), ReportSheets.SummaryColumns);
        AssertHeader(workbook.Worksheet(ReportSheets.PaymentCycle), ReportSheets.CycleColumns);
        AssertHeader(workbook.Worksheet(ReportSheets.ToReview), ReportSheets.ReviewColumns);
        AssertHeader(workbook.Worksheet(ReportSheets.Matched), ResultsXlsxWriter.Columns);
        AssertHeader(workbook.Worksheet(ReportSheets.Partial), ResultsXlsxWriter.Columns);
        AssertHeader(workbook.Worksheet(ReportSheets.Unmatched), ResultsXlsxWriter.Columns);
        AssertHeader(workbook.Worksheet(ReportSheets.OpenReceivables), ReportSheets.ReceivableColumns);
        AssertHeader(workbook.Worksheet(ReportSheets.CreditHolds), ReportSheets.HoldColumns);
        AssertHeader(workbook.Worksheet(ReportSheets.Alerts), ReportSheets.AlertColumns);
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, sheet.Name);
            Assert.Equal(outcome.Sheets.Single(s => s.Name == sheet.Name).Rows + 1, sheet.AutoFilter.Range.RangeAddress.LastAddress.RowNumber);
        }
    }

    [Fact]
    public void Write_SamplesLedger_RowCountsAndSumsAreTheLedgers()
    {
        // Act
        var outcome = Write();

        // Assert
        using var workbook = new XLWorkbook(outcome.Path);
        var db = _ledger.Database;
        foreach (var (sheet, status) in new[] { (ReportSheets.Matched, "'matched'"), (ReportSheets.Partial, "'partial'"), (ReportSheets.Unmatched, "'unmatched', 'new'") })
        {
            var ws = workbook.Worksheet(sheet);
            var (lines, units) = db.Query<(long Lines, long Units)>($"SELECT COUNT(*), COALESCE(SUM(amount), 0) FROM statement_line WHERE status IN ({status})").Single();
            Assert.True(lines > 0, sheet);
            Assert.Equal(lines, outcome.Rows(sheet));
            Assert.Equal(lines, DataRows(ws).Count());
            Assert.Equal(units / 10_000m, DataRows(ws).Sum(r => r.Cell(5).GetValue<decimal>()));
            Assert.All(DataRows(ws), r => Assert.Equal(sheet == ReportSheets.Unmatched ? "unmatched" : sheet.ToLowerInvariant(), r.Cell(8).GetString()));
        }

        var receivables = workbook.Worksheet(ReportSheets.OpenReceivables);
        var open = db.Query<(long Count, long Units)>("SELECT COUNT(*), SUM(open_amount) FROM receivable WHERE status = 'open' AND open_amount > 0").Single();
        Assert.Equal(open.Count, DataRows(receivables).Count());
        Assert.Equal(open.Units / 10_000m, DataRows(receivables).Sum(r => r.Cell(8).GetValue<decimal>()));
        Assert.Equal(
            db.Scalar<long>("SELECT COUNT(*) FROM allocation a JOIN statement_line l ON l.id = a.line_id WHERE a.status = 'candidate' AND l.status = 'suggested'"),
            DataRows(workbook.Worksheet(ReportSheets.ToReview)).Count());
        Assert.Equal(db.Scalar<long>("SELECT COUNT(*) FROM credit_hold"), DataRows(workbook.Worksheet(ReportSheets.CreditHolds)).Count());
        Assert.Equal(db.Scalar<long>("SELECT COUNT(*) FROM alert_outbox"), DataRows(workbook.Worksheet(ReportSheets.Alerts)).Count());

        // The summary's lines per status are the ledger's.
        var summary = DataRows(workbook.Worksheet(ReportSheets.Summary)).ToList();
        Assert.Equal(
            db.Scalar<long>("SELECT COUNT(*) FROM statement_line"),
            summary.Single(r => r.Cell(1).GetString() == "lines" && r.Cell(2).GetString() == "all").Cell(4).GetValue<long>());
        var matchedRow = summary.Single(r => r.Cell(1).GetString() == "lines by status" && r.Cell(2).GetString() == "matched" && r.Cell(3).GetString() == "CNY");
        Assert.Equal(db.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'matched' AND currency = 'CNY'"), matchedRow.Cell(4).GetValue<long>());
        var rate = summary.Single(r => r.Cell(1).GetString() == "auto-match rate").Cell(6);
        var toMatch = db.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status NOT IN ('ignored', 'duplicate')");
        var auto = db.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status IN ('matched', 'partial')");
        Assert.Equal((double)auto / toMatch, rate.GetDouble(), 12);
        Assert.Equal("0.0%", rate.Style.NumberFormat.Format);
        Assert.Equal(db.Scalar<long>("SELECT COUNT(*) FROM credit_hold"), summary.Single(r => r.Cell(1).GetString() == "credit holds" && r.Cell(2).GetString() == "opened").Cell(4).GetValue<long>());
    }

    [Fact]
    public void Write_SamplesLedger_TrendHasOneRowPerDayAndCurrencyWithTheMoneyReceived()
    {
        // Act
        var outcome = Write();

        // Assert: the samples book one EUR line among CNY ones; amounts of different currencies are never added. A day
        // counts and sums its credits that are neither duplicates nor ignored: 2026-02-02's payment is booked twice (A and
        // B), 2026-01-23 and 2026-02-11 book only a debit.
        using var workbook = new XLWorkbook(outcome.Path);
        var trend = DataRows(workbook.Worksheet(ReportSheets.Summary))
            .Where(r => r.Cell(1).GetString() == "trend by day")
            .Select(r => (Day: r.Cell(2).GetString(), Currency: r.Cell(3).GetString(), Lines: r.Cell(4).GetValue<long>(), Amount: r.Cell(5).GetValue<decimal>()))
            .ToList();
        var expected = _ledger.Database.Query<(string Day, string Currency, long Lines, long Units)>(
                $"""
                SELECT booking_date, currency, SUM(CASE WHEN {Received} THEN 1 ELSE 0 END), SUM(CASE WHEN {Received} THEN amount ELSE 0 END)
                FROM statement_line GROUP BY booking_date, currency ORDER BY booking_date, currency
                """)
            .Select(r => (r.Day, r.Currency, r.Lines, Amount: r.Units / 10_000m))
            .ToList();
        Assert.Contains(expected, r => r.Currency == "EUR");
        Assert.Contains(("2026-02-02", "CNY", 1L, 26_000m), expected);
        Assert.Contains(("2026-01-23", "CNY", 0L, 0m), expected);
        Assert.Equal(expected, trend);
    }

    [Fact]
    public void Write_DuplicateAndDebitOnOneDay_TrendCountsTheMoneyReceivedOnceAndStatusTableNoMoneyTwice()
    {
        // Arrange: on 2026-03-02 two payments in; the second export repeats the first payment and books a debit.
        using var ledger = new ReconciledLedger();
        const string Paid = "2026-03-02,10000.00,CNY,上海瑞康医疗器械有限公司,6222021001004512881,货款 KL26-004512,B2603020001";
        const string Header = "date,amount,currency,payer_name,payer_account,memo,bank_ref";
        var first = ledger.File("march-a.csv");
        File.WriteAllText(first, string.Join('\n', Header, Paid, "2026-03-02,2950.00,CNY,Woodgrove Dental Care,6217856100012345,,B2603020002") + "\n");
        var second = ledger.File("march-b.csv");
        File.WriteAllText(second, string.Join('\n', Header, Paid, "2026-03-02,-18000.00,CNY,上海浦东物业管理有限公司,6228480018882221110,三月房租,B2603020003") + "\n");
        ledger.Reconcile(Repository.Samples("receivables.csv"), first, second);
        var credits = ledger.Database.Query<string>("SELECT status FROM statement_line WHERE amount > 0 AND status <> 'duplicate' ORDER BY status").ToList();
        Assert.Equal(2, credits.Count);
        Assert.Equal(1, ledger.Database.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'duplicate'"));

        // Act
        var outcome = LedgerReport.Write(ledger.Store(), ledger.File("march.xlsx"), null, null, _clock);

        // Assert: the day received 2 payments, 12,950.00; the duplicate and the debit are named apart, not received.
        using var workbook = new XLWorkbook(outcome.Path);
        var summary = DataRows(workbook.Worksheet(ReportSheets.Summary)).ToList();
        var day = summary.Single(r => r.Cell(1).GetString() == "trend by day");
        Assert.Equal(("2026-03-02", "CNY", 2L, 12_950m), (day.Cell(2).GetString(), day.Cell(3).GetString(), day.Cell(4).GetValue<long>(), day.Cell(5).GetValue<decimal>()));
        var receivedStatuses = string.Join("; ", credits.GroupBy(c => c).Select(g => $"{g.Count()} {g.Key}"));
        Assert.Equal($"received: {receivedStatuses}. Not received: 1 duplicate (the same bank line seen again, received once); 1 ignored (debits -18,000.00)", day.Cell(7).GetString());

        // The status table counts the duplicate as a line, with no amount of its own: its money is its original's.
        var duplicate = summary.Single(r => r.Cell(1).GetString() == "lines by status" && r.Cell(2).GetString() == "duplicate");
        Assert.Equal((1L, true), (duplicate.Cell(4).GetValue<long>(), duplicate.Cell(5).IsEmpty()));
        Assert.Contains("10,000.00 seen again, not money received again", duplicate.Cell(7).GetString(), StringComparison.Ordinal);
        var received = summary.Single(r => r.Cell(1).GetString() == "money received");
        Assert.Equal(("CNY", 2L, 12_950m), (received.Cell(3).GetString(), received.Cell(4).GetValue<long>(), received.Cell(5).GetValue<decimal>()));
    }

    [Fact]
    public void Write_SamplesLedger_MoneyAndDatesAreTypedAndColoured()
    {
        // Act
        var outcome = Write();

        // Assert
        using var workbook = new XLWorkbook(outcome.Path);
        var matched = workbook.Worksheet(ReportSheets.Matched);
        Assert.Equal((XLDataType.DateTime, "yyyy-mm-dd"), (matched.Cell(2, 4).DataType, matched.Cell(2, 4).Style.NumberFormat.Format));
        Assert.Equal((XLDataType.Number, "#,##0.00"), (matched.Cell(2, 5).DataType, matched.Cell(2, 5).Style.NumberFormat.Format));
        Assert.Equal(XLColor.FromArgb(0xFF, 0xFF, 0xC7, 0xCE), workbook.Worksheet(ReportSheets.Unmatched).Cell(2, 8).Style.Fill.BackgroundColor);
        Assert.Equal(XLColor.FromArgb(0xFF, 0xC0, 0x00, 0x00), workbook.Worksheet(ReportSheets.Unmatched).TabColor);
        Assert.Equal(XLColor.FromArgb(0xFF, 0xFF, 0xC0, 0x00), workbook.Worksheet(ReportSheets.ToReview).TabColor);
        var review = workbook.Worksheet(ReportSheets.ToReview);
        Assert.Equal((XLDataType.Number, "#,##0.00"), (review.Cell(2, 15).DataType, review.Cell(2, 15).Style.NumberFormat.Format));
        Assert.All(DataRows(review), r => Assert.Equal(r.Cell(6).GetValue<decimal>() - r.Cell(14).GetValue<decimal>(), r.Cell(15).GetValue<decimal>()));
    }

    [Fact]
    public void Write_SamplesLedger_PaymentCyclesWorstFirstMarkedByTheThresholds()
    {
        // Act
        var outcome = Write(new ReportOptions { HealthyCycleDays = 5.2, FlagCycleDays = 9 });

        // Assert
        using var workbook = new XLWorkbook(outcome.Path);
        var rows = DataRows(workbook.Worksheet(ReportSheets.PaymentCycle)).ToList();
        Assert.NotEmpty(rows);
        var deviations = rows.Select(r => r.Cell(7).GetDouble()).ToList();
        Assert.Equal(deviations.OrderByDescending(d => d), deviations);
        Assert.All(rows, r =>
        {
            var deviation = r.Cell(7).GetDouble();
            Assert.Equal(deviation <= 5.2 ? "healthy" : deviation > 9 ? "flagged" : "watch", r.Cell(8).GetString());
        });
        var cycles = _ledger.Store().ReportPaymentCycles(3);
        Assert.Equal(cycles.Select(c => c.Concern.CustomerId).Order(StringComparer.Ordinal), rows.Select(r => r.Cell(1).GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_ClockMovesOn_ReceivablesAgeIntoLaterBuckets()
    {
        // Arrange: KL26-004536 fell due on 2026-02-02.
        var early = new ManualClock(new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero));
        var late = new ManualClock(new DateTimeOffset(2026, 5, 10, 12, 0, 0, TimeSpan.Zero));

        // Act
        var first = AgeOf("KL26-004536", LedgerReport.Write(_ledger.Store(), _ledger.File("early.xlsx"), null, null, early));
        var second = AgeOf("KL26-004536", LedgerReport.Write(_ledger.Store(), _ledger.File("late.xlsx"), null, null, late));

        // Assert
        Assert.Equal((18, "0-30"), first);
        Assert.Equal((97, "> 90"), second);
        Assert.Equal(("not due", "31-60", "61-90"), (ReportSheets.AgeBucket(-1), ReportSheets.AgeBucket(31), ReportSheets.AgeBucket(90)));
    }

    [Fact]
    public void Write_SmallSheetLimit_SplitsMatchedIntoNumberedSheets()
    {
        // Act: 6 matched lines, 4 a sheet.
        var outcome = Write(new ReportOptions { MaxRowsPerSheet = 4 });

        // Assert
        Assert.Equal([("Matched", 4L), ("Matched (2)", 2L)], outcome.Sheets.Where(s => s.Sheet == ReportSheets.Matched).Select(s => (s.Name, s.Rows)));
        using var workbook = new XLWorkbook(outcome.Path);
        var rows = DataRows(workbook.Worksheet("Matched")).Concat(DataRows(workbook.Worksheet("Matched (2)"))).ToList();
        Assert.Equal(_ledger.Database.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'matched'"), rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => (r.Cell(1).GetString(), r.Cell(2).GetValue<int>())).Distinct().Count());
        Assert.Equal(ResultColumns.Names, Enumerable.Range(1, 14).Select(c => workbook.Worksheet("Matched (2)").Cell(1, c).GetString()));
    }

    [Fact]
    public void Write_Period_HoldsOnlyLinesBookedInIt()
    {
        // Act
        var outcome = LedgerReport.Write(_ledger.Store(), _ledger.File("february.xlsx"), new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 5), _clock);

        // Assert
        using var workbook = new XLWorkbook(outcome.Path);
        var matched = DataRows(workbook.Worksheet(ReportSheets.Matched)).ToList();
        Assert.Equal(
            _ledger.Database.Scalar<long>("SELECT COUNT(*) FROM statement_line WHERE status = 'matched' AND booking_date BETWEEN '2026-02-01' AND '2026-02-05'"),
            matched.Count);
        Assert.NotEmpty(matched);
        Assert.All(matched, r => Assert.InRange(DateOnly.FromDateTime(r.Cell(4).GetDateTime()), new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 5)));
    }

    [Fact]
    public void Write_FromAfterTo_ThrowsAndWritesNothing()
    {
        // Act
        var path = _ledger.File("none.xlsx");
        Assert.Throws<ArgumentException>(() => LedgerReport.Write(_ledger.Store(), path, new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1), _clock));

        // Assert
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Write_LedgerFailsWhileWriting_PreviousWorkbookKeptAndNoTemporaryFileLeft()
    {
        // Arrange: an earlier report in place; the ledger loses a table the sheets read (after the workbook was begun).
        var path = _ledger.File("kept.xlsx");
        File.WriteAllText(path, "the earlier report");
        _ledger.Execute("ALTER TABLE allocation RENAME TO allocation_gone");

        // Act
        Assert.ThrowsAny<System.Data.Common.DbException>(() => LedgerReport.Write(_ledger.Store(), path, null, null, _clock));

        // Assert
        Assert.Equal("the earlier report", File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Write_HostilePayerAndMemo_ComeOutAsTextNeverFormulas()
    {
        // Arrange: a typo'd reference (suggested, so its memo is on To review) and an unrelated payment (unmatched).
        using var ledger = new ReconciledLedger();
        var statement = ledger.File("hostile.csv");
        File.WriteAllText(statement, string.Join('\n',
            "date,amount,currency,payer_name,payer_account,memo,bank_ref",
            $"2026-02-06,9900.00,CNY,\"{Hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\",6222000000000001,\"{Hostile.Replace("\"", "\"\"", StringComparison.Ordinal)} KL26-00436\",BH0001",
            "2026-02-07,12.34,CNY,@SUM(A1),6222000000000002,-1+2,BH0002") + "\n");
        ledger.Reconcile(Repository.Samples("receivables.csv"), statement);

        // Act
        var outcome = LedgerReport.Write(ledger.Store(), ledger.File("hostile.xlsx"), null, null, _clock);

        // Assert
        using var workbook = new XLWorkbook(outcome.Path);
        var review = workbook.Worksheet(ReportSheets.ToReview);
        var unmatched = workbook.Worksheet(ReportSheets.Unmatched);
        foreach (var (cell, text) in new[]
        {
            (review.Cell(2, 8), Hostile), (review.Cell(2, 9), Hostile + " KL26-00436"), (unmatched.Cell(2, 7), "@SUM(A1)"),
        })
        {
            Assert.False(cell.HasFormula);
            Assert.Equal((XLDataType.Text, text, true), (cell.DataType, cell.GetString(), cell.Style.IncludeQuotePrefix));
        }

        using var zip = System.IO.Compression.ZipFile.OpenRead(outcome.Path);
        Assert.All(zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)), e =>
        {
            using var reader = new StreamReader(e.Open());
            Assert.DoesNotContain("<f>", reader.ReadToEnd(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Write_SuggestedLineWithoutCandidates_IsOnToReviewWithEmptyCandidateColumns()
    {
        // Arrange: KL26-004512 paid in full, then paid again: the second payment is suggested (reference-settled)
        // with no candidate, as nothing is left open on the contract it names.
        using var ledger = new ReconciledLedger();
        var statement = ledger.File("twice.csv");
        File.WriteAllText(statement, string.Join('\n',
            "date,amount,currency,payer_name,payer_account,memo,bank_ref",
            "2026-01-21,10000.00,CNY,上海瑞康医疗器械有限公司,6222021001004512881,货款 KL26-004512,BT0001",
            "2026-02-21,10000.00,CNY,上海瑞康医疗器械有限公司,6222021001004512881,再付 KL26-004512,BT0002") + "\n");
        ledger.Reconcile(Repository.Samples("receivables.csv"), statement);
        var suggested = ledger.Database.Query<long>("SELECT id FROM statement_line WHERE status = 'suggested' ORDER BY id").ToList();
        Assert.Single(suggested);
        Assert.Equal(0, ledger.Database.Scalar<long>($"SELECT COUNT(*) FROM allocation WHERE line_id = {suggested[0]} AND status = 'candidate'"));

        // Act
        var outcome = LedgerReport.Write(ledger.Store(), ledger.File("twice.xlsx"), null, null, _clock);

        // Assert: every line waiting for a person is on To review, this one once, with what the line says and no candidate.
        using var workbook = new XLWorkbook(outcome.Path);
        var row = Assert.Single(DataRows(workbook.Worksheet(ReportSheets.ToReview)));
        Assert.Equal((suggested[0], "BT0002", 10000m, "再付 KL26-004512"), (row.Cell(1).GetValue<long>(), row.Cell(4).GetString(), row.Cell(6).GetValue<decimal>(), row.Cell(9).GetString()));
        Assert.All(Enumerable.Range(10, 7), c => Assert.True(row.Cell(c).IsEmpty(), $"column {c}"));
        Assert.Equal("reference-settled", row.Cell(18).GetString());
        Assert.Contains("KL26-004512", row.Cell(19).GetString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Write_AlipayLedgerWithLinesNeitherInNorOut_SummaryGivesThemApartFromTheIgnoredDebits()
    {
        // Arrange: the Alipay export has 4 booked debits (-161.64), 3 booked lines 不计收支 (165.37 between own accounts),
        // and 2 trades closed (交易关闭) that the bank did not book: 不计收支 82.00 and 支出 -50.00.
        using var ledger = new ReconciledLedger();
        ledger.Reconcile(Repository.Samples("receivables.csv"), RealData.Path("double-entry-generator/alipay-records.gbk.csv"));

        // Act
        var outcome = LedgerReport.Write(ledger.Store(), ledger.File("report.xlsx"), null, null, _clock, new ReportOptions());

        // Assert: before, one ignored row held all 9 lines and 35.73, the two kinds added together.
        using var workbook = new XLWorkbook(outcome.Path);
        var byStatus = DataRows(workbook.Worksheet(ReportSheets.Summary)).Where(r => r.Cell(1).GetString() == "lines by status").ToList();
        var ignored = byStatus.Single(r => r.Cell(2).GetString() == "ignored");
        Assert.Equal(("CNY", 4L, -161.64m), (ignored.Cell(3).GetString(), ignored.Cell(4).GetValue<long>(), ignored.Cell(5).GetValue<decimal>()));
        var neutral = byStatus.Single(r => r.Cell(2).GetString() == "ignored, neither in nor out");
        Assert.Equal(("CNY", 3L, 165.37m), (neutral.Cell(3).GetString(), neutral.Cell(4).GetValue<long>(), neutral.Cell(5).GetValue<decimal>()));
        var notBooked = byStatus.Single(r => r.Cell(2).GetString() == "ignored, not booked by the bank");
        Assert.Equal(("CNY", 2L, 32.00m), (notBooked.Cell(3).GetString(), notBooked.Cell(4).GetValue<long>(), notBooked.Cell(5).GetValue<decimal>()));
        Assert.Equal(10L, DataRows(workbook.Worksheet(ReportSheets.Summary)).Single(r => r.Cell(1).GetString() == "lines" && r.Cell(2).GetString() == "all").Cell(4).GetValue<long>());
    }

    private ReportOutcome Write(ReportOptions? options = null) =>
        LedgerReport.Write(_ledger.Store(), _ledger.File("report.xlsx"), null, null, _clock, options ?? new ReportOptions());

    private static (int Days, string Age) AgeOf(string contract, ReportOutcome outcome)
    {
        using var workbook = new XLWorkbook(outcome.Path);
        var row = DataRows(workbook.Worksheet(ReportSheets.OpenReceivables)).Single(r => r.Cell(2).GetString() == contract);
        return (row.Cell(11).GetValue<int>(), row.Cell(12).GetString());
    }

    private static IEnumerable<IXLRow> DataRows(IXLWorksheet sheet) => sheet.RowsUsed().Skip(1);

    private static void AssertHeader(IXLWorksheet sheet, IReadOnlyList<ReportColumn> columns)
    {
        Assert.Equal(columns.Select(c => c.Name), Enumerable.Range(1, columns.Count).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.All(Enumerable.Range(1, columns.Count), c => Assert.Equal(columns[c - 1].Width, sheet.Column(c).Width, 3));
    }
}
