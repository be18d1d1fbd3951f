using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Files;

public static partial class ProfileDetector
{
    /// <summary>Date formats tried on a date column, day before month where both would read.</summary>
    private static readonly string[] DateCandidates =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy/MM/dd", "yyyy/MM/dd HH:mm:ss",
        "yyyy/M/d", "yyyy/M/d H:mm:ss", "yyyyMMdd", "yyyy.MM.dd", "yyyy年M月d日",
        "dd.MM.yyyy", "d.M.yyyy", "dd.MM.yy", "dd/MM/yyyy", "d/M/yyyy", "MM/dd/yyyy", "M/d/yyyy", "dd/MM/yy", "MM/dd/yy",
        "dd-MM-yyyy", "dd-MM-yy", "dd MMM yyyy", "d MMM yyyy", "dd-MMM-yyyy", "dd-MMM-yy",
    ];

    /// <summary>Rows that are not transactions, by the start of their first cell: totals, balances, disclaimers.</summary>
    private static readonly string[] CommonSkipMarkers =
    [
        "合计", "人民币合计", "外币合计", "总计", "小计", "本页合计", "以上数据", "期初余额", "期末余额", "余额",
        "total", "totals", "subtotal", "opening balance", "closing balance", "balance at", "balance", "saldo", "summe",
        "totale", "saldo iniziale", "saldo finale", "solde", "eindsaldo", "beginsaldo",
    ];

    private static readonly string[] CreditWords = ["收入", "收", "贷", "贷方", "入账", "c", "cr", "credit", "bij", "haben", "h", "avere", "abono", "crédit", "+"];
    private static readonly string[] DebitWords = ["支出", "支", "借", "借方", "出账", "d", "dr", "debit", "af", "soll", "s", "dare", "cargo", "débit", "-"];
    private static readonly string[] NeutralWords = ["不计收支", "/", "中性", "neutral"];

    private static readonly Regex DecimalComma = new(@"\d,\d{1,2}\s*\D*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex DecimalPoint = new(@"\d\.\d{1,2}\s*\D*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex Iban = new("^[A-Z]{2}[0-9]{2}[A-Z0-9 ]{10,32}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly Regex TimeOfDay = new(@"^\d{1,2}:\d{2}(:\d{2})?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Builds a profile from the rows at the top of a file (or sheet).</summary>
    private static BankProfile Build(List<SampleRow> rows, string fileName, List<string> notes)
    {
        var header = FindHeader(rows);
        return header is null ? BuildPositional(rows, fileName, notes) : BuildFromHeader(rows, header, fileName, notes);
    }

    private static int HeaderScore(List<SampleRow> rows) =>
        rows.Take(HeaderSearchRows).Select(r => r.Trimmed().Count(HeaderVocabulary.IsKnown)).DefaultIfEmpty(0).Max();

    private static SampleRow? FindHeader(List<SampleRow> rows)
    {
        SampleRow? best = null;
        var bestScore = 1;
        foreach (var row in rows.Take(HeaderSearchRows))
        {
            var cells = row.Trimmed();
            var score = cells.Count(HeaderVocabulary.IsKnown);
            var dated = cells.Any(c => HeaderVocabulary.Rank(HeaderVocabulary.Date, c) >= 0);
            var money = cells.Any(c => HeaderVocabulary.Rank(HeaderVocabulary.Amount, c) >= 0
                || HeaderVocabulary.Rank(HeaderVocabulary.Credit, c) >= 0
                || HeaderVocabulary.Rank(HeaderVocabulary.Debit, c) >= 0);
            if (dated && money && score > bestScore)
            {
                best = row;
                bestScore = score;
            }
        }

        return best;
    }

    private static BankProfile BuildFromHeader(List<SampleRow> rows, SampleRow headerRow, string fileName, List<string> notes)
    {
        var names = headerRow.Trimmed();
        var below = rows.Where(r => r.Row > headerRow.Row && !r.IsEmpty).ToList();
        var taken = new HashSet<int>();

        // The date column first: the data rows are those whose date cell is a date.
        var date = Pick(names, HeaderVocabulary.Date, taken, i => DateRate(below, i) >= 0.5);
        if (date < 0)
        {
            throw new InputFormatException(
                fileName,
                headerRow.Row,
                null,
                null,
                $"no column of the header holds dates ({string.Join(", ", names)}): write a profile for this layout");
        }

        var dateFormats = DetectDateFormats(below.Select(r => r.Cell(date)), out var ambiguous);
        var dateText = new DateText(dateFormats, excelSerials: true);
        var data = below.Where(r => dateText.TryTyped(r.TypedCell(date), out _, out _) || dateText.TryParse(r.Cell(date), out _, out _)).ToList();
        if (ambiguous)
        {
            notes.Add($"the dates could be day/month or month/day; they are read as {dateFormats[0]}: check the profile");
        }

        var time = Pick(names, HeaderVocabulary.Time, taken, i => data.Count > 0 && data.All(r => r.Cell(i).Length == 0 || TimeOfDay.IsMatch(r.Cell(i))));
        var valueDate = Pick(names, HeaderVocabulary.ValueDate, taken, i => DateRate(data, i) >= 0.5);
        var credit = Pick(names, HeaderVocabulary.Credit, taken, i => MoneyRate(data, i) >= 0.5);
        var debit = credit >= 0 ? Pick(names, HeaderVocabulary.Debit, taken, i => MoneyRate(data, i) >= 0.5) : -1;
        if (credit >= 0 && debit < 0)
        {
            taken.Remove(credit);
            credit = -1;
        }

        var amount = credit < 0 ? Pick(names, HeaderVocabulary.Amount, taken, i => MoneyRate(data, i) >= 0.5) : -1;
        if (amount < 0 && credit < 0)
        {
            throw new InputFormatException(
                fileName,
                headerRow.Row,
                null,
                null,
                $"no column of the header holds amounts ({string.Join(", ", names)}): write a profile for this layout");
        }

        var direction = amount >= 0 ? Pick(names, HeaderVocabulary.Direction, taken, _ => true) : -1;
        var currency = Pick(names, HeaderVocabulary.Currency, taken, i => data.Any(r => IsCurrency(r.Cell(i))), anchor: amount >= 0 ? amount : credit);
        var payerName = Pick(names, HeaderVocabulary.PayerName, taken, _ => true);
        var payerAccount = Pick(names, HeaderVocabulary.PayerAccount, taken, _ => true);
        var bankRef = Pick(names, HeaderVocabulary.BankRef, taken, _ => true);
        var status = Pick(names, HeaderVocabulary.Status, taken, _ => true);
        var memo = Enumerable.Range(0, names.Length)
            .Where(i => !taken.Contains(i) && HeaderVocabulary.Rank(HeaderVocabulary.Memo, names[i]) >= 0)
            .OrderBy(i => HeaderVocabulary.Rank(HeaderVocabulary.Memo, names[i]))
            .ToList();

        var moneyColumns = new[] { amount, credit, debit }.Where(i => i >= 0).ToList();
        var decimalSeparator = DetectDecimalSeparator(data.SelectMany(r => moneyColumns.Select(r.Cell)));
        var duplicates = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        string? Name(int index) => index < 0 ? null : Qualified(names, index, duplicates);

        DirectionValues? directionValues = null;
        if (direction >= 0)
        {
            directionValues = DetectDirection(data.Select(r => r.Cell(direction)), notes);
        }

        var defaultCurrency = GuessCurrency(data, currency, names, moneyColumns, notes);
        return new BankProfile
        {
            Name = DetectedName(fileName),
            Description = $"detected from {Path.GetFileName(fileName)}: check the columns before saving",
            Header = names,
            Columns = new ProfileColumns
            {
                Date = Name(date),
                Time = Name(time),
                ValueDate = Name(valueDate),
                Amount = Name(amount),
                Credit = Name(credit),
                Debit = Name(debit),
                Direction = Name(direction),
                Currency = Name(currency),
                PayerName = Name(payerName),
                PayerAccount = Name(payerAccount),
                BankRef = Name(bankRef),
                Memo = [.. memo.Select(i => Name(i)!)],
                Status = Name(status),
            },
            NotBooked = status < 0 ? [] : HeaderVocabulary.NotBooked,
            Direction = directionValues,
            DecimalSeparator = decimalSeparator.ToString(),
            DateFormats = dateFormats,
            DefaultCurrency = defaultCurrency,
            SkipRowsStartingWith = CommonSkipMarkers,
            NullValues = ["/"],
        };
    }

    private static BankProfile BuildPositional(List<SampleRow> rows, string fileName, List<string> notes)
    {
        var data = rows.Where(r => !r.IsEmpty).ToList();
        if (data.Count == 0)
        {
            throw new InputFormatException(fileName, 1, null, null, "the file is empty");
        }

        var width = data.GroupBy(r => r.Cells.Length).OrderByDescending(g => g.Count()).First().Key;
        var shaped = data.Where(r => r.Cells.Length == width).ToList();
        if (width < 3 || shaped.Count * 10 < data.Count * 9)
        {
            throw new InputFormatException(
                fileName,
                data[0].Row,
                null,
                null,
                "no header row with known column names (date, amount, …) in the first rows, and the rows have no regular shape to read by position: write a profile for this layout");
        }

        var names = Enumerable.Range(1, width).Select(i => Invariant($"column{i}")).ToArray();
        var date = Enumerable.Range(0, width).FirstOrDefault(i => DateRate(shaped, i) >= 0.9, -1);
        var taken = new HashSet<int> { date };
        var money = Enumerable.Range(0, width)
            .Where(i => !taken.Contains(i) && MoneyRate(shaped, i) >= 0.9 && shaped.Any(r => r.Cell(i).Contains('.', StringComparison.Ordinal) || r.Cell(i).Contains(',', StringComparison.Ordinal)))
            .ToList();
        var signed = money.Where(i => shaped.Any(r => r.Cell(i).StartsWith('-')) && shaped.Any(r => r.Cell(i).Length > 0 && !r.Cell(i).StartsWith('-'))).ToList();
        var amount = signed.Count > 0 ? signed[0] : money.FirstOrDefault(-1);
        if (date < 0 || amount < 0)
        {
            throw new InputFormatException(
                fileName,
                data[0].Row,
                null,
                null,
                "no header row with known column names in the first rows, and no column reads as dates and amounts: write a profile for this layout");
        }

        notes.Add(Invariant($"the file has no header row: the columns were chosen from their values (date = column{date + 1}, amount = column{amount + 1}); check them"));
        if (signed.Count == 0)
        {
            notes.Add("no column has both positive and negative amounts: check that the amount column is signed");
        }

        taken.Add(amount);
        var valueDate = Enumerable.Range(0, width).LastOrDefault(i => !taken.Contains(i) && DateRate(shaped, i) >= 0.9, -1);
        taken.Add(valueDate);
        var currencies = Enumerable.Range(0, width).Where(i => !taken.Contains(i) && shaped.All(r => IsCurrency(r.Cell(i)) && r.Cell(i).Length == 3)).ToList();
        var currency = currencies.Count == 0 ? -1 : currencies.OrderBy(i => Math.Abs(i - amount)).ThenByDescending(i => i).First();
        taken.Add(currency);
        var account = Enumerable.Range(0, width)
            .Where(i => !taken.Contains(i) && !Constant(shaped, i) && shaped.Count(r => Iban.IsMatch(r.Cell(i))) * 2 >= shaped.Count(r => r.Cell(i).Length > 0) && shaped.Any(r => r.Cell(i).Length > 0))
            .FirstOrDefault(-1);
        taken.Add(account);
        var texts = Enumerable.Range(0, width)
            .Where(i => !taken.Contains(i) && !Constant(shaped, i) && shaped.Any(r => r.Cell(i).Any(char.IsLetter)))
            .OrderByDescending(i => shaped.Average(r => r.Cell(i).Length))
            .ToList();
        var memo = texts.FirstOrDefault(-1);
        var payer = texts.Skip(1).FirstOrDefault(i => shaped.Average(r => r.Cell(i).Length) >= 3, -1);
        var dateFormats = DetectDateFormats(shaped.Select(r => r.Cell(date)), out var ambiguous);
        if (ambiguous)
        {
            notes.Add($"the dates could be day/month or month/day; they are read as {dateFormats[0]}: check the profile");
        }

        string? Name(int index) => index < 0 ? null : names[index];
        return new BankProfile
        {
            Name = DetectedName(fileName),
            Description = $"detected from {Path.GetFileName(fileName)} (no header row): check the columns before saving",
            HasHeaderRow = false,
            Header = names,
            Columns = new ProfileColumns
            {
                Date = Name(date),
                ValueDate = Name(valueDate),
                Amount = Name(amount),
                Currency = Name(currency),
                PayerName = Name(payer),
                PayerAccount = Name(account),
                Memo = memo < 0 ? [] : [names[memo]],
            },
            DecimalSeparator = DetectDecimalSeparator(shaped.Select(r => r.Cell(amount))).ToString(),
            DateFormats = dateFormats,
            DefaultCurrency = GuessCurrency(shaped, currency, names, [amount], notes),
        };
    }

    /// <summary>
    /// The most specific free column named in <paramref name="vocabulary"/> whose values pass <paramref name="fits"/>;
    /// among equally specific names, the first, or with an <paramref name="anchor"/> the one nearest after it
    /// (Währung after Betrag).
    /// </summary>
    private static int Pick(string[] names, string[] vocabulary, HashSet<int> taken, Func<int, bool> fits, int anchor = -1)
    {
        var chosen = Enumerable.Range(0, names.Length)
            .Where(i => !taken.Contains(i))
            .Select(i => (Index: i, Rank: HeaderVocabulary.Rank(vocabulary, names[i])))
            .Where(c => c.Rank >= 0)
            .OrderBy(c => c.Rank)
            .ThenBy(c => anchor < 0 ? c.Index : c.Index > anchor ? c.Index - anchor : 1000 + anchor - c.Index)
            .Where(c => fits(c.Index))
            .Select(c => c.Index)
            .FirstOrDefault(-1);
        if (chosen >= 0)
        {
            taken.Add(chosen);
        }

        return chosen;
    }

    private static string Qualified(string[] names, int index, HashSet<string> duplicates)
    {
        var name = names[index];
        if (!duplicates.Contains(name))
        {
            return name;
        }

        var occurrence = names.Take(index + 1).Count(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return Invariant($"{name}#{occurrence}");
    }

    private static double DateRate(List<SampleRow> rows, int index)
    {
        var values = rows.Where(r => r.Cell(index).Length > 0 || r.TypedCell(index) is DateTime).ToList();
        if (values.Count == 0)
        {
            return 0;
        }

        var any = new DateText(DateCandidates, excelSerials: false);
        return values.Count(r => r.TypedCell(index) is DateTime || any.TryParse(r.Cell(index), out _, out _)) / (double)values.Count;
    }

    private static double MoneyRate(List<SampleRow> rows, int index)
    {
        var values = rows.Select(r => (Text: r.Cell(index), Typed: r.TypedCell(index)))
            .Where(v => v.Typed is double || (v.Text.Length > 0 && !IsNullText(v.Text)))
            .ToList();
        if (values.Count == 0)
        {
            return 0;
        }

        return values.Count(v => v.Typed is double || MoneyText.Point.TryParse(v.Text, out _) || MoneyText.Comma.TryParse(v.Text, out _)) / (double)values.Count;
    }

    private static bool IsNullText(string text) => text == "/" || ProfileLayout.IsDashes(text);

    private static bool Constant(List<SampleRow> rows, int index) =>
        rows.Count > 1 && rows.Select(r => r.Cell(index)).Distinct(StringComparer.Ordinal).Count() == 1;

    private static bool IsCurrency(string text) => text.Length > 0 && new CurrencyText("CNY").TryGet(text, out _);

    /// <summary>The candidate formats that read the most values (day before month on a tie).</summary>
    private static List<string> DetectDateFormats(IEnumerable<string> values, out bool ambiguous)
    {
        var texts = values.Where(v => v.Length > 0).Take(SampleRowCount).ToList();
        ambiguous = false;
        if (texts.Count == 0)
        {
            return ["yyyy-MM-dd"];
        }

        var scores = DateCandidates
            .Select(f => (Format: f, Hits: texts.Count(t => DateTime.TryParseExact(t, f, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _))))
            .Where(s => s.Hits > 0)
            .ToList();
        if (scores.Count == 0)
        {
            return ["yyyy-MM-dd"];
        }

        var best = scores.Max(s => s.Hits);
        var winners = scores.Where(s => s.Hits == best).Select(s => s.Format).ToList();
        ambiguous = winners.Any(f => f.StartsWith("dd/", StringComparison.Ordinal) || f.StartsWith("d/", StringComparison.Ordinal))
            && winners.Any(f => f.StartsWith("MM/", StringComparison.Ordinal) || f.StartsWith("M/", StringComparison.Ordinal));
        return [winners[0]];
    }

    private static char DetectDecimalSeparator(IEnumerable<string> values)
    {
        int comma = 0, point = 0;
        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                continue;
            }

            comma += DecimalComma.IsMatch(value) ? 1 : 0;
            point += DecimalPoint.IsMatch(value) ? 1 : 0;
        }

        return comma > point ? ',' : '.';
    }

    private static DirectionValues DetectDirection(IEnumerable<string> values, List<string> notes)
    {
        var credit = new List<string>();
        var debit = new List<string>();
        var neutral = new List<string>();
        foreach (var value in values.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var list = CreditWords.Contains(value, StringComparer.OrdinalIgnoreCase) ? credit
                : DebitWords.Contains(value, StringComparer.OrdinalIgnoreCase) ? debit
                : NeutralWords.Contains(value, StringComparer.OrdinalIgnoreCase) ? neutral
                : null;
            if (list is null)
            {
                notes.Add($"the direction value \"{value}\" means neither in nor out to Reconciler: add it to the profile's direction lists");
                continue;
            }

            list.Add(value);
        }

        // Both sides are always listed, so a later file with a value not seen in this one still reads.
        return new DirectionValues
        {
            Credit = credit.Count > 0 ? credit : ["收入", "C", "CR", "CREDIT"],
            Debit = debit.Count > 0 ? debit : ["支出", "D", "DR", "DEBIT"],
            Neutral = neutral,
        };
    }

    private static string GuessCurrency(List<SampleRow> data, int currency, string[] names, IEnumerable<int> moneyColumns, List<string> notes)
    {
        var parser = new CurrencyText("CNY");
        if (currency >= 0)
        {
            var common = data.Select(r => r.Cell(currency))
                .Where(v => v.Length > 0 && parser.TryGet(v, out _))
                .GroupBy(v => v)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstOrDefault();
            if (common is not null && parser.TryGet(common, out var code))
            {
                return code;
            }
        }

        var money = string.Concat(data.SelectMany(r => moneyColumns.Select(r.Cell)));
        var guessed = money.Contains('€', StringComparison.Ordinal) ? "EUR"
            : money.Contains('$', StringComparison.Ordinal) ? "USD"
            : money.Contains('£', StringComparison.Ordinal) ? "GBP"
            : names.Any(n => n.Any(c => c >= '\u4E00' && c <= '\u9FFF')) || money.Contains('¥', StringComparison.Ordinal) ? "CNY"
            : "EUR";
        notes.Add($"the file names no currency: lines are read as {guessed} (set defaultCurrency in the profile if that is wrong)");
        return guessed;
    }

    private static bool TypedAmounts(List<SampleRow> rows, BankProfile profile)
    {
        var header = rows.FirstOrDefault(r => profile.Header is { } h && StatementTableReader.SameHeader(r.Trimmed(), h));
        if (header is null)
        {
            return false;
        }

        var column = profile.Columns.Amount ?? profile.Columns.Credit;
        var index = Array.FindIndex(header.Trimmed(), n => string.Equals(n, column?.Split('#')[0], StringComparison.OrdinalIgnoreCase));
        return index >= 0 && rows.Any(r => r.Row > header.Row && r.TypedCell(index) is double);
    }

    private static string DetectedName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var safe = new string([.. stem.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
        return safe.Length == 0 ? "detected" : $"detected-{safe}";
    }
}
