using System.Globalization;
using Reconciler.Domain;

namespace Reconciler.Files;

/// <summary>
/// Reads the transactions of one table (a text file or a worksheet) as a <see cref="BankProfile"/> says: finds
/// the header (rows above it are the bank's preamble), checks it against the profile's remembered header,
/// skips empty rows and total, balance and disclaimer rows, and turns every other row into a
/// <see cref="StatementLine"/> or an error that names the row, the column and the value.
/// </summary>
internal static class StatementTableReader
{
    // After this many lines the list is sized for the whole file (the lines so far say how long a line is).
    private const int SizingRows = 4096;

    /// <summary>Reads every transaction, or throws; never returns part of a table.</summary>
    /// <param name="source">The table, positioned before its first row.</param>
    /// <param name="profile">The profile to read it with.</param>
    /// <param name="limits">The row limit and the header search depth.</param>
    /// <param name="problems">
    /// When given, a row that cannot be read is reported here and skipped instead of stopping the read (for
    /// <c>profile check</c>, which shows every problem at once); problems with the header still throw.
    /// </param>
    /// <param name="profilesFolder">The profiles folder, where advice about a drifted header sends a copy of the profile.</param>
    public static IReadOnlyList<StatementLine> Read(RowSource source, BankProfile profile, ReadLimits limits, List<InputFormatException>? problems = null, string? profilesFolder = null)
    {
        var layout = Locate(source, profile, limits, profilesFolder);
        var lines = new List<StatementLine>();
        var reader = new RowReader(source, layout);
        var width = layout.Names.Count;
        while (source.Read())
        {
            if (source.IsEmpty())
            {
                continue;
            }

            var hasDate = reader.TryDate(out var date, out var time);
            if (!hasDate && IsSkipped(source, profile))
            {
                continue;
            }

            if (lines.Count == limits.MaxRows)
            {
                throw new InputFormatException(
                    source.File,
                    source.Row,
                    null,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"the file has more than {limits.MaxRows:N0} transaction rows (the limit Statements:MaxRows); split it, or raise the limit"));
            }

            if (lines.Count == SizingRows)
            {
                lines.Capacity = Math.Max(SizingRows, Math.Min(limits.MaxRows, ReceivableTableReader.EstimatedCapacity(source)));
            }

            try
            {
                CheckWidth(source, width, source is CsvRowSource);
                lines.Add(reader.Line(hasDate ? (date, time) : null));
            }
            catch (InputFormatException problem) when (problems is not null)
            {
                problems.Add(problem);
            }
        }

