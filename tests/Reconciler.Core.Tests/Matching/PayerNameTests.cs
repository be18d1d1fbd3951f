using Reconciler.Matching;

namespace Reconciler.Core.Tests.Matching;

public class PayerNameTests
{
    [Theory]
    [InlineData("Northwind Medical Supplies Ltd", "NORTHWIND MEDICAL SUPPLIES")]
    [InlineData("NORTHWIND MEDICAL SUPPLIES LIMITED", "NORTHWIND MEDICAL SUPPLIES")]
    [InlineData("Northwind Medical Supplies Co., Ltd.", "NORTHWIND MEDICAL SUPPLIES")]
    [InlineData("Ｎｏｒｔｈｗｉｎｄ　Ｍｅｄｉｃａｌ　Ｓｕｐｐｌｉｅｓ", "NORTHWIND MEDICAL SUPPLIES")]
    [InlineData("上海瑞康医疗器械有限公司", "上海瑞康医疗器械")]
    [InlineData("上海瑞康医疗器械", "上海瑞康医疗器械")]
    [InlineData("Müller & Söhne GmbH", "MÜLLER AND SÖHNE")]
    [InlineData("Ltd", "LTD")]
    [InlineData("  ", "")]
    [InlineData("&&&&&&&&&", "AND AND AND AND AND AND AND AND AND")]
    public void Normalize_BankAndErpSpellings_CompareEqual(string name, string expected)
    {
        Assert.Equal(expected, PayerName.Normalize(name));
    }
}
