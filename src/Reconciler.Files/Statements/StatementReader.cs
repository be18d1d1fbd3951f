using System.Text;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Reads a bank statement file, whatever it is: delimited text in any of the encodings profiles name, an
/// <c>.xlsx</c> or a legacy <c>.xls</c> workbook (told apart by their first bytes). With a profile, the file is
/// read as the profile says; without one, <see cref="ProfileDetector"/> recognises a known layout by its header or
/// detects a new one. A file is read whole or not at all.
/// </summary>
public static class StatementReader
{
    private const int SniffBytes = 8;

    /// <summary>Reads every line of a statement file, or throws naming file, row, column and value.</summary>
    /// <param name="stream">The file's content; read from its current position and left open. A stream that cannot seek is buffered.</param>
    /// <param name="fileName">The name lines carry and messages use.</param>
    /// <param name="profile">The profile to read with, or null to recognise or detect one.</param>
    /// <param name="catalog">The known profiles, for recognition; <see cref="ProfileCatalog.BuiltIn"/> when null.</param>
    /// <param name="limits">Row and workbook limits; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="InputFormatException">The file cannot be read as a statement; the message says where and why.</exception>
    public static StatementFile Read(Stream stream, string fileName, BankProfile? profile = null, ProfileCatalog? catalog = null, ReadLimits? limits = null) =>
        Read(stream, fileName, profile, catalog, limits, problems: null);

    private static StatementFile Read(Stream stream, string fileName, BankProfile? profile, ProfileCatalog? catalog, ReadLimits? limits, List<InputFormatException>? problems)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ReadLimits.Default;
        using var owned = stream.CanSeek ? null : Buffer(stream);
        var input = owned ?? stream;
        var how = "named";
        IReadOnlyList<string> notes = [];
        if (profile is null)
        {
            var detection = ProfileDetector.Detect(input, fileName, catalog ?? ProfileCatalog.BuiltIn, limits);
            profile = detection.Profile;
            how = detection.HowChosen;
            notes = detection.Notes;
        }
        else
        {
            // Detection refuses a file that is no table (MT940, camt, BAI2, OFX, PDF, HTML) itself; a named profile reads
            // it without detecting, so the same check comes first here.
            NonTableFormats.ThrowIfNotTable(input, fileName);
            var invalid = ProfileJson.Validate(profile);
            if (invalid.Count > 0)
            {
                throw new InputFormatException(fileName, 1, null, null, $"profile {profile.Name} cannot be used: {string.Join("; ", invalid)}");
            }
        }

        var kind = FileSniffer.Kind(FileSniffer.Head(input, SniffBytes));
        if (kind == FileKind.Text)
        {
            using var source = OpenText(input, fileName, profile);
            return new StatementFile(StatementTableReader.Read(source, profile, limits, problems, catalog?.Folder), profile, kind, null, how) { Notes = notes };
        }

        using var workbook = OpenWorkbook(input, fileName, kind, limits);
        var (lines, sheet) = ReadWorkbook(workbook, profile, limits, problems, catalog?.Folder);
        return new StatementFile(lines, profile, kind, sheet, how) { Notes = notes };
    }

    /// <summary>
    /// Reads a statement file for a clerk checking a profile: every row that cannot be read is reported (up to
    /// <paramref name="maxProblems"/>) instead of stopping at the first, and a file that cannot be read at all gives
    /// no lines and its one problem.
    /// </summary>
    public static StatementCheck Check(Stream stream, string fileName, BankProfile? profile = null, ProfileCatalog? catalog = null, ReadLimits? limits = null, int maxProblems = 20)
    {
        var problems = new List<InputFormatException>();
        try
        {
            var file = Read(stream, fileName, profile, catalog, limits, problems);
            return new StatementCheck(file, [.. problems.Take(maxProblems)], problems.Count);
        }
        catch (InputFormatException whole)
        {
            problems.Add(whole);
            return new StatementCheck(null, [.. problems.Take(maxProblems)], problems.Count);
        }
    }

    /// <summary>Opens a text file as the profile says; a byte order mark wins over the profile's encoding.</summary>
    internal static CsvRowSource OpenText(Stream stream, string fileName, BankProfile profile)
    {
        var head = FileSniffer.Head(stream, 4);
        var encoding = TextEncodings.Get(TextEncodings.FromByteOrderMark(head) ?? profile.Encoding);
        var delimiter = ProfileJson.DelimiterChar(profile.Delimiter);
        return new CsvRowSource(stream, fileName, delimiter, encoding, profile.UnwrapSingleQuotes);
    }

    /// <summary>Opens a workbook after checking an <c>.xlsx</c> against the limits.</summary>
    internal static WorkbookRowSource OpenWorkbook(Stream stream, string fileName, FileKind kind, ReadLimits limits)
    {
        if (kind == FileKind.Xlsx)
        {
            limits.Workbook.Check(stream, fileName);
        }

        return new WorkbookRowSource(stream, fileName);
    }

    /// <summary>Reads the profile's sheet, or the first sheet whose header the profile finds.</summary>
    internal static (IReadOnlyList<StatementLine> Lines, string Sheet) ReadWorkbook(WorkbookRowSource workbook, BankProfile profile, ReadLimits limits, List<InputFormatException>? problems = null, string? profilesFolder = null)
    {
        if (profile.Sheet is { } name)
        {
            var index = IndexOfSheet(workbook, name);
            if (index < 0)
            {
                throw new InputFormatException(
                    workbook.File,
                    1,
                    null,
                    null,
                    $"the workbook has no sheet \"{name}\" (profile {profile.Name}; its sheets are {string.Join(", ", workbook.Sheets.Select(s => string.Concat("\"", s, "\"")))})");
            }

            workbook.UseSheet(index);
            return (StatementTableReader.Read(workbook, profile, limits, problems, profilesFolder), workbook.Sheet);
        }

        InputFormatException? first = null;
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            workbook.UseSheet(i);
            try
            {
                StatementTableReader.Locate(workbook, profile, limits, profilesFolder);
            }
            catch (InputFormatException error)
            {
                first ??= error;
                continue;
            }

            workbook.UseSheet(i);
            return (StatementTableReader.Read(workbook, profile, limits, problems, profilesFolder), workbook.Sheet);
        }

        throw first ?? new InputFormatException(workbook.File, 1, null, null, "the workbook has no sheets");
    }

    private static int IndexOfSheet(WorkbookRowSource workbook, string name)
    {
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            if (string.Equals(workbook.Sheets[i].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static MemoryStream Buffer(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
