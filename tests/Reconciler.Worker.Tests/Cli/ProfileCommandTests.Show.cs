using System.Text;
using Reconciler.Files;
using Reconciler.Worker.Cli;

namespace Reconciler.Worker.Tests.Cli;

/// <summary>
/// <c>reconciler profile show NAME</c>, and what an operator does when a bank changes a built-in layout's header:
/// the refusal names the command that copies the built-in profile out, <c>profile detect</c> prints it with the new
/// header, and the copy, saved in the profiles folder and edited, reads the changed export.
/// </summary>
public partial class ProfileCommandTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static TheoryData<string> EveryBuiltInName => new(BuiltInNames.Append("generic"));

    [Theory]
    [MemberData(nameof(EveryBuiltInName))]
    public void Show_BuiltInProfile_PrintsJsonThatLoadsAsTheSameProfile(string name)
    {
        // Act
        var run = CliRun.Of("profile", "show", name);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var shown = ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(run.Output)), "show output");
        Assert.Equal(ProfileJson.Write(ProfileCatalog.BuiltIn.Get(name)), ProfileJson.Write(shown));
        Assert.Contains($"profile {name} (built-in)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_OutIntoTheProfilesFolderOverTheProfileShown_WritesItWholeAndEveryCommandStillReadsTheFolder()
    {
        // Arrange: the user's own ing-de profile in the profiles folder; showing it into its own file (what `> FILE`
        // cannot do: the shell empties the file before the folder is read).
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        var ours = ProfileCatalog.BuiltIn.Get("ing-de") with { Description = "our own ING profile" };
        var file = Path.Combine(folder, "ing-de.json");
        File.WriteAllText(file, ProfileJson.Write(ours));
        var config = WriteConfig(temp, folder);

        // Act
        var run = CliRun.Of("profile", "show", "ing-de", "--config", config, "--out", file);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains($"wrote {file}", run.Error, StringComparison.Ordinal);
        Assert.Equal(ProfileJson.Write(ours), ProfileJson.Write(ProfileJson.ReadFile(file)));
        Assert.Equal(["ing-de.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(ExitCodes.Ok, CliRun.Of("profile", "list", "--config", config).ExitCode);
    }

    [Fact]
    public void Show_OutIntoAFolderThatDoesNotExist_ExitsOutputFailedNamingTheFile()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.File("missing"), "fineco.json");

        var run = CliRun.Of("profile", "show", "fineco", "--out", file);

        Assert.Equal(ExitCodes.OutputFailed, run.ExitCode);
        Assert.Contains($"error: {file} cannot be written", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UserProfileNamedLikeABuiltInOne_PrintsTheUserProfile()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        var ours = ProfileCatalog.BuiltIn.Get("ing-de") with { Description = "our own ING profile" };
        File.WriteAllText(Path.Combine(folder, "ing.json"), ProfileJson.Write(ours));
        var config = WriteConfig(temp, folder);

        // Act
        var run = CliRun.Of("profile", "show", "ING-DE", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("our own ING profile", ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(run.Output)), "show output").Description);
        Assert.Contains(Path.Combine(folder, "ing.json"), run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownName_ExitsBadInputNamingEveryKnownProfile()
    {
        // Arrange
        using var temp = new TempFolder();
        var config = WriteConfig(temp, Repository.Samples("profiles"));

        // Act
        var run = CliRun.Of("profile", "show", "no-such", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.StartsWith("error: no profile no-such: ", run.Error, StringComparison.Ordinal);
        foreach (var name in BuiltInNames.Append("generic").Append("contoso-bank"))
        {
            Assert.Contains(name, run.Error, StringComparison.Ordinal);
        }

        Assert.Empty(run.Output);
    }

    [SkippableFact]
    public void Check_IngExportWithRenamedColumn_RefusalNamesTheCommandThatCopiesTheBuiltInOutAndTheEdit()
    {
        // Arrange
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        var config = WriteConfig(temp, folder);
        var file = WriteIngRenamed(temp, "Betrag", "Amount");

        // Act
        var run = CliRun.Of("profile", "check", file, "--config", config);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("the header looks like profile ing-de's but differs", run.Output, StringComparison.Ordinal);
        Assert.Contains("column \"Betrag\" is now \"Amount\"", run.Output, StringComparison.Ordinal);
        Assert.Contains($"`reconciler profile show ing-de --out {Path.Combine(folder, "ing-de.json")}`", run.Output, StringComparison.Ordinal);
        Assert.Contains("change \"Betrag\" to \"Amount\" in its header and columns", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Check_IngExportWithRenamedColumnNamingTheBuiltIn_RefusalNamesTheCommandThatCopiesItOut()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = WriteIngRenamed(temp, "Betrag", "Amount");

        // Act
        var run = CliRun.Of("profile", "check", file, "--profile", "ing-de");

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("column \"Betrag\" is now \"Amount\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("`reconciler profile show ing-de --out profiles/ing-de.json`", run.Output, StringComparison.Ordinal);
        Assert.Contains("Statements:ProfilesFolder", run.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Check_IngExportWithRenamedColumnNamingTheBuiltInAndAProfilesFolder_RefusalSendsTheCopyIntoThatFolder()
    {
        // Arrange
        using var temp = new TempFolder();
        var file = WriteIngRenamed(temp, "Betrag", "Amount");
        var folder = Directory.CreateDirectory(temp.File("bank-profiles")).FullName;
        var config = WriteConfig(temp, folder);

        // Act
        var run = CliRun.Of("profile", "check", file, "--profile", "ing-de", "--config", config);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"`reconciler profile show ing-de --out {Path.Combine(folder, "ing-de.json")}`", run.Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("Betrag", "Amount", "amount", "Amount")]
    [InlineData("Verwendungszweck", "Verwendungszweck/Referenz", "memo", "Verwendungszweck/Referenz")]
    [InlineData("Betrag;Währung", "Betrag;Betragswährung", "currency", "Betragswährung")]
    public void Detect_IngExportWithRenamedColumn_PrintsTheBuiltInWithTheNewHeaderAndSaysSo(string old, string renamed, string role, string mapped)
    {
        // Arrange
        using var temp = new TempFolder();
        var file = WriteIngRenamed(temp, old, renamed);

        // Act
        var run = CliRun.Of("profile", "detect", file);

        // Assert
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var printed = ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(run.Output)), "detect output");
        var builtIn = ProfileCatalog.BuiltIn.Get("ing-de");
        Assert.Equal("ing-de", printed.Name);
        Assert.Equal(builtIn.Header!.Count, printed.Header!.Count);
        Assert.Equal(HeaderLine(file).Split(';'), printed.Header);
        var columns = printed.Columns;
        var actual = role switch { "amount" => columns.Amount, "memo" => columns.Memo[0], _ => columns.Currency };
        Assert.Equal(mapped, actual);
        Assert.Contains("profile ing-de: the built-in profile ing-de with the file's header", run.Error, StringComparison.Ordinal);
        Assert.Contains("reconciler profile show ing-de", run.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Detect_IngExportWithAMemoColumnDropped_ExitsBadInputNamingTheCommandThatCopiesTheBuiltInOut()
    {
        // Arrange: the built-in profile reads Buchungstext, which the file no longer has, so it cannot simply be renamed.
        using var temp = new TempFolder();
        var file = WriteIngRenamed(temp, ";Buchungstext", "");

        // Act
        var run = CliRun.Of("profile", "detect", file);

        // Assert
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("the header looks like profile ing-de's but differs", run.Error, StringComparison.Ordinal);
        Assert.Contains("missing \"Buchungstext\"", run.Error, StringComparison.Ordinal);
        Assert.Contains("`reconciler profile show ing-de --out profiles/ing-de.json`", run.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ShowThenEdit_IngExportWithRenamedColumn_TheEditedCopyInTheProfilesFolderReadsTheGroundTruth()
    {
        // Arrange: the export with "Betrag" renamed is refused until the built-in profile, copied out with
        // `profile show` and edited, is in the profiles folder.
        using var temp = new TempFolder();
        var folder = Directory.CreateDirectory(temp.File("profiles")).FullName;
        var config = WriteConfig(temp, folder);
        var file = WriteIngRenamed(temp, "Betrag", "Amount");
        Assert.Equal(ExitCodes.BadInput, CliRun.Of("profile", "check", file, "--json", "--config", config).ExitCode);
        var show = CliRun.Of("profile", "show", "ing-de", "--config", config);
        Assert.Equal(ExitCodes.Ok, show.ExitCode);
        File.WriteAllText(Path.Combine(folder, "ing-de.json"), show.Output.Replace("\"Betrag\"", "\"Amount\"", StringComparison.Ordinal));

        // Act
        var named = CliRun.Of("profile", "check", file, "--json", "--profile", "ing-de", "--config", config);
        var recognised = CliRun.Of("profile", "check", file, "--json", "--config", config);

        // Assert
        foreach (var run in new[] { named, recognised })
        {
            var (totals, problems) = ParseCheck(run);
            Assert.Empty(problems);
            Assert.Equal(Truth[IngDe].Totals, totals);
            Assert.Equal(ExitCodes.Ok, run.ExitCode);
        }
    }

    private static string HeaderLine(string path) =>
        File.ReadAllText(path, Latin1).Split('\n').Single(l => l.StartsWith("Buchung;Wertstellungsdatum;", StringComparison.Ordinal));

    /// <summary>The real ING DE export (Latin-1) with <paramref name="old"/> replaced by <paramref name="renamed"/> in its header line only.</summary>
    private static string WriteIngRenamed(TempFolder temp, string old, string renamed)
    {
        var lines = File.ReadAllText(RealData.Path(IngDe), Latin1).Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Buchung;Wertstellungsdatum;", StringComparison.Ordinal));
        Assert.True(header >= 0, "the ING DE export has no header line");
        var changed = lines[header].Replace(old, renamed, StringComparison.Ordinal);
        Assert.NotEqual(lines[header], changed);
        lines[header] = changed;
        var path = temp.File("ing-renamed.csv");
        File.WriteAllText(path, string.Join('\n', lines), Latin1);
        return path;
    }
}
