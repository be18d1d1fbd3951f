using System.Text;
using Reconciler.Synthetic;

namespace Reconciler.Files;

/// <summary>The kebab-case words for <see cref="SyntheticCase"/> used in files and reports: <c>bank-fee</c>, <c>no-reference</c>.</summary>
public static class SyntheticCaseNames
{
    private static readonly string[] Names = [.. Enum.GetValues<SyntheticCase>().Select(c => Kebab(c.ToString()))];

    /// <summary>The word for a case, e.g. <c>reference-variant</c>.</summary>
    public static string ToName(this SyntheticCase syntheticCase) => Names[(int)syntheticCase];

    /// <summary>Parses a case word; case-insensitive, surrounding spaces ignored.</summary>
    public static bool TryParse(string? text, out SyntheticCase syntheticCase)
    {
        var trimmed = text?.Trim();
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                syntheticCase = (SyntheticCase)i;
                return true;
            }
        }

        syntheticCase = default;
        return false;
    }

    private static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
