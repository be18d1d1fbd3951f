using System.Text;

namespace Reconciler.Files.Tests.Tables;

public class TextEncodingsTests
{
    private const string Chinese = "交易日期,摘要,收入金额,支出金额,对方户名\n2026-01-05,货款 KL26-004512,10000.00,,上海瑞康医疗器械有限公司\n2026-01-06,手续费,,15.00,中国银行\n";
    private const string German = "Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag;Währung\n02.03.2026;02.03.2026;Müller GmbH;Überweisung Gebühr März;1.234,56;EUR\n03.03.2026;04.03.2026;Bäckerei Schön;Straße 5, Köln;-12,50;EUR\n";
    private const string Ascii = "date,amount,currency,payer_name\n2026-03-02,10.00,EUR,ACME\n2026-03-03,-5.00,EUR,Globex\n";

    static TextEncodingsTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public void Guess_Utf8Chinese_IsUtf8()
    {
        // Arrange
        var bytes = new UTF8Encoding(false).GetBytes(Chinese);

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("utf-8", name);
    }

    [Fact]
    public void Guess_Gb18030Chinese_IsGb18030()
    {
        // Arrange
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Chinese);

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("gb18030", name);
        Assert.Equal(Chinese, TextEncodings.Get(name).GetString(bytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Guess_Utf8CutInsideTheLastCharacter_IsStillUtf8(int dropped)
    {
        // Arrange: a sample of the first bytes of a file may end inside a three-byte character.
        var bytes = new UTF8Encoding(false).GetBytes("日期,摘要\n2026-01-01,货款");
        var sample = bytes[..^dropped];

        // Act
        var name = TextEncodings.Guess(sample);

        // Assert
        Assert.Equal("utf-8", name);
    }

    [Theory]
    [InlineData(1252)]
    [InlineData(28591)]
    public void Guess_GermanWithUmlauts_IsWindows1252NotGb18030(int codePage)
    {
        // Arrange
        var bytes = Encoding.GetEncoding(codePage).GetBytes(German);

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("windows-1252", name);
        Assert.Equal(German, TextEncodings.Get(name).GetString(bytes));
    }

    [Fact]
    public void Guess_GermanWhoseOnlyUmlautsStandTogether_IsWindows1252NotGb18030()
    {
        // Arrange: "Grüße" and "Größe" put two Latin-1 letters side by side, which is also how a GBK character looks.
        var bytes = Encoding.Latin1.GetBytes("Datum;Betrag;Verwendungszweck\n02.03.2026;12,50;Viele Grüße\n03.03.2026;8,00;Größe M\n");

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("windows-1252", name);
    }

    [Fact]
    public void Guess_Latin1WholeFileEndingInAnAccentedLetter_IsNotUtf8()
    {
        // Arrange: the whole (small) file is the sample; its one accented letter is in the last line, before the CRLF.
        // That is no cut UTF-8 character: 0xE9 followed by "\r\n" is not UTF-8 at all.
        var bytes = Encoding.Latin1.GetBytes("date,amount,memo\r\n2026-03-02,12.50,Café\r\n");

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("windows-1252", name);
    }

    [Fact]
    public void Guess_CompleteLatin1SampleEndingInAnAccentedLetter_IsWindows1252()
    {
        // Arrange: the last byte, 0xE9, could start a cut UTF-8 character only if the sample were cut.
        var bytes = Encoding.Latin1.GetBytes("date,amount,memo\n2026-03-02,12.50,Café");

        // Act
        var whole = TextEncodings.Guess(bytes, complete: true);
        var cut = TextEncodings.Guess(bytes, complete: false);

        // Assert
        Assert.Equal("windows-1252", whole);
        Assert.Equal("utf-8", cut);
    }

    [Fact]
    public void Guess_Utf16LittleEndianWithoutByteOrderMark_IsUtf16()
    {
        // Arrange
        var bytes = Encoding.Unicode.GetBytes(Ascii);

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("utf-16", name);
    }

    [Fact]
    public void Guess_Utf16BigEndianWithoutByteOrderMark_IsUtf16be()
    {
        // Arrange
        var bytes = Encoding.BigEndianUnicode.GetBytes(Ascii);

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal("utf-16be", name);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-16be")]
    [InlineData("utf-8")]
    public void Guess_ByteOrderMark_Wins(string expected)
    {
        // Arrange: Chinese text, so nothing but the mark says which encoding it is.
        var encoding = TextEncodings.Get(expected);
        byte[] mark = expected switch
        {
            "utf-16" => [0xFF, 0xFE],
            "utf-16be" => [0xFE, 0xFF],
            _ => [0xEF, 0xBB, 0xBF],
        };
        var bytes = mark.Concat(encoding.GetBytes("人民币合计")).ToArray();

        // Act
        var name = TextEncodings.Guess(bytes);

        // Assert
        Assert.Equal(expected, name);
        Assert.Equal(expected, TextEncodings.FromByteOrderMark(bytes));
    }

    [Fact]
    public void FromByteOrderMark_NoMark_IsNull()
    {
        // Act
        var name = TextEncodings.FromByteOrderMark("date"u8);

        // Assert
        Assert.Null(name);
    }

    [Fact]
    public void Guess_PlainAscii_IsUtf8()
    {
        // Act
        var name = TextEncodings.Guess(Encoding.ASCII.GetBytes(Ascii));

        // Assert
        Assert.Equal("utf-8", name);
    }

    [Theory]
    [InlineData("gbk")]
    [InlineData("GB2312")]
    [InlineData(" gb18030 ")]
    [InlineData("cp936")]
    public void Get_ChineseNames_ReadGbkText(string name)
    {
        // Arrange: 人民币 in GBK.
        byte[] bytes = [0xC8, 0xCB, 0xC3, 0xF1, 0xB1, 0xD2];

        // Act
        var encoding = TextEncodings.Get(name);

        // Assert
        Assert.Equal("人民币", encoding.GetString(bytes));
        Assert.True(TextEncodings.IsKnown(name));
    }

    [Theory]
    [InlineData("utf-8", 65001)]
    [InlineData("windows-1252", 1252)]
    [InlineData("iso-8859-1", 1252)] // Latin-1 files are read as Windows-1252, its superset (€ at 0x80)
    [InlineData("utf-16", 1200)]
    [InlineData("utf-16be", 1201)]
    public void Get_EveryListedName_GivesItsCodePage(string name, int codePage)
    {
        // Act
        var encoding = TextEncodings.Get(name);

        // Assert
        Assert.Equal(codePage, encoding.CodePage);
        Assert.Contains(name, TextEncodings.Names);
    }

    [Fact]
    public void Get_Utf8_WritesNoByteOrderMark()
    {
        // Act
        var preamble = TextEncodings.Get("utf-8").GetPreamble();

        // Assert
        Assert.Empty(preamble);
    }

    [Fact]
    public void Get_UnknownName_ThrowsNamingTheChoices()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => TextEncodings.Get("ebcdic"));

        // Assert
        Assert.Contains("\"ebcdic\"", error.Message, StringComparison.Ordinal);
        Assert.All(TextEncodings.Names, n => Assert.Contains(n, error.Message, StringComparison.Ordinal));
        Assert.False(TextEncodings.IsKnown("ebcdic"));
        Assert.False(TextEncodings.IsKnown(" "));
        Assert.False(TextEncodings.IsKnown(null));
    }
}
