namespace Reconciler.Synthetic;

/// <summary>
/// The non-customers of a statement: who pays unrelated income (interest, tax refunds, supplier refunds,
/// insurance, subsidies) and who is paid by debits (rent, salaries, social security, power, suppliers, fees).
/// Their names come from word lists no customer name is built from.
/// </summary>
internal static class Counterparties
{
    private static readonly string[] SupplierCities = ["上海", "苏州", "宁波", "深圳", "东莞", "天津"];
    private static readonly string[] SupplierBrands = ["顺达", "通运", "宏图", "金桥", "永固", "新联"];
    private static readonly string[] SupplierTrades = ["物流", "包装材料", "印刷", "仓储服务", "电子元件", "塑料制品"];
    private static readonly string[] EnglishSuppliers = ["Global Freight Services Ltd", "Apex Packaging GmbH", "Orient Logistics Co., Ltd.", "Precision Components Inc."];

    /// <summary>Payers of unrelated income and payees of debits; the bank and the suppliers are in both, with one account each.</summary>
    public static (Counterparty[] Income, Counterparty[] Debits) Create(Random random)
    {
        const string bank = "中国工商银行上海张江支行";
        var bankAccount = Account(random);
        var suppliers = Suppliers(random).Select(name => (Name: name, Account: Account(random))).ToList();
        var income = new List<Counterparty>
        {
            new(bank, bankAccount, ["利息收入", "结息", "存款利息"], 5_00, 3_000_00, 6),
            new("HSBC Bank (China) Company Limited", Account(random), ["INTEREST", "CREDIT INTEREST"], 5_00, 2_000_00, 2),
            new("国家税务总局上海市浦东新区税务局", Account(random), ["退税", "出口退税", "增值税留抵退税"], 1_000_00, 80_000_00, 4),
            new("中国平安财产保险股份有限公司上海分公司", Account(random), ["保险理赔", "理赔款"], 2_000_00, 50_000_00, 1),
            new("上海市科学技术委员会", Account(random), ["政府补贴", "科技项目补助"], 10_000_00, 300_000_00, 1),
        };
        var debits = new List<Counterparty>
        {
            new("上海张江高科技园区开发股份有限公司", Account(random), ["房租", "房租及物业费", "RENT"], 20_000_00, 200_000_00, 2),
            new("工资代发专户", Account(random), ["工资", "代发工资", "SALARY"], 50_000_00, 2_000_000_00, 3),
            new("上海市社会保险事业管理中心", Account(random), ["社保", "社会保险费"], 20_000_00, 400_000_00, 2),
            new("国网上海市电力公司", Account(random), ["电费"], 1_000_00, 30_000_00, 1),
            new(bank, bankAccount, ["手续费", "Bank charges"], 10_00, 200_00, 3),
        };
        foreach (var (name, account) in suppliers)
        {
            income.Add(new Counterparty(name, account, ["供应商退款", "REFUND", "退货款"], 100_00, 20_000_00, 1));
            debits.Add(new Counterparty(name, account, ["采购付款", "Payment to supplier", "材料款"], 1_000_00, 500_000_00, 2));
        }

        return ([.. income], [.. debits]);
    }

    private static List<string> Suppliers(Random random)
    {
        var names = new List<string>();
        for (var i = 0; i < SupplierTrades.Length; i++)
        {
            names.Add(SupplierCities[random.Next(SupplierCities.Length)] + SupplierBrands[i] + SupplierTrades[i] + "有限公司");
        }

        names.AddRange(EnglishSuppliers);
        return names;
    }

    private static string Account(Random random) =>
        string.Create(19, random.NextInt64(1_000_000_000_000_000_000, 9_000_000_000_000_000_000), static (span, value) =>
        {
            for (var i = span.Length - 1; i >= 0; i--)
            {
                span[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        });
}
