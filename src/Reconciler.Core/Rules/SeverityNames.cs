namespace Reconciler.Rules;

/// <summary>The severities' names in the outbox, messages, configuration and the CLI: <c>info</c>, <c>warning</c>, <c>high</c>, <c>critical</c>.</summary>
public static class SeverityNames
{
    /// <summary>The lower-case name of <paramref name="severity"/>.</summary>
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}
