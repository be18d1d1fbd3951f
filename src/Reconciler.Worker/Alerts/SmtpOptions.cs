using MailKit.Security;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// The <c>Alerts:Smtp</c> settings: the mail server alerts are sent through. E-mail is on when <see cref="Host"/> is
/// set. The password is a secret: give it through the environment (<c>RECONCILER_Alerts__Smtp__Password</c>).
/// </summary>
internal sealed class SmtpOptions
{
    /// <summary>The values <see cref="Security"/> takes.</summary>
    public static IReadOnlyList<string> SecurityValues { get; } = ["starttls-when-available", "starttls", "ssl", "none"];

    /// <summary>The mail server's host name; empty for no e-mail.</summary>
    public string? Host { get; init; }

    /// <summary>The mail server's port.</summary>
    public int Port { get; init; } = 25;

    /// <summary>
    /// <c>starttls-when-available</c> (STARTTLS when the server offers it), <c>starttls</c> (required),
    /// <c>ssl</c> (TLS from the first byte, usually port 465) or <c>none</c>.
    /// </summary>
    public string Security { get; init; } = "starttls-when-available";

    /// <summary>The user name to authenticate with; empty for no authentication.</summary>
    public string? UserName { get; init; }

    /// <summary>The password (from the environment: <c>RECONCILER_Alerts__Smtp__Password</c>).</summary>
    public string? Password { get; init; }

    /// <summary>The sender address (<c>Reconciler &lt;reconciler@example.com&gt;</c> or a bare address); required with <see cref="Host"/>.</summary>
    public string? From { get; init; }

    /// <summary>How long one network operation with the server may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>MailKit's socket option for <see cref="Security"/>.</summary>
    public SecureSocketOptions SocketOptions => Security.Trim().ToUpperInvariant() switch
    {
        "NONE" => SecureSocketOptions.None,
        "STARTTLS" => SecureSocketOptions.StartTls,
        "SSL" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
