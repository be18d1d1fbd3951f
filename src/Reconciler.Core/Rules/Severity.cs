namespace Reconciler.Rules;

/// <summary>How urgent a decision is, lowest first.</summary>
public enum Severity
{
    /// <summary>For the record; no action expected today.</summary>
    Info,

    /// <summary>Someone should look at it in the normal course of the day.</summary>
    Warning,

    /// <summary>Money at risk; look at it today.</summary>
    High,

    /// <summary>Look at it now.</summary>
    Critical,
}
