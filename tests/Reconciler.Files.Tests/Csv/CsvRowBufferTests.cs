using CsvHelper;

namespace Reconciler.Files.Tests;

public class CsvRowBufferTests
{
    // Values that need quotes, have whitespace at an end, look like formulas, are not ASCII or not valid UTF-16.
    public static TheoryData<string> Texts() =>
    [
        "",
        "plain",
        "a,b",
        "say \"hi\"",
        "\"",
        "\"\"",
        "line\r\nbreak",
        "cr\ronly",
        "lf\nonly",
        " leading",
        "trailing ",
        "\ttab",
        "tab\t",
        " ",
        "=SUM(A1)",
        "+1",
        "-491326.72",
        "@handle",
        "\tformula tab",
        "\rformula cr",
        "'quoted already'",
        "健祥医疗科技（济南）有限公司",
        "Ｗｅｓｔｆｉｅｌｄ　Ｈｅａｌｔｈｃａｒｅ　ＬＬＣ",
        "\u3000ideographic\u3000",
        "\u00A0no-break\u00A0",
        "emoji 😀, quoted",
        "lone \uD800 high",
        "lone \uDC00 low",
        "end high \uD800",
        "\uD800\"after a lone high",
        "contract SO-26-1155369 in memo and 16,746.12 vs open 16,746.12 (0.00%, within ±3%), but paid 2026-01-05 is outside the window 2026-03-11…2026-08-23",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Text_AnyValue_WritesTheBytesCsvHelperWrites(string text)
    {
        // Arrange: the value first and last in a row, as text and as text meant for people
        var buffer = new CsvRowBuffer(capacity: 4);

        // Act
        buffer.Text(text);
        buffer.Text("x");
        buffer.ProtectedText(text);
        buffer.EndRow();
        buffer.ProtectedText(text);
        buffer.Text("y");
        buffer.Text(text);
        buffer.EndRow();

        // Assert
        Assert.Equal(CsvHelperBytes([[text, "x", SpreadsheetText.Protect(text)], [SpreadsheetText.Protect(text), "y", text]]), buffer.Written.ToArray());
    }

    [Fact]
    public void Numbers_AsCsvFieldsFormatsThem_WritesTheSameBytes()
    {
        // Arrange
        var buffer = new CsvRowBuffer();
        using var expected = new MemoryStream();
        using (var writer = CsvOutput.Create(expected))
        {
            writer.WriteMoney(-491_326.72m);
            writer.WriteMoney(12.5m);
            writer.WriteMoney(1.125000m);
            writer.WriteDate(new DateOnly(2026, 1, 5));
            writer.WriteInteger(1_000_293);
            writer.WriteFixed2(0.5);
            writer.WriteFixed2(1);
            writer.EndRecord();
            writer.Flush();
        }

        // Act
        buffer.Money(-491_326.72m);
        buffer.Money(12.5m);
        buffer.Money(1.125000m);
        buffer.IsoDate(new DateOnly(2026, 1, 5));
        buffer.Integer(1_000_293);
        buffer.Fixed2(0.5);
        buffer.Fixed2(1);
        buffer.EndRow();

        // Assert
        Assert.Equal(expected.ToArray(), buffer.Written.ToArray());
        Assert.Equal("-491326.72,12.50,1.125,2026-01-05,1000293,0.50,1.00\r\n", System.Text.Encoding.UTF8.GetString(buffer.Written));
    }

    [Fact]
    public void WriteTo_Formatted_WritesAndClears()
    {
        // Arrange
        var buffer = new CsvRowBuffer();
        buffer.Text("a");
        buffer.Text("b");
        buffer.EndRow();
        using var stream = new MemoryStream();

        // Act
        buffer.WriteTo(stream);
        buffer.Text("c");
        buffer.EndRow();
        buffer.WriteTo(stream);

        // Assert
        Assert.Equal("a,b\r\nc\r\n", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal(0, buffer.Written.Length);
    }

    private static byte[] CsvHelperBytes(string[][] rows)
    {
        using var stream = new MemoryStream();
        using (var writer = CsvOutput.Create(stream))
        {
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    writer.WriteField(field.AsSpan());
                }

                writer.EndRecord();
            }

            writer.Flush();
        }

        return stream.ToArray();
    }
}
