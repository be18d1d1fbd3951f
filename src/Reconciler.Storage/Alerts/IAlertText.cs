namespace Reconciler.Storage;

/// <summary>An alert's texts, written when read (see <see cref="NewAlert.Text"/>); the same on every read.</summary>
public interface IAlertText
{
    /// <summary>The subject line.</summary>
    string Subject { get; }

    /// <summary>The plain-text body.</summary>
    string Body { get; }

    /// <summary>The structured content as JSON.</summary>
    string Payload { get; }
}
