using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Reconciler.Files;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Cli;

/// <summary>
/// <c>reconciler profile</c>: <c>detect FILE</c> prints the profile Reconciler would read a statement with, as JSON a
/// clerk can save and edit; <c>check FILE</c> reads it and shows the first lines as parsed and every problem;
/// <c>list</c> names the known profiles; <c>show NAME</c> prints one of them as JSON (a built-in one to copy out
/// into the profiles folder and edit).
/// </summary>
internal static class ProfileCommand
{
    private const int ShownRows = 10;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("profile", "Bank statement profiles: detect a file's layout, check a file against a profile, list the known ones, show one.");
        command.Subcommands.Add(Detect(output, error));
        command.Subcommands.Add(Check(output, error));
        command.Subcommands.Add(List(output, error));
        command.Subcommands.Add(Show(output, error));
        return command;
    }

    private static Command Detect(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The statement file (CSV, .xlsx or .xls)." };
        var config = ConfigOption();
        var save = OutOption();
        var command = new Command("detect", "Print the profile Reconciler would use for a statement file, as JSON to save and edit.") { file, config, save };
        command.SetAction(parsed => Guarded(error, () =>
        {
            var settings = Settings(parsed.GetValue(config));
            var path = parsed.GetValue(file)!.FullName;
            using var stream = Open(path);
            var detection = ProfileDetector.Detect(stream, parsed.GetValue(file)!.Name, settings.Catalog(), settings.Limits(), adaptDrifted: true);
            if (!Write(output, error, parsed.GetValue(save), detection.Profile))
            {
                return ExitCodes.OutputFailed;
            }

            error.WriteLine($"profile {detection.Profile.Name}: {detection.HowChosen}");
            foreach (var note in detection.Notes)
            {
                error.WriteLine($"note: {note}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Check(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The statement file (CSV, .xlsx or .xls)." };
        var profile = new Option<string?>("--profile") { Description = "A profile name or a profile file (.json); without it the file's profile is recognised or detected." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the counts, sums, dates, profile and problems." };
        var config = ConfigOption();
        var command = new Command("check", "Read a statement file and show the first lines as parsed, the totals and every problem.") { file, profile, json, config };
        command.SetAction(parsed => Guarded(error, () =>
        {
            var settings = Settings(parsed.GetValue(config));
            var catalog = settings.Catalog();
            var chosen = settings.ChosenProfile(catalog, parsed.GetValue(profile));
            var info = parsed.GetValue(file)!;
            using var stream = Open(info.FullName);
            var check = StatementReader.Check(stream, info.Name, chosen, catalog, settings.Limits());
            var totals = StatementTotals.Of(check.File?.Lines ?? []);
            if (parsed.GetValue(json))
            {
                WriteJson(output, check, totals);
            }
            else
            {
                WriteText(output, check, totals);
            }

            return check.ProblemCount == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        }));
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var config = ConfigOption();
        var command = new Command("list", "Name the profiles Reconciler knows (built-in and the profiles folder's).") { config };
        command.SetAction(parsed => Guarded(error, () =>
        {
            foreach (var known in Settings(parsed.GetValue(config)).Catalog().Profiles)
            {
                output.WriteLine($"{known.Name,-20} {known.Origin,-10} {known.Description}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("NAME") { Description = "A profile's name (see `profile list`) or a profile file (.json)." };
        var config = ConfigOption();
        var save = OutOption();
        var command = new Command("show", "Print a profile as JSON, as Reconciler loads it: a built-in one to save in the profiles folder and edit.") { name, config, save };
        command.SetAction(parsed => Guarded(error, () =>
        {
            var settings = Settings(parsed.GetValue(config));
            var catalog = settings.Catalog();
            BankProfile profile;
            try
            {
                profile = catalog.Get(parsed.GetValue(name)!);
            }
            catch (ProfileException problem)
            {
                error.WriteLine($"error: {problem.Message}");
                return ExitCodes.BadInput;
            }

            if (!Write(output, error, parsed.GetValue(save), profile))
            {
                return ExitCodes.OutputFailed;
            }

            var builtIn = string.Equals(profile.Origin, "built-in", StringComparison.Ordinal);
            var copy = Path.Combine(catalog.Folder ?? "profiles", profile.Name + ".json");
            error.WriteLine(builtIn
                ? $"profile {profile.Name} (built-in): to change it, save it with `reconciler profile show {profile.Name} --out {copy}` and edit it; a profile in the profiles folder (Statements:ProfilesFolder) wins over the built-in one of the same name"
                : $"profile {profile.Name} ({profile.Origin})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void WriteText(TextWriter output, StatementCheck check, StatementTotals totals)
    {
        var inv = CultureInfo.InvariantCulture;
        if (check.File is { } read)
        {
            output.WriteLine($"profile: {read.Profile.Name} ({read.HowChosen}{(read.Sheet is null ? "" : $", sheet {read.Sheet}")})");
            output.WriteLine("row   date        amount                  currency  payer                         memo");
            foreach (var line in read.Lines.Take(ShownRows))
            {
                // A line the bank marks as neither in nor out says so in words: "(16.03)" reads as a debit to a clerk; one
                // the bank has not booked (pending, closed) says that.
                var direction = line.NotBooked is not null ? "unbooked" : line.Neutral ? "neither" : "";
                output.WriteLine(string.Create(inv, $"{line.Row,-5} {line.Date:yyyy-MM-dd}  {line.Amount,14:N2} {direction,-8} {line.Currency,-8}  {Cut(line.PayerName, 28),-28}  {Cut(line.Memo, 60)}"));
            }

            if (read.Lines.Count > ShownRows)
            {
                output.WriteLine(string.Create(inv, $"… {read.Lines.Count - ShownRows:N0} more"));
            }
        }

        output.WriteLine(string.Create(inv, $"lines: {totals.Lines:N0}; credits: {totals.Credits:N0} totalling {totals.CreditSum:N2}; debits: {totals.Debits:N0} totalling {totals.DebitSum:N2}; neither: {totals.Neutral:N0}{(totals.NotBooked > 0 ? $" ({totals.NotBooked:N0} of them not booked by the bank)" : "")}"));
        if (totals.FirstDate is { } first)
        {
            output.WriteLine(string.Create(inv, $"booked: {first:yyyy-MM-dd} … {totals.LastDate:yyyy-MM-dd}"));
        }

        output.WriteLine(check.ProblemCount == 0 ? "problems: none" : string.Create(inv, $"problems: {check.ProblemCount:N0}"));
        foreach (var problem in check.Problems)
        {
            output.WriteLine($"  {problem.Message}");
        }

        if (check.ProblemCount > check.Problems.Count)
        {
            output.WriteLine(string.Create(inv, $"  … {check.ProblemCount - check.Problems.Count:N0} more"));
        }
    }

    private static void WriteJson(TextWriter output, StatementCheck check, StatementTotals totals)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("lines", totals.Lines);
            json.WriteNumber("credits", totals.Credits);
            json.WriteNumber("creditSum", totals.CreditSum);
            json.WriteNumber("debits", totals.Debits);
            json.WriteNumber("debitSum", totals.DebitSum);
            WriteDate(json, "firstDate", totals.FirstDate);
            WriteDate(json, "lastDate", totals.LastDate);
            if (check.File is { } read)
            {
                json.WriteString("profile", read.Profile.Name);
            }
            else
            {
                json.WriteNull("profile");
            }

            json.WriteStartArray("problems");
            foreach (var problem in check.Problems)
            {
                json.WriteStringValue(problem.Message);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateOnly? date)
    {
        if (date is { } d)
        {
            json.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static Option<FileInfo?> ConfigOption() => new("--config") { Description = "Configuration file (default: reconciler.json in the working directory, if present)." };

    private static StatementsOptions Settings(FileInfo? config) =>
        ReconcilerConfiguration.Statements(ReconcilerConfiguration.Load(config?.FullName));

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException($"{path} cannot be read: {problem.Message}", problem);
        }
    }

    /// <summary>
    /// <c>--out FILE</c>: the profile is written to the file once every profile is read. A shell's <c>&gt; FILE</c> into the
    /// profiles folder empties the file before Reconciler starts, so reading the folder fails on it (and a profile
    /// written over itself is lost).
    /// </summary>
    private static Option<FileInfo?> OutOption() => new("--out")
    {
        Description = "Write the profile to this file (into the profiles folder too) instead of printing it; safer than `> FILE`, which the shell empties before the profiles are read.",
    };

    /// <summary>Prints <paramref name="profile"/>, or writes it to <paramref name="file"/> (whole or not at all); false when the file cannot be written.</summary>
    private static bool Write(TextWriter output, TextWriter error, FileInfo? file, BankProfile profile)
    {
        var json = ProfileJson.Write(profile);
        if (file is null)
        {
            output.WriteLine(json);
            return true;
        }

        var temp = file.FullName + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temp, json + "\n", new System.Text.UTF8Encoding(false));
            File.Move(temp, file.FullName, overwrite: true);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }

            error.WriteLine($"error: {file.FullName} cannot be written: {problem.Message}");
            return false;
        }

        error.WriteLine($"wrote {file.FullName}");
        return true;
    }

    private static int Guarded(TextWriter error, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ConfigurationException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.Usage;
        }
        catch (ProfileException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.Usage;
        }
        catch (InputFormatException problem)
        {
            error.WriteLine($"error: {problem.Message}");
            return ExitCodes.BadInput;
        }
    }
}
