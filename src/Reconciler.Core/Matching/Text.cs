using System.Text;

namespace Reconciler.Matching;

/// <summary>Text helpers shared by the normalisers.</summary>
internal static class Text
{
    /// <summary>True for ASCII letters and digits, the only characters a contract key is made of.</summary>
    public static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    /// <summary>Applies NFKC when the text is not already in that form (full-width forms become ASCII).</summary>
    public static string FoldWidth(string text)
    {
        var ascii = true;
        foreach (var c in text)
        {
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }
        }

        return ascii || text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
    }
}
