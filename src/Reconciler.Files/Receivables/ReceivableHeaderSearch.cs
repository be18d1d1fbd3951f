using System.Globalization;

namespace Reconciler.Files;

/// <summary>
/// Finds the header row of a receivables file below any title rows: the first row that holds every required
/// column of the <see cref="ReceivableColumns"/>. Remembers the closest miss, so a file without such a row is
/// reported at the row that looked most like a header, naming the columns it lacks and those it has.
/// </summary>
internal sealed class ReceivableHeaderSearch
{
    private readonly string[] _required;
    private Candidate? _best;
    private Candidate? _first;

    public ReceivableHeaderSearch(ReceivableColumns columns) => _required = [.. columns.RequiredColumns()];

    /// <summary>The required columns, for messages.</summary>
    public string Expected => string.Join(", ", _required);

    /// <summary>Whether a non-empty row is the header; every row looked at is remembered for the message if none is.</summary>
    /// <param name="location">The file (and sheet) for messages.</param>
    /// <param name="row">The physical row.</param>
    /// <param name="names">The row's values.</param>
    public bool IsHeader(string location, int row, IReadOnlyList<string> names)
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            present.Add(name.Trim());
        }

        var found = _required.Count(present.Contains);
        var candidate = new Candidate(location, row, names, found);
        _first ??= candidate;
        if (_best is null || found > _best.Found)
        {
            _best = candidate;
        }

        return found == _required.Length;
    }

    /// <summary>The error for a file (or the sheets of a workbook) in which no header row was found.</summary>
    /// <param name="file">The file name, for a file without any value.</param>
    /// <param name="empty">What is empty when nothing was read: <c>the file</c>, <c>the workbook</c>, <c>sheet X</c>.</param>
    /// <param name="searched">What was searched, appended to the message when not null: <c>sheets searched: A, B</c>.</param>
    public InputFormatException NotFound(string file, string empty, string? searched)
    {
        var suffix = searched is null ? "" : string.Concat("; ", searched);
        if (_first is null || _best is null)
        {
            return new InputFormatException(file, 1, null, null, $"{empty} is empty (expected a header row with the columns {Expected}{suffix})");
        }

        if (_best.Found > 0)
        {
            // The closest miss is reported as the header it was probably meant to be, as CsvHeader words it.
            var present = new HashSet<string>(_best.Names.Select(n => n.Trim()), StringComparer.OrdinalIgnoreCase);
            var missing = _required.Where(name => !present.Contains(name)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var quoted = string.Join(", ", missing.Select(n => string.Concat("\"", n, "\"")));
            return new InputFormatException(
                _best.Location,
                _best.Row,
                string.Join(", ", missing),
                null,
                $"the header has no column{(missing.Count > 1 ? "s" : "")} {quoted} (expected the columns {Expected}; found {Values(_best.Names)}){suffix}");
        }

        return new InputFormatException(
            _first.Location,
            _first.Row,
            Expected,
            null,
            string.Create(
                CultureInfo.InvariantCulture,
                $"no row among the first {ReceivableColumns.HeaderSearchRows} has any of the columns {Expected} (the first row with values, row {_first.Row}, has: {Values(_first.Names)}){suffix}"));
    }

    private static string Values(IReadOnlyList<string> names) =>
        string.Join(", ", names.Select(n => n.Trim()).Where(n => n.Length > 0));

    private sealed record Candidate(string Location, int Row, IReadOnlyList<string> Names, int Found);
}
