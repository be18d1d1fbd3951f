namespace Reconciler.Domain;

/// <summary>The lower-case words for <see cref="MatchStatus"/> used in files, the database and reports.</summary>
public static class MatchStatusNames
{
    private static readonly string[] Names = ["matched", "partial", "suggested", "unmatched", "duplicate", "ignored"];

    /// <summary>All statuses in display order.</summary>
    public static IReadOnlyList<MatchStatus> All { get; } = Enum.GetValues<MatchStatus>();

    /// <summary>The word for a status, e.g. <c>matched</c>.</summary>
    public static string ToName(this MatchStatus status) => Names[(int)status];

    /// <summary>Parses a status word; case-insensitive.</summary>
    public static bool TryParse(string? text, out MatchStatus status)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = (MatchStatus)i;
                return true;
            }
        }

        status = default;
        return false;
    }
}
