using System.Globalization;
using System.Text;

namespace Reconciler.Files;

/// <summary>
/// Chooses the profile for a file nobody named one for. First the known profiles, recognised by their header
/// (or, for a profile without a header row, by the shape and values of the rows); then, for a layout never
/// seen, a profile built from the file itself: encoding, delimiter, header row, column roles (from header names
/// in seven languages, checked against the values), date and number formats. A file that looks like a known
/// layout whose header changed is refused with the difference named, never read with a guess.
/// </summary>
public static partial class ProfileDetector
{
    private const int SampleRowCount = 200;
    private const int SampleBytes = 64 * 1024;
    private const int HeaderSearchRows = 60;

    /// <summary>The profile to read the file with; the stream is rewound.</summary>
    /// <param name="stream">The file.</param>
    /// <param name="fileName">The file's name, for messages.</param>
    /// <param name="catalog">The known profiles; the built-in ones when null.</param>
    /// <param name="limits">The read limits; the defaults when null.</param>
    /// <param name="adaptDrifted">
    /// For a file that looks like a known layout whose header changed, return that profile with the file's header
    /// (its columns moved to the new names), as a starting point for a person to check, instead of refusing the
    /// file; it is still refused when a column the profile reads is gone. Never for reading a file unattended.
    /// </param>
    /// <exception cref="InputFormatException">The file is not a statement Reconciler can make sense of; the message says what is missing.</exception>
    public static ProfileDetection Detect(Stream stream, string fileName, ProfileCatalog? catalog = null, ReadLimits? limits = null, bool adaptDrifted = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        catalog ??= ProfileCatalog.BuiltIn;
        limits ??= ReadLimits.Default;
        var start = stream.Position;
        try
        {
            NonTableFormats.ThrowIfNotTable(stream, fileName);
            var kind = FileSniffer.Kind(FileSniffer.Head(stream, 8));
            return kind == FileKind.Text
                ? DetectText(stream, fileName, catalog, adaptDrifted)
                : DetectWorkbook(stream, fileName, kind, catalog, limits, adaptDrifted);
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static ProfileDetection DetectText(Stream stream, string fileName, ProfileCatalog catalog, bool adaptDrifted)
    {
        var start = stream.Position;
        var head = FileSniffer.Head(stream, SampleBytes);
        var encodingName = TextEncodings.Guess(head, complete: head.Length < SampleBytes);
        var encoding = TextEncodings.Get(encodingName);
        var text = Decode(head, encoding);
        var delimiter = GuessDelimiter(text);
        var rows = new List<SampleRow>();
        using (var source = new CsvRowSource(stream, fileName, delimiter, encoding, unwrapSingleQuotes: false))
        {
            try
            {
                while (rows.Count < SampleRowCount && source.Read())
                {
                    rows.Add(SampleRow.From(source));
                }
            }
            catch (InputFormatException) when (rows.Count > 0)
            {
                // A problem further down is the reader's to report, with the profile chosen from the rows above it.
            }
        }

        stream.Position = start;
        var unwrap = UnwrapSingleQuotes(rows);
        var delimiterName = delimiter == '\t' ? "\\t" : delimiter.ToString();
        var recognised = Recognise(rows, catalog);
        if (recognised is null && Drifted(rows, catalog, fileName, adaptDrifted) is { } adapted)
        {
            recognised = adapted;
        }

        if (recognised is { Profile: var known })
        {
            var keepEncoding = IsLatin(known.Encoding) && IsLatin(encodingName);
            return recognised with
            {
                Profile = known with { Encoding = keepEncoding ? known.Encoding : encodingName, Delimiter = known.HasHeaderRow ? delimiterName : known.Delimiter },
            };
        }

        var notes = new List<string>();
        var built = Build(rows, fileName, notes) with
        {
            Encoding = encodingName,
            Delimiter = delimiterName,
            UnwrapSingleQuotes = unwrap,
        };
        return new ProfileDetection(built, "detected", notes);
    }

    private static ProfileDetection DetectWorkbook(Stream stream, string fileName, FileKind kind, ProfileCatalog catalog, ReadLimits limits, bool adaptDrifted)
    {
        using var workbook = StatementReader.OpenWorkbook(stream, fileName, kind, limits);
        var sheets = new List<(string Name, List<SampleRow> Rows)>();
        for (var i = 0; i < workbook.Sheets.Count; i++)
        {
            workbook.UseSheet(i);
            var rows = new List<SampleRow>();
            while (rows.Count < SampleRowCount && workbook.Read())
            {
                rows.Add(SampleRow.From(workbook));
            }

            sheets.Add((workbook.Sheet, rows));
        }

        foreach (var profile in catalog.Profiles)
        {
            foreach (var (name, rows) in sheets)
            {
                if (profile.Sheet is { } wanted && !string.Equals(wanted.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (Matches(rows, profile))
                {
                    return new ProfileDetection(profile, "recognised by its header", []);
                }
            }
        }

        foreach (var (name, rows) in sheets)
        {
            if (Drifted(rows, catalog, fileName, adaptDrifted) is { } adapted)
            {
                return adapted.Profile.Sheet is null ? adapted : adapted with { Profile = adapted.Profile with { Sheet = name } };
            }
        }

        // A layout never seen: the sheet whose header is clearest, preferring one whose amounts are numbers
        // (a copy of the data as text, such as a Power Query sheet, comes second).
        InputFormatException? failure = null;
        (BankProfile Profile, List<string> Notes, int Score)? best = null;
        foreach (var (name, rows) in sheets)
        {
            var notes = new List<string>();
            try
            {
                var profile = Build(rows, fileName, notes) with { Sheet = name };
                var score = HeaderScore(rows) + (TypedAmounts(rows, profile) ? 1 : 0);
                if (best is null || score > best.Value.Score)
                {
                    best = (profile, notes, score);
                }
            }
            catch (InputFormatException error)
            {
                failure ??= error;
            }
        }

        return best is { } chosen
            ? new ProfileDetection(chosen.Profile, "detected", chosen.Notes)
            : throw failure ?? new InputFormatException(fileName, 1, null, null, "the workbook has no sheet with transactions");
    }

    /// <summary>The first known profile that matches the sample rows of a text file.</summary>
    private static ProfileDetection? Recognise(List<SampleRow> rows, ProfileCatalog catalog)
    {
        foreach (var profile in catalog.Profiles)
        {
            if (Matches(rows, profile))
            {
                return new ProfileDetection(profile, "recognised by its header", []);
            }
        }

        return null;
    }

    private static bool Matches(List<SampleRow> rows, BankProfile profile)
    {
        if (!profile.HasHeaderRow)
        {
            return MatchesWithoutHeader(rows, profile);
        }

        if (profile.Header is { } header)
        {
            return rows.Take(HeaderSearchRows).Any(r => StatementTableReader.SameHeader(r.Trimmed(), header));
        }

        // The generic layout: its column names, in any order, on the first non-empty row.
        var first = rows.FirstOrDefault(r => !r.IsEmpty);
        if (first is null)
        {
            return false;
        }

        var c = profile.Columns;
        var wanted = new[] { c.Date, c.Amount, c.Credit, c.Debit, c.Currency, c.PayerName, c.PayerAccount, c.BankRef }
            .Concat(c.Memo)
            .OfType<string>()
            .Where(n => n.Length > 0);
        return wanted.All(n => first.Cells.Contains(n, StringComparer.OrdinalIgnoreCase));
    }

    private static bool MatchesWithoutHeader(List<SampleRow> rows, BankProfile profile)
    {
        var data = rows.Where(r => !r.IsEmpty).ToList();
        var names = profile.Header!;
        if (data.Count == 0 || data.Any(r => r.Cells.Length != names.Count))
        {
            return false;
        }

        var dates = new DateText(profile.DateFormats, excelSerials: false);
        var money = profile.DecimalSeparator == "," ? MoneyText.Comma : MoneyText.Point;
        var date = IndexOf(names, profile.Columns.Date);
        var amount = IndexOf(names, profile.Columns.Amount ?? profile.Columns.Credit);
        return date >= 0 && amount >= 0
            && data.All(r => dates.TryParse(r.Cells[date], out _, out _))
            && data.All(r => money.TryParse(Unquote(r.Cells[amount], profile.UnwrapSingleQuotes), out _));
    }

    /// <summary>
    /// Null when no row looks like a known profile's header with a column renamed, added, missing or moved. When one
    /// does, the file is refused naming the difference and what to do, unless <paramref name="adapt"/> asks for the
    /// known profile with the file's header and that profile still finds every column it reads.
    /// </summary>
    private static ProfileDetection? Drifted(List<SampleRow> rows, ProfileCatalog catalog, string fileName, bool adapt)
    {
        foreach (var profile in catalog.Profiles)
        {
            if (!profile.HasHeaderRow || profile.Header is not { Count: >= 4 } header)
            {
                continue;
            }

            foreach (var row in rows.Take(HeaderSearchRows))
            {
                var cells = row.Trimmed();
                if (Math.Abs(cells.Length - header.Count) > 2)
                {
                    continue;
                }

                var shared = cells.Count(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));
                if (shared * 4 < header.Count * 3 || StatementTableReader.SameHeader(cells, header))
                {
                    continue;
                }

                var difference = StatementTableReader.HeaderDifference(cells, header);
                if (adapt && HeaderDrift.Adapt(profile, cells) is { } adapted)
                {
                    var origin = profile.Origin == "built-in" ? $"the built-in profile {profile.Name}" : $"profile {profile.Name} ({profile.Origin})";
                    var copy = profile.Origin == "built-in"
                        ? $"save it with --out {Path.Combine(catalog.Folder ?? "profiles", profile.Name + ".json")} (in the profiles folder, Statements:ProfilesFolder, it wins over the built-in one; `reconciler profile show {profile.Name}` prints the built-in one as it is)"
                        : $"save it over {profile.Origin} with --out {profile.Origin} (not with `>`, which empties the file before it is read)";
                    return new ProfileDetection(
                        adapted,
                        $"{origin} with the file's header, which differs from the profile's ({difference}); the file was not recognised",
                        [$"this is a starting point, not a profile Reconciler knows: check the columns, then {copy}"]);
                }

                throw new InputFormatException(
                    fileName,
                    row.Row,
                    null,
                    null,
                    $"the header looks like profile {profile.Name}'s but differs, so the file is refused rather than misread: {difference} ({HeaderDrift.Advice(profile, cells, catalog.Folder)})");
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string? name)
    {
        if (name is null)
        {
            return -1;
        }

        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Decode(byte[] head, Encoding encoding)
    {
        var skip = TextEncodings.FromByteOrderMark(head) switch
        {
            "utf-8" => 3,
            "utf-16" or "utf-16be" => 2,
            _ => 0,
        };
        return encoding.GetString(head, skip, head.Length - skip);
    }

    /// <summary>
    /// The delimiter that splits the most lines into the same number of fields (more than one), counting outside
    /// quotes only: a tab inside a quoted cell or after a closing quote does not make a file tab-delimited.
    /// </summary>
    internal static char GuessDelimiter(string text)
    {
        var lines = text.Split('\n').Take(SampleRowCount).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count > 1)
        {
            lines.RemoveAt(lines.Count - 1); // the sample may cut the last line
        }

        var best = ',';
        var bestScore = -1;
        foreach (var candidate in new[] { ',', ';', '\t', '|' })
        {
            var counts = lines.Select(l => FieldsOutsideQuotes(l, candidate)).Where(n => n > 1).ToList();
            if (counts.Count == 0)
            {
                continue;
            }

            var mode = counts.GroupBy(n => n).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            var score = (mode.Count() * 100) + mode.Key;
            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static int FieldsOutsideQuotes(string line, char delimiter)
    {
        var fields = 1;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                fields++;
            }
        }

        return fields;
    }

    /// <summary>True when some column has its text wrapped in single quotes (<c>'text'</c>) in nearly every row.</summary>
    private static bool UnwrapSingleQuotes(List<SampleRow> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Length);
        for (var i = 0; i < width; i++)
        {
            var filled = rows.Select(r => r.Cell(i)).Where(c => c.Length > 0).ToList();
            var wrapped = filled.Count(c => c.Length >= 2 && c[0] == '\'' && c[^1] == '\'');
            if (wrapped >= 2 && wrapped * 5 >= filled.Count * 4)
            {
                return true;
            }
        }

        return false;
    }

    private static string Unquote(string cell, bool unwrap) =>
        unwrap && cell.Length >= 2 && cell[0] == '\'' && cell[^1] == '\'' ? cell[1..^1] : cell;

    private static bool IsLatin(string encoding) => encoding is "iso-8859-1" or "windows-1252";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
