namespace Reconciler.Synthetic;

/// <summary>
/// Remittance texts, mixed Chinese and English, as payers write them. A contract number is always set apart
/// from Latin letters and digits (by a space, punctuation or Chinese text), so it is never part of a longer
/// alphanumeric run; texts without a reference hold no digits at all.
/// </summary>
internal static class MemoTexts
{
    /// <summary>How many ways <see cref="VariantReference"/> and <see cref="Variant"/> know.</summary>
    public const int VariantStyles = 6;

    private static readonly (string Before, string After)[] Referenced =
    [
        ("货款 ", ""), ("Payment for contract ", " thanks"), ("合同号:", " 付款"), ("", ""), ("PAYMENT ", ""),
        ("支付合同 ", " 货款"), ("Invoice ", " settlement"), ("", " 设备款"), ("TT REMITTANCE ", ""), ("回款 ", ""),
        ("合同 ", " 款项"), ("Contract ", " payment"),
    ];

    private static readonly (string Before, string After)[] GluedChinese = [("付", "货款"), ("合同", "款项"), ("支付", "尾款"), ("货款", ""), ("", "设备款")];

    private static readonly (string Before, string After)[] GluedPunctuation = [("ref:", ";"), ("(", ")"), ("【", "】"), ("合同号：", "。"), ("#", "#"), ("Payment (", ")")];

    private static readonly (string Before, string After)[] ShortTexts = [("部分货款 ", ""), ("Part payment ", ""), ("", " 货款")];

    private static readonly (string Before, string After)[] OverTexts = [("", " 含运费"), ("Payment ", " incl. freight"), ("货款 ", "")];

    private static readonly (string Before, string After)[] LateTexts = [("尾款 ", ""), ("Final payment ", ""), ("质保金 ", "")];

    private static readonly (string Before, string After)[] EarlyTexts = [("预付款 ", ""), ("Advance payment ", ""), ("定金 ", "")];

    private static readonly string[] NoReferenceTexts = ["货款", "payment", "设备款", "Payment for goods", "回款", "TT payment", "服务费", "耗材款", "Invoice payment"];

    private static readonly string[] MonthsEnglish = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] MonthsChinese = ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"];

    private static readonly string[] Separators = ["、", ", ", " ", "; ", " and "];

    /// <summary>A memo naming the contract as written.</summary>
    public static string Reference(string contractNo, Random random) => Wrap(Referenced, contractNo, random);

    /// <summary>A memo naming the contract in one of the <see cref="VariantStyles"/> ways.</summary>
    public static string Variant(string contractNo, int style, Random random) => style switch
    {
        4 => Wrap(GluedChinese, contractNo, random),
        5 => Wrap(GluedPunctuation, contractNo, random),
        _ => Wrap(Referenced, VariantReference(contractNo, style), random),
    };

    /// <summary>
    /// The contract number as a payer might write it: lower case (0), separators dropped (1), spaces instead of
    /// separators (2), full-width (3); as written for the styles that glue it to surrounding text (4, 5).
    /// </summary>
    public static string VariantReference(string contractNo, int style) => style switch
    {
        0 => contractNo.ToLowerInvariant(),
        1 => contractNo.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal),
        2 => contractNo.Replace('-', ' ').Replace('/', ' ').TrimStart(),
        3 => NameBook.FullWidth(contractNo),
        _ => contractNo,
    };

    /// <summary>A short payment's memo.</summary>
    public static string Short(string contractNo, Random random) =>
        random.Next(2) == 0 ? Wrap(ShortTexts, contractNo, random) : Reference(contractNo, random);

    /// <summary>An over-payment's memo.</summary>
    public static string Over(string contractNo, Random random) =>
        random.Next(2) == 0 ? Wrap(OverTexts, contractNo, random) : Reference(contractNo, random);

    /// <summary>The memo of a payment far after (a retention, a final payment) or before (an advance) the contract's window.</summary>
    public static string OutsideWindow(string contractNo, bool late, Random random) =>
        random.Next(2) == 0 ? Wrap(late ? LateTexts : EarlyTexts, contractNo, random) : Reference(contractNo, random);

    /// <summary>The memo of installment <paramref name="number"/> of <paramref name="count"/>.</summary>
    public static string Installment(string contractNo, int number, int count, Random random)
    {
        var n = (char)('0' + number);
        var m = (char)('0' + count);
        return random.Next(3) switch
        {
            0 => $"{contractNo} 第{n}期",
            1 => $"分期付款 {contractNo} 第{n}期",
            _ => $"Installment {n} of {m} {contractNo}",
        };
    }

    /// <summary>One memo naming several contracts, in the order given.</summary>
    public static string Combined(string[] contracts, Random random)
    {
        var separator = Separators[random.Next(Separators.Length)];
        var list = string.Join(separator, contracts);
        return random.Next(3) switch
        {
            0 => "货款 " + list,
            1 => "Payment for " + list,
            _ => "合同 " + list + " 付款",
        };
    }

    /// <summary>A memo without any contract number (and without digits).</summary>
    public static string NoReference(DateOnly date, Random random)
    {
        var roll = random.Next(NoReferenceTexts.Length + 2);
        var month = (date.Month + 10) % 12; // the month before the payment
        return roll < NoReferenceTexts.Length
            ? NoReferenceTexts[roll]
            : roll == NoReferenceTexts.Length ? MonthsEnglish[month] + " invoice" : MonthsChinese[month] + "货款";
    }

    private static string Wrap((string Before, string After)[] texts, string reference, Random random)
    {
        var (before, after) = texts[random.Next(texts.Length)];
        return string.Concat(before, reference, after);
    }
}
