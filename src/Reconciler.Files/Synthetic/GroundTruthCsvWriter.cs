using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Files;

/// <summary>
/// Writes the generator's right answers: <c>file,row,case,status,contracts</c>, the case in kebab-case
/// (<see cref="SyntheticCaseNames"/>), the status as <see cref="MatchStatusNames"/> says, the contracts joined
/// with <c>;</c>.
/// </summary>
public static class GroundTruthCsvWriter
{
    /// <summary>Writes the header and one row per answer to <paramref name="stream"/>, which is flushed and left open.</summary>
    public static void Write(Stream stream, IEnumerable<GroundTruth> truth)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(truth);
        using var writer = CsvOutput.Create(stream);
        writer.WriteHeader([GroundTruthColumns.File, GroundTruthColumns.Row, GroundTruthColumns.Case, GroundTruthColumns.Status, GroundTruthColumns.Contracts]);
        foreach (var answer in truth)
        {
            writer.WriteField(answer.File);
            writer.WriteInteger(answer.Row);
            writer.WriteField(answer.Case.ToName());
            writer.WriteField(answer.Status.ToName());
            writer.WriteField(string.Join(GroundTruthColumns.Separator, answer.Contracts));
            writer.EndRecord();
        }

        writer.Flush();
    }
}
