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

        // The matcher's form, written into a buffer (full-width forms folded as they are read, no string made): the same.
        var buffer = new char[4];
        Assert.Equal(expected, PayerName.Normalize(name, ref buffer).ToString());
    }

    [Theory]
    [InlineData("Ｗｅｓｔｆｉｅｌｄ　Ｈｅａｌｔｈｃａｒｅ　ＬＬＣ 上海")] // full-width forms and ideographs: folded as read
    [InlineData("Ｍüller　Ｓöhne ｶﾌﾞｼｷｶﾞｲｼｬ")]              // full-width beside characters NFKC changes: normalised first
    [InlineData("Ⅻ ﬁne ① Trading Co")]                        // compatibility forms NFKC changes
    public void NormalizeIntoBuffer_AnyText_SameAsTheStringForm(string name)
    {
        var buffer = new char[8];
        Assert.Equal(PayerName.Normalize(name), PayerName.Normalize(name, ref buffer).ToString());
    }
}
