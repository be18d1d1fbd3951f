using System.CommandLine;
using System.Globalization;

namespace Reconciler.Worker.Cli;

/// <summary><c>--from</c> and <c>--to</c>: the booking days a report or an export covers, each optional, both included.</summary>
internal sealed class PeriodOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "First booking day (yyyy-MM-dd); default: the earliest." };

    public Option<string?> To { get; } = new("--to") { Description = "Last booking day, included (yyyy-MM-dd); default: the latest." };

    public void AddTo(Command command)
    {
        command.Options.Add(From);
        command.Options.Add(To);
    }

    /// <summary>Reads the period; false, with one line on <paramref name="error"/>, for a date that is not one or an empty period.</summary>
    public bool TryRead(ParseResult parsed, TextWriter error, out DateOnly? from, out DateOnly? to)
    {
        from = null;
        to = null;
        if (!TryDay(parsed.GetValue(From), "--from", error, out from) || !TryDay(parsed.GetValue(To), "--to", error, out to))
        {
            return false;
        }

        if (from > to)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}; nothing was written"));
            return false;
        }

        return true;
    }

    private static bool TryDay(string? text, string option, TextWriter error, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        error.WriteLine($"error: {option} must be a date written yyyy-MM-dd (as 2026-03-31); it is \"{text}\"; nothing was written");
        return false;
    }
}
