namespace Reconciler.Files;

/// <summary>One row from the top of a file, kept for detection: its physical row, its cells and (in workbooks) their typed values.</summary>
internal sealed record SampleRow(int Row, string[] Cells, object?[] Typed)
{
    public static SampleRow From(RowSource source)
    {
        var cells = new string[source.Count];
        var typed = new object?[source.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = source.Text(i);
            typed[i] = source.Typed(i);
        }

        return new SampleRow(source.Row, cells, typed);
    }

    public bool IsEmpty => Array.TrueForAll(Cells, c => c.Length == 0);

    /// <summary>The cells without the empty ones at the end.</summary>
    public string[] Trimmed()
    {
        var count = Cells.Length;
        while (count > 0 && Cells[count - 1].Length == 0)
        {
            count--;
        }

        return Cells[..count];
    }

    public string Cell(int index) => index < Cells.Length ? Cells[index] : "";

    public object? TypedCell(int index) => index < Typed.Length ? Typed[index] : null;
}
