using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reconciler.Files;

/// <summary>Reads, writes and checks bank profiles as JSON files a clerk can open and edit.</summary>
public static class ProfileJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Chinese and German header names stay readable in the file instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads a profile; throws <see cref="ProfileException"/> naming the file and every problem.</summary>
    public static BankProfile Read(Stream stream, string origin)
    {
        ArgumentNullException.ThrowIfNull(stream);
        BankProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<BankProfile>(stream, Options);
        }
        catch (JsonException error)
        {
            throw new ProfileException($"profile {origin}: {error.Message}", error);
        }

        if (profile is null)
        {
            throw new ProfileException($"profile {origin}: the file holds no profile (expected a JSON object)");
        }

        // A list written as null in the file reads as an empty one, as if the key were left out.
        profile = profile with
        {
            Origin = origin,
            Columns = (profile.Columns ?? new ProfileColumns()) is var columns ? columns with { Memo = columns.Memo ?? [] } : null!,
            DateFormats = profile.DateFormats ?? [],
            SkipRowsStartingWith = profile.SkipRowsStartingWith ?? [],
            NullValues = profile.NullValues ?? [],
            NotBooked = profile.NotBooked ?? [],
            Direction = profile.Direction is { } d ? d with { Credit = d.Credit ?? [], Debit = d.Debit ?? [], Neutral = d.Neutral ?? [] } : null,
        };
        var problems = Validate(profile);
        return problems.Count == 0
            ? profile
            : throw new ProfileException($"profile {origin}: {string.Join("; ", problems)}");
    }

    /// <summary>Reads a profile file.</summary>
    public static BankProfile ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>The profile as indented JSON (without the defaults a clerk never needs to see).</summary>
    public static string Write(BankProfile profile) => JsonSerializer.Serialize(profile, Options);

    /// <summary>Every problem that keeps a profile from being used, as sentences naming the key; empty when fine.</summary>
    public static IReadOnlyList<string> Validate(BankProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var problems = new List<string>();
        var c = profile.Columns ?? new ProfileColumns();
        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            problems.Add("name is empty");
        }

        if (!TextEncodings.IsKnown(profile.Encoding))
        {
            problems.Add($"encoding \"{profile.Encoding}\" is not one of {string.Join(", ", TextEncodings.Names)}");
        }

        if (!TryDelimiter(profile.Delimiter, out _))
        {
            problems.Add($"delimiter \"{profile.Delimiter}\" is not one of \",\" \";\" \"\\t\" \"|\"");
        }

        if (profile.DecimalSeparator is not ("." or ","))
        {
            problems.Add($"decimalSeparator \"{profile.DecimalSeparator}\" is not \".\" or \",\"");
        }

        if (profile.DateFormats is null || profile.DateFormats.Count == 0 || profile.DateFormats.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("dateFormats needs at least one format, none empty (such as \"yyyy-MM-dd\")");
        }

        if (profile.DefaultCurrency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
        {
            problems.Add($"defaultCurrency \"{profile.DefaultCurrency}\" is not a three-letter code");
        }

        if (string.IsNullOrWhiteSpace(c.Date))
        {
            problems.Add("columns.date is required");
        }

        var split = !string.IsNullOrWhiteSpace(c.Credit) || !string.IsNullOrWhiteSpace(c.Debit);
        var signed = !string.IsNullOrWhiteSpace(c.Amount);
        if (split == signed)
        {
            problems.Add("give the amount either as columns.amount or as columns.credit and columns.debit, not both and not neither");
        }

        if (split && (string.IsNullOrWhiteSpace(c.Credit) || string.IsNullOrWhiteSpace(c.Debit)))
        {
            problems.Add("columns.credit and columns.debit go together");
        }

        if (!string.IsNullOrWhiteSpace(c.Direction))
        {
            if (!signed)
            {
                problems.Add("columns.direction needs columns.amount");
            }

            if (profile.Direction is null || profile.Direction.Credit.Count == 0 || profile.Direction.Debit.Count == 0)
            {
                problems.Add("columns.direction needs direction.credit and direction.debit values (such as 收入 and 支出)");
            }
        }
        else if (profile.Direction is not null)
        {
            problems.Add("direction values are given but columns.direction is not");
        }

        if (!string.IsNullOrWhiteSpace(c.Status) && (profile.NotBooked is null || profile.NotBooked.Count == 0 || profile.NotBooked.Any(string.IsNullOrWhiteSpace)))
        {
            problems.Add("columns.status needs notBooked values, none empty (the statuses of lines the bank has not booked, such as 交易关闭 or Autorizzato)");
        }
        else if (string.IsNullOrWhiteSpace(c.Status) && profile.NotBooked is { Count: > 0 })
        {
            problems.Add("notBooked values are given but columns.status is not");
        }

        if (!profile.HasHeaderRow && (profile.Header is null || profile.Header.Count == 0))
        {
            problems.Add("a profile with hasHeaderRow false must name the columns by position in header");
        }

        if (profile.HeaderRow is < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"headerRow {profile.HeaderRow} must be 1 or more"));
        }

        if (profile.Header is { } header)
        {
            foreach (var name in c.SingleColumns().Concat(c.Memo ?? []))
            {
                if (!string.IsNullOrWhiteSpace(name) && !header.Contains(BaseName(name), StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"column \"{name}\" is not in header");
                }
            }
        }

        return problems;
    }

    /// <summary>The delimiter character a profile names.</summary>
    public static char DelimiterChar(string delimiter) =>
        TryDelimiter(delimiter, out var c) ? c : throw new ArgumentException($"\"{delimiter}\" is not a delimiter", nameof(delimiter));

    private static bool TryDelimiter(string? text, out char delimiter)
    {
        delimiter = text switch
        {
            "," => ',',
            ";" => ';',
            "\t" or "\\t" or "tab" => '\t',
            "|" => '|',
            _ => '\0',
        };
        return delimiter != '\0';
    }

    private static string BaseName(string name)
    {
        var hash = name.LastIndexOf('#');
        return hash > 0 && int.TryParse(name.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? name[..hash].TrimEnd() : name.Trim();
    }
}
