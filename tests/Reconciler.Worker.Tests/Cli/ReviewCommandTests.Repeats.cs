using Reconciler.Storage;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// Asking again for what was done already: every review action (as credit-holds release) changes nothing, says so
/// on standard output and exits 0, so an operator's script can repeat a step it is not sure ran.
/// </summary>
public partial class ReviewCommandTests
{
    [Fact]
    public void Confirm_Twice_SecondTimeExitsZeroSaysSoAndChangesNothing()
    {
        // Arrange
        var line = Line(B, Woodgrove);
        Assert.Equal(ExitCodes.Ok, Review("confirm", Id(line), "--by", "anna").ExitCode);
        var contents = Contents();

        // Act
        var again = Review("confirm", Id(line), "--by", "anna");
        var naming = Review("confirm", Id(line), "KL26-004540", "--by", "bob");

        // Assert
        foreach (var run in new[] { again, naming })
        {
            Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
            Assert.Equal("", run.Error);
            Assert.StartsWith($"line {line} was confirmed before (matched: 2,950.00 to KL26-004540", run.Output, StringComparison.Ordinal);
            Assert.EndsWith("nothing changed", run.Output.TrimEnd(), StringComparison.Ordinal);
        }

        Assert.Equal(contents, Contents());
    }

    [Fact]
    public void Confirm_ConfirmedLineWithAnotherReceivable_IsStillRefused()
    {
        var line = Line(A, Alternatives);
        Assert.Equal(ExitCodes.Ok, Review("confirm", Id(line), "SO-26-118790", "--by", "anna").ExitCode);

        var other = Review("confirm", Id(line), "SO-26-118791", "--by", "anna");

        Assert.Equal(ExitCodes.BadInput, other.ExitCode);
        Assert.Contains("not suggested", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_SameAllocationTwice_SecondTimeExitsZeroSaysSoAndAllocatesNothingMore()
    {
        // Arrange: 4,000.50 of the 6,400.00 line; KL25-003991 has 6,400.00 open, so a second 4,000.50 would have fitted neither.
        var line = Line(B, LatePayment);
        var allocation = $"#{Receivable("KL25-003991")}=4,000.50";
        Assert.Equal(ExitCodes.Ok, Review("match", Id(line), allocation, "--by", "anna").ExitCode);
        var contents = Contents();

        // Act
        var again = Review("match", Id(line), allocation, "--by", "anna");

        // Assert
        Assert.True(again.ExitCode == ExitCodes.Ok, again.Error);
        Assert.StartsWith($"line {line} was matched before (partial: 4,000.50 to KL25-003991", again.Output, StringComparison.Ordinal);
        Assert.EndsWith("nothing changed", again.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(contents, Contents());
        Assert.Equal((23_995_000L, "open"), Open("KL25-003991"));
    }

    [Fact]
    public void Match_SameReceivableWithoutAnAmountAfterAPart_AllocatesTheRestAsBefore()
    {
        // The rest of the line to the receivable is a new request, not a repeat.
        var line = Line(B, LatePayment);
        Assert.Equal(ExitCodes.Ok, Review("match", Id(line), "KL25-003991=4000.50", "--by", "anna").ExitCode);

        var rest = Review("match", Id(line), "KL25-003991", "--by", "anna");
        var again = Review("match", Id(line), "KL25-003991", "--by", "anna");

        Assert.True(rest.ExitCode == ExitCodes.Ok, rest.Error);
        Assert.StartsWith($"line {line} is now matched: matched by anna: 2,399.50 to KL25-003991", rest.Output, StringComparison.Ordinal);
        Assert.Equal(("matched", LedgerStore.MatchedByReviewerRule), LineState(line));
        Assert.Equal((0L, "paid"), Open("KL25-003991"));
        Assert.Equal(ExitCodes.Ok, again.ExitCode);
        Assert.Contains("nothing changed", again.Output, StringComparison.Ordinal);
    }
}
