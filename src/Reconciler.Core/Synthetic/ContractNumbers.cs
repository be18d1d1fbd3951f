namespace Reconciler.Synthetic;

/// <summary>
/// Issues contract numbers in four realistic formats and answers whether a normalised key was issued.
/// </summary>
/// <remarks>
/// <para>Formats (written form, then normalised key and its length):</para>
/// <list type="bullet">
/// <item><c>KL26-0045127</c>: <c>KL</c>, two-digit year, six-digit serial, check digit; key of 11.</item>
/// <item><c>HT2026/0045836</c>: <c>HT</c>, four-digit year, six-digit serial, check digit; key of 13.</item>
/// <item><c>SO-26-1187346</c>: <c>SO</c>, two-digit year, six-digit serial, check digit; key of 11.</item>
/// <item><c>INV-20260311-0074</c>: <c>INV</c>, issue date, three-digit serial of the day, check digit; key of 15.</item>
/// </list>
/// <para>Above two million receivables the yearly serials get seven digits. A full series (a busy invoice day)
/// passes the receivable to the next format.</para>
/// <para>Why no two keys are one edit apart (substitution, insertion, deletion, adjacent swap): the last digit is
/// a weighted mod-11 check over all digits of the key (weights 2…10 cycling, never equal for neighbours, serials
/// whose check would be 10 are skipped), so one substituted digit or two swapped digits break it; a letter only
/// ever stands in the prefix, and the prefixes are at least two edits apart from each other (no prefix is
/// another with a letter changed, added or dropped); one insertion or deletion changes the length, and each
/// prefix has one length. Serials grow with the issue date, with small gaps, like a real ledger.</para>
/// </remarks>
internal sealed class ContractNumbers
{
    public const int FormatCount = 4;
    public const int Inv = 3;

    private const int DailyRange = 1_000;

    private static readonly string[] Prefixes = ["KL", "HT", "SO", "INV"];

    private readonly Random _random;
    private readonly int _serialDigits;
    private readonly int _serialRange;
    private readonly int[] _keyLengths;
    private readonly Dictionary<int, Series> _series = [];

    public ContractNumbers(Random random, int receivables)
    {
        _random = random;
        _serialDigits = receivables > 2_000_000 ? 7 : 6;
        _serialRange = _serialDigits == 7 ? 10_000_000 : 1_000_000;
        _keyLengths = [5 + _serialDigits, 7 + _serialDigits, 5 + _serialDigits, 15];
    }

    /// <summary>Issues the next number of a format for a receivable issued on <paramref name="issue"/>; null when the series is full.</summary>
    public string? TryIssue(int format, DateOnly issue)
    {
        var series = SeriesOf(format, format == Inv ? issue.DayNumber : issue.Year, create: true)!;
        var range = format == Inv ? DailyRange : _serialRange;
        Span<char> digits = stackalloc char[16];
        for (var serial = series.Next; serial < range; serial++)
        {
            var count = WriteDigits(format, issue, serial, _serialDigits, digits);
            var check = CheckDigit(digits[..count]);
            if (check == 10)
            {
                continue;
            }

            series.Issued[serial >> 6] |= 1UL << (serial & 63);
            series.Next = serial + 1 + (_random.Next(16) == 0 ? 1 + _random.Next(3) : 0);
            return Write(format, issue, serial, _serialDigits, (char)('0' + check));
        }

        series.Next = range;
        return null;
    }

    /// <summary>True when <paramref name="key"/> (normalised: upper case, letters and digits only) was issued.</summary>
    public bool IsIssued(ReadOnlySpan<char> key)
    {
        var format = FormatOf(key);
        if (format < 0 || key.Length != _keyLengths[format])
        {
            return false;
        }

        var digits = key[Prefixes[format].Length..];
        if (digits.ContainsAnyExceptInRange('0', '9') || !HasValidCheck(digits))
        {
            return false;
        }

        int id;
        int serial;
        switch (format)
        {
            case Inv:
                var year = Number(digits[..4]);
                var month = Number(digits[4..6]);
                var day = Number(digits[6..8]);
                if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
                {
                    return false;
                }

                id = new DateOnly(year, month, day).DayNumber;
                serial = Number(digits[8..11]);
                break;
            case 1:
                id = Number(digits[..4]);
                serial = Number(digits[4..^1]);
                break;
            default:
                id = 2000 + Number(digits[..2]);
                serial = Number(digits[2..^1]);
                break;
        }

        var series = SeriesOf(format, id, create: false);
        return series is not null && (series.Issued[serial >> 6] & (1UL << (serial & 63))) != 0;
    }

