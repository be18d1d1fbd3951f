using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Reconciler.Worker.Cli;

/// <summary>
/// The command line's own mistakes (a value of the wrong type, an unknown command, a missing argument), said the way
/// the commands say theirs: one <c>error:</c> line each, naming the argument or option and the value given, then
/// the command's usage on standard error, and exit code 1 (<see cref="ExitCodes.Usage"/>). System.CommandLine's
/// own texts name .NET types ("as expected type 'System.Int64'") and print the whole help to standard output.
/// </summary>
internal static class CommandLineErrors
{
    /// <summary>The program's name in usage lines (the root command's own name is that of the host when run in tests).</summary>
    public const string Program = "reconciler";

    /// <summary>Writes the parse errors of <paramref name="parsed"/> and the usage of its command; returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int Write(ParseResult parsed, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(error);
        // "Required command was not provided" beside another error (an unknown command) says nothing more.
        var errors = parsed.Errors.Count > 1 ? parsed.Errors.Where(e => !NoCommand(e)) : parsed.Errors;
        foreach (var line in errors.Select(Describe).Distinct(StringComparer.Ordinal))
        {
            error.WriteLine($"error: {line}");
        }

        var command = parsed.CommandResult;
        error.WriteLine($"usage: {Usage(command)}");
        if (command.Command.Subcommands.Count > 0)
        {
            error.WriteLine($"commands: {string.Join(", ", command.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
        }

        error.WriteLine($"({CommandPath(command)} --help says more)");
        return ExitCodes.Usage;
    }

    /// <summary>One parse error in words: the argument or option, the value given and what it should be.</summary>
    internal static string Describe(ParseError problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (name, description, type, isOption) = problem.SymbolResult switch
        {
            ArgumentResult { Parent: OptionResult { Option: var o } } => (o.Name, o.Description, o.ValueType, true),
            ArgumentResult { Argument: var a } => (a.Name, a.Description, a.ValueType, false),
            OptionResult { Option: var o } => (o.Name, o.Description, o.ValueType, true),
            _ => ("", null, typeof(string), false),
        };
        var tokens = problem.SymbolResult?.Tokens ?? [];
        if (name.Length > 0 && tokens.Count > 0 && problem.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            var given = string.Join(" ", tokens.Select(t => t.Value));
            return $"{name}: \"{given}\" is not {Kind(type)}{About(name, description)}";
        }

        if (name.Length > 0 && tokens.Count == 0 && problem.Message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            return isOption ? $"{name} needs a value{About(name, description)}" : $"{name} is missing{About(name, description)}";
        }

        if (NoCommand(problem))
        {
            return "name a command";
        }

        if (Quoted(problem.Message, "Option '", "' is required.") is { } required)
        {
            var option = name == required ? description : OptionDescription(problem.SymbolResult, required);
            return $"{required} is required{About(required, option)}";
        }

        if (name.Length > 0 && tokens.Count > 0 && problem.Message.Split('\n') is [var first, .. var allowed]
            && first.EndsWith("not recognized. Must be one of:", StringComparison.Ordinal))
        {
            var values = string.Join(", ", allowed.Select(v => v.Trim().Trim('\'')).Where(v => v.Length > 0));
            return $"{name}: \"{string.Join(" ", tokens.Select(t => t.Value))}\" is not one of {values}";
        }

        if (Quoted(problem.Message, "Unrecognized command or argument '", "'.") is { } unknown)
        {
            return $"\"{unknown}\" is not a command or argument {Program} knows here";
        }

        // The rest name what they are about already ("Argument 'x' not recognized. Must be one of: …"): kept,
        // without the full stop the error line does not end with.
        return problem.Message.TrimEnd('.');
    }

    /// <summary>The description of the option <paramref name="name"/> of the command <paramref name="at"/> is in.</summary>
    private static string? OptionDescription(SymbolResult? at, string name)
    {
        for (; at is not null; at = at.Parent)
        {
            if (at is CommandResult { Command: var command } && command.Options.FirstOrDefault(o => o.Name == name) is { } option)
            {
                return option.Description;
            }
        }

        return null;
    }

    private static bool NoCommand(ParseError problem) =>
        problem.SymbolResult is CommandResult && problem.Message.StartsWith("Required command was not provided", StringComparison.Ordinal);

    /// <summary>The text between <paramref name="before"/> and <paramref name="after"/> when the message is exactly that; else null.</summary>
    private static string? Quoted(string message, string before, string after) =>
        message.Length > before.Length + after.Length && message.StartsWith(before, StringComparison.Ordinal) && message.EndsWith(after, StringComparison.Ordinal)
            ? message[before.Length..^after.Length]
            : null;

    /// <summary>The command's usage: <c>reconciler review confirm &lt;LINE&gt; [&lt;RECEIVABLE&gt;...] [options]</c>.</summary>
    internal static string Usage(CommandResult command)
    {
        var parts = new List<string> { CommandPath(command) };
        if (command.Command.Subcommands.Count > 0)
        {
            parts.Add("<command>");
        }

        foreach (var argument in command.Command.Arguments.Where(a => !a.Hidden))
        {
            var text = $"<{argument.Name}>{(argument.Arity.MaximumNumberOfValues > 1 ? "..." : "")}";
            parts.Add(argument.Arity.MinimumNumberOfValues == 0 ? $"[{text}]" : text);
        }

        parts.Add("[options]");
        return string.Join(" ", parts);
    }

    /// <summary>The words that run the command: <c>reconciler review confirm</c>.</summary>
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is not null; at = at.Parent)
        {
            if (at is CommandResult { Command: var c })
            {
                names.Insert(0, c is RootCommand ? Program : c.Name);
            }
        }

        return string.Join(" ", names);
    }

    /// <summary>"; LINE is the line's ledger id, as review list shows it" from the description, or nothing without one.</summary>
    private static string About(string name, string? description)
    {
        var text = description?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text.StartsWith("The ", StringComparison.Ordinal)
            ? $"; {name} is t{text[1..]}"
            : $" ({name}: {text})";
    }

    /// <summary>What a value of <paramref name="type"/> is, in words: "a whole number", "a date (yyyy-MM-dd)".</summary>
    private static string Kind(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        plain = plain.IsArray ? plain.GetElementType()! : plain;
        return plain switch
        {
            _ when plain == typeof(int) || plain == typeof(long) || plain == typeof(short) => "a whole number",
            _ when plain == typeof(decimal) || plain == typeof(double) => "a number, like 1200.50",
            _ when plain == typeof(DateOnly) || plain == typeof(DateTime) => "a date (yyyy-MM-dd)",
            _ when plain == typeof(TimeSpan) => "a time span, like 00:10:00",
            _ when plain == typeof(bool) => "true or false",
            _ when plain.IsEnum => $"one of {string.Join(", ", Enum.GetNames(plain))}",
            _ => string.Create(CultureInfo.InvariantCulture, $"a valid {plain.Name}"),
        };
    }
}
