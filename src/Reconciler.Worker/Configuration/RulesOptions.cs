namespace Reconciler.Worker.Configuration;

/// <summary>The <c>Rules</c> configuration section: the thresholds of the rules, and rules declared in configuration.</summary>
internal sealed class RulesOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Rules";

    /// <summary>Checks the options and returns one message per problem, naming the setting.</summary>
    public IReadOnlyList<string> Validate() => Problems;

    private List<string> Problems { get; } = [];
}
