using CsvHelper;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>Reads a CSV file the program wrote into rows of cells (header excluded), quoting respected.</summary>
internal static class CsvRows
{
    public static List<string[]> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = false }, leaveOpen: false);
        var rows = new List<string[]>();
        csv.Read(); // header
        while (csv.Read())
        {
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
            }

            rows.Add(cells);
        }

        return rows;
    }
}
