using System.Globalization;

namespace Reconciler.Files;

/// <summary>
/// What to do about a file whose header is a known profile's with a column renamed, added, missing or moved: the
/// advice a refusal gives (for a built-in profile, the command that copies it out to edit, and the edit), and the
/// known profile with the file's header, as a starting point, where every column it reads can still be found.
/// </summary>
internal static class HeaderDrift
{
    /// <summary>
    /// What the operator should do, as the end of a refusal that already named the difference: for a built-in
    /// profile, <c>reconciler profile show NAME --out FOLDER/NAME.json</c> and what to change in the copy; for a
    /// user profile, what to change in its file.
    /// </summary>
    /// <param name="known">The profile whose header the file's resembles.</param>
    /// <param name="found">The file's header.</param>
    /// <param name="folder">The profiles folder in use, or null when none is configured.</param>
    public static string Advice(BankProfile known, IReadOnlyList<string> found, string? folder)
    {
        var header = known.Header ?? [];
        var missing = Surplus(header, found);
        var added = Surplus(found, header);
        var edit = missing.Count == 1 && added.Count == 1
            ? $"change \"{missing[0]}\" to \"{added[0]}\" in its header and columns"
            : $"make its header the file's ({string.Join(", ", found.Select(n => string.Concat("\"", n, "\"")))}) and point its columns at the new names";
        if (!string.Equals(known.Origin, "built-in", StringComparison.Ordinal))
        {
            return $"if the bank changed its export, edit {known.Origin}: {edit}; or name another profile with --profile";
        }

        var copy = Path.Combine(folder ?? "profiles", known.Name + ".json");
        var where = folder is null
            ? "keep it in a profiles folder (Statements:ProfilesFolder), where it wins over the built-in one"
            : "it wins over the built-in one there";
        return $"if the bank changed its export, copy the built-in profile out with `reconciler profile show {known.Name} --out {Quote(copy)}`, {edit}; {where} (`reconciler profile detect FILE` prints the copy with the file's header where it can); or name another profile with --profile";
    }

    /// <summary>
    /// <paramref name="known"/> with the file's header and its columns moved to their new names: a renamed column
    /// (the file's column at the same place, when only renamed columns differ) or the same name elsewhere. Null when
    /// a column the profile reads is gone or the result is not a valid profile.
    /// </summary>
    public static BankProfile? Adapt(BankProfile known, IReadOnlyList<string> found)
    {
        if (known.Header is not { } header)
        {
            return null;
        }

        var cells = found.Select(c => c.Trim()).ToList();
        var missing = Surplus(header, cells);
        var added = Surplus(cells, header);
        var differing = Enumerable.Range(0, header.Count).Count(i => i < cells.Count && !Same(header[i], cells[i]));
        var inPlace = header.Count == cells.Count && differing == missing.Count && missing.Count == added.Count;
        string? Rename(string? name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return name;
            }

            var (plain, occurrence) = Split(name);
            var at = Nth(header, plain, occurrence);
            if (at < 0)
            {
                return null;
            }

            var to = inPlace ? at : Nth(cells, header[at].Trim(), Occurrence(header, at));
            return to < 0 ? null : NameOf(cells, to);
        }

        var c = known.Columns;
        var columns = c.Renamed(Rename);
        var lost = c.SingleColumns().Zip(columns.SingleColumns()).Any(p => !string.IsNullOrWhiteSpace(p.First) && p.Second is null)
            || columns.Memo.Count != c.Memo.Count;
        if (lost)
        {
            return null;
        }

        var adapted = known with { Header = cells, Columns = columns };
        return ProfileJson.Validate(adapted).Count == 0 ? adapted : null;
    }

    /// <summary>The names in <paramref name="these"/> beyond those in <paramref name="others"/>, counted (two "Währung" are two).</summary>
    internal static List<string> Surplus(IReadOnlyList<string> these, IReadOnlyList<string> others)
    {
        var left = others.GroupBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var surplus = new List<string>();
        foreach (var name in these)
        {
            var key = name.Trim();
            if (left.TryGetValue(key, out var count) && count > 0)
            {
                left[key] = count - 1;
            }
            else
            {
                surplus.Add(key);
            }
        }

        return surplus;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the <paramref name="occurrence"/>-th column called <paramref name="name"/>; -1 when there is none.</summary>
    private static int Nth(IReadOnlyList<string> names, string name, int occurrence)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (Same(names[i], name) && --occurrence == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Which occurrence of its name the column at <paramref name="index"/> is (1 for the first).</summary>
    private static int Occurrence(IReadOnlyList<string> names, int index) =>
        Enumerable.Range(0, index + 1).Count(i => Same(names[i], names[index]));

    /// <summary>The name a profile gives the column at <paramref name="index"/>: <c>Währung#2</c> where the name is there twice.</summary>
    private static string NameOf(List<string> names, int index)
    {
        var name = names[index].Trim();
        return names.Count(n => Same(n, name)) > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{name}#{Occurrence(names, index)}")
            : name;
    }

    private static (string Name, int Occurrence) Split(string name)
    {
        var hash = name.LastIndexOf('#');
        return hash > 0 && int.TryParse(name.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? (name[..hash].TrimEnd(), n)
            : (name.Trim(), 1);
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
