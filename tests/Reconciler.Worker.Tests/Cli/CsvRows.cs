using System.Globalization;
using CsvHelper;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>Reads a CSV file the program wrote into rows of cells (header excluded), quoting respected.</summary>
internal static class CsvRows
{
    public static List<string[]> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        csv.Read(); // header
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }
}
