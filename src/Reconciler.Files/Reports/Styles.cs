using System.Globalization;
using System.Xml;

namespace Reconciler.Files;

/// <summary>
/// The one stylesheet of a report workbook: the header style, then one cell style per <see cref="CellKind"/> and
/// <see cref="ReportTone"/> (number format, fill, quote prefix).
/// </summary>
internal static class Styles
{
    /// <summary>The header row's style: bold on grey.</summary>
    public const int Header = 1;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly int Kinds = Enum.GetValues<CellKind>().Length;
    private static readonly int Tones = Enum.GetValues<ReportTone>().Length;
    private static readonly string[] Indexes = [.. Enumerable.Range(0, 2 + (Kinds * Tones)).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Fill colours, by tone (None has none): red, amber, green, as Excel's own conditional formats.</summary>
    private static readonly string[] Fills = ["", "FFFFC7CE", "FFFFEB9C", "FFC6EFCE"];

    /// <summary>The style index of a cell of <paramref name="kind"/> with <paramref name="tone"/>.</summary>
    public static int Of(CellKind kind, ReportTone tone) => 2 + ((int)tone * Kinds) + (int)kind;

    /// <summary>A style index as the attribute value.</summary>
    public static string Index(int style) => Indexes[style];

    /// <summary>The tab colour of a tone, or null.</summary>
    public static string? TabColour(ReportTone tone) => tone switch
    {
        ReportTone.Exception => "FFC00000",
        ReportTone.Review => "FFFFC000",
        ReportTone.Good => "FF00B050",
        _ => null,
    };

    private static (int Id, string Code)? Format(CellKind kind) => kind switch
    {
        CellKind.Money => (164, "#,##0.00"),
        CellKind.Date => (165, "yyyy-mm-dd"),
        CellKind.Decimal => (166, "0.00"),
        CellKind.DateTime => (167, "yyyy-mm-dd hh:mm"),
        CellKind.Percent => (168, "0.0%"),
        _ => null,
    };

    /// <summary>Writes <c>xl/styles.xml</c>.</summary>
    public static void Write(XmlWriter xml)
    {
        xml.WriteStartElement("styleSheet", Main);
        var formats = Enum.GetValues<CellKind>().Select(Format).OfType<(int Id, string Code)>().ToList();
        xml.WriteStartElement("numFmts", Main);
        xml.WriteAttributeString("count", Count(formats.Count));
        foreach (var (id, code) in formats)
        {
            xml.WriteStartElement("numFmt", Main);
            xml.WriteAttributeString("numFmtId", Count(id));
            xml.WriteAttributeString("formatCode", code);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("fonts", Main);
        xml.WriteAttributeString("count", "2");
        Font(xml, bold: false);
        Font(xml, bold: true);
        xml.WriteEndElement();

        // Fills 0 and 1 are the two Excel requires (none, gray125); 2 is the header's grey; 3.. the tones'.
        xml.WriteStartElement("fills", Main);
        xml.WriteAttributeString("count", Count(3 + Fills.Length - 1));
        Fill(xml, "none", null);
        Fill(xml, "gray125", null);
        Fill(xml, "solid", "FFD9D9D9");
        foreach (var colour in Fills.Skip(1))
        {
            Fill(xml, "solid", colour);
        }

        xml.WriteEndElement();
        xml.WriteStartElement("borders", Main);
        xml.WriteAttributeString("count", "1");
        xml.WriteStartElement("border", Main);
        foreach (var side in new[] { "left", "right", "top", "bottom", "diagonal" })
        {
            xml.WriteElementString(side, Main, null);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("cellStyleXfs", Main);
        xml.WriteAttributeString("count", "1");
        Xf(xml, 0, 0, 0, quote: false, inStyles: true);
        xml.WriteEndElement();
        xml.WriteStartElement("cellXfs", Main);
        xml.WriteAttributeString("count", Count(2 + (Kinds * Tones)));
        Xf(xml, 0, 0, 0, quote: false);
        Xf(xml, 0, 1, 2, quote: false);
        foreach (var tone in Enum.GetValues<ReportTone>())
        {
            foreach (var kind in Enum.GetValues<CellKind>())
            {
                Xf(xml, Format(kind)?.Id ?? 0, 0, tone == ReportTone.None ? 0 : 2 + (int)tone, quote: kind == CellKind.QuotedText);
            }
        }

        xml.WriteEndElement();
        xml.WriteStartElement("cellStyles", Main);
        xml.WriteAttributeString("count", "1");
        xml.WriteStartElement("cellStyle", Main);
        xml.WriteAttributeString("name", "Normal");
        xml.WriteAttributeString("xfId", "0");
        xml.WriteAttributeString("builtinId", "0");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static void Font(XmlWriter xml, bool bold)
    {
        xml.WriteStartElement("font", Main);
        if (bold)
        {
            xml.WriteElementString("b", Main, null);
        }

        xml.WriteStartElement("sz", Main);
        xml.WriteAttributeString("val", "11");
        xml.WriteEndElement();
        xml.WriteStartElement("name", Main);
        xml.WriteAttributeString("val", "Calibri");
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Fill(XmlWriter xml, string pattern, string? colour)
    {
        xml.WriteStartElement("fill", Main);
        xml.WriteStartElement("patternFill", Main);
        xml.WriteAttributeString("patternType", pattern);
        if (colour is not null)
        {
            xml.WriteStartElement("fgColor", Main);
            xml.WriteAttributeString("rgb", colour);
            xml.WriteEndElement();
            xml.WriteStartElement("bgColor", Main);
            xml.WriteAttributeString("indexed", "64");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Xf(XmlWriter xml, int format, int font, int fill, bool quote, bool inStyles = false)
    {
        xml.WriteStartElement("xf", Main);
        xml.WriteAttributeString("numFmtId", Count(format));
        xml.WriteAttributeString("fontId", Count(font));
        xml.WriteAttributeString("fillId", Count(fill));
        xml.WriteAttributeString("borderId", "0");
        if (!inStyles)
        {
            xml.WriteAttributeString("xfId", "0");
            if (format != 0)
            {
                xml.WriteAttributeString("applyNumberFormat", "1");
            }

            if (font != 0)
            {
                xml.WriteAttributeString("applyFont", "1");
            }

            if (fill != 0)
            {
                xml.WriteAttributeString("applyFill", "1");
            }

            if (quote)
            {
                xml.WriteAttributeString("quotePrefix", "1");
            }
        }

        xml.WriteEndElement();
    }
}
