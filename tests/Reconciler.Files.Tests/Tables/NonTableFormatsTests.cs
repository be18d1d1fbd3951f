using System.Text;

namespace Reconciler.Files.Tests.Tables;

public class NonTableFormatsTests
{
    [Theory]
    [InlineData("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj", "a PDF document")]
    [InlineData("<!DOCTYPE html>\n<html><body><table><tr><td>日期</td></tr></table>", "an HTML page")]
    [InlineData("<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\">", "an ISO 20022 camt.054 XML statement")]
    [InlineData("<?xml version=\"1.0\"?>\n<OFX><SIGNONMSGSRSV1>", "an OFX/QFX file")]
    [InlineData("\r\n-\r\n:20:STARTUMS\r\n:25:10020030/1234567\r\n", "a SWIFT MT940/MT942 statement")]
    [InlineData("01,103100195,103100195,220919,2112,4,,,2/   02,103100195,103100195,1,220919,2400,USD,2/\n", "a BAI2 cash-management file")]
    [InlineData("01,GSBI,cont001,210706,1249,1,,,2/\n02,cont001,026015079,1,230906,2000,,/\n", "a BAI2 cash-management file")]
    public void Name_NonTableHead_SaysWhatItIs(string text, string expected)
    {
        // Act
        var name = NonTableFormats.Name(Encoding.UTF8.GetBytes(text));

        // Assert
        Assert.NotNull(name);
        Assert.StartsWith(expected, name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date,amount,currency,payer_name,payer_account,memo,bank_ref\n2026-01-21,10000.00,CNY,A,1,KL26-004512,B1\n")]
    [InlineData("01,02,2026,10000.00,CNY\n02,02,2026,50.00,CNY\n03,02,2026,7.00,CNY\n")]
    [InlineData("01,2026-01-05,Acme Ltd,622200,1200,KL26-1\n02,2026-01-06,Beta Co,622201,1300,KL26-2\n")] // numbered rows, no BAI2 record ends
    [InlineData(":-) a memo,2026-01-21,10.00\n")]
    [InlineData("")]
    public void Name_Table_IsNull(string text)
    {
        // Act
        var name = NonTableFormats.Name(Encoding.UTF8.GetBytes(text));

        // Assert
        Assert.Null(name);
    }

    [Fact]
    public void Name_Utf16CamtWithByteOrderMark_SaysCamt()
    {
        // Arrange
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">")).ToArray();

        // Act
        var name = NonTableFormats.Name(bytes);

        // Assert
        Assert.Equal("an ISO 20022 camt.053 XML statement", name);
    }
}
