using Reconciler.Synthetic;

namespace Reconciler.Files.Tests;

public class SyntheticCaseNamesTests
{
    [Theory]
    [InlineData(SyntheticCase.Exact, "exact")]
    [InlineData(SyntheticCase.BankFee, "bank-fee")]
    [InlineData(SyntheticCase.ReferenceVariant, "reference-variant")]
    [InlineData(SyntheticCase.NoReference, "no-reference")]
    [InlineData(SyntheticCase.UnrelatedIncome, "unrelated-income")]
    public void ToName_Case_IsKebabCase(SyntheticCase syntheticCase, string expected)
    {
        // Act
        var name = syntheticCase.ToName();

        // Assert
        Assert.Equal(expected, name);
    }

    [Fact]
    public void TryParse_EveryName_ParsesBackIgnoringCaseAndSpaces()
    {
        // Act, Assert
        foreach (var syntheticCase in Enum.GetValues<SyntheticCase>())
        {
            Assert.True(SyntheticCaseNames.TryParse($" {syntheticCase.ToName().ToUpperInvariant()} ", out var parsed));
            Assert.Equal(syntheticCase, parsed);
        }
    }
}
