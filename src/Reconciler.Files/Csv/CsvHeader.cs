using System.Globalization;

namespace Reconciler.Files;

/// <summary>
/// The header row of a table (a delimited file, or a worksheet): resolves the column names a layout asks for to
/// field indexes once, matching names trimmed and without case, reports every missing column in one message, and
/// checks that the rows of a delimited file are as wide as the header.
/// </summary>
internal sealed class CsvHeader
{
    private readonly string _file;
    private readonly int _row;
    private readonly Dictionary<string, int> _indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _duplicates = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _asked = [];
    private readonly List<string> _missing = [];

    public CsvHeader(string file, int row, IReadOnlyList<string> names)
    {
        _file = file;
        _row = row;
        Names = names;
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i].Trim();
            if (name.Length > 0 && !_indexes.TryAdd(name, i))
            {
                _duplicates.Add(name);
            }
        }
    }

    /// <summary>The names as they are in the file.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of columns every data row must have.</summary>
    public int Count => Names.Count;

    /// <summary>The index of a column that must be there; a missing one is reported by <see cref="ThrowIfMissing"/>.</summary>
    public int Required(string name)
    {
        var index = Find(name);
        if (index < 0)
        {
            _missing.Add(name);
        }

        return index;
    }

    /// <summary>The index of a column that may be absent, or -1.</summary>
    public int Optional(string? name) => string.IsNullOrWhiteSpace(name) ? -1 : Find(name);

    /// <summary>Throws when a row of a delimited file has more or fewer values than the header has columns.</summary>
    public void CheckWidth(RowSource row)
    {
        if (row.Count != Count)
        {
            throw new InputFormatException(
                _file,
                row.Row,
                null,
                row.RecordText(),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the row has {row.Count} values but the header has {Count} columns (a value that contains the delimiter must be in quotes)"));
        }
    }

    /// <summary>Throws one <see cref="InputFormatException"/> that names every missing required column.</summary>
    public void ThrowIfMissing()
    {
        if (_missing.Count == 0)
        {
            return;
        }

        var quoted = string.Join(", ", _missing.Select(n => string.Concat("\"", n, "\"")));
        var problem = string.Create(
            CultureInfo.InvariantCulture,
            $"the header has no column {quoted} (expected the columns {string.Join(", ", _asked)}; found {string.Join(", ", Names)})");
        if (_missing.Count > 1)
        {
            problem = problem.Replace("has no column ", "has no columns ", StringComparison.Ordinal);
        }

        throw new InputFormatException(_file, _row, string.Join(", ", _missing), null, problem);
    }

    private int Find(string name)
    {
        var key = name.Trim();
        _asked.Add(key);
        if (_duplicates.Contains(key))
        {
            throw new InputFormatException(
                _file,
                _row,
                key,
                null,
                $"the header has the column \"{key}\" more than once, so it is not clear which to read (keep one)");
        }

        return _indexes.TryGetValue(key, out var index) ? index : -1;
    }
}
