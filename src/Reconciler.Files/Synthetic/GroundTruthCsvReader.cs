using System.Globalization;
using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Files;

/// <summary>Reads a ground-truth file written by <see cref="GroundTruthCsvWriter"/>, for scoring a run.</summary>
public static class GroundTruthCsvReader
{
    /// <summary>Reads every answer, or throws; the stream is left open.</summary>
    /// <exception cref="InputFormatException">A column is missing or a value cannot be read; the message says where.</exception>
    public static IReadOnlyList<GroundTruth> Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        using var reader = new CsvRecordReader(stream, fileName, ',');
        var header = reader.ReadHeader([GroundTruthColumns.File, GroundTruthColumns.Row, GroundTruthColumns.Case, GroundTruthColumns.Status, GroundTruthColumns.Contracts]);
        var file = header.Required(GroundTruthColumns.File);
        var row = header.Required(GroundTruthColumns.Row);
        var syntheticCase = header.Required(GroundTruthColumns.Case);
        var status = header.Required(GroundTruthColumns.Status);
        var contracts = header.Required(GroundTruthColumns.Contracts);
        header.ThrowIfMissing();

        var truth = new List<GroundTruth>();
        while (reader.Read())
        {
            var rowText = reader.RequiredText(row, GroundTruthColumns.Row, "a row number");
            if (!int.TryParse(rowText, NumberStyles.None, CultureInfo.InvariantCulture, out var rowNumber) || rowNumber < 1)
            {
                throw reader.Error(GroundTruthColumns.Row, rowText, $"{InputFormatException.Quote(rowText)} is not a row number (expected a whole number such as 2)");
            }

            var caseText = reader.Text(syntheticCase);
            if (!SyntheticCaseNames.TryParse(caseText, out var caseValue))
            {
                throw reader.Error(GroundTruthColumns.Case, caseText, $"{InputFormatException.Quote(caseText)} is not a case (expected one of {string.Join(", ", Enum.GetValues<SyntheticCase>().Select(c => c.ToName()))})");
            }

            var statusText = reader.Text(status);
            if (!MatchStatusNames.TryParse(statusText, out var statusValue))
            {
                throw reader.Error(GroundTruthColumns.Status, statusText, $"{InputFormatException.Quote(statusText)} is not a status (expected one of {string.Join(", ", MatchStatusNames.All.Select(s => s.ToName()))})");
            }

            var contractText = reader.Text(contracts);
            string[] contractList = contractText.Length == 0 ? [] : contractText.Split(GroundTruthColumns.Separator);
            truth.Add(new GroundTruth(reader.RequiredText(file, GroundTruthColumns.File, "a file name"), rowNumber, caseValue, statusValue, contractList));
        }

        return truth;
    }
}
