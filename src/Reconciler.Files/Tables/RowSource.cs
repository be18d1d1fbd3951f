namespace Reconciler.Files;

/// <summary>
/// The rows of one table in a statement file (a delimited text file, or one worksheet), read forward once.
/// Cells come trimmed of spaces, tabs and ideographic spaces; workbook cells also keep their typed value (a
/// number or a date), so a date cell is never turned into text and parsed back.
/// </summary>
internal abstract class RowSource : IDisposable
{
    /// <summary>The file name for messages.</summary>
    public abstract string File { get; }

    /// <summary>The physical row of the current record, 1-based (the line in a text file, the row in a sheet).</summary>
    public abstract int Row { get; }

    /// <summary>The number of cells in the current record.</summary>
    public abstract int Count { get; }

    /// <summary>Moves to the next record (empty ones included); false at the end.</summary>
    public abstract bool Read();

    /// <summary>A cell's text, trimmed; empty beyond <see cref="Count"/>.</summary>
    public abstract string Text(int index);

    /// <summary>
    /// A cell's text, trimmed, as <see cref="Text"/> gives it, but written into <paramref name="buffer"/> where the
    /// source can do that without making a string (for amounts and dates, read millions of times); valid until the
    /// next <see cref="Read"/>.
    /// </summary>
    public virtual ReadOnlySpan<char> Chars(int index, Span<char> buffer) => Text(index);

    /// <summary>
    /// How many records the whole table holds, estimated from how far the records read so far went into the
    /// file; null where the size is not known. Lists of a million lines are sized once from it instead of doubled.
    /// </summary>
    public virtual int? EstimatedRecords => null;

    /// <summary>A cell's typed value in a workbook (<see cref="double"/> or <see cref="DateTime"/>), else null.</summary>
    public virtual object? Typed(int index) => null;

    /// <summary>The whole record as text, for messages: as it is in the file where there is one, else the cells.</summary>
    public virtual string RecordText()
    {
        var cells = new string[Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = Text(i);
        }

        return string.Join(" | ", cells);
    }

    /// <summary>True when every cell is empty.</summary>
    public virtual bool IsEmpty()
    {
        Span<char> buffer = stackalloc char[128];
        for (var i = 0; i < Count; i++)
        {
            if (!Chars(i, buffer).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Trims what banks pad cells with: spaces, tabs (an Excel text guard), no-break and ideographic spaces.</summary>
    protected static string Trim(string text) =>
        text.Length == 0 || !(IsPad(text[0]) || IsPad(text[^1])) ? text : text.Trim(PadChars);

    /// <summary>Trims what banks pad cells with, as <see cref="Trim(string)"/> does.</summary>
    protected static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text) => text.Trim(PadChars);

    private static readonly char[] PadChars = [' ', '\t', '\u00A0', '\u3000', '\r', '\n'];

    private static bool IsPad(char c) => c is ' ' or '\t' or '\u00A0' or '\u3000' or '\r' or '\n';
}
