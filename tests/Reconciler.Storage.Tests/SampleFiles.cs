using System.Security.Cryptography;
using System.Text;
using Reconciler.Domain;
using Reconciler.Files;

namespace Reconciler.Storage.Tests;

/// <summary>A statement as the store imports it: file name, SHA-256 of its bytes, profile name and lines.</summary>
internal sealed record SampleStatement(string FileName, string Sha256, string Profile, IReadOnlyList<StatementLine> Lines)
{
    /// <summary>A statement made in a test from <paramref name="lines"/> (renamed into the file, rows from 2), its SHA-256 taken over their text.</summary>
    public static SampleStatement Of(string fileName, params StatementLine[] lines)
    {
        var rows = lines.Select((line, i) => line with { File = fileName, Row = i + 2 }).ToList();
        return Keeping(fileName, rows);
    }

    /// <summary>A statement of <paramref name="lines"/> as they are (file names and rows kept), its SHA-256 taken over their text.</summary>
    public static SampleStatement Keeping(string fileName, IReadOnlyList<StatementLine> lines)
    {
        var text = string.Join('\n', lines.Select(r => r.ToString()));
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fileName + "\n" + text)));
        return new SampleStatement(fileName, sha, "generic", lines);
    }
}

/// <summary>The bundled samples (<c>samples/</c>), read as <c>reconcile</c> reads them.</summary>
internal static class SampleFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The 14 receivables of <c>samples/receivables.csv</c>.</summary>
    public static IReadOnlyList<Receivable> Receivables()
    {
        using var stream = File.OpenRead(PathOf("receivables.csv"));
        return ReceivableCsvReader.Read(stream, "receivables.csv");
    }

    /// <summary><c>samples/statement-a.csv</c>: 8 lines.</summary>
    public static SampleStatement StatementA() => Statement("statement-a.csv");

    /// <summary><c>samples/statement-b.csv</c>: 9 lines, the first the same bank line as A's last.</summary>
    public static SampleStatement StatementB() => Statement("statement-b.csv");

    private static SampleStatement Statement(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        using var stream = new MemoryStream(bytes);
        var file = StatementReader.Read(stream, name);
        return new SampleStatement(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Profile.Name, file.Lines);
    }

    /// <summary>The repository's root folder (where <c>Reconciler.sln</c> is).</summary>
    public static string RepositoryRoot => Root.Value;

    private static string PathOf(string name) => Path.Combine(Root.Value, "samples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}
