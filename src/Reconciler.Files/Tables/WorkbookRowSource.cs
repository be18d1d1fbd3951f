using System.Globalization;
using System.Text;
using ExcelDataReader;

namespace Reconciler.Files;

/// <summary>
/// The rows of one worksheet of an <c>.xlsx</c> or legacy <c>.xls</c> workbook, streamed with ExcelDataReader
/// (it needs no native library, unlike ClosedXML's drawing support on Linux, so a workbook with a logo reads on
/// a bare container). Cells keep their typed value; rows are numbered as Excel numbers them.
/// </summary>
internal sealed class WorkbookRowSource : RowSource
{
    private readonly IExcelDataReader _reader;
    private readonly List<string> _sheets = [];
    private int _sheet;
    private int _row;

    // ExcelDataReader needs the legacy code pages (1252 for its defaults, 936 and others for .xls).
    static WorkbookRowSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public WorkbookRowSource(Stream stream, string file)
    {
        File = file;
        try
        {
            _reader = ExcelReaderFactory.CreateReader(stream, new ExcelReaderConfiguration { LeaveOpen = true });
            do
            {
                _sheets.Add(_reader.Name ?? "");
            }
            while (_reader.NextResult());

            _reader.Reset();
        }
        catch (Exception error) when (error is not (OutOfMemoryException or InputFormatException))
        {
            throw Unreadable(file, error);
        }
    }

    public override string File { get; }

    /// <summary>The sheet names in workbook order.</summary>
    public IReadOnlyList<string> Sheets => _sheets;

    /// <summary>The sheet being read.</summary>
    public string Sheet => _sheets[_sheet];

    public override int Row => _row;

    public override int Count => _reader.FieldCount;

    /// <summary>Starts reading the sheet at <paramref name="index"/> from its first row.</summary>
    public void UseSheet(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _sheets.Count);
        Guard(() =>
        {
            _reader.Reset();
            for (var i = 0; i < index; i++)
            {
                _reader.NextResult();
            }
        });
        _sheet = index;
        _row = 0;
    }

    public override bool Read()
    {
        var read = false;
        Guard(() => read = _reader.Read());
        if (read)
        {
            _row++;
        }

        return read;
    }

    public override string Text(int index)
    {
        if ((uint)index >= (uint)_reader.FieldCount)
        {
            return "";
        }

        return _reader.GetValue(index) switch
        {
            null => "",
            string s => Trim(s),
            DateTime d => d.TimeOfDay == TimeSpan.Zero
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            double n => Math.Abs(n) < 7.9e28 ? ((decimal)n).ToString(CultureInfo.InvariantCulture) : n.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
    }

    public override object? Typed(int index) =>
        (uint)index < (uint)_reader.FieldCount && _reader.GetValue(index) is var value and (double or DateTime) ? value : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader?.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception error) when (error is not (OutOfMemoryException or InputFormatException))
        {
            throw Unreadable(File, error, _row + 1);
        }
    }

    private static InputFormatException Unreadable(string file, Exception error, int row = 1) =>
        new(file, row, null, null, $"the file is not a readable workbook ({error.Message})", error);
}
