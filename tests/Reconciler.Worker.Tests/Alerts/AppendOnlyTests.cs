using System.Globalization;
using System.Text;
using Reconciler.Worker.Alerts;

namespace Reconciler.Worker.Tests.Alerts;

public class AppendOnlyTests
{
    [SkippableFact]
    public void Write_FourWritersAtOnceWithoutALock_EveryLineWholeAndOnce()
    {
        // Off Linux a stream appends, which gives no such promise.
        Skip.IfNot(OperatingSystem.IsLinux(), "O_APPEND is used on Linux only");

        // Arrange: four writers (as two processes sending alerts to one folder would be), each with 400 lines of 1–3 KB.
        // (The stream that appended before passed this too, in three runs of these 1,600 lines and three of 20,000 short
        // ones: the moment between its open and its write is too short to hit often. The test guards what O_APPEND
        // promises; it does not show the old race.)
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "alerts.jsonl");
        static string Line(int writer, int n) =>
            string.Create(CultureInfo.InvariantCulture, $"{writer}:{n}:") + new string((char)('a' + writer), 1_000 + (n * 7 % 2_000));

        // Act
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, writer =>
        {
            for (var n = 0; n < 400; n++)
            {
                AppendOnly.Write(file, Encoding.UTF8.GetBytes(Line(writer, n) + "\n"));
            }
        });

        // Assert: nothing overwritten, nothing interleaved.
        var lines = File.ReadAllLines(file);
        Assert.Equal(1_600, lines.Length);
        var expected = Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, 400).Select(n => Line(w, n)));
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_FileAnotherWriterAppendedTo_LineGoesAfterTheirs()
    {
        // Arrange: a file another writer has appended to since it was created.
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "alerts.jsonl");
        AppendOnly.Write(file, "first\n"u8);
        File.AppendAllText(file, "second\n");

        // Act
        AppendOnly.Write(file, "third\n"u8);

        // Assert
        Assert.Equal(["first", "second", "third"], File.ReadAllLines(file));
    }

    [Fact]
    public void Write_FolderMissing_IOExceptionNamingTheFile()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "missing", "alerts.jsonl");

        var error = Assert.ThrowsAny<IOException>(() => AppendOnly.Write(file, "line\n"u8));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