    /// <summary>The check digit (0…10; 10 means the serial is not used) for the digits before it.</summary>
    public static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += Weight(digits.Length - 1 - i) * (digits[i] - '0');
        }

        return (11 - (sum % 11)) % 11;
    }

    /// <summary>True when the last digit is the right check digit for the digits before it.</summary>
    public static bool HasValidCheck(ReadOnlySpan<char> digits) =>
        digits.Length >= 2 && CheckDigit(digits[..^1]) == digits[^1] - '0';

    /// <summary>Where the letter prefix of a key ends (the first digit), or -1 when the key has no known prefix.</summary>
    public static int PrefixLength(ReadOnlySpan<char> key) => FormatOf(key) is >= 0 and var format ? Prefixes[format].Length : -1;

    // Weight of the digit `fromEnd` places before the check digit: 2, 3, … 10, 2, 3 …
    private static int Weight(int fromEnd) => 2 + (fromEnd % 9);

    private static int FormatOf(ReadOnlySpan<char> key) =>
        key.StartsWith("INV") ? Inv : key.StartsWith("KL") ? 0 : key.StartsWith("HT") ? 1 : key.StartsWith("SO") ? 2 : -1;

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private Series? SeriesOf(int format, int id, bool create)
    {
        var key = (format << 24) | id;
        if (_series.TryGetValue(key, out var series) || !create)
        {
            return series;
        }

        var range = format == Inv ? DailyRange : _serialRange;
        series = new Series
        {
            Issued = new ulong[(range + 63) / 64],
            Next = format == Inv ? 1 + _random.Next(20) : 1_000 + _random.Next(40_000),
        };
        _series.Add(key, series);
        return series;
    }

    // The digits of the normalised key before the check digit.
    private static int WriteDigits(int format, DateOnly issue, int serial, int serialDigits, Span<char> digits)
    {
        var at = 0;
        switch (format)
        {
            case Inv:
                at = Put(digits, at, issue.Year, 4);
                at = Put(digits, at, issue.Month, 2);
                at = Put(digits, at, issue.Day, 2);
                return Put(digits, at, serial, 3);
            case 1:
                at = Put(digits, at, issue.Year, 4);
                return Put(digits, at, serial, serialDigits);
            default:
                at = Put(digits, at, issue.Year % 100, 2);
                return Put(digits, at, serial, serialDigits);
        }
    }

    private static string Write(int format, DateOnly issue, int serial, int serialDigits, char check)
    {
        Span<char> text = stackalloc char[20];
        var at = 0;
        switch (format)
        {
            case 0: // KL26-0045127
                text[at++] = 'K';
                text[at++] = 'L';
                at = Put(text, at, issue.Year % 100, 2);
                text[at++] = '-';
                at = Put(text, at, serial, serialDigits);
                break;
            case 1: // HT2026/0045836
                text[at++] = 'H';
                text[at++] = 'T';
                at = Put(text, at, issue.Year, 4);
                text[at++] = '/';
                at = Put(text, at, serial, serialDigits);
                break;
            case 2: // SO-26-1187346
                "SO-".CopyTo(text);
                at = Put(text, 3, issue.Year % 100, 2);
                text[at++] = '-';
                at = Put(text, at, serial, serialDigits);
                break;
            default: // INV-20260311-0074
                "INV-".CopyTo(text);
                at = Put(text, 4, issue.Year, 4);
                at = Put(text, at, issue.Month, 2);
                at = Put(text, at, issue.Day, 2);
                text[at++] = '-';
                at = Put(text, at, serial, 3);
                break;
        }

        text[at++] = check;
        return new string(text[..at]);
    }

    private static int Put(Span<char> into, int at, int value, int width)
    {
        for (var i = width - 1; i >= 0; i--)
        {
            into[at + i] = (char)('0' + (value % 10));
            value /= 10;
        }

        return at + width;
    }

    private sealed class Series
    {
        public required ulong[] Issued { get; init; }

        public int Next { get; set; }
    }
}
