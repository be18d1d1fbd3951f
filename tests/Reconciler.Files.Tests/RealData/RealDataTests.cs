namespace Reconciler.Files.Tests.RealData;

public sealed class RealDataTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Require_MissingFolderUnderCi_FailsNamingTheFolder()
    {
        // Arrange
        var missing = _folder.File("realdata");

        // Act
        var error = Assert.Throws<Xunit.Sdk.FailException>(() => RealData.Require(missing, underCi: true));

        // Assert
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("CI=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_MissingFolderOutsideCi_SkipsNamingTheFolder()
    {
        // Arrange
        var missing = _folder.File("realdata");

        // Act
        var skip = Assert.Throws<SkipException>(() => RealData.Require(missing, underCi: false));

        // Assert
        Assert.Contains(missing, skip.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Require_FolderPresent_Returns()
    {
        // Arrange
        Directory.CreateDirectory(_folder.File("realdata"));

        // Act
        var error = Record.Exception(() => RealData.Require(_folder.File("realdata"), underCi: true));

        // Assert
        Assert.Null(error);
    }

    [Fact]
    public void Locate_FromFolderInsideRepository_IsSharedRealdataBesideRepositoryRoot()
    {
        // Arrange: <temp>/repo/Reconciler.sln, and tests running from <temp>/repo/tests/bin/Release.
        var root = Directory.CreateDirectory(_folder.File("repo")).FullName;
        File.WriteAllText(Path.Combine(root, "Reconciler.sln"), "");
        var binaries = Directory.CreateDirectory(Path.Combine(root, "tests", "bin", "Release")).FullName;

        // Act
        var folder = RealData.Locate(binaries);

        // Assert
        Assert.Equal(Path.Combine(_folder.Path, "shared", "realdata"), folder);
    }
}
