using Reconciler.Files;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Tests.Configuration;

/// <summary>The <c>Statements</c> section. Some tests set process environment variables, so the class runs alone.</summary>
[Collection(nameof(ReconcilerConfigurationTests))]
public class StatementsConfigurationTests
{
    private const string KnownKeys = "Statements has Profile, ProfilesFolder, MaxRows, MaxWorkbookBytes, MaxCompressionRatio";

    private static StatementsOptions Load(TempFolder temp, string json)
    {
        var file = temp.File("reconciler.json");
        File.WriteAllText(file, json);
        return ReconcilerConfiguration.Statements(ReconcilerConfiguration.Load(file));
    }

    private static ConfigurationException LoadFails(TempFolder temp, string json) =>
        Assert.Throws<ConfigurationException>(() => Load(temp, json));

    [Fact]
    public void Statements_NoSection_DocumentedDefaults()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var options = Load(temp, """{ "Matching": { "TolerancePercent": 2 } }""");

        // Assert: the README's configuration table.
        Assert.Null(options.Profile);
        Assert.Null(options.ProfilesFolder);
        Assert.Equal((5_000_000, 536_870_912L, 200d), (options.MaxRows, options.MaxWorkbookBytes, options.MaxCompressionRatio));
        Assert.Equal(ReadLimits.Default, options.Limits());
        Assert.Same(ProfileCatalog.BuiltIn, options.Catalog());
        Assert.Null(options.ChosenProfile(options.Catalog(), named: null));
    }

    [Fact]
    public void Statements_EverySettingFromFile_Bound()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        File.Copy(Repository.Samples("profiles/contoso-bank.json"), Path.Combine(folder, "contoso-bank.json"));
        var json = $$"""
            { "Statements": { "Profile": "contoso-bank", "ProfilesFolder": "{{folder.Replace("\\", "\\\\", StringComparison.Ordinal)}}", "MaxRows": 1, "MaxWorkbookBytes": 1024, "MaxCompressionRatio": 2 } }
            """;

        // Act
        var options = Load(temp, json);

        // Assert: the smallest values allowed are accepted.
        var catalog = options.Catalog();
        Assert.Equal(("contoso-bank", folder), (options.Profile, options.ProfilesFolder));
        Assert.Equal((1, 1024L, 2d), (options.Limits().MaxRows, options.Limits().Workbook.MaxUncompressedBytes, options.Limits().Workbook.MaxCompressionRatio));
        Assert.Equal("contoso-bank", catalog.Profiles[0].Name);
        Assert.Equal("contoso-bank", options.ChosenProfile(catalog, named: null)?.Name);
        Assert.Equal("hsbc-hk", options.ChosenProfile(catalog, named: "hsbc-hk")?.Name);
    }

    [Fact]
    public void Statements_UnknownKeys_ThrowsNamingEachAndTheKnownKeys()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var error = LoadFails(temp, """{ "Statements": { "MaxRow": 10, "ProfileFolder": "profiles" } }""");

        // Assert
        Assert.Contains($"Statements:MaxRow is not a setting; {KnownKeys}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Statements:ProfileFolder is not a setting; {KnownKeys}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_UnknownKeyFromEnvironment_ThrowsNamingIt()
    {
        // Arrange
        using var temp = new TempFolder();
        Environment.SetEnvironmentVariable("RECONCILER_Statements__Encoding", "gb18030");
        try
        {
            // Act
            var error = LoadFails(temp, "{}");

            // Assert
            Assert.Contains($"Statements:Encoding is not a setting; {KnownKeys}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Statements__Encoding", null);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Statements_MaxRowsBelowOne_ThrowsNamingTheSetting(int maxRows)
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var error = LoadFails(temp, $$"""{ "Statements": { "MaxRows": {{maxRows}} } }""");

        // Assert
        Assert.Equal($"Statements:MaxRows must be 1 or more; it is {maxRows}.", error.Message);
    }

    [Fact]
    public void Statements_ProfilesFolderMissing_ThrowsNamingTheFolder()
    {
        // Arrange
        using var temp = new TempFolder();
        var missing = temp.File("no-profiles-here");

        // Act
        var error = LoadFails(temp, $$"""{ "Statements": { "ProfilesFolder": "{{missing}}" } }""");

        // Assert
        Assert.Equal($"Statements:ProfilesFolder {missing} does not exist.", error.Message);
    }

    [Fact]
    public void Statements_SeveralBadValues_ThrowsNamingEverySetting()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var error = LoadFails(temp, """{ "Statements": { "MaxRows": 0, "MaxWorkbookBytes": 1023, "MaxCompressionRatio": 1.5, "ProfilesFolder": "/nonexistent/profiles" } }""");

        // Assert
        Assert.Equal(
            [
                "Statements:MaxRows must be 1 or more; it is 0.",
                "Statements:MaxWorkbookBytes must be at least 1024 bytes; it is 1023.",
                "Statements:MaxCompressionRatio must be 2 or more; it is 1.5.",
                "Statements:ProfilesFolder /nonexistent/profiles does not exist.",
            ],
            error.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void Statements_NotANumber_ThrowsNamingTheSection()
    {
        // Arrange
        using var temp = new TempFolder();

        // Act
        var error = LoadFails(temp, """{ "Statements": { "MaxRows": "lots" } }""");

        // Assert
        Assert.StartsWith("section Statements:", error.Message, StringComparison.Ordinal);
        Assert.Contains("lots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statements_FileAndEnvironment_EnvironmentWins()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        Environment.SetEnvironmentVariable("RECONCILER_Statements__MaxRows", "2");
        Environment.SetEnvironmentVariable("RECONCILER_Statements__ProfilesFolder", folder);
        try
        {
            // Act
            var options = Load(temp, """{ "Statements": { "Profile": "hsbc-hk", "MaxRows": 100, "MaxCompressionRatio": 50 } }""");

            // Assert
            Assert.Equal(2, options.MaxRows);
            Assert.Equal(2, options.Limits().MaxRows);
            Assert.Equal(folder, options.ProfilesFolder);
            Assert.Equal("hsbc-hk", options.Profile);
            Assert.Equal(50d, options.Limits().Workbook.MaxCompressionRatio);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Statements__MaxRows", null);
            Environment.SetEnvironmentVariable("RECONCILER_Statements__ProfilesFolder", null);
        }
    }

    [Fact]
    public void Statements_BadValueFromEnvironment_ThrowsNamingTheSetting()
    {
        // Arrange
        using var temp = new TempFolder();
        Environment.SetEnvironmentVariable("RECONCILER_Statements__MaxRows", "0");
        try
        {
            // Act
            var error = LoadFails(temp, """{ "Statements": { "MaxRows": 100 } }""");

            // Assert
            Assert.Equal("Statements:MaxRows must be 1 or more; it is 0.", error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RECONCILER_Statements__MaxRows", null);
        }
    }

    [Fact]
    public void Catalog_ProfilesFolderWithAnInvalidProfile_ThrowsNamingTheFile()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        File.WriteAllText(Path.Combine(folder, "broken.json"), """{ "name": "broken" }""");
        var options = Load(temp, $$"""{ "Statements": { "ProfilesFolder": "{{folder}}" } }""");

        // Act
        var error = Assert.Throws<ProfileException>(options.Catalog);

        // Assert
        Assert.Contains(Path.Combine(folder, "broken.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("columns.date is required", error.Message, StringComparison.Ordinal);
    }
}
