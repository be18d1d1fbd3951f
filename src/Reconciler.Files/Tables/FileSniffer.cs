namespace Reconciler.Files;

/// <summary>Tells text files from workbooks by their first bytes.</summary>
internal static class FileSniffer
{
    public static FileKind Kind(ReadOnlySpan<byte> head) => head switch
    {
        [0x50, 0x4B, 0x03, 0x04, ..] => FileKind.Xlsx,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => FileKind.Xls,
        _ => FileKind.Text,
    };

    /// <summary>Reads up to <paramref name="count"/> bytes from the start of a seekable stream and rewinds it.</summary>
    public static byte[] Head(Stream stream, int count)
    {
        var start = stream.Position;
        var buffer = new byte[count];
        var total = 0;
        int read;
        while (total < count && (read = stream.Read(buffer, total, count - total)) > 0)
        {
            total += read;
        }

        stream.Position = start;
        return total == count ? buffer : buffer[..total];
    }
}
