using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Reconciler.Files;

/// <summary>
/// Writes report sheets as one <c>.xlsx</c> workbook, streaming: each row goes straight to the compressed sheet
/// part as it is enumerated, so a million rows never sit in memory (ClosedXML 0.95.4 keeps every cell of the
/// workbook as an object until it saves: about 1.4 GB for 100,000 rows of 14 cells, see benchmarks/RESULTS.md).
/// Every sheet has a bold header row, frozen, an autofilter over its rows, set column widths (no font measuring,
/// which needs libgdiplus on Linux), and typed cells: numbers, money in <c>#,##0.00</c>, dates in
/// <c>yyyy-mm-dd</c>. Text is always an inline string, never a formula; text a spreadsheet could read as one
/// (<c>= + - @</c>, tab, carriage return first) also gets Excel's quote prefix, so editing the cell keeps it text.
/// Text longer than Excel's 32,767 characters per cell is cut, ending with a marker naming its full length (<see cref="FitCell"/>).
/// A sheet with more rows than fit (Excel's 1,048,576 less the header) goes on in <c>Name (2)</c>, <c>Name (3)</c>…
/// </summary>
public static class XlsxTableWriter
{
    /// <summary>The most data rows a sheet holds: Excel's 1,048,576 rows less the header.</summary>
    public const int MaxRows = 1_048_575;

    /// <summary>The most characters (UTF-16 code units) Excel keeps in a cell: it refuses to open a workbook with more.</summary>
    public const int MaxCellText = 32_767;

    /// <summary>
    /// Text as a cell can hold it: unchanged up to <see cref="MaxCellText"/> characters; longer text (a long memo) is
    /// cut, never inside a surrogate pair, and ends with <c>… [truncated, 40,000 characters]</c> naming its full
    /// length, so the workbook opens and the reader sees that the rest is missing (the CSV outputs keep it whole).
    /// </summary>
    public static string FitCell(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxCellText)
        {
            return text;
        }

