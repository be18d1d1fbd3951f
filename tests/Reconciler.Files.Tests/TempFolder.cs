using System.Text;

namespace Reconciler.Files.Tests;

/// <summary>A real folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconciler-files-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes UTF-8 text (no byte order mark unless asked) and returns the file's path.</summary>
    public string WriteText(string name, string content, bool byteOrderMark = false)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content, new UTF8Encoding(byteOrderMark));
        return path;
    }

    public string WriteBytes(string name, byte[] content)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public FileStream OpenRead(string name) => System.IO.File.OpenRead(File(name));

    public FileStream Create(string name) => System.IO.File.Create(File(name));

    public string ReadText(string name) => System.IO.File.ReadAllText(File(name), Encoding.UTF8);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: leave the folder to the OS's temp cleaning.
        }
    }
}
