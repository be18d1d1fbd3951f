namespace Reconciler.Files.Tests.Profiles;

public sealed class ProfileCatalogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string ProfileText(string name, string description) => $$"""
        {
          "name": "{{name}}",
          "description": "{{description}}",
          "columns": { "date": "date", "amount": "amount" }
        }
        """;

    [Fact]
    public void Load_NoFolder_IsTheBuiltInCatalog()
    {
        // Act
        var catalog = ProfileCatalog.Load(null);

        // Assert
        Assert.Same(ProfileCatalog.BuiltIn, catalog);
        Assert.Equal("generic", catalog.Profiles[^1].Name);
    }

    [Fact]
    public void Load_UserProfileWithABuiltInName_OverridesIt()
    {
        // Arrange
        var path = _folder.WriteText("my-ing.json", ProfileText("ING-DE", "my own ING layout"));

        // Act
        var catalog = ProfileCatalog.Load(_folder.Path);

        // Assert
        var profile = catalog.Get("ing-de");
        Assert.Equal("my own ING layout", profile.Description);
        Assert.Equal(path, profile.Origin);
        Assert.Single(catalog.Profiles, p => string.Equals(p.Name, "ing-de", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(ProfileCatalog.BuiltIn.Profiles.Count, catalog.Profiles.Count);
        Assert.Same(profile, catalog.Profiles[0]);
    }

    [Fact]
    public void Load_NewUserProfile_AddedBeforeTheBuiltIns()
    {
        // Arrange
        _folder.WriteText("acme.json", ProfileText("acme-bank", "ACME"));
        _folder.WriteText("notes.txt", "not a profile");

        // Act
        var catalog = ProfileCatalog.Load(_folder.Path);

        // Assert
        Assert.Equal("acme-bank", catalog.Profiles[0].Name);
        Assert.Equal(ProfileCatalog.BuiltIn.Profiles.Count + 1, catalog.Profiles.Count);
        Assert.Equal("ING Germany", catalog.Get("ing-de").Description![..11]);
    }

    [Fact]
    public void Load_TwoUserFilesWithTheSameName_ThrowsNamingBoth()
    {
        // Arrange
        var first = _folder.WriteText("a.json", ProfileText("acme-bank", "one"));
        var second = _folder.WriteText("b.json", ProfileText("Acme-Bank", "two"));

        // Act
        var error = Assert.Throws<ProfileException>(() => ProfileCatalog.Load(_folder.Path));

        // Assert
        Assert.Contains(first, error.Message, StringComparison.Ordinal);
        Assert.Contains(second, error.Message, StringComparison.Ordinal);
        Assert.Contains("acme-bank", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_InvalidUserProfile_ThrowsNamingTheFileAndProblem()
    {
        // Arrange
        var path = _folder.WriteText("broken.json", """{ "name": "broken", "columns": { "amount": "amount" } }""");

        // Act
        var error = Assert.Throws<ProfileException>(() => ProfileCatalog.Load(_folder.Path));

        // Assert
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("columns.date is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderThatDoesNotExist_Throws()
    {
        // Arrange
        var missing = _folder.File("no-such-folder");

        // Act
        var error = Assert.Throws<ProfileException>(() => ProfileCatalog.Load(missing));

        // Assert
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("icbc-debit")]
    [InlineData("ICBC-Debit")]
    [InlineData("generic")]
    public void Get_KnownName_ReturnsTheProfile(string name)
    {
        // Act
        var profile = ProfileCatalog.BuiltIn.Get(name);

        // Assert
        Assert.Equal(name, profile.Name, ignoreCase: true);
    }

    [Fact]
    public void Get_PathOfAProfileFile_ReadsIt()
    {
        // Arrange
        var path = _folder.WriteText("elsewhere.json", ProfileText("elsewhere", "a file outside the folder"));

        // Act
        var profile = ProfileCatalog.BuiltIn.Get(path);

        // Assert
        Assert.Equal("elsewhere", profile.Name);
        Assert.Equal(path, profile.Origin);
    }

    [Fact]
    public void Get_PathOfAnInvalidProfileFile_ThrowsProfileException()
    {
        // Arrange
        var path = _folder.WriteText("bad.json", """{ "name": "bad", "columns": { "date": "d" } }""");

        // Act
        var error = Assert.Throws<ProfileException>(() => ProfileCatalog.BuiltIn.Get(path));

        // Assert
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-bank")]
    [InlineData("missing.json")]
    public void Get_UnknownName_ListsTheKnownNames(string name)
    {
        // Act
        var error = Assert.Throws<ProfileException>(() => ProfileCatalog.BuiltIn.Get(name));

        // Assert
        Assert.Contains($"no profile {name}", error.Message, StringComparison.Ordinal);
        Assert.All(ProfileCatalog.BuiltIn.Profiles, p => Assert.Contains(p.Name, error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Of_GivenProfiles_HoldsExactlyThem()
    {
        // Arrange
        var profile = BankProfile.Generic with { Name = "only" };

        // Act
        var catalog = ProfileCatalog.Of([profile]);

        // Assert
        Assert.Same(profile, Assert.Single(catalog.Profiles));
        Assert.Throws<ProfileException>(() => catalog.Get("generic"));
    }
}
