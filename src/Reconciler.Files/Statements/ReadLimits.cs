namespace Reconciler.Files;

/// <summary>Limits on what one statement file may hold, so a runaway export is refused with a message instead of exhausting memory.</summary>
public sealed record ReadLimits
{
    /// <summary>The defaults: 5,000,000 transaction rows; <see cref="WorkbookLimits.Default"/>.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>The most transaction rows one file may have (Statements:MaxRows).</summary>
    public int MaxRows { get; init; } = 5_000_000;

    /// <summary>The limits on workbook parts.</summary>
    public WorkbookLimits Workbook { get; init; } = WorkbookLimits.Default;

    /// <summary>How many rows from the top are searched for the header.</summary>
    public int HeaderSearchRows { get; init; } = 100;
}