        return lines;
    }

    /// <summary>Finds the header (or the first data row) and resolves the profile's columns; the source is left on the header row.</summary>
    internal static ProfileLayout Locate(RowSource source, BankProfile profile, ReadLimits limits, string? profilesFolder = null)
    {
        if (!profile.HasHeaderRow)
        {
            return LocateWithoutHeader(source, profile);
        }

        var remembered = profile.Header;
        (int Row, string[] Cells, int Shared) closest = (0, [], 0);
        while (source.Read())
        {
            if (profile.HeaderRow is { } fixedRow && source.Row < fixedRow)
            {
                continue;
            }

            if (source.IsEmpty() && profile.HeaderRow is null)
            {
                if (source.Row >= limits.HeaderSearchRows)
                {
                    break;
                }

                continue;
            }

            var cells = HeaderCells(source);
            if (remembered is null)
            {
                return new ProfileLayout(profile, cells, source.File, source.Row);
            }

            if (SameHeader(cells, remembered))
            {
                return new ProfileLayout(profile, cells, source.File, source.Row);
            }

            var shared = cells.Count(c => remembered.Contains(c, StringComparer.OrdinalIgnoreCase));
            if (shared > closest.Shared)
            {
                closest = (source.Row, cells, shared);
            }

            if (profile.HeaderRow is not null || source.Row >= limits.HeaderSearchRows)
            {
                break;
            }
        }

        if (remembered is null)
        {
            throw new InputFormatException(
                source.File,
                1,
                null,
                null,
                $"the file is empty (expected a header row with the columns {string.Join(", ", ExpectedColumns(profile))})");
        }

        if (closest.Shared >= Math.Max(2, (remembered.Count + 1) / 2))
        {
            throw new InputFormatException(
                source.File,
                closest.Row,
                null,
                null,
                $"the header is not the one profile {profile.Name} knows, so the file is refused rather than misread: {HeaderDifference(closest.Cells, remembered)} ({HeaderDrift.Advice(profile, closest.Cells, profilesFolder)})");
        }

        throw new InputFormatException(
            source.File,
            1,
            null,
            null,
            string.Create(CultureInfo.InvariantCulture, $"no header row of profile {profile.Name} in the first {limits.HeaderSearchRows} rows (expected {string.Join(", ", remembered)})"));
    }

    /// <summary>What differs between a file's header and the profile's: missing, new and moved columns.</summary>
    internal static string HeaderDifference(IReadOnlyList<string> found, IReadOnlyList<string> expected)
    {
        // Names are counted, not just looked up: a bank that drops one of two "Währung" columns has a column missing.
        var missing = HeaderDrift.Surplus(expected, found);
        var added = HeaderDrift.Surplus(found, expected);
        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"missing {Quoted(missing)}");
        }

        if (added.Count > 0)
        {
            parts.Add($"new {Quoted(added)}");
        }

        if (missing.Count == 1 && added.Count == 1)
        {
            parts[0] = $"column \"{missing[0]}\" is now \"{added[0]}\"";
            parts.RemoveAt(1);
        }

        if (parts.Count == 0)
        {
            parts.Add($"the columns are in another order ({string.Join(", ", found)} instead of {string.Join(", ", expected)})");
        }

        return string.Join("; ", parts);

        static string Quoted(List<string> names) => string.Join(", ", names.Select(n => string.Concat("\"", n, "\"")));
    }

    /// <summary>A header row's cells, trimmed, without the empty cells at its end.</summary>
    internal static string[] HeaderCells(RowSource source)
    {
        var count = source.Count;
        while (count > 0 && source.Text(count - 1).Length == 0)
        {
            count--;
        }

        var cells = new string[count];
        for (var i = 0; i < count; i++)
        {
            cells[i] = source.Text(i);
        }

        return cells;
    }

    /// <summary>True when a row's cells are the remembered header: the same names in the same order, trimmed, without case.</summary>
    internal static bool SameHeader(IReadOnlyList<string> cells, IReadOnlyList<string> remembered)
    {
        if (cells.Count != remembered.Count)
        {
            return false;
        }

        for (var i = 0; i < cells.Count; i++)
        {
            if (!string.Equals(cells[i], remembered[i].Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static ProfileLayout LocateWithoutHeader(RowSource source, BankProfile profile)
    {
        var names = profile.Header ?? throw new InputFormatException(source.File, 1, null, null, $"profile {profile.Name} has no header row, so it must name the columns by position in Header");
        var first = profile.HeaderRow ?? 1;
        var layout = new ProfileLayout(profile, names, source.File, first);
        while (source.Row < first - 1 && source.Read())
        {
        }

        return layout;
    }

    private static bool IsSkipped(RowSource source, BankProfile profile)
    {
        if (profile.SkipRowsStartingWith.Count == 0)
        {
            return false;
        }

        for (var i = 0; i < source.Count; i++)
        {
            var text = source.Text(i);
            if (text.Length > 0)
            {
                return profile.SkipRowsStartingWith.Any(marker => text.StartsWith(marker, StringComparison.OrdinalIgnoreCase));
            }
        }

        return false;
    }

    private static void CheckWidth(RowSource source, int width, bool strict)
    {
        var count = source.Count;
        if (count == width)
        {
            return;
        }

        if (count > width)
        {
            for (var i = width; i < count; i++)
            {
                if (source.Text(i).Length > 0)
                {
                    throw Width(source, width);
                }
            }

            return;
        }

        if (strict)
        {
            throw Width(source, width);
        }
    }

    private static InputFormatException Width(RowSource source, int width) => new(
        source.File,
        source.Row,
        null,
        source.RecordText(),
        string.Create(CultureInfo.InvariantCulture, $"the row has {source.Count} values but the header has {width} columns (a value that contains the delimiter must be in quotes)"));

    private static IEnumerable<string> ExpectedColumns(BankProfile profile)
    {
        var c = profile.Columns;
        return new[] { c.Date, c.Time, c.ValueDate, c.Amount, c.Credit, c.Debit, c.Direction, c.Currency, c.PayerName, c.PayerAccount }
            .Concat(c.Memo)
            .Append(c.BankRef)
            .OfType<string>()
            .Where(n => n.Length > 0);
    }
}
