namespace Reconciler.Files;

/// <summary>
/// Header names banks use for each column role, in Chinese, English, German, Dutch, Italian, Spanish and French,
/// most specific first. Names are compared folded: lower case, no spaces, full-width brackets as ASCII.
/// </summary>
internal static class HeaderVocabulary
{
    public static readonly string[] Date =
    [
        "记账日期", "记账日", "入账日期", "交易日期", "交易时间", "日期", "交易日",
        "booking date", "posting date", "transaction date", "date", "posted date", "trans date",
        "buchung", "buchungstag", "buchungsdatum", "datum",
        "boekingsdatum", "transactiedatum",
        "data", "data operazione", "data contabile", "data registrazione",
        "fecha operación", "fecha operacion", "fecha", "fecha contable",
        "date opération", "date operation", "date d'opération", "date comptable",
    ];

    public static readonly string[] ValueDate =
    [
        "起息日", "value date", "valuedate", "wertstellungsdatum", "wertstellung", "valuta", "valutadatum", "rentedatum",
        "data valuta", "fecha valor", "date de valeur", "date valeur",
    ];

    public static readonly string[] Time = ["记账时间", "交易时间", "时间", "time", "uhrzeit", "tijd", "ora", "hora", "heure"];

    public static readonly string[] Amount =
    [
        "金额", "交易金额", "金额(元)", "发生额", "交易额",
        "amount", "billing amount", "transaction amount", "amount (eur)", "value",
        "betrag", "umsatz", "bedrag", "importo", "importe", "montant",
    ];

    public static readonly string[] Credit =
    [
        "记账金额(收入)", "收入金额", "收入", "贷方金额", "贷方发生额", "贷方", "存入金额", "存入", "交易金额(收入)",
        "credit", "credit amount", "credits", "deposit", "deposits", "paid in", "money in",
        "haben", "gutschrift", "bij", "entrate", "accrediti", "avere", "ingresos", "ingreso", "haber", "abono",
        "crédit", "credit (eur)",
    ];

    public static readonly string[] Debit =
    [
        "记账金额(支出)", "支出金额", "支出", "借方金额", "借方发生额", "借方", "支取金额", "支取", "交易金额(支出)",
        "debit", "debit amount", "debits", "withdrawal", "withdrawals", "paid out", "money out",
        "soll", "af", "uscite", "addebiti", "dare", "gastos", "gasto", "cargo", "cargos",
        "débit", "debit (eur)",
    ];

    public static readonly string[] Direction =
    [
        "收/支", "收支", "收支类型", "借贷", "借贷标志", "借/贷", "借贷方向", "交易方向", "收付标志",
        "direction", "dr/cr", "cr/dr", "debit/credit", "credit/debit", "c/d", "d/c", "cd", "type dc",
        "af bij", "af/bij", "soll/haben", "s/h", "segno", "dare/avere", "sentido",
    ];

    public static readonly string[] Currency =
    [
        "记账币种", "币种", "币别", "交易币种", "货币", "币种名称",
        "billing currency", "currency", "ccy", "währung", "waehrung", "munt", "valuta mutatie", "divisa", "moneda", "devise", "valuta",
    ];

    public static readonly string[] PayerName =
    [
        "对方户名", "对方账户名", "对方名称", "交易对方", "对方单位", "付款人名称", "付款人", "对方户名称", "收/付款方",
        "counterparty", "counterparty name", "payer", "payer name", "name", "beneficiary", "remitter",
        "auftraggeber/empfänger", "auftraggeber / empfänger", "auftraggeber", "zahlungspflichtiger", "name zahlungsbeteiligter",
        "naam", "naam tegenpartij", "naam / omschrijving", "tegenpartij",
        "ordinante", "beneficiario", "controparte", "nombre", "ordenante", "contrepartie", "tiers", "émetteur", "bénéficiaire",
    ];

    public static readonly string[] PayerAccount =
    [
        "对方账号", "对方卡号/账号", "对方账户", "对方帐号", "对方卡号", "付款人账号", "对方账号/卡号",
        "counterparty account", "payer account", "account", "iban", "account number",
        "kontonummer", "iban zahlungsbeteiligter", "tegenrekening", "tegenrekening iban",
        "conto", "iban controparte", "cuenta", "cuenta ordenante", "compte", "iban contrepartie",
    ];

    public static readonly string[] BankRef =
    [
        "交易流水号", "流水号", "交易订单号", "交易单号", "凭证号", "交易参考号", "银行流水号",
        "reference", "bank reference", "bank ref", "transaction id", "transaction reference", "operation number", "ref", "ref.",
        "referenz", "kundenreferenz", "referentie", "volgnummer", "riferimento", "referencia", "référence", "numéro d'opération",
    ];

    public static readonly string[] Memo =
    [
        "摘要", "附言", "用途", "备注", "交易摘要", "商品说明", "商品", "交易名称", "交易场所", "交易地点", "说明", "交易附言", "交易类型",
        "description", "details", "detail", "memo", "narrative", "remittance", "remittance information", "payment details", "label", "particulars",
        "verwendungszweck", "buchungstext", "omschrijving", "mededelingen", "descrizione", "descrizione_completa", "causale",
        "concepto", "descripción", "descripcion", "libellé", "libelle", "détail", "communication", "text",
    ];

    /// <summary>The bank's status of a line (booked, pending, closed).</summary>
    public static readonly string[] Status =
    [
        "交易状态", "当前状态", "状态", "status", "transaction status", "state", "buchungsstatus", "stato", "estado", "statut",
    ];

    /// <summary>
    /// Status values that mean the bank has not booked the line (pending, closed, failed, cancelled): a detected
    /// profile lists them all as its not-booked values. Compared trimmed, without case.
    /// </summary>
    public static readonly string[] NotBooked =
    [
        "交易关闭", "已关闭", "交易失败", "失败", "已撤销", "处理中", "待处理",
        "pending", "failed", "cancelled", "canceled", "rejected", "declined", "authorised", "authorized",
        "vorgemerkt", "autorizzato", "in attesa", "pendiente", "en attente", "in behandeling",
    ];

    /// <summary>Every role's list, for scoring a candidate header row.</summary>
    public static IEnumerable<string[]> All => [Date, ValueDate, Time, Amount, Credit, Debit, Direction, Currency, PayerName, PayerAccount, BankRef, Memo, Status];

    /// <summary>The position of <paramref name="name"/> in <paramref name="list"/> (lower is more specific), or -1.</summary>
    public static int Rank(string[] list, string name)
    {
        var folded = Fold(name);
        for (var i = 0; i < list.Length; i++)
        {
            if (string.Equals(Fold(list[i]), folded, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when the name is in any role's list.</summary>
    public static bool IsKnown(string name) => All.Any(list => Rank(list, name) >= 0);

    /// <summary>A name folded for comparison: lower case, without spaces and colons, full-width brackets as ASCII.</summary>
    public static string Fold(string name)
    {
        var chars = new List<char>(name.Length);
        foreach (var raw in name.Trim())
        {
            var c = raw switch
            {
                '（' => '(',
                '）' => ')',
                '／' => '/',
                _ => char.ToLowerInvariant(raw),
            };
            if (c is ' ' or '\u3000' or '\t' or ':' or '：' or '_' or '-')
            {
                continue;
            }

            chars.Add(c);
        }

        return new string([.. chars]);
    }
}
