namespace Reconciler.Rules;

/// <summary>One active rule as <c>reconciler rules list</c> shows it.</summary>
/// <param name="Name">The rule's name, as stamped on its decisions.</param>
/// <param name="Source"><c>built-in</c> or <c>configuration</c>.</param>
/// <param name="Description">What it does, with its thresholds as configured.</param>
public sealed record RuleDescription(string Name, string Source, string Description);
