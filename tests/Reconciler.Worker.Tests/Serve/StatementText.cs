using System.Globalization;
using System.Text;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>Statement CSV text made from the generated statements: split into parts, padded with bank-fee lines.</summary>
internal static class StatementText
{
    /// <summary>The header and data rows of a generated statement.</summary>
    public static (string Header, IReadOnlyList<string> Rows) Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        return (lines[0], lines.Skip(1).ToList());
    }

    /// <summary>The number of data rows of a statement text (lines after the header).</summary>
    public static int DataRows(string text) => text.Split('\n').Skip(1).Count(l => l.Trim().Length > 0);

    /// <summary>A statement of the header and the given rows.</summary>
    public static string Of(string header, IEnumerable<string> rows)
    {
        var text = new StringBuilder().Append(header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The statement's rows split into <paramref name="parts"/> statements of distinct lines.</summary>
    public static IReadOnlyList<string> Split(string path, int parts)
    {
        var (header, rows) = Read(path);
        return [.. Enumerable.Range(0, parts).Select(p => Of(header, rows.Where((_, i) => i % parts == p)))];
    }

    /// <summary>The statement followed by <paramref name="fees"/> bank-fee debits (distinct references): a big file that imports slowly and matches quickly.</summary>
    public static string WithFees(string path, int fees)
    {
        var (header, rows) = Read(path);
        var padding = Enumerable.Range(0, fees).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $"2026-03-{(i % 28) + 1:00},-{(i % 500) + 1}.25,CNY,中国工商银行上海张江支行,3747343737300411869,手续费,FEE{i:0000000}"));
        return Of(header, rows.Concat(padding));
    }
}
