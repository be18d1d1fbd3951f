using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Worker.Serve;

/// <summary>HTTP Basic credentials, compared in constant time.</summary>
internal static class BasicCredentials
{
    /// <summary>True when <paramref name="header"/> is <c>Basic base64(user:password)</c> for the given user and password.</summary>
    public static bool Match(string? header, string user, string password)
    {
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromBase64String(header["Basic ".Length..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes($"{user}:{password}");
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
