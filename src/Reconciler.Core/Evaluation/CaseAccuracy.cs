using Reconciler.Synthetic;

namespace Reconciler.Evaluation;

/// <summary>How the matcher did on one kind of line.</summary>
public sealed class CaseAccuracy
{
    /// <summary>The kind of line; null for the totals.</summary>
    public SyntheticCase? Case { get; init; }

    /// <summary>Lines of this kind.</summary>
    public int Lines { get; internal set; }

    /// <summary>Lines the matcher matched or partially matched automatically.</summary>
    public int Automatic { get; internal set; }

    /// <summary>Of <see cref="Automatic"/>, those with the right contracts and the right status.</summary>
    public int AutomaticRight { get; internal set; }

    /// <summary>Lines that should be matched or partially matched automatically.</summary>
    public int ShouldBeAutomatic { get; internal set; }

    /// <summary>Of <see cref="ShouldBeAutomatic"/>, those that were, rightly.</summary>
    public int ShouldBeAutomaticAndWere { get; internal set; }

    /// <summary>Lines that need a person (suggested in the ground truth).</summary>
    public int NeedPerson { get; internal set; }

    /// <summary>Of <see cref="NeedPerson"/>, those suggested (or partial) with every right contract among the candidates.</summary>
    public int NeedPersonCovered { get; internal set; }

    /// <summary>Lines whose status is the right one.</summary>
    public int StatusRight { get; internal set; }

    /// <summary>Right automatic decisions among automatic ones; 1 when there were none.</summary>
    public double Precision => Automatic == 0 ? 1 : (double)AutomaticRight / Automatic;

    /// <summary>Share of the lines that should be automatic that were, rightly; 1 when there were none.</summary>
    public double Recall => ShouldBeAutomatic == 0 ? 1 : (double)ShouldBeAutomaticAndWere / ShouldBeAutomatic;

    /// <summary>Share of the lines that need a person that got the right candidates; 1 when there were none.</summary>
    public double Coverage => NeedPerson == 0 ? 1 : (double)NeedPersonCovered / NeedPerson;
}
