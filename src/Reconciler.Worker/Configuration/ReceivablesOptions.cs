using System.Globalization;
using System.Text;
using Reconciler.Files;

namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Receivables</c> configuration section: how to read the receivables file when it is an ERP export rather
/// than the layout Reconciler writes (other headers, title rows, GB18030, <c>1,234.56</c>, a named sheet). Values
/// are text as configuration gives them; <see cref="Validate"/> checks them with messages that name the key, and
/// <see cref="ToColumns"/> turns them into the <see cref="ReceivableColumns"/> the readers take. Every default is
/// <see cref="ReceivableColumns.Default"/>'s.
/// </summary>
internal sealed class ReceivablesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Receivables";

    private static readonly DateTime FormatProbe = new(1999, 12, 28, 14, 30, 15, DateTimeKind.Unspecified);

    /// <summary>The header of each field as the export writes it.</summary>
    public ReceivableColumnOptions Columns { get; init; } = new();

    /// <summary>The delimiter of a text export: one character, or <c>tab</c>.</summary>
    public string? Delimiter { get; init; } = ReceivableColumns.Default.Delimiter.ToString();

    /// <summary>The encoding of a text export (a byte order mark in the file wins).</summary>
    public string? Encoding { get; init; } = "utf-8";

    /// <summary>The formats of text dates, tried in order; null for <c>yyyy-MM-dd</c>.</summary>
    public string[]? DateFormats { get; init; }

    /// <summary>The decimal separator of text amounts: <c>.</c> or <c>,</c>.</summary>
    public string? DecimalSeparator { get; init; } = ReceivableColumns.Default.DecimalSeparator.ToString();

    /// <summary>An extra thousands separator of text amounts (the usual ones are always read, in groups of three), or empty for none.</summary>
    public string? ThousandsSeparator { get; init; }

    /// <summary>Extra currency symbols or codes that may stand before or after a text amount (common symbols and ISO codes are always read).</summary>
    public string[]? CurrencySymbols { get; init; }

    /// <summary>The currency of receivables without one.</summary>
    public string? DefaultCurrency { get; init; } = ReceivableColumns.Default.DefaultCurrency;

    /// <summary>The worksheet to read in a workbook; empty for the first sheet whose header fits.</summary>
    public string? Sheet { get; init; }

    /// <summary>The ERP's receivables query (<c>Receivables:Erp</c>); bound and checked by <see cref="ErpOptions"/>.</summary>
    public ErpOptions Erp { get; init; } = new();

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        problems.AddRange(Columns.Validate($"{Section}:{nameof(Columns)}"));
        if (!TryDelimiter(Delimiter, out _))
        {
            problems.Add($"{Section}:{nameof(Delimiter)} must be one character such as \",\", \";\" or \"|\" (or \"tab\"); it is {Shown(Delimiter)}.");
        }

        if (!TryEncoding(Encoding, out _))
        {
            problems.Add($"{Section}:{nameof(Encoding)} must be one of {string.Join(", ", TextEncodings.Names)} (gb18030 also reads GBK and GB2312); it is {Shown(Encoding)}.");
        }

        if (DateFormats is { Length: 0 })
        {
            problems.Add($"{Section}:{nameof(DateFormats)} needs at least one format, such as \"yyyy-MM-dd\" or \"yyyy/M/d\".");
        }

        foreach (var (format, i) in (DateFormats ?? []).Select((f, i) => (f, i)))
        {
            if (!IsDateFormat(format))
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Section}:{nameof(DateFormats)}:{i} is not a date format that gives year, month and day (.NET custom format such as \"yyyy-MM-dd\", \"yyyy/M/d\", \"dd.MM.yyyy\" or \"yyyy-MM-dd HH:mm:ss\"); it is {Shown(format)}."));
            }
        }

        var decimalSeparator = DecimalSeparator is "." or "," ? DecimalSeparator[0] : (char?)null;
        if (decimalSeparator is null)
        {
            problems.Add($"{Section}:{nameof(DecimalSeparator)} must be \".\" or \",\"; it is {Shown(DecimalSeparator)}.");
        }

        if (!TryThousands(ThousandsSeparator, out var thousands) || (thousands is not null && thousands == decimalSeparator))
        {
            problems.Add($"{Section}:{nameof(ThousandsSeparator)} must be one character other than the decimal separator, such as \",\", \".\", \" \" or \"'\", or empty for none; it is {Shown(ThousandsSeparator)}.");
        }

        foreach (var (symbol, i) in (CurrencySymbols ?? []).Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(symbol) || symbol.Any(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or ','))
            {
                problems.Add(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Section}:{nameof(CurrencySymbols)}:{i} must be a symbol or code without digits, signs or separators, such as \"¥\", \"￥\" or \"RMB\"; it is {Shown(symbol)}."));
            }
        }

        if (DefaultCurrency is not { Length: 3 } code || !code.All(char.IsAsciiLetter))
        {
            problems.Add($"{Section}:{nameof(DefaultCurrency)} must be a three-letter currency code such as CNY; it is {Shown(DefaultCurrency)}.");
        }

        return problems;
    }

    /// <summary>The column map the readers take; call after <see cref="Validate"/> found no problem.</summary>
    /// <exception cref="InvalidOperationException">The options are not valid.</exception>
    public ReceivableColumns ToColumns()
    {
        if (Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, problems));
        }

        TryDelimiter(Delimiter, out var delimiter);
        TryEncoding(Encoding, out var encoding);
        TryThousands(ThousandsSeparator, out var thousands);
        return new ReceivableColumns
        {
            ContractNo = Columns.ContractNo!.Trim(),
            CustomerId = Named(Columns.CustomerId),
            CustomerName = Columns.CustomerName!.Trim(),
            Amount = Columns.Amount!.Trim(),
            Currency = Named(Columns.Currency),
            IssueDate = Named(Columns.IssueDate),
            DueDate = Columns.DueDate!.Trim(),
            SalesOwner = Named(Columns.SalesOwner),
            Delimiter = delimiter,
            Encoding = encoding!.CodePage == System.Text.Encoding.UTF8.CodePage ? null : encoding,
            DateFormats = DateFormats ?? ReceivableColumns.Default.DateFormats,
            DecimalSeparator = DecimalSeparator![0],
            ThousandsSeparator = thousands,
            CurrencySymbols = [.. (CurrencySymbols ?? []).Select(s => s.Trim())],
            DefaultCurrency = DefaultCurrency!.ToUpperInvariant(),
            Sheet = string.IsNullOrWhiteSpace(Sheet) ? null : Sheet.Trim(),
        };
    }

    private static string? Named(string? column) => string.IsNullOrWhiteSpace(column) ? null : column.Trim();

    private static string Shown(string? value) => value is null ? "empty" : string.Concat("\"", value, "\"");

    private static bool TryDelimiter(string? text, out char delimiter)
    {
        delimiter = text switch
        {
            "tab" or "TAB" or "\\t" or "\t" => '\t',
            { Length: 1 } one when char.IsAscii(one[0]) && !char.IsAsciiLetterOrDigit(one[0]) && one[0] is not ('"' or '\r' or '\n' or ' ') => one[0],
            _ => '\0',
        };
        return delimiter != '\0';
    }

    // The names bank profiles take too (TextEncodings registers the code pages GB18030 and Windows-1252 need).
    private static bool TryEncoding(string? name, out Encoding? encoding)
    {
        encoding = TextEncodings.IsKnown(name) ? TextEncodings.Get(name!) : null;
        return encoding is not null;
    }

    private static bool TryThousands(string? text, out char? separator)
    {
        separator = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length != 1 || char.IsLetterOrDigit(text[0]) || text[0] is '-' or '+' or '"')
        {
            return false;
        }

        separator = text[0];
        return true;
    }

    // A format is usable when a date written with it reads back as the same day (so it has year, month and day).
    private static bool IsDateFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return false;
        }

        try
        {
            var text = FormatProbe.ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date == DateOnly.FromDateTime(FormatProbe);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
