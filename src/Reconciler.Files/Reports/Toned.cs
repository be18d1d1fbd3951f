namespace Reconciler.Files;

/// <summary>A cell value with a fill that means something (<see cref="ReportTone"/>).</summary>
/// <param name="Value">The value, as any other cell of a <see cref="ReportSheet"/> row.</param>
/// <param name="Tone">The fill.</param>
public readonly record struct Toned(object? Value, ReportTone Tone);
