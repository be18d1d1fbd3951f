using System.Text;

namespace Reconciler.Files.Tests.Tables;

public class FileSnifferTests
{
    [Fact]
    public void Kind_ZipMagic_IsXlsx()
    {
        // Arrange
        byte[] head = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];

        // Act
        var kind = FileSniffer.Kind(head);

        // Assert
        Assert.Equal(FileKind.Xlsx, kind);
    }

    [Fact]
    public void Kind_Ole2Magic_IsXls()
    {
        // Arrange
        byte[] head = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

        // Act
        var kind = FileSniffer.Kind(head);

        // Assert
        Assert.Equal(FileKind.Xls, kind);
    }

    [Theory]
    [InlineData("date,amount,currency")]
    [InlineData("PK,amount")]
    [InlineData("PK")]
    [InlineData("")]
    [InlineData("交易日期,摘要")]
    public void Kind_Text_IsText(string text)
    {
        // Arrange
        var head = Encoding.UTF8.GetBytes(text);

        // Act
        var kind = FileSniffer.Kind(head);

        // Assert
        Assert.Equal(FileKind.Text, kind);
    }

    [Fact]
    public void Kind_Ole2MagicCut_IsText()
    {
        // Arrange: the first seven bytes only.
        byte[] head = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A];

        // Act
        var kind = FileSniffer.Kind(head);

        // Assert
        Assert.Equal(FileKind.Text, kind);
    }

    [Fact]
    public void Head_ReadsFromThePositionAndRewinds()
    {
        // Arrange
        using var stream = new MemoryStream("xxdate,amount"u8.ToArray());
        stream.Position = 2;

        // Act
        var head = FileSniffer.Head(stream, 4);

        // Assert
        Assert.Equal("date"u8.ToArray(), head);
        Assert.Equal(2, stream.Position);
    }

    [Fact]
    public void Head_ShortStream_ReturnsWhatThereIs()
    {
        // Arrange
        using var stream = new MemoryStream("PK"u8.ToArray());

        // Act
        var head = FileSniffer.Head(stream, 8);

        // Assert
        Assert.Equal("PK"u8.ToArray(), head);
        Assert.Equal(0, stream.Position);
    }
}
