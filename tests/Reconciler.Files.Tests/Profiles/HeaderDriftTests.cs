using ClosedXML.Excel;

namespace Reconciler.Files.Tests.Profiles;

/// <summary>
/// A workbook in Fineco's layout whose header changed: detection refuses it naming the command that copies the
/// built-in profile out and the edit, and, asked to adapt, gives the built-in profile with the file's header.
/// </summary>
public class HeaderDriftTests
{
    private static readonly string[] FinecoHeader = ["Data", "Entrate", "Uscite", "Descrizione", "Descrizione_Completa", "Stato"];

    [Fact]
    public void Detect_FinecoWorkbookWithColumnRenamed_RefusesNamingTheCommandThatCopiesTheBuiltInOutAndTheEdit()
    {
        // Arrange
        using var stream = FinecoLike([.. FinecoHeader.Select(h => h == "Uscite" ? "Addebiti" : h)]);
        var folder = Directory.CreateTempSubdirectory("reconciler-profiles-").FullName;
        var catalog = ProfileCatalog.Load(folder);

        // Act
        var error = Assert.Throws<InputFormatException>(() => ProfileDetector.Detect(stream, "movimenti.xlsx", catalog));
        Directory.Delete(folder);

        // Assert
        Assert.Contains("the header looks like profile fineco's but differs", error.Message, StringComparison.Ordinal);
        Assert.Contains("column \"Uscite\" is now \"Addebiti\"", error.Message, StringComparison.Ordinal);
        Assert.Contains($"`reconciler profile show fineco --out {Path.Combine(folder, "fineco.json")}`", error.Message, StringComparison.Ordinal);
        Assert.Contains("change \"Uscite\" to \"Addebiti\" in its header and columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_FinecoWorkbookWithColumnRenamedAndAUserFinecoProfile_RefusesNamingTheUserFileToEdit()
    {
        // Arrange: the operator's own copy of fineco in the profiles folder wins over the built-in one.
        using var stream = FinecoLike([.. FinecoHeader.Select(h => h == "Uscite" ? "Addebiti" : h)]);
        var folder = Directory.CreateTempSubdirectory("reconciler-profiles-").FullName;
        var ours = Path.Combine(folder, "fineco.json");
        File.WriteAllText(ours, ProfileJson.Write(ProfileCatalog.BuiltIn.Get("fineco") with { Description = "ours" }));
        var catalog = ProfileCatalog.Load(folder);

        // Act
        var error = Assert.Throws<InputFormatException>(() => ProfileDetector.Detect(stream, "movimenti.xlsx", catalog));
        Directory.Delete(folder, recursive: true);

        // Assert
        Assert.Contains($"if the bank changed its export, edit {ours}: change \"Uscite\" to \"Addebiti\" in its header and columns", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("profile show", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Data|Entrate|Addebiti|Descrizione|Descrizione_Completa|Stato", "Addebiti")]
    [InlineData("Data|Descrizione|Entrate|Uscite|Descrizione_Completa|Stato|Saldo", "Uscite")]
    public void Detect_FinecoWorkbookWithHeaderChangedAskingToAdapt_BuiltInWithTheFilesHeaderThatReadsTheFile(string header, string debit)
    {
        // Arrange: a column renamed in place; columns moved and one added.
        string[] names = header.Split('|');
        using var stream = FinecoLike(names);

        // Act
        var detection = ProfileDetector.Detect(stream, "movimenti.xlsx", adaptDrifted: true);
        var file = StatementReader.Read(stream, "movimenti.xlsx", detection.Profile);

        // Assert
        Assert.Equal(("fineco", "Movimenti", debit), (detection.Profile.Name, detection.Profile.Sheet, detection.Profile.Columns.Debit));
        Assert.Equal(names, detection.Profile.Header);
        Assert.StartsWith("the built-in profile fineco with the file's header", detection.HowChosen, StringComparison.Ordinal);
        Assert.Contains("this is a starting point", Assert.Single(detection.Notes), StringComparison.Ordinal);
        Assert.Equal([150.62m, -9.99m], file.Lines.Select(l => l.Amount));
        Assert.Contains("INV-2024-17", file.Lines[0].Memo, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_FinecoWorkbookWithStatusColumnRenamedAskingToAdapt_ReadsTheRenamedStatusColumn()
    {
        // Arrange: Stato is now "Stato operazione"; the debit row is pending (Autorizzato) there.
        string[] names = ["Data", "Entrate", "Uscite", "Descrizione", "Descrizione_Completa", "Stato operazione"];
        using var stream = FinecoLike(names);

        // Act
        var detection = ProfileDetector.Detect(stream, "movimenti.xlsx", adaptDrifted: true);
        var file = StatementReader.Read(stream, "movimenti.xlsx", detection.Profile);

        // Assert
        Assert.Equal(("fineco", "Stato operazione"), (detection.Profile.Name, detection.Profile.Columns.Status));
        Assert.Equal([null, "Autorizzato"], file.Lines.Select(l => l.NotBooked));
    }

    [Fact]
    public void Detect_FinecoWorkbookWithAColumnItReadsDroppedAskingToAdapt_StillRefuses()
    {
        // Arrange: Descrizione_Completa, a memo column of the profile, is gone.
        using var stream = FinecoLike([.. FinecoHeader.Where(h => h != "Descrizione_Completa")]);

        // Act
        var error = Assert.Throws<InputFormatException>(() => ProfileDetector.Detect(stream, "movimenti.xlsx", adaptDrifted: true));

        // Assert
        Assert.Contains("missing \"Descrizione_Completa\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("`reconciler profile show fineco --out profiles/fineco.json`", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A workbook with a sheet Movimenti in Fineco's way (text dates, Uscite negative) under <paramref name="header"/>.</summary>
    private static MemoryStream FinecoLike(string[] header)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Data"] = ["31/12/2024", "31/12/2024"],
            ["Entrate"] = ["150,62", ""],
            ["Uscite"] = ["", "-9,99"],
            ["Addebiti"] = ["", "-9,99"],
            ["Descrizione"] = ["Bonifico SEPA", "Canone"],
            ["Descrizione_Completa"] = ["INV-2024-17 Rossi Srl", "Canone mensile"],
            ["Stato"] = ["Contabilizzato", "Contabilizzato"],
            ["Stato operazione"] = ["Contabilizzato", "Autorizzato"],
            ["Saldo"] = ["1000,00", "990,01"],
        };
        var stream = new MemoryStream();
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Movimenti");
            for (var c = 0; c < header.Length; c++)
            {
                sheet.Cell(1, c + 1).SetValue(header[c]);
                for (var r = 0; r < 2; r++)
                {
                    sheet.Cell(r + 2, c + 1).SetValue(values[header[c]][r]);
                }
            }

            workbook.SaveAs(stream);
        }

        stream.Position = 0;
        return stream;
    }
}
