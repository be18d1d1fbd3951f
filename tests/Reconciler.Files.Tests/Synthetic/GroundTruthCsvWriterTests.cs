using Reconciler.Domain;
using Reconciler.Synthetic;

namespace Reconciler.Files.Tests;

public sealed class GroundTruthCsvWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Write_Answers_WritesKebabCaseStatusNamesAndJoinedContracts()
    {
        // Arrange
        GroundTruth[] truth =
        [
            new("statement-a.csv", 2, SyntheticCase.BankFee, MatchStatus.Matched, ["KL26-004512"]),
            new("statement-a.csv", 3, SyntheticCase.Combined, MatchStatus.Matched, ["KL26-1", "KL26-2"]),
            new("statement-b.csv", 2, SyntheticCase.Overlap, MatchStatus.Duplicate, []),
        ];
        using (var stream = _folder.Create("truth.csv"))
        {
            // Act
            GroundTruthCsvWriter.Write(stream, truth);
        }

        // Assert
        Assert.Equal(
            "file,row,case,status,contracts\r\n"
            + "statement-a.csv,2,bank-fee,matched,KL26-004512\r\n"
            + "statement-a.csv,3,combined,matched,KL26-1;KL26-2\r\n"
            + "statement-b.csv,2,overlap,duplicate,\r\n",
            _folder.ReadText("truth.csv"));
    }

    [Fact]
    public void Write_ThenRead_ReturnsEqualAnswers()
    {
        // Arrange
        var truth = Enum.GetValues<SyntheticCase>()
            .Select((c, i) => new GroundTruth("statement-a.csv", i + 2, c, MatchStatusNames.All[i % 6], i % 3 == 0 ? [] : [$"KL26-{i}", "ＫＬ２６－００１"]))
            .ToList();
        using (var stream = _folder.Create("truth.csv"))
        {
            GroundTruthCsvWriter.Write(stream, truth);
        }

        // Act
        using var read = _folder.OpenRead("truth.csv");
        var readBack = GroundTruthCsvReader.Read(read, "truth.csv");

        // Assert
        Assert.Equal(truth.Count, readBack.Count);
        for (var i = 0; i < truth.Count; i++)
        {
            Assert.Equal((truth[i].File, truth[i].Row, truth[i].Case, truth[i].Status), (readBack[i].File, readBack[i].Row, readBack[i].Case, readBack[i].Status));
            Assert.Equal(truth[i].Contracts, readBack[i].Contracts);
        }
    }

    [Fact]
    public void Read_UnknownCase_Throws()
    {
        // Arrange
        _folder.WriteText("truth.csv", "file,row,case,status,contracts\nstatement-a.csv,2,bank-fees,matched,K1\n");
        using var stream = _folder.OpenRead("truth.csv");

        // Act
        var error = Assert.Throws<InputFormatException>(() => GroundTruthCsvReader.Read(stream, "truth.csv"));

        // Assert
        Assert.Equal((2, "case", "bank-fees"), (error.Row, error.Column, error.Value));
    }
}
