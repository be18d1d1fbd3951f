using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Configuration;

/// <summary>These tests set process environment variables, so they run alone.</summary>
[CollectionDefinition(nameof(ReconcilerConfigurationTests), DisableParallelization = true)]
public sealed class EnvironmentVariablesGroup;

[Collection(nameof(ReconcilerConfigurationTests))]
public class ReconcilerConfigurationTests
{
    [Fact]
    public void Matching_FileAndEnvironment_EnvironmentWins()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Matching": { "TolerancePercent": 2, "LateWindow": "60.00:00:00", "ToleranceCap": 50 } }""");
        Environment.SetEnvironmentVariable("RECONCILER_Matching__TolerancePercent", "1.5");
        try
        {
            var options = ReconcilerConfiguration.Matching(ReconcilerConfiguration.Load(file));

            Assert.Equal(1.5m, options.TolerancePercent);
            Assert.Equal(TimeSpan.FromDays(60), options.LateWindow);
            Assert.Equal(50m, options.ToleranceCap);
            Assert.Equal(TimeSpan.FromDays(30), options.EarlyWindow);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Matching__TolerancePercent", null);
        }
    }

    [Fact]
    public void Matching_BadValueFromEnvironment_ThrowsNamingSection()
    {
        Environment.SetEnvironmentVariable("RECONCILER_Matching__AmbiguityMargin", "lots");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Matching(ReconcilerConfiguration.Load(null)));

            Assert.Contains("Matching", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Matching__AmbiguityMargin", null);
        }
    }

    [Fact]
    public void Load_MissingNamedFile_Throws()
    {
        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load("/nonexistent/reconciler.json"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileNotJson_ThrowsNamingFile()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, "Matching: TolerancePercent = 3");

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load(file));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_MisspeltSection_ThrowsNamingIt()
    {
        using var temp = new TempFolder();
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, """{ "Matchng": { "TolerancePercent": 2 } }""");

        var error = Assert.Throws<ConfigurationException>(() => ReconcilerConfiguration.Load(file));

        Assert.Contains("Matchng", error.Message, StringComparison.Ordinal);
        Assert.Contains("known: Matching", error.Message, StringComparison.Ordinal);
    }
}