        var marker = string.Create(CultureInfo.InvariantCulture, $"… [truncated, {text.Length:N0} characters]");
        var keep = MaxCellText - marker.Length;
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), marker);
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>
    /// What Excel adds to a column's width in characters for the cell margins, as ClosedXML writes (and reads back) it:
    /// the stored width is the visible characters plus this.
    /// </summary>
    private const double WidthPadding = 0.710625;

    /// <summary>Rows read ahead of the writer (on another thread) per sheet.</summary>
    private const int PrefetchRows = 4096;

    private static readonly System.Buffers.SearchValues<char> NameForbidden = System.Buffers.SearchValues.Create("[]:*?/\\'");

    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), CheckCharacters = true };

    /// <summary>Writes the sheets to <paramref name="stream"/>, which is left open; returns what each sheet holds.</summary>
    /// <param name="stream">Where the workbook goes.</param>
    /// <param name="sheets">The sheets, in order; each one's rows are enumerated once.</param>
    /// <param name="maxRowsPerSheet">Rows per sheet before it is split (<see cref="MaxRows"/>; smaller in tests).</param>
    public static IReadOnlyList<WrittenSheet> Write(Stream stream, IEnumerable<ReportSheet> sheets, int maxRowsPerSheet = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRowsPerSheet);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxRowsPerSheet, MaxRows);
        var written = new List<(WrittenSheet Sheet, int Columns)>();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var sheet in sheets)
            {
                CheckSheet(sheet, written.Select(w => w.Sheet.Name));
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                using var rows = Prefetch.Ahead(sheet.Rows, PrefetchRows).GetEnumerator();
                var more = rows.MoveNext();
                var part = 1;
                do
                {
                    var name = part == 1 ? sheet.Name : string.Create(CultureInfo.InvariantCulture, $"{sheet.Name} ({part})");
                    var count = WriteSheet(zip, written.Count + 1, sheet, rows, ref more, maxRowsPerSheet, selected: written.Count == 0);
                    written.Add((new WrittenSheet(name, sheet.Name, count, System.Diagnostics.Stopwatch.GetElapsedTime(started)), sheet.Columns.Count));
                    started = System.Diagnostics.Stopwatch.GetTimestamp();
                    part++;
                }
                while (more);
            }

            if (written.Count == 0)
            {
                throw new ArgumentException("a workbook needs at least one sheet", nameof(sheets));
            }

            WriteEntry(zip, "xl/styles.xml", Styles.Write);
            WriteEntry(zip, "xl/workbook.xml", xml => WriteWorkbook(xml, written));
            WriteEntry(zip, "xl/_rels/workbook.xml.rels", xml => WriteWorkbookRelationships(xml, written.Count));
            WriteEntry(zip, "_rels/.rels", WritePackageRelationships);
            WriteEntry(zip, "[Content_Types].xml", xml => WriteContentTypes(xml, written.Count));
        }

        return [.. written.Select(w => w.Sheet)];
    }

    private static void CheckSheet(ReportSheet sheet, IEnumerable<string> taken)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        if (sheet.Name.Length is 0 or > 26 || sheet.Name.AsSpan().IndexOfAny(NameForbidden) >= 0)
        {
            throw new ArgumentException($"\"{sheet.Name}\" cannot name a sheet: 1 to 26 characters, none of [ ] : * ? / \\ '", nameof(sheet));
        }

        if (sheet.Columns.Count == 0)
        {
            throw new ArgumentException($"sheet {sheet.Name} has no columns", nameof(sheet));
        }

        if (taken.Contains(sheet.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"two sheets are named {sheet.Name}", nameof(sheet));
        }
    }

    private static void WriteEntry(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(entry, XmlSettings);
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    /// <summary>Writes one sheet part: the header and at most <paramref name="maxRows"/> rows from <paramref name="rows"/>.</summary>
    private static long WriteSheet(ZipArchive zip, int number, ReportSheet sheet, IEnumerator<object?[]> rows, ref bool more, int maxRows, bool selected)
    {
        var columns = sheet.Columns;
        var letters = columns.Select((_, i) => ColumnLetters(i + 1)).ToArray();
        long count = 0;
        using var entry = zip.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{number}.xml"), CompressionLevel.Fastest).Open();
        using var xml = XmlWriter.Create(entry, XmlSettings);
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("worksheet", Main);
        xml.WriteAttributeString("xmlns", "r", null, Relationships);
        if (Styles.TabColour(sheet.Tab) is { } colour)
        {
            xml.WriteStartElement("sheetPr", Main);
            xml.WriteStartElement("tabColor", Main);
            xml.WriteAttributeString("rgb", colour);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        WriteFrozenHeaderView(xml, selected);
        xml.WriteStartElement("sheetFormatPr", Main);
        xml.WriteAttributeString("defaultRowHeight", "15");
        xml.WriteEndElement();
        xml.WriteStartElement("cols", Main);
        for (var i = 0; i < columns.Count; i++)
        {
            xml.WriteStartElement("col", Main);
            var index = (i + 1).ToString(CultureInfo.InvariantCulture);
            xml.WriteAttributeString("min", index);
            xml.WriteAttributeString("max", index);
            xml.WriteAttributeString("width", (columns[i].Width + WidthPadding).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("sheetData", Main);
        var cells = new CellWriter(xml, letters);
        cells.StartRow(1);
        for (var i = 0; i < columns.Count; i++)
        {
            cells.Text(i, columns[i].Name, Styles.Header);
        }

        cells.EndRow();
        while (more && count < maxRows)
        {
            var values = rows.Current;
            var row = count + 2;
            cells.StartRow(row);
            for (var i = 0; i < columns.Count && i < values.Length; i++)
            {
                cells.Value(i, values[i]);
            }

            cells.EndRow();
            count++;
            more = rows.MoveNext();
        }

        xml.WriteEndElement(); // sheetData
        xml.WriteStartElement("autoFilter", Main);
        xml.WriteAttributeString("ref", string.Create(CultureInfo.InvariantCulture, $"A1:{letters[^1]}{count + 1}"));
        xml.WriteEndElement();
        xml.WriteEndElement(); // worksheet
        xml.WriteEndDocument();
        return count;
    }

    private static void WriteFrozenHeaderView(XmlWriter xml, bool selected)
    {
        xml.WriteStartElement("sheetViews", Main);
        xml.WriteStartElement("sheetView", Main);
        if (selected)
        {
            xml.WriteAttributeString("tabSelected", "1");
        }

        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteStartElement("pane", Main);
        xml.WriteAttributeString("ySplit", "1");
        xml.WriteAttributeString("topLeftCell", "A2");
        xml.WriteAttributeString("activePane", "bottomLeft");
        xml.WriteAttributeString("state", "frozen");
        xml.WriteEndElement();
        xml.WriteStartElement("selection", Main);
        xml.WriteAttributeString("pane", "bottomLeft");
        xml.WriteAttributeString("activeCell", "A2");
        xml.WriteAttributeString("sqref", "A2");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteWorkbook(XmlWriter xml, List<(WrittenSheet Sheet, int Columns)> sheets)
    {
        xml.WriteStartElement("workbook", Main);
        xml.WriteAttributeString("xmlns", "r", null, Relationships);
        xml.WriteStartElement("bookViews", Main);
        xml.WriteStartElement("workbookView", Main);
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("sheets", Main);
        for (var i = 0; i < sheets.Count; i++)
        {
            xml.WriteStartElement("sheet", Main);
            xml.WriteAttributeString("name", sheets[i].Sheet.Name);
            xml.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("id", Relationships, string.Create(CultureInfo.InvariantCulture, $"rId{i + 1}"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();

        // Excel keeps each sheet's filter range as a hidden name as well.
        xml.WriteStartElement("definedNames", Main);
        for (var i = 0; i < sheets.Count; i++)
        {
            xml.WriteStartElement("definedName", Main);
            xml.WriteAttributeString("name", "_xlnm._FilterDatabase");
            xml.WriteAttributeString("localSheetId", i.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("hidden", "1");
            xml.WriteString(string.Create(CultureInfo.InvariantCulture, $"'{sheets[i].Sheet.Name}'!$A$1:${ColumnLetters(sheets[i].Columns)}${sheets[i].Sheet.Rows + 1}"));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void WriteWorkbookRelationships(XmlWriter xml, int sheets)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        for (var i = 1; i <= sheets; i++)
        {
            Relationship(xml, string.Create(CultureInfo.InvariantCulture, $"rId{i}"), "worksheet", string.Create(CultureInfo.InvariantCulture, $"worksheets/sheet{i}.xml"));
        }

        Relationship(xml, "rIdStyles", "styles", "styles.xml");
        xml.WriteEndElement();
    }

    private static void WritePackageRelationships(XmlWriter xml)
    {
        xml.WriteStartElement("Relationships", PackageRelationships);
        Relationship(xml, "rId1", "officeDocument", "xl/workbook.xml");
        xml.WriteEndElement();
    }

    private static void Relationship(XmlWriter xml, string id, string type, string target)
    {
        xml.WriteStartElement("Relationship", PackageRelationships);
        xml.WriteAttributeString("Id", id);
        xml.WriteAttributeString("Type", $"{Relationships}/{type}");
        xml.WriteAttributeString("Target", target);
        xml.WriteEndElement();
    }

    private static void WriteContentTypes(XmlWriter xml, int sheets)
    {
        const string Types = "http://schemas.openxmlformats.org/package/2006/content-types";
        const string Office = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        xml.WriteStartElement("Types", Types);
        Default(xml, Types, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(xml, Types, "xml", "application/xml");
        Override(xml, Types, "/xl/workbook.xml", $"{Office}.sheet.main+xml");
        Override(xml, Types, "/xl/styles.xml", $"{Office}.styles+xml");
        for (var i = 1; i <= sheets; i++)
        {
            Override(xml, Types, string.Create(CultureInfo.InvariantCulture, $"/xl/worksheets/sheet{i}.xml"), $"{Office}.worksheet+xml");
        }

        xml.WriteEndElement();

        static void Default(XmlWriter xml, string ns, string extension, string type)
        {
            xml.WriteStartElement("Default", ns);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }

        static void Override(XmlWriter xml, string ns, string part, string type)
        {
            xml.WriteStartElement("Override", ns);
            xml.WriteAttributeString("PartName", part);
            xml.WriteAttributeString("ContentType", type);
            xml.WriteEndElement();
        }
    }

    /// <summary>The letters of a 1-based column number: 1 is A, 27 is AA.</summary>
    internal static string ColumnLetters(int column)
    {
        var letters = "";
        while (column > 0)
        {
            var rest = (column - 1) % 26;
            letters = (char)('A' + rest) + letters;
            column = (column - rest - 1) / 26;
        }

        return letters;
    }

    /// <summary>
    /// Writes rows of cells, typed and styled by their values. Each row is built as markup in a buffer of its own
    /// (escaped here) and handed to the XML writer whole: a writer call per cell, attribute and value costs several
    /// times as much at a million rows.
    /// </summary>
    private sealed class CellWriter(XmlWriter xml, string[] letters)
    {
        private static readonly int DayZero = new DateOnly(1899, 12, 30).DayNumber;
        private char[] _buffer = new char[4096];
        private int _length;
        private string _row = "";

        public void StartRow(long row)
        {
            _row = row.ToString(CultureInfo.InvariantCulture);
            _length = 0;
            Append("<row r=\"");
            Append(_row);
            Append("\">");
        }

        public void EndRow()
        {
            Append("</row>");
            xml.WriteRaw(_buffer, 0, _length);
        }

        public void Value(int column, object? value)
        {
            var tone = ReportTone.None;
            if (value is Toned toned)
            {
                (value, tone) = (toned.Value, toned.Tone);
            }

            switch (value)
            {
                case null:
                    if (tone != ReportTone.None)
                    {
                        Start(column, Styles.Of(CellKind.Text, tone));
                        Append("/>");
                    }

                    break;
                case string text:
                    if (text.Length > 0 || tone != ReportTone.None)
                    {
                        Text(column, text, Styles.Of(SpreadsheetText.IsFormulaLike(text) ? CellKind.QuotedText : CellKind.Text, tone));
                    }

                    break;
                case int number:
                    Number(column, CellKind.Integer, tone, number.TryFormat(Room(), out var n1, provider: CultureInfo.InvariantCulture), n1);
                    break;
                case long number:
                    Number(column, CellKind.Integer, tone, number.TryFormat(Room(), out var n2, provider: CultureInfo.InvariantCulture), n2);
                    break;
                case decimal money:
                    Number(column, CellKind.Money, tone, money.TryFormat(Room(), out var n3, provider: CultureInfo.InvariantCulture), n3);
                    break;
                case double real:
                    Number(column, CellKind.Decimal, tone, Finite(real).TryFormat(Room(), out var n4, "R", CultureInfo.InvariantCulture), n4);
                    break;
                case Percent percent:
                    Number(column, CellKind.Percent, tone, Finite(percent.Fraction).TryFormat(Room(), out var n5, "R", CultureInfo.InvariantCulture), n5);
                    break;
                case DateOnly day:
                    Number(column, CellKind.Date, tone, (day.DayNumber - DayZero).TryFormat(Room(), out var n6, provider: CultureInfo.InvariantCulture), n6);
                    break;
                case DateTime instant:
                    Number(column, CellKind.DateTime, tone, instant.ToOADate().TryFormat(Room(), out var n7, "R", CultureInfo.InvariantCulture), n7);
                    break;
                default:
                    throw new ArgumentException($"a report cell cannot hold a {value.GetType().Name}", nameof(value));
            }
        }

        /// <summary>A text cell: an inline string, never a formula; cut to Excel's limit with a marker (see <see cref="FitCell"/>).</summary>
        public void Text(int column, string text, int style)
        {
            Start(column, style);
            Append(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
            AppendEscaped(FitCell(text));
            Append("</t></is></c>");
        }

        private static double Finite(double value) => double.IsFinite(value) ? value : 0;

        /// <summary>Opens a cell element, leaving the start tag open for a type.</summary>
        private void Start(int column, int style)
        {
            Append("<c r=\"");
            Append(letters[column]);
            Append(_row);
            Append("\" s=\"");
            Append(Styles.Index(style));
            Append("\"");
        }

        /// <summary>Space for a formatted number, kept past the cell's start tag (written after it).</summary>
        private Span<char> Room()
        {
            Ensure(128);
            return _buffer.AsSpan(_buffer.Length - 64);
        }

        private void Number(int column, CellKind kind, ReportTone tone, bool formatted, int length)
        {
            if (!formatted)
            {
                throw new InvalidOperationException("a number did not fit its buffer");
            }

            // The number sits at the end of the buffer; copy it out before the tag is appended over nothing it needs.
            Span<char> number = stackalloc char[length];
            _buffer.AsSpan(_buffer.Length - 64, length).CopyTo(number);
            Start(column, Styles.Of(kind, tone));
            Append("><v>");
            Append(number);
            Append("</v></c>");
        }

        private void Append(ReadOnlySpan<char> text)
        {
            Ensure(text.Length);
            text.CopyTo(_buffer.AsSpan(_length));
            _length += text.Length;
        }

        /// <summary>
        /// Appends element text: markup characters escaped, carriage returns kept, the underscore of a <c>_xHHHH_</c> written
        /// as <c>_x005F_</c> (so the text reads back as written), characters XML cannot hold as U+FFFD.
        /// </summary>
        private void AppendEscaped(string text)
        {
            Ensure((text.Length * 6) + 8);
            var span = _buffer.AsSpan();
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '&':
                        "&amp;".CopyTo(span[_length..]);
                        _length += 5;
                        break;
                    case '<':
                        "&lt;".CopyTo(span[_length..]);
                        _length += 4;
                        break;
                    case '>':
                        "&gt;".CopyTo(span[_length..]);
                        _length += 4;
                        break;
                    case '\r':
                        "&#xD;".CopyTo(span[_length..]);
                        _length += 5;
                        break;
                    case '_' when LooksLikeCharacterEscape(text.AsSpan(i)):
                        // Spreadsheets read _xHHHH_ as the character HHHH: the underscore is written as its own escape.
                        "_x005F_".CopyTo(span[_length..]);
                        _length += 7;
                        break;
                    default:
                        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        {
                            span[_length++] = c;
                            span[_length++] = text[++i];
                        }
                        else
                        {
                            span[_length++] = XmlConvert.IsXmlChar(c) ? c : '\uFFFD';
                        }

                        break;
                }
            }
        }

        /// <summary>Whether <paramref name="text"/> starts with <c>_xHHHH_</c>, which a spreadsheet reads as the character HHHH.</summary>
        private static bool LooksLikeCharacterEscape(ReadOnlySpan<char> text) =>
            text.Length >= 7 && text[1] == 'x' && text[6] == '_' && char.IsAsciiHexDigit(text[2]) && char.IsAsciiHexDigit(text[3])
            && char.IsAsciiHexDigit(text[4]) && char.IsAsciiHexDigit(text[5]);

        /// <summary>Makes room for <paramref name="more"/> characters past what the row holds, and 64 spare for a number.</summary>
        private void Ensure(int more)
        {
            var needed = _length + more + 64;
            if (needed > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
            }
        }
    }
}
