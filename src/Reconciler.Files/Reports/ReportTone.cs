namespace Reconciler.Files;

/// <summary>What a cell's (or a sheet tab's) colour means.</summary>
public enum ReportTone
{
    /// <summary>No colour.</summary>
    None,

    /// <summary>Red: an exception, something wrong that someone must act on.</summary>
    Exception,

    /// <summary>Amber: waits for a person to review.</summary>
    Review,

    /// <summary>Green: healthy.</summary>
    Good,
}
