using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Benchmarks;

/// <summary>
/// Reading a statement CSV with detection on (no profile named), as <c>reconcile</c> does: the generic layout
/// (recognised by its header) and a German bank layout (Latin-1, semicolons, decimal comma, a preamble; detected
/// from scratch). The baseline only splits the records with CsvHelper, the least any reader must do.
/// </summary>
[MemoryDiagnoser]
public class StatementReadBenchmark
{
    private string _folder = "";
    private string _generic = "";
    private string _bank = "";

    [Params(100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"reconciler-read-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_folder);
        var lines = Statement(Lines);
        _generic = Path.Combine(_folder, "generic.csv");
        using (var stream = File.Create(_generic))
        {
            StatementCsvWriter.Write(stream, lines);
        }

        _bank = Path.Combine(_folder, "umsatz.csv");
        WriteGermanLayout(_bank, lines);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public int CsvHelperRecordsOnly()
    {
        using var stream = File.OpenRead(_generic);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        var fields = 0;
        while (reader.Read())
        {
            fields += reader.FieldCount;
        }

        return fields;
    }

    [Benchmark]
    public int GenericLayoutDetected()
    {
        using var stream = File.OpenRead(_generic);
        return StatementReader.Read(stream, "generic.csv").Lines.Count;
    }

    [Benchmark]
    public int GermanBankLayoutDetected()
    {
        using var stream = File.OpenRead(_bank);
        return StatementReader.Read(stream, "umsatz.csv").Lines.Count;
    }

    /// <summary>Statement lines for a benchmark: the synthetic exports' lines, repeated and renumbered up to <paramref name="count"/>.</summary>
    internal static List<StatementLine> Statement(int count)
    {
        var source = BenchmarkData.Lines(100_000);
        var lines = new List<StatementLine>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(source[i % source.Count] with { Row = i + 2 });
        }

        return lines;
    }

    private static void WriteGermanLayout(string path, List<StatementLine> lines)
    {
        var de = CultureInfo.GetCultureInfo("de-DE");
        using var writer = new StreamWriter(path, false, Encoding.Latin1, 1 << 16);
        writer.Write("Umsatzanzeige;Datei erstellt am: 27.11.2026 09:00\n\nIBAN;DE12 3456 7890 1234 5678 90\nKontoname;Girokonto\nZeitraum;01.01.2026 - 31.12.2026\n\n");
        writer.Write("Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Betrag;Währung\n");
        foreach (var line in lines)
        {
            writer.Write(line.Date.ToString("dd.MM.yyyy", de));
            writer.Write(';');
            writer.Write(line.Date.ToString("dd.MM.yyyy", de));
            writer.Write(';');
            writer.Write(Latin(line.PayerName));
            writer.Write(";Überweisung;");
            writer.Write(Latin(line.Memo));
            writer.Write(';');
            writer.Write(line.Amount.ToString("#,##0.00", de));
            writer.Write(';');
            writer.Write(line.Currency);
            writer.Write('\n');
        }
    }

    // The German bank's file is Latin-1: the synthetic Chinese names become placeholders, as a German export would hold no CJK.
    private static string Latin(string text) =>
        text.Any(c => c > 0xFF || c is ';' or '"' or '\n' or '\r') ? "Kunde " + (uint)text.GetHashCode(StringComparison.Ordinal) % 10_000 : text;
}
