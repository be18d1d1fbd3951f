using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using Reconciler.Worker.Cli;
using Reconciler.Worker.Tests.Cli;

namespace Reconciler.Worker.Tests.Serve;

/// <summary>
/// A temporary place for one <c>serve</c> test: generated receivables and statements, a configuration with short
/// settle and scan times, the watched folder (<c>watch/</c>) and the SQLite ledger's folder (<c>data/</c>).
/// </summary>
internal sealed class ServeSite : IDisposable
{
    private readonly TempFolder _temp = new();

    public ServeSite(int receivables, int seed)
    {
        Directory.CreateDirectory(Staging);
        var generated = CliRun.Of("generate", "--receivables", receivables.ToString(CultureInfo.InvariantCulture), "--out", Generated, "--seed", seed.ToString(CultureInfo.InvariantCulture));
        Assert.True(generated.ExitCode == ExitCodes.Ok, generated.Error);
    }

    public string Path => _temp.Path;

    public string Generated => _temp.File("generated");

    /// <summary>Where files are written before they are dropped into the inbox (same file system: a drop is a rename).</summary>
    public string Staging => _temp.File("staging");

    public string Receivables => System.IO.Path.Combine(Generated, "receivables.csv");

    public string StatementA => System.IO.Path.Combine(Generated, "statement-a.csv");

    public string StatementB => System.IO.Path.Combine(Generated, "statement-b.csv");

    public string Watch => _temp.File("watch");

    public string Inbox => System.IO.Path.Combine(Watch, "inbox");

    public string Processing => System.IO.Path.Combine(Watch, "processing");

    public string Archive => System.IO.Path.Combine(Watch, "archive");

    public string Failed => System.IO.Path.Combine(Watch, "failed");

    public string Data => _temp.File("data");

    public string Ledger => System.IO.Path.Combine(Data, "reconciler.db");

    /// <summary>Writes the configuration: files taken after 0.5 s unchanged, scans every 0.2 s, no nightly run.</summary>
    public string Config(string jobStorage = "auto", string settleTime = "00:00:00.5")
    {
        var path = _temp.File("reconciler.json");
        File.WriteAllText(path, $$"""
            {
              "Worker": {
                "ScanInterval": "00:00:00.2",
                "SettleTime": "{{settleTime}}",
                "NightlyCron": "",
                "Workers": 2,
                "ShutdownTimeout": "00:00:10",
                "JobStorage": "{{jobStorage}}"
              }
            }
            """);
        return path;
    }

    /// <summary>A start on this site's folders and SQLite ledger.</summary>
    public ServeStart Start(string jobStorage = "auto", string settleTime = "00:00:00.5") => new(Path, Config(jobStorage, settleTime), Watch, Receivables) { Data = Data };

    /// <summary>Lets user nobody work here (a worker started as nobody when the tests run as root): every folder 0777.</summary>
    [UnsupportedOSPlatform("windows")]
    public void OpenToAll()
    {
        const UnixFileMode All = (UnixFileMode)0b111_111_111;
        foreach (var folder in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories).Prepend(Path))
        {
            File.SetUnixFileMode(folder, All);
        }
    }

    /// <summary>Writes a statement into staging; returns its path.</summary>
    public string Stage(string name, string content)
    {
        var path = System.IO.Path.Combine(Staging, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Drops a staged file into the inbox at once (a rename, as a program saving it whole would).</summary>
    public void Drop(string name) => File.Move(System.IO.Path.Combine(Staging, name), System.IO.Path.Combine(Inbox, name));

    /// <summary>The files in <c>archive/</c>, by name (every day folder).</summary>
    public IReadOnlyList<string> Archived() =>
        Directory.Exists(Archive)
            ? [.. Directory.EnumerateFiles(Archive, "*", SearchOption.AllDirectories).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!]
            : [];

    /// <summary>The entries in <c>failed/</c> (files, folders, links), without the <c>.error.txt</c> files.</summary>
    public IReadOnlyList<string> FailedEntries() =>
        Directory.Exists(Failed)
            ? [.. new DirectoryInfo(Failed).EnumerateFileSystemInfos().Select(e => e.Name).Where(n => !n.EndsWith(".error.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
            : [];

    public IReadOnlyList<string> InProcessing() =>
        Directory.Exists(Processing) ? [.. Directory.EnumerateFiles(Processing).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    public void Dispose() => _temp.Dispose();
}
