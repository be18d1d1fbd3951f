using System.Globalization;

namespace Reconciler.Files;

/// <summary>A profile resolved against one file's header: the index of every role, and the parsers the profile asks for.</summary>
internal sealed class ProfileLayout
{
    private readonly HashSet<string> _nullValues;
    private readonly Dictionary<string, int> _direction = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _notBooked = new(StringComparer.OrdinalIgnoreCase);

    public ProfileLayout(BankProfile profile, IReadOnlyList<string> names, string file, int headerRow)
    {
        Profile = profile;
        Names = names;
        Money = profile.DecimalSeparator == "," ? MoneyText.Comma : MoneyText.Point;
        Dates = new DateText(profile.DateFormats, excelSerials: true);
        Currencies = new CurrencyText(profile.DefaultCurrency);
        _nullValues = new HashSet<string>(profile.NullValues, StringComparer.Ordinal);
        foreach (var value in profile.NotBooked)
        {
            _notBooked.TryAdd(value.Trim(), value.Trim());
        }
        if (profile.Direction is { } direction)
        {
            foreach (var value in direction.Credit)
            {
                _direction[value.Trim()] = 1;
            }

            foreach (var value in direction.Debit)
            {
                _direction[value.Trim()] = -1;
            }

            foreach (var value in direction.Neutral)
            {
                _direction[value.Trim()] = 0;
            }
        }

        var resolver = new ColumnResolver(names, file, headerRow, profile);
        var c = profile.Columns;
        Date = resolver.Required(c.Date, "date");
        Time = resolver.Optional(c.Time);
        ValueDate = resolver.Optional(c.ValueDate);
        Amount = resolver.Optional(c.Amount);
        Credit = resolver.Optional(c.Credit);
        Debit = resolver.Optional(c.Debit);
        Direction = resolver.Optional(c.Direction);
        Currency = resolver.Optional(c.Currency);
        PayerName = resolver.Optional(c.PayerName);
        PayerAccount = resolver.Optional(c.PayerAccount);
        BankRef = resolver.Optional(c.BankRef);
        Status = resolver.Optional(c.Status);
        Memo = [.. c.Memo.Select(m => resolver.Required(m, "memo"))];
        resolver.ThrowIfMissing();
        LastRoleIndex = new[] { Date.Index, Time.Index, ValueDate.Index, Amount.Index, Credit.Index, Debit.Index, Direction.Index, Currency.Index, PayerName.Index, PayerAccount.Index, BankRef.Index, Status.Index }
            .Concat(Memo.Select(m => m.Index))
            .Max();
    }

    public BankProfile Profile { get; }

    public IReadOnlyList<string> Names { get; }

    public MoneyText Money { get; }

    public DateText Dates { get; }

    public CurrencyText Currencies { get; }

    public Column Date { get; }

    public Column Time { get; }

    public Column ValueDate { get; }

    public Column Amount { get; }

    public Column Credit { get; }

    public Column Debit { get; }

    public Column Direction { get; }

    public Column Currency { get; }

    public Column PayerName { get; }

    public Column PayerAccount { get; }

    public Column BankRef { get; }

    public Column Status { get; }

    public Column[] Memo { get; }

    public int LastRoleIndex { get; }

    /// <summary>True for a value that means "nothing": a profile null value, or dashes only.</summary>
    public bool IsNull(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return true;
        }

        if (_nullValues.Count > 0 && _nullValues.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text))
        {
            return true;
        }

        return IsDashes(text);
    }

    /// <summary>True for a cell of dashes only (<c>-</c>, <c>-------------------</c>), which banks write for "nothing".</summary>
    public static bool IsDashes(ReadOnlySpan<char> text) => !text.IsEmpty && text.IndexOfAnyExcept('-') < 0;

    /// <summary>The direction a value means: 1 in, -1 out, 0 neither; null for a value the profile does not list.</summary>
    public int? DirectionOf(string text) => _direction.TryGetValue(text, out var d) ? d : null;

    /// <summary>
    /// The profile's spelling of the status when it is one of its not-booked values (matched trimmed, without case), so
    /// that the same line spelled <c>AUTORIZZATO</c> in one export and <c>Autorizzato</c> in the next is one line; null otherwise.
    /// </summary>
    public string? NotBookedAs(string text) => _notBooked.GetValueOrDefault(text.Trim());

    /// <summary>The three lists, for messages.</summary>
    public string DirectionChoices()
    {
        var d = Profile.Direction ?? new DirectionValues();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"money in: {string.Join(", ", d.Credit)}; money out: {string.Join(", ", d.Debit)}; neither: {(d.Neutral.Count == 0 ? "(none)" : string.Join(", ", d.Neutral))}");
    }

    /// <summary>A resolved column: its index (-1 when the profile has none) and its name for messages.</summary>
    internal readonly record struct Column(int Index, string Name)
    {
        public static Column None { get; } = new(-1, "");

        public bool Exists => Index >= 0;
    }

    private sealed class ColumnResolver(IReadOnlyList<string> names, string file, int row, BankProfile profile)
    {
        private readonly List<string> _missing = [];

        public Column Required(string? name, string role)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InputFormatException(file, row, null, null, $"profile {profile.Name} names no {role} column");
            }

            return Optional(name);
        }

        public Column Optional(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return Column.None;
            }

            var (plain, occurrence) = Split(name.Trim());
            var seen = 0;
            var first = -1;
            var count = 0;
            for (var i = 0; i < names.Count; i++)
            {
                if (!string.Equals(names[i], plain, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                count++;
                if (++seen == occurrence)
                {
                    first = i;
                }
            }

            if (first < 0)
            {
                _missing.Add(name);
                return Column.None;
            }

            if (occurrence == 1 && count > 1 && !name.Contains('#', StringComparison.Ordinal))
            {
                throw new InputFormatException(
                    file,
                    row,
                    plain,
                    null,
                    string.Create(CultureInfo.InvariantCulture, $"the header has the column \"{plain}\" {count} times, so it is not clear which to read (name one in the profile as \"{plain}#1\" … \"{plain}#{count}\")"));
            }

            return new Column(first, name);
        }

        public void ThrowIfMissing()
        {
            if (_missing.Count == 0)
            {
                return;
            }

            var quoted = string.Join(", ", _missing.Select(n => string.Concat("\"", n, "\"")));
            var found = string.Join(", ", names.Where(n => n.Length > 0));
            throw new InputFormatException(
                file,
                row,
                string.Join(", ", _missing),
                null,
                string.Create(CultureInfo.InvariantCulture, $"the header has no column{(_missing.Count > 1 ? "s" : "")} {quoted} (profile {profile.Name}; found {found})"));
        }

        private static (string Name, int Occurrence) Split(string name)
        {
            var hash = name.LastIndexOf('#');
            return hash > 0 && int.TryParse(name.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
                ? (name[..hash].TrimEnd(), n)
                : (name, 1);
        }
    }
}
