namespace Reconciler.Matching;

/// <summary>
/// Normalises contract numbers so that <c>KL26-004512</c>, <c>kl26 004512</c> and <c>ＫＬ２６－００４５１２</c>
/// are one key: Unicode NFKC (full-width to ASCII), upper case, everything but ASCII letters and digits dropped.
/// </summary>
public static class ContractKey
{
    /// <summary>The normalised key of a contract number; empty when it holds no letter or digit.</summary>
    public static string Normalize(string? contractNo)
    {
        if (string.IsNullOrEmpty(contractNo))
        {
            return "";
        }

        var text = Text.FoldWidth(contractNo);
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[length++] = char.IsAsciiLetterLower(c) ? (char)(c - 32) : c;
            }
        }

        return length == text.Length && IsUpper(text) ? text : new string(buffer[..length]);
    }

    private static bool IsUpper(string text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
