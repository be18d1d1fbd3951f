using System.Globalization;
using System.IO.Compression;

namespace Reconciler.Files;

/// <summary>
/// Limits that keep a hostile workbook (a "zip bomb": a small <c>.xlsx</c> whose parts expand to gigabytes) from
/// exhausting memory: the total uncompressed size of the parts and the compression ratio of each part, checked
/// from the zip directory before any part is inflated.
/// </summary>
public sealed record WorkbookLimits
{
    /// <summary>The defaults: 512 MiB uncompressed in all, a ratio of 200 per part.</summary>
    public static WorkbookLimits Default { get; } = new();

    /// <summary>The most bytes all parts of an <c>.xlsx</c> may expand to.</summary>
    public long MaxUncompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The most a part may expand relative to its compressed size (real sheets stay well under 100).</summary>
    public double MaxCompressionRatio { get; init; } = 200;

    /// <summary>Parts smaller than this are not held to the ratio (tiny parts compress oddly).</summary>
    public long RatioFloorBytes { get; init; } = 1024 * 1024;

    /// <summary>Checks an <c>.xlsx</c> (zip) stream and rewinds it; throws naming the part and the limit.</summary>
    /// <exception cref="InputFormatException">A limit is exceeded, or the zip directory cannot be read.</exception>
    public void Check(Stream stream, string file)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUncompressedBytes)
                {
                    throw new InputFormatException(
                        file,
                        1,
                        null,
                        null,
                        string.Create(CultureInfo.InvariantCulture, $"the workbook's parts expand to more than {MaxUncompressedBytes:N0} bytes (the limit Statements:MaxWorkbookBytes); it is refused as a possible zip bomb"));
                }

                if (entry.Length > RatioFloorBytes && entry.Length > MaxCompressionRatio * Math.Max(entry.CompressedLength, 1))
                {
                    throw new InputFormatException(
                        file,
                        1,
                        null,
                        null,
                        string.Create(CultureInfo.InvariantCulture, $"the workbook part {entry.FullName} expands {entry.Length / (double)Math.Max(entry.CompressedLength, 1):N0} times ({entry.CompressedLength:N0} to {entry.Length:N0} bytes), more than the limit of {MaxCompressionRatio:N0} (Statements:MaxCompressionRatio); it is refused as a possible zip bomb"));
                }
            }
        }
        catch (InvalidDataException error)
        {
            throw new InputFormatException(file, 1, null, null, $"the file is not a readable .xlsx workbook ({error.Message})", error);
        }
        finally
        {
            stream.Position = start;
        }
    }
}
